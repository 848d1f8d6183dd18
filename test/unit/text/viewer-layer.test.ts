import { describe, expect, it } from 'vitest';
import { CleanFamily, cleanText } from '../../../lib/text/clean.js';
import { inputPositionAt, lineShifts } from '../../../lib/text/source-lines.js';
import { CHUNK_NUMBER_RULE_ID, FLATTENED_BREAK_RULE_ID, PAGE_FOOTER_RULE_ID, PREVIEW_SNIPPET_RULE_ID } from '../../../lib/text/viewer-layer.js';
import { restoreRemovals } from './restore-removals.js';

/** A sentence of a report, `n` times: text as long as a viewer's chunk. */
const prose = (n: number) => '街道办事处紧紧围绕区年度工作会议提出的目标，全力加强社区建设，社区环境进一步改善，人民生活水平进一步提高。'.repeat(n);

describe("a document viewer's chunk numbers", () => {
  it('takes the numbers out and rejoins the word a chunk split (a 文库 preview: 1、 before the title, 2、 inside 街道)', () => {
    // prepare
    const input = [`1、2008年街道办工作总结 ${prose(3)}居民对社区的环境倍加关注。街`, `2、道办事处针对居民的这一强烈要求，${prose(3)}安装了4组健身`, '3、路径，填补了这一社区健身器材的空白。'].join('\n');

    // act
    const result = cleanText(input);

    // assert
    expect(result.text).toBe(`2008年街道办工作总结 ${prose(3)}居民对社区的环境倍加关注。街道办事处针对居民的这一强烈要求，${prose(3)}安装了4组健身路径，填补了这一社区健身器材的空白。`);
    expect(result.removals.filter((r) => r.family === CleanFamily.ViewerLayer).map((r) => [r.ruleId, r.text])).toEqual([
      [CHUNK_NUMBER_RULE_ID, '1、'],
      [CHUNK_NUMBER_RULE_ID, '\n2、'],
      [CHUNK_NUMBER_RULE_ID, '\n3、'],
    ]);
  });

  it('keeps the line break where a chunk starts a sentence (a .doc preview: 益处 / 2、和重要性, then a chunk after a full stop)', () => {
    // prepare
    const input = [`1、读书月活动心得体会心得一：${prose(3)}宣传读书的益处`, `2、和重要性，鼓励同学们多看书。${prose(3)}`, `3、${prose(3)}`].join('\n');

    // act
    const lines = cleanText(input).text.split('\n');

    // assert
    expect(lines).toEqual([`读书月活动心得体会心得一：${prose(3)}宣传读书的益处和重要性，鼓励同学们多看书。${prose(3)}`, prose(3)]);
  });

  it.each([
    ['a numbered list of long items that each end a sentence', [`1、${prose(2)}`, `2、${prose(2)}`, `3、${prose(2)}`].join('\n')],
    ['a numbered list of short items', ['1、加强理论学习', '2、改进工作作风', '3、严格纪律要求'].join('\n')],
  ])('keeps %s', (_name, input) => {
    // act / assert
    expect(cleanText(input).text).toBe(input);
  });
});

describe('a page footer left inside a word of a flattened text layer', () => {
  it('takes 第1页共4页 out of 精…神 in a long line', () => {
    // prepare
    const input = `${prose(4)}下面，就贯彻落实本次会议精第1页共4页神，我再强调两点意见。`;

    // act
    const result = cleanText(input);

    // assert
    expect(result.text).toBe(`${prose(4)}下面，就贯彻落实本次会议精神，我再强调两点意见。`);
    expect(result.removals.map((r) => [r.ruleId, r.text])).toEqual([[PAGE_FOOTER_RULE_ID, '第1页共4页']]);
  });

  it('keeps a page reference in a sentence of a short line', () => {
    // prepare
    const input = '详见第3页共12页的附表。';

    // act / assert
    expect(cleanText(input).text).toBe(input);
  });
});

