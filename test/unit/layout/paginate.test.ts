import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, Report } from '../../../lib/model/report.js';
import { pageGeometry } from '../../../lib/render/layout/page-geometry.js';
import { layoutReport } from '../../../lib/render/layout/paginate.js';
import type { LaidLine, LaidPage, MeasureText } from '../../../lib/render/layout/types.js';
import { GBT9704, PLAIN } from '../../../lib/render/style.js';
import { fakeMeasure, fakeWidth } from './fake-measure.js';

const GEOMETRY = pageGeometry(GBT9704);
/** The GB/T grid with Word's default pagination (widow control on), as the plain profile has it. */
const WIDOW_CONTROLLED = { ...GBT9704, pagination: { widowControl: true, keepHeadingsWithNext: true } };
const PITCH = GEOMETRY.linePitchPt;
const SHORT_TITLE = '个人述职报告';

const ideographs = (count: number, seed = 0): string =>
  Array.from({ length: count }, (_, i) => String.fromCodePoint(0x4e00 + ((seed * 31 + i * 7) % 500))).join('');
/** A body paragraph of exactly `lines` lines on the GB/T grid (26 characters first, 28 after). */
const paragraphOfLines = (lines: number, seed = 0): Block => ({ kind: 'paragraph', text: ideographs(26 + 28 * (lines - 1), seed) });
const oneLiners = (count: number): Block[] => Array.from({ length: count }, (_, i) => paragraphOfLines(1, i));
const report = (blocks: Block[], title = SHORT_TITLE): Report => ({ title, blocks });
const text = (line: LaidLine): string => line.runs.map((run) => run.text).join('');
/** Line slot of a line on its page, from its baseline. */
const slotOf = (line: LaidLine): number => Math.floor((line.baselineY - GEOMETRY.topPt) / PITCH);
const pageHolding = (pages: readonly LaidPage[], needle: string): LaidPage | undefined =>
  pages.find((page) => page.lines.some((line) => text(line).includes(needle)));

