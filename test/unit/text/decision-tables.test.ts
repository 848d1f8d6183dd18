/**
 * The cleaner's and the splitter's decisions as tables of named rules: every decision names the
 * rule that took it, rule ids are unique and say why, and each rule fires where it should.
 */
import { describe, expect, it } from 'vitest';
import { decide, tableRules } from '../../../lib/text/decision.js';
import { BREAK_RULES, BreakVerdict, forEachWrapBreak, type BreakContext, type WrapDecision } from '../../../lib/text/hard-wrap.js';
import { FurnitureVerdict, RUNNING_HEADER } from '../../../lib/text/page-furniture.js';
import { OPENS_REPORT, ReportBoundary, RUN_END, RunEndVerdict, WRAPPED_TITLE_HEAD } from '../../../lib/text/split-rules.js';
import { splitText, type SplitDecision } from '../../../lib/text/split.js';

const TABLES = { BREAK_RULES, OPENS_REPORT, RUN_END, WRAPPED_TITLE_HEAD, RUNNING_HEADER };

describe('the decision tables', () => {
  it('name every rule once, as group/name, with a reason', () => {
    const rules = [...Object.values(TABLES).flatMap((table) => tableRules(table)), ...Object.values(ReportBoundary)];
    const ids = rules.map((rule) => rule.id);

    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z-]+\/[a-z-]+$/);
      expect(rule.why.length).toBeGreaterThan(20);
    }
  });
});

/** A break under a full line in unindented text, with nothing around it unless given. */
function breakBetween(line: string, next: string, more: Partial<BreakContext> = {}): string {
  const context: BreakContext = {
    line,
    next,
    isAdvertLine: () => false,
    nextIsFull: true,
    nextTitle: () => next,
    afterNext: () => '',
    startsParagraph: () => false,
    indentMarksParagraphs: false,
    nextIndented: () => false,
    nextContinuesEnumeration: () => false,
    ...more,
  };
  return decide(BREAK_RULES, context).id;
}

describe('keeping or joining a line break under a full line', () => {
  it.each([
    ['认真贯彻落实上级党委的决策部署，扎实推进', '一、主要做法', 'wrap/next-heading-number'],
    ['认真贯彻落实上级党委的决策部署，扎实推进各项工作', '。二是加强学习', 'wrap/closing-mark-starts-next'],
    ['认真贯彻落实上级党委的决策部署，取得了一定成效。', '2024年度述职报告', 'wrap/title-after-sentence'],
    ['——在全县基层党建工作会议上的讲话稿', '同志们，今天我们召开这次会议', 'wrap/subtitle'],
    ['2023年度抓基层党建工作述职报告……………3', '2024年度工作总结……………7', 'wrap/table-of-contents-entry'],
    ['认真贯彻落实上级党委的决策部署，扎实推进各项工作', '第二篇 工作总结', 'wrap/ordinal-starts-next'],
    ['认真贯彻落实上级党委的决策部署，扎实推进各项工作', '取得了一定成效', 'wrap/unfinished-line'],
    ['认真贯彻落实上级党委的决策部署，扎实推进各项工作；', '取得了一定成效', 'wrap/sentence-end'],
  ])('decides the break under %s above %s by %s', (line, next, rule) => {
    expect(breakBetween(line, next)).toBe(rule);
  });

  it('keeps a break above an indented line, and joins one above a flush line, where indentation marks paragraphs', () => {
    const line = '认真贯彻落实上级党委的决策部署，扎实推进各项工作；';

    expect(breakBetween(line, '取得了一定成效', { indentMarksParagraphs: true, nextIndented: () => true })).toBe('wrap/indented-paragraph-start');
    expect(breakBetween(line, '取得了一定成效', { indentMarksParagraphs: true })).toBe('wrap/flush-continuation');
  });

  it('joins a sentence end to the next item of an enumeration the paragraph runs inline, and keeps it otherwise', () => {
    const line = '今年主要抓了三个方面：一是强化理论学习，提高政治站位。';

    expect(breakBetween(line, '二是改进工作作风', { nextContinuesEnumeration: () => true })).toBe('wrap/inline-enumeration');
    expect(breakBetween(line, '二是改进工作作风')).toBe('wrap/sentence-end');
  });

  it('keeps a report title under an advert line apart from it', () => {
    expect(breakBetween('更多精彩材料请关注公众号每日更新', '关于加强基层党建工作的实施方案', { isAdvertLine: () => true, nextIsFull: false })).toBe('wrap/title-under-advert');
  });

  it('names the rule of every break it decides, joined or kept, in text order', () => {
    const paragraph = '今年以来，在上级党委的正确领导下，我们坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党的二十大精神，扎实推进各项工作。';
    const lines = [paragraph.slice(0, 30), paragraph.slice(30, 60), '二、存在问题', paragraph.slice(0, 30), paragraph.slice(30, 60)];
    const decisions: WrapDecision[] = [];

    forEachWrapBreak(lines.join('\n'), () => {}, { onDecision: (decision) => decisions.push(decision) });

    expect(decisions.map((d) => [d.line, d.rule.id, d.rule.verdict])).toEqual([
      [lines[0], 'wrap/unfinished-line', BreakVerdict.Join],
      [lines[1], 'wrap/next-heading-number', BreakVerdict.Keep],
      [lines[3], 'wrap/unfinished-line', BreakVerdict.Join],
    ]);
  });
});