describe('paragraphs flattened into one line with spaces where the line breaks were', () => {
  it('puts the line breaks back after sentence ends and after a heading run into its text (a government page)', () => {
    // prepare
    const input = `一、2023年工作回顾 ${prose(2)} （一）坚持谋发展、促增长，全力提振经济活力。 紧盯关键指标。${prose(2)} 提升发展动能。${prose(1)}`;

    // act
    const result = cleanText(input);

    // assert
    expect(result.text.split('\n')).toEqual([
      '一、2023年工作回顾',
      prose(2),
      '（一）坚持谋发展、促增长，全力提振经济活力。',
      `紧盯关键指标。${prose(2)}`,
      `提升发展动能。${prose(1)}`,
    ]);
    const breaks = result.removals.filter((r) => r.ruleId === FLATTENED_BREAK_RULE_ID);
    expect(breaks.map((r) => [r.text, r.replacement])).toEqual(Array.from({ length: 4 }, () => [' ', '\n']));
    expect(restoreRemovals(result.text, result.removals)).toBe(input);
  });

  it('puts them back after the titles that open the line and after 如下:, not at the spaces around numbers (a 文库 page)', () => {
    // prepare
    const input = `社会主义新农村建设调研报告 建设社会主义新农村调研报告 为了摸清现状，现将 XX 市大石头村的调研情况报告如下: 一、基本现状 XX 县区鹿窝乡大石头村距乡政府 22 公里，${prose(2)} 全村总面积 7821 亩，${prose(1)}`;

    // act
    const lines = cleanText(input).text.split('\n');

    // assert
    expect(lines).toEqual([
      '社会主义新农村建设调研报告',
      '建设社会主义新农村调研报告',
      '为了摸清现状，现将 XX 市大石头村的调研情况报告如下：',
      '一、基本现状',
      `XX 县区鹿窝乡大石头村距乡政府 22 公里，${prose(2)}`,
      `全村总面积 7821 亩，${prose(1)}`,
    ]);
  });

  it('places every restored line in the input line it came from, at its column', () => {
    // prepare
    const input = `标题\n${prose(2)} ${prose(2)} ${prose(1)}`;
    const cleaned = cleanText(input);
    const starts = [0];
    for (let i = cleaned.text.indexOf('\n'); i !== -1; i = cleaned.text.indexOf('\n', i + 1)) starts.push(i + 1);

    // act
    const positions = starts.map((offset, line) => inputPositionAt(lineShifts(cleaned.text, cleaned.forEachRemoval), line, offset, 0));

    // assert
    const column = (n: number) => n * prose(1).length + 1;
    expect(positions.map(({ line, column: at }) => [line, at])).toEqual([
      [1, 1],
      [2, 1],
      [2, column(2) + 1],
      [2, column(4) + 2],
    ]);
    expect(positions.map(({ offset }) => input[offset])).toEqual(['标', '街', '街', '街']);
  });

  it.each([
    ['one long paragraph with a single space after a sentence', `${prose(3)} ${prose(2)}`],
    ['spaces around numbers and Latin words', `现将 XX 市的情况报告如下，全村 221 户 914 人，${prose(4)}`],
    ['a short line with spaces after sentences', '一是加强学习。 二是改进作风。 三是严守纪律。'],
  ])('keeps %s', (_name, input) => {
    // act / assert
    expect(cleanText(input).removals.filter((r) => r.ruleId === FLATTENED_BREAK_RULE_ID)).toEqual([]);
  });
});

describe('a preview snippet that repeats the opening', () => {
  it.each([
    // A 范文 site: 推荐阅读 and a cut copy of the title, salutation and first sentences.
    ['推荐阅读:校长年度:我们一直在努力 教师们、同志们: 屈指算来,今天是我在实中第七次向同志们报告履行职责的情况。自从接到', '校长年度:我们一直在努力\n\n教师们、同志们:\n\n屈指算来,今天是我在实中第七次向同志们报告履行职责的情况。自从接到教育局关于干部考核的通知后,我心里一直都很惭愧。'],
    // A 汇报 site: the page's meta description (title and the first characters) glued to its blurb.
    ['乡镇创城工作汇报自接到创城通知后,我乡立即确定专职人员负责此项工作。现就我乡创城工作的进展情况做如下汇报:一、工作进展下面是小编为大家整理的乡镇创城工作汇报范本,供大家参考。', '乡镇创城工作汇报\n自接到创城通知后,我乡立即确定专职人员负责此项工作。现就我乡创城工作的进展情况做如下汇报:\n一、工作进展情况:'],
  ])('cuts the snippet line %j', (snippet, document) => {
    // act
    const result = cleanText(`${snippet}\n${document}`);

    // assert
    expect(result.removals.filter((r) => r.family === CleanFamily.ViewerLayer).map((r) => [r.ruleId, r.text])).toEqual([[PREVIEW_SNIPPET_RULE_ID, `${snippet}\n`]]);
  });

  it('keeps a table-of-contents entry above the same title', () => {
    // prepare
    const input = '1.2023年度乡镇党委书记抓基层党建工作述职报告暨个人述职述廉报告\n2023年度乡镇党委书记抓基层党建工作述职报告暨个人述职述廉报告\n今年以来，我认真履行党建第一责任人职责。';

    // act / assert
    expect(cleanText(input).removals.filter((r) => r.ruleId === PREVIEW_SNIPPET_RULE_ID)).toEqual([]);
  });
});
