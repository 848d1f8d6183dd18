import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../lib/text/clean.js';
import { displayWidth, findWrapBreaks } from '../../../lib/text/hard-wrap.js';

/** Cuts `paragraph` into lines of `width` characters, like a PDF copy. */
function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < paragraph.length; i += width) lines.push(paragraph.slice(i, i + width));
  return lines;
}

const first = '今年以来，在上级党委的正确领导下，我们坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党的二十大精神，扎实推进各项工作，取得了一定成效。';
const second = '一是学习不够深入。个别党员对学习的重要性认识不足，存在以干代学的现象，学用结合不够紧密，理论联系实际的能力还需要进一步提升。';

describe('hard-wrapped text', () => {
  it('measures CJK characters as two half-width units', () => {
    expect(displayWidth('党建ab1')).toBe(7);
  });

  it('re-joins lines broken at the page width mid-sentence', () => {
    const input = ['2023年度工作总结', '', ...wrap(first, 30), '一、主要问题', ...wrap(second, 30)].join('\n');

    const result = cleanText(input);

    expect(result.text).toBe(['2023年度工作总结', '', first, '一、主要问题', second].join('\n'));
  });

  it('logs each removed line break as a white-space removal', () => {
    const input = wrap(first + second, 30).join('\n');

    const removals = cleanText(input).removals;

    expect(removals.length).toBeGreaterThan(0);
    expect(removals.every((r) => r.ruleId === 'whitespace/hard-wrap' && r.text === '\n')).toBe(true);
  });

  it('does not merge a line that ends a sentence, nor a numbered heading, into the next line', () => {
    const input = [...wrap(first, 30), '（一）加强理论学习', ...wrap(second, 30)].join('\n');

    const result = cleanText(input).text.split('\n');

    expect(result).toEqual([first, '（一）加强理论学习', second]);
  });

  it('leaves unwrapped text alone even when several short headings share one length', () => {
    const input = [
      '（一）提高政治站位，固化提升理想信念',
      `一是${first}${first}`,
      '（二）筑牢战斗堡垒，选优建强基层组织',
      `一是${second}${second}`,
      '（三）坚持问题导向，努力夯实党建基础',
      `一是${first}`,
    ].join('\n');

    expect(findWrapBreaks(input)).toEqual([]);
  });

  it('removes the indentation and trailing spaces around a wrap point together with the line break', () => {
    const input = wrap(first + second, 30).map((line, i) => (i === 0 ? `\u3000\u3000${line} ` : line)).join('\n');

    const [join] = cleanText(input).removals.filter((r) => r.ruleId === 'whitespace/hard-wrap');

    expect(join?.text).toBe(' \n');
  });

  describe('a full line that ends a sentence above the next item of an enumeration', () => {
    /** A line of 30 characters: `head`, filler, `tail`. */
    const full = (head: string, tail: string) => head + '党'.repeat(30 - head.length - tail.length) + tail;

    it('continues the paragraph when the item before stood inside it (一是 … 二是 … 三是 run inline)', () => {
      // prepare
      const lines = [full('今年主要抓了三个方面：一是强化', '学习。'), full('二是改进作风，深入基层', '问题。'), full('三是严明纪律，', '坚持'), '到底。'];

      // act
      const result = cleanText(['标题', '', ...lines].join('\n')).text;

      // assert
      expect(result).toBe(`标题\n\n${lines.join('')}`);
    });

    it('ends the paragraph when the item before opened it (one item per paragraph)', () => {
      // prepare
      const first = [full('一是强化学习，', '提高'), full('理论水平，', '一遍。')];
      const second = [full('二是改进作风，', '深入'), '基层。'];

      // act
      const result = cleanText(['标题', '', ...first, ...second].join('\n')).text;

      // assert
      expect(result.split('\n').slice(2)).toEqual([first.join(''), second.join('')]);
    });

    it('reads an item a wrap split between its numeral and 是 (…。二 / 是…)', () => {
      // prepare
      const lines = [full('主要做法：一是强化学习，', '坚持。二'), full('是改进作风，深入基层', '到位。'), full('三是严明纪律，', '坚持'), '到底。'];

      // act
      const result = cleanText(['标题', '', ...lines].join('\n')).text;

      // assert
      expect(result).toBe(`标题\n\n${lines.join('')}`);
    });
  });

  it('joins a full line that ends a sentence when indentation marks where paragraphs start', () => {
    // With its two-space indent the first line is exactly full and ends with 。.
    const paragraph = `${'党'.repeat(27)}。${'建'.repeat(30)}${'工'.repeat(10)}。`;
    const lines = ['标题', '', ...[paragraph, paragraph, paragraph].flatMap((p) => wrap(`\u3000\u3000${p}`, 30))];
    expect(lines[2]).toBe(`\u3000\u3000${'党'.repeat(27)}。`);

    const result = cleanText(lines.join('\n')).text;

    expect(result).toBe(['标题', '', paragraph, paragraph, paragraph].join('\n'));
  });

  it.each([
    ['no-break spaces', '\u00a0'.repeat(4)],
    ['spaces', ' '.repeat(4)],
  ])('reads an indent of four %s as a paragraph start, as of two ideographic spaces', (_name, indent) => {
    const paragraph = `${'党'.repeat(27)}。${'建'.repeat(30)}${'工'.repeat(10)}。`;
    const lines = ['标题', '', ...[paragraph, paragraph, paragraph].flatMap((p) => wrap(`\u3000\u3000${p}`, 30).map((line) => line.replace(/^\u3000\u3000/u, indent)))];

    const result = cleanText(lines.join('\n')).text;

    expect(result).toBe(['标题', '', paragraph, paragraph, paragraph].join('\n'));
  });

  it('removes the junk before an advert tag a wrap moved onto the next line, though spaces end the line', () => {
    const input = ['一、主要工作', '现将有关情况报告如下。~  ', '【更多素材搜索材&料范文网】  ', '二、存在问题'].join('\n');

    // The tag's line is left blank, like any line an inline cut empties.
    expect(cleanText(input).text).toBe(['一、主要工作', '现将有关情况报告如下。', '', '二、存在问题'].join('\n'));
  });

  it('without indentation, keeps a full line that ends a sentence as the end of its paragraph', () => {
    const paragraph = `${'党'.repeat(29)}。${'建'.repeat(30)}${'工'.repeat(10)}。`;
    const lines = [paragraph, paragraph, paragraph].flatMap((p) => wrap(p, 30));
    expect(lines[0]).toBe(`${'党'.repeat(29)}。`);

    const result = cleanText(lines.join('\n')).text.split('\n');

    expect(result[0]).toBe(`${'党'.repeat(29)}。`);
  });

  it('keeps a line that names one document in 《》 as a line of its own, even when an advert cut from its end made it look full', () => {
    // prepare: the 16 characters and the advert after them are as wide as the 30-character lines.
    const book = '《关于加强基层党组织建设的报告》';
    const input = [...wrap(first, 30), `${book}%【更多素~材搜索某某文库&】`, ...wrap(`一是${second}`, 30)].join('\n');

    // act
    const lines = cleanText(input).text.split('\n');

    // assert
    expect(lines).toEqual([first, book, `一是${second}`]);
  });

  it('joins a line a wide character left one short of the full width, though a few lines are wider than most', () => {
    const body = wrap((first + second).repeat(3).replaceAll('。', '，'), 30);
    const short = `${second.slice(10, 38)}95%`;
    const wider = body.slice(0, 2).map((line) => `${line}ABCDEFG`);
    const lines = [...wider, ...body.slice(2, 8), short, ...body.slice(8)];
    const input = lines.join('\n');

    const breaks = findWrapBreaks(input);

    expect([displayWidth(short), displayWidth(body[3]!), displayWidth(wider[0]!)]).toEqual([59, 60, 67]);
    const afterShort = input.indexOf(short) + short.length;
    expect(breaks).toContainEqual({ start: afterShort, end: afterShort + 1 });
  });

  it('keeps a title under an advert line apart from it, with the paragraph the title opens', () => {
    const advert = '更多精彩材料请关注公众号：笔杆子宝库，svip会员每日更新';
    const title = '关于2022年党组织书记抓基层党建的实施方案';
    const body = (first + second).replaceAll('。', '，').slice(0, -1) + '。';
    const input = [...wrap(first + second + first, 30), advert, `${title}【公文素材库】`, ...wrap(body, 30)].join('\n');

    const result = cleanText(input);

    expect(result.text.split('\n').slice(-2)).toEqual([title, body]);
    expect(result.removals.some((r) => r.text.trim() === advert)).toBe(true);
  });

  it('keeps the bracketed date under a full-width title on its own line, while a remark such as （范文） rejoins its title', () => {
    const title = '中共某某县委组织部某某镇党委书记在全县基层党建工作会议上的讲话';
    const body = wrap(first + second + first, 30);
    const copied = (under: string) => [...body, title, under, ...body].join('\n');

    const dated = cleanText(copied('（2024年1月15日）')).text.split('\n');
    const remarked = cleanText(copied('（范文）')).text.split('\n');

    expect(displayWidth(title)).toBeGreaterThanOrEqual(60);
    expect(dated.slice(1, 3)).toEqual([title, '（2024年1月15日）']);
    expect(remarked[1]).toBe(`${title}（范文）`);
  });

  it('rejoins a title wrapped before its last word when the tail carries a stray full stop (…专题党课 / 讲稿。), above an author line', () => {
    const title = 'XX学校党支部2024年党委（党组）书记2023年度抓基层党建工作专题党课讲稿。';
    const [head, tail] = [title.slice(0, -3), title.slice(-3)];
    const input = [...wrap(first + second + first, 30), '', head, tail, '中共XX县委组织部', ...wrap(second + first, 30)].join('\n');

    const lines = cleanText(input).text.split('\n');

    expect(displayWidth(head)).toBeGreaterThanOrEqual(60);
    expect(lines.slice(2, 4)).toEqual([title, '中共XX县委组织部']);
  });

  describe('titles numbered as the pieces of a compilation', () => {
    const body = wrap(first + second + first, 30);

    it.each([
      ['before its last words', '3、2023年度刘XX同志党委（党组）书记2023年度抓基层党建工作对', '照检查材料'],
      ['before its last word, with a stray full stop', '2.XX公司党委关于党委（党组）书记2023年度抓基层党建工作的实施', '方案。'],
      ['before a tail that is title-shaped, with a stray full stop', '五、XX学校党支部关于党委（党组）书记2023年度抓基层党建工作的', '实施方案。'],
    ])('rejoins one wrapped %s', (_name, head, tail) => {
      const input = [...body, '', head, tail, '——在全县基层党建工作会议上的讲话', ...body].join('\n');

      const lines = cleanText(input).text.split('\n');

      // Full: the body's lines are 60 units wide, and one wide character short of that counts.
      expect(displayWidth(head)).toBeGreaterThanOrEqual(59);
      expect(lines.slice(2, 4)).toEqual([head + tail, '——在全县基层党建工作会议上的讲话']);
    });

    it('keeps one that fills the width with an advert apart from the bracketed date under it', () => {
      const title = '7.**市委组织部关于2022年党组织书记抓基层党建的实施方案*【更多素材搜索哒#哒文库】';
      const input = [...wrap(first + first, 37), '', title, '（2024年1月15日）', ...wrap(first + first, 37)].join('\n');

      const lines = cleanText(input).text.split('\n');

      expect(lines.slice(2, 4)).toEqual(['7.**市委组织部关于2022年党组织书记抓基层党建的实施方案', '（2024年1月15日）']);
    });
  });

  it('leaves short lines such as a list of headings alone', () => {
    expect(findWrapBreaks('一、成绩\n二、问题\n三、打算\n四、其他')).toEqual([]);
  });
});
