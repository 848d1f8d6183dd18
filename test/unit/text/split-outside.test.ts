import { describe, expect, it } from 'vitest';
import { cleanStage, encodeRemovalLog, mergeRemovalLog, splitStage, type RemovalLog } from '../../../lib/convert.js';
import { OutsideRule, splitText } from '../../../lib/text/split.js';

const BODY = '根据县委统一安排，我认真学习了党的二十大精神，深入查摆了自身存在的问题，现将有关情况报告如下。';
const BODY_B = '2023年，我们认真贯彻落实上级决策部署，各项工作取得了新的进展和成效。';
/** The ideographic spaces a copied paragraph starts with. */
const INDENT = '\u3000\u3000';
const encode = (text: string) => new TextEncoder().encode(text);

describe('text the split leaves out of every report', () => {
  it('joins a title wrapped over two lines instead of dropping its first line', () => {
    // prepare
    const text = ['关于2023年度党员领导干部民主生活会个人对照检', '查材料（含案例）', BODY, '一、存在的问题'].join('\n');
    // act
    const { reports, outside } = splitText(text);
    // assert
    expect(reports.map((r) => r.title)).toEqual(['关于2023年度党员领导干部民主生活会个人对照检查材料（含案例）']);
    expect(outside).toEqual([]);
  });

  it('keeps a signature above the next title apart from it', () => {
    // prepare: a unit's signature right above the next report's title, a blank line before it
    const text = ['2022年度工作总结', BODY, '', 'XX县人民政府办公室综合科', '2023年度工作总结', BODY_B].join('\n');
    // act
    const { reports } = splitText(text);
    // assert
    expect(reports.map((r) => r.title)).toEqual(['2022年度工作总结', '2023年度工作总结']);
  });

  it('names the cover, the table of contents and the piece numbers it leaves out, each with its rule', () => {
    // prepare
    const text = ['述职报告汇编', '（2篇）', '目录', '1.2022年度述职报告', '2.2023年度工作总结', '1.2022年度述职报告', BODY, '2.2023年度工作总结', BODY_B].join('\n');
    // act
    const { reports, outside } = splitText(text);
    // assert
    expect(reports.map((r) => r.title)).toEqual(['2022年度述职报告', '2023年度工作总结']);
    expect(outside.map(({ ruleId, line, text }) => [ruleId, line, text])).toEqual([
      [OutsideRule.Cover, 0, '述职报告汇编'],
      [OutsideRule.Cover, 1, '（2篇）'],
      [OutsideRule.TableOfContents, 2, '目录'],
      [OutsideRule.TableOfContents, 3, '1.2022年度述职报告'],
      [OutsideRule.TableOfContents, 4, '2.2023年度工作总结'],
      [OutsideRule.PieceNumber, 5, '1.'],
      [OutsideRule.PieceNumber, 7, '2.'],
    ]);
  });

  it('places its cuts in the input, past the cleaning\'s, and logs them in offset order', () => {
    // prepare: an indented, advert-laden cover above a numbered compilation
    const input = [`${INDENT}述职报告汇编【更多素材搜索文库】`, '', '1.2022年度述职报告', `${INDENT}${BODY}`, `${INDENT}${BODY_B}`, `${INDENT}${BODY}`, '2.2023年度工作总结', `${INDENT}${BODY_B}`, `${INDENT}${BODY}`, `${INDENT}${BODY_B}`].join('\n');
    const cleaned = cleanStage(encode(input), 'input.txt');
    // act
    const { removals, manifest } = splitStage(cleaned);
    const log = JSON.parse(new TextDecoder().decode(encodeRemovalLog(cleaned, removals))) as RemovalLog;
    // assert
    expect(removals.map(({ line, column, text }) => [line, column, text])).toEqual([[1, 3, '述职报告汇编'], [3, 1, '1.'], [7, 1, '2.']]);
    for (const cut of log.removals) expect(input.slice(cut.offset, cut.offset + cut.text.length)).toBe(cut.text);
    expect(log.removals.map((cut) => cut.offset)).toEqual([...log.removals.map((cut) => cut.offset)].sort((a, b) => a - b));
    expect(manifest.cleaning.removals).toBe(log.removals.length);
    expect(manifest.cleaning.byFamily['outside-reports']).toBe(3);
  });

  it('gives the chain\'s merged log the same bytes as the CLI\'s', () => {
    // prepare
    const input = ['述职报告汇编【更多素材搜索文库】', '（2篇）', '1.2022年度述职报告', `${INDENT}${BODY}`, '2.2023年度工作总结', `${INDENT}${BODY_B}`].join('\n');
    const cleaned = cleanStage(encode(input), 'a[1].txt');
    const { removals } = splitStage(cleaned);
    // act
    const merged = mergeRemovalLog(encodeRemovalLog(cleaned), removals);
    // assert
    expect(removals.length).toBeGreaterThan(0);
    expect(new TextDecoder().decode(merged)).toBe(new TextDecoder().decode(encodeRemovalLog(cleaned, removals)));
  });

  it('merges into an empty log of the cleaning', () => {
    // prepare: nothing for the cleaning to cut
    const input = ['述职报告汇编', '（2篇）', '1.2022年度述职报告', BODY, '2.2023年度工作总结', BODY_B].join('\n');
    const cleaned = cleanStage(encode(input), 'input.txt');
    const { removals } = splitStage(cleaned);
    // act
    const merged = mergeRemovalLog(encodeRemovalLog(cleaned), removals);
    // assert
    expect(cleaned.summary.removals).toBe(0);
    expect(new TextDecoder().decode(merged)).toBe(new TextDecoder().decode(encodeRemovalLog(cleaned, removals)));
  });
});