describe('layoutReport on the GB/T 9704 profile', () => {
  it('sets 22 lines a page and as many pages as the lines need', () => {
    const blocks = oneLiners(100);

    const { pages } = layoutReport(report(blocks), GBT9704, fakeMeasure);

    // Title line + blank line + 100 body lines = 102 slots = 4 full pages and 14 lines.
    expect(pages).toHaveLength(Math.ceil(102 / 22));
    expect(pages.map((page) => page.lines.length)).toEqual([21, 22, 22, 22, 14]);
    expect(pages.map((page) => page.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('spaces baselines one pitch apart and keeps every line inside the text block', () => {
    const { pages } = layoutReport(report(oneLiners(60)), GBT9704, fakeMeasure);
    const lines = pages[1]?.lines ?? [];

    for (let i = 1; i < lines.length; i += 1) expect((lines[i]?.baselineY ?? 0) - (lines[i - 1]?.baselineY ?? 0)).toBeCloseTo(PITCH, 6);
    const first = lines[0]?.baselineY ?? 0;
    const last = lines.at(-1)?.baselineY ?? 0;
    expect(first - 16 * 0.88).toBeGreaterThan(GEOMETRY.topPt);
    expect(last + 16 * 0.12).toBeLessThan(GEOMETRY.topPt + GEOMETRY.heightPt);
    expect(lines).toHaveLength(22);
  });

  it('centres the balanced title and leaves one blank line before the body', () => {
    const title = '中共XX县委办公室关于2023年度党风廉政建设工作情况的报告';

    const { pages } = layoutReport(report(oneLiners(3), title), GBT9704, fakeMeasure);
    const [first, second, body] = pages[0]?.lines ?? [];

    expect(first?.runs[0]).toMatchObject({ role: 'title', sizePt: 22, text: '中共XX县委办公室关于2023年度', charSpacing: 0 });
    // Four automatic spaces of a fifth of an em: 共|X, X|县, 于|2, 3|年.
    const width = fakeWidth(text(first as LaidLine), 22) + 4 * 0.2 * 22;
    expect(first?.runs[0]?.x).toBeCloseTo(GEOMETRY.leftPt + (GEOMETRY.widthPt - width) / 2, 6);
    expect(text(second as LaidLine)).toBe('党风廉政建设工作情况的报告');
    expect(slotOf(body as LaidLine)).toBe(3);
    expect(pages[0]?.bookmarks[0]).toEqual({ title, level: 0, y: GEOMETRY.topPt });
  });

  it('sets headings in their faces with the body indent and bookmarks them at the top of their line', () => {
    const blocks: Block[] = [
      { kind: 'heading', level: 1, text: '一、主要成绩' },
      { kind: 'heading', level: 2, text: '（一）强化理论武装' },
      { kind: 'heading', level: 3, text: '1.坚持学习制度' },
      paragraphOfLines(2),
    ];

    const { pages } = layoutReport(report(blocks), GBT9704, fakeMeasure);
    const [, hei, kai, bold] = pages[0]?.lines ?? [];

    expect(hei?.runs[0]).toMatchObject({ role: 'hei', bold: false });
    expect(kai?.runs[0]).toMatchObject({ role: 'kai', bold: false });
    expect(bold?.runs[0]).toMatchObject({ role: 'fang', bold: true });
    expect(hei?.runs[0]?.x).toBeCloseTo(GEOMETRY.leftPt + 2 * (GEOMETRY.widthPt / 28), 6);
    expect(pages[0]?.bookmarks.map((mark) => [mark.level, mark.title, mark.y])).toEqual([
      [0, SHORT_TITLE, GEOMETRY.topPt],
      [1, '一、主要成绩', GEOMETRY.topPt + 2 * PITCH],
      [2, '（一）强化理论武装', GEOMETRY.topPt + 3 * PITCH],
      [3, '1.坚持学习制度', GEOMETRY.topPt + 4 * PITCH],
    ]);
  });

  it('sets a run-in heading in its face and the sentence in the body face on the same line', () => {
    const blocks: Block[] = [{ kind: 'paragraph', text: `（一）强化理论武装。${ideographs(40)}`, runIn: { level: 2, length: 10 } }];

    const { pages } = layoutReport(report(blocks), GBT9704, fakeMeasure);
    const line = pages[0]?.lines[1];

    expect(line?.runs.map((run) => [run.role, run.text.slice(0, 3)])).toEqual([
      ['kai', '（一）'],
      ['fang', ideographs(3)],
    ]);
    expect(pages[0]?.bookmarks[1]).toMatchObject({ title: '（一）强化理论武装', level: 2 });
  });

  it('moves a heading that would end a page to the next page, with the paragraph it introduces', () => {
    // Title and blank line, then 19 lines: the heading would take the page's last slot.
    const blocks: Block[] = [...oneLiners(19), { kind: 'heading', level: 1, text: '二、存在问题' }, paragraphOfLines(3)];

    const { pages } = layoutReport(report(blocks), GBT9704, fakeMeasure);

    expect(pages[0]?.lines).toHaveLength(20);
    expect(text(pages[1]?.lines[0] as LaidLine)).toBe('二、存在问题');
    expect(pages[1]?.bookmarks).toEqual([{ title: '二、存在问题', level: 1, y: GEOMETRY.topPt }]);
  });

  it('with widow control: keeps a heading on its page when the first two lines of a long paragraph fit after it', () => {
    const blocks: Block[] = [...oneLiners(17), { kind: 'heading', level: 1, text: '二、存在问题' }, paragraphOfLines(6)];

    const { pages } = layoutReport(report(blocks), WIDOW_CONTROLLED, fakeMeasure);

    expect(pageHolding(pages, '二、存在问题')?.number).toBe(1);
    // Title, 17 lines, the heading and two lines of the paragraph; its other four go over.
    expect(pages[0]?.lines).toHaveLength(21);
    expect(pages[1]?.lines).toHaveLength(4);
  });

  it('with widow control: moves a paragraph whose first line alone would sit at the bottom of a page (orphan)', () => {
    const blocks: Block[] = [...oneLiners(19), paragraphOfLines(5, 7)];

    const { pages } = layoutReport(report(blocks), WIDOW_CONTROLLED, fakeMeasure);

    expect(pages[0]?.lines).toHaveLength(20);
    expect(pages[1]?.lines).toHaveLength(5);
  });

  it('with widow control: carries a line over so that the last line of a paragraph is not alone at the top of a page (widow)', () => {
    // 18 slots used, 4 left: a 5-line paragraph would leave 1 line over; it goes 3 + 2.
    const blocks: Block[] = [...oneLiners(16), paragraphOfLines(5, 7)];

    const { pages } = layoutReport(report(blocks), WIDOW_CONTROLLED, fakeMeasure);

    expect(pages[0]?.lines).toHaveLength(17 + 3);
    expect(pages[1]?.lines).toHaveLength(2);
  });

  it('with widow control: moves a three-line paragraph whole when two lines are left, since any split strands a line', () => {
    const blocks: Block[] = [...oneLiners(18), paragraphOfLines(3, 7)];

    const { pages } = layoutReport(report(blocks), WIDOW_CONTROLLED, fakeMeasure);

    expect(pages[0]?.lines).toHaveLength(19);
    expect(pages[1]?.lines).toHaveLength(3);
  });

  it('fills every page but the last with 22 lines, as GB/T 9704 §5.2.2 and 公文 templates (孤行控制 off) have it', () => {
    // An orphan (one first line at the foot of page 1) and a widow (one last line at the head of page 2) both stay.
    const orphan: Block[] = [...oneLiners(19), paragraphOfLines(5, 7)];
    const widow: Block[] = [...oneLiners(16), paragraphOfLines(5, 7)];

    const orphanPages = layoutReport(report(orphan), GBT9704, fakeMeasure).pages;
    const widowPages = layoutReport(report(widow), GBT9704, fakeMeasure).pages;

    expect(orphanPages.map((page) => page.lines.length)).toEqual([21, 4]);
    expect(widowPages.map((page) => page.lines.length)).toEqual([21, 1]);
    expect(slotOf(orphanPages[0]!.lines.at(-1)!)).toBe(21);
    expect(slotOf(widowPages[0]!.lines.at(-1)!)).toBe(21);
  });

  it('still never ends a GB/T 9704 page on a heading: one line of what it introduces goes with it', () => {
    const ending: Block[] = [...oneLiners(19), { kind: 'heading', level: 1, text: '二、存在问题' }, paragraphOfLines(3)];
    const fitting: Block[] = [...oneLiners(18), { kind: 'heading', level: 1, text: '二、存在问题' }, paragraphOfLines(3)];

    const moved = layoutReport(report(ending), GBT9704, fakeMeasure).pages;
    const kept = layoutReport(report(fitting), GBT9704, fakeMeasure).pages;

    expect(text(moved[1]!.lines[0]!)).toBe('二、存在问题');
    expect(text(kept[0]!.lines.at(-2)!)).toBe('二、存在问题');
    expect(slotOf(kept[0]!.lines.at(-1)!)).toBe(21);
  });

  it('breaks a paragraph longer than a page across pages, 22 lines on each full one', () => {
    const { pages } = layoutReport(report([paragraphOfLines(50)]), GBT9704, fakeMeasure);

    // The title's line and blank line, then 20 + 22 + 8 body lines.
    expect(pages.map((page) => page.lines.length)).toEqual([21, 22, 8]);
  });

  it('lays out a report with no body as one page holding the title', () => {
    const { pages } = layoutReport(report([]), GBT9704, fakeMeasure);

    expect(pages).toHaveLength(1);
    expect(pages[0]?.lines).toHaveLength(1);
  });

  it('lays out forty reports quickly and measures each distinct piece once', () => {
    let calls = 0;
    const slowMeasure: MeasureText = (value, face) => {
      calls += 1;
      return fakeMeasure(value, face);
    };
    const reports = Array.from({ length: 40 }, (_, r) =>
      report(
        Array.from({ length: 30 }, (_, i): Block =>
          i % 6 === 0
            ? { kind: 'heading', level: 1, text: `${i}、${ideographs(8, r + i)}` }
            : { kind: 'paragraph', text: `${ideographs(90, r * 7 + i)}，2023年增长3.5%。${ideographs(30, i)}` },
        ),
        '关于2024年上半年全县经济运行情况和下半年工作安排的报告',
      ),
    );

    const started = performance.now();
    const pageCounts = reports.map((one) => layoutReport(one, GBT9704, slowMeasure).pages.length);
    const elapsed = performance.now() - started;

    expect(pageCounts.every((count) => count >= 5)).toBe(true);
    expect(calls / reports.length).toBeLessThan(700);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('layoutReport on any report', () => {
  const blockArbitrary: fc.Arbitrary<Block> = fc.oneof(
    fc.record({ kind: fc.constant('heading' as const), level: fc.constant(1 as const), text: fc.integer({ min: 2, max: 30 }).map((n) => `一、${ideographs(n, n)}`) }),
    fc.record({ kind: fc.constant('paragraph' as const), text: fc.integer({ min: 1, max: 200 }).map((n) => `${ideographs(n, n)}。`) }),
  );

  /** Reports whose runs of headings fit on a page, so that none can be stranded. */
  const reports = fc
    .array(blockArbitrary, { minLength: 1, maxLength: 40 })
    .filter((blocks) => !blocks.some((_, i) => blocks.slice(i, i + 5).every((block) => block.kind === 'heading')));

  it('keeps the text in order, fills no page past 22 lines and ends no page on a heading', () => {
    fc.assert(
      fc.property(reports, (blocks) => {
        const { pages } = layoutReport(report(blocks), GBT9704, fakeMeasure);

        const all = pages.flatMap((page) => page.lines.map(text)).join('');
        expect(all).toBe([SHORT_TITLE, ...blocks.map((block) => block.text)].join(''));
        pages.forEach((page, i) => {
          const slots = page.lines.map(slotOf);
          expect(slots.every((slot, j) => slot >= 0 && slot < 22 && (j === 0 || slot > (slots[j - 1] as number)))).toBe(true);
          const lastIsHeading = page.lines.at(-1)?.runs[0]?.role === 'hei';
          if (i < pages.length - 1) expect(lastIsHeading).toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('layoutReport on the plain profile', () => {
  it('advances lines by the profile pitch and fills the text block with whole lines', () => {
    const geometry = pageGeometry(PLAIN);
    const perPage = Math.floor(geometry.heightPt / PLAIN.lineSpacing.pitchPt);
    const perLine = Math.floor(geometry.widthPt / 12);
    const blocks: Block[] = Array.from({ length: 60 }, (_, i) => ({ kind: 'paragraph', text: ideographs(perLine - 2, i) }));

    const { pages } = layoutReport(report(blocks), PLAIN, fakeMeasure);
    const lines = pages[1]?.lines ?? [];

    expect(perPage).toBe(29);
    expect(pages.map((page) => page.lines.length)).toEqual([perPage - 1, perPage, 4]);
    expect((lines[1]?.baselineY ?? 0) - (lines[0]?.baselineY ?? 0)).toBeCloseTo(PLAIN.lineSpacing.pitchPt, 6);
    expect(lines[0]?.runs[0]).toMatchObject({ role: 'song', sizePt: 12, charSpacing: 0, x: geometry.leftPt + 24 });
    expect(pages[0]?.lines[0]?.runs[0]).toMatchObject({ role: 'hei', sizePt: 18 });
  });
});