describe('opening a report', () => {
  const body = '今年以来，在上级党委的正确领导下，我们认真贯彻落实各项决策部署。';

  it('names the rule each report was opened by, and why title-shaped lines did not open one', () => {
    const text = ['2023年度述职报告', body, '', '2024年度述职报告', 'XX县委书记 张XX', body, '', '我们要做到以下几点，', '2025年度工作计划', body].join('\n');
    const decisions: SplitDecision[] = [];

    splitText(text, { onDecision: (decision) => decisions.push(decision) });

    expect(decisions.filter((d) => d.kind === 'report').map((d) => [d.line, d.rule.id])).toEqual([
      [0, 'report/body-follows'],
      [3, 'report/byline-then-body'],
    ]);
    expect(decisions.find((d) => d.line === 8)?.rule.id).toBe('report/line-above-runs-on');
  });

  it('asks nothing of a title-shaped line further', () => {
    expect(decide(OPENS_REPORT, { line: '我们认真贯彻落实各项决策部署。', previous: '', next: () => body, afterNext: () => undefined, thirdNext: () => undefined }).id).toBe(
      'report/not-title-shaped',
    );
  });

  it.each([
    ['an author line then the date', ['遂昌县县长童森军', '（2026 年 2 月 6 日）', '各位代表，同志们：']],
    ['the date then an author line', ['（2024年3月5日）', '市委书记 王XX', '同志们：']],
  ])("opens a speech whose title has %s under it before the salutation", (_, head) => {
    const [first, second, third] = head as [string, string, string];

    const rule = decide(OPENS_REPORT, { line: '县十七届人大五次会议表态发言', previous: '', next: () => first, afterNext: () => second, thirdNext: () => third });

    expect(rule.id).toBe('report/byline-and-date-then-body');
  });

  it('does not take two bare titles and a date over a body for a speech', () => {
    const rule = decide(OPENS_REPORT, { line: '2024年度述职报告', previous: '', next: () => '2025年度工作计划', afterNext: () => '（2024年3月5日）', thirdNext: () => body });

    expect(rule.id).toBe('report/no-body-follows');
  });
});

describe('the end of a numbered run', () => {
  it('takes a short last line under a small piece for a heading numbered on', () => {
    const rule = decide(RUN_END, { titleLengths: [20, 22, 18, 6], pieceLines: [30, 28, 2, 40] });

    expect([rule.id, rule.verdict]).toEqual(['run-end/heading-numbered-on', RunEndVerdict.Heading]);
  });

  it.each([
    [{ titleLengths: [20, 6], pieceLines: [30, 2] }, 'run-end/run-too-short'],
    [{ titleLengths: [20, 22, 18, 9], pieceLines: [30, 28, 2, 40] }, 'run-end/names-someone'],
    [{ titleLengths: [10, 12, 9, 7], pieceLines: [30, 28, 2, 40] }, 'run-end/as-long-as-titles'],
    [{ titleLengths: [20, 22, 18, 6], pieceLines: [30, 28, 20, 40] }, 'run-end/piece-not-small'],
  ])('keeps the last line a title by %j', (context, id) => {
    expect(decide(RUN_END, context).id).toBe(id);
  });
});

describe('a running header', () => {
  it.each([
    [{ pages: 1, beside: 1, pageNumbers: 1 }, 'furniture/seen-on-too-few-pages', FurnitureVerdict.Text],
    [{ pages: 3, beside: 3, pageNumbers: 10 }, 'furniture/beside-too-few-page-numbers', FurnitureVerdict.Text],
    [{ pages: 6, beside: 5, pageNumbers: 10 }, 'furniture/running-header', FurnitureVerdict.Furniture],
  ])('is decided for %j by %s', (context, id, verdict) => {
    const rule = decide(RUNNING_HEADER, context);

    expect([rule.id, rule.verdict]).toEqual([id, verdict]);
  });
});
