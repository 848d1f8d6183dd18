import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../lib/model/build-report.js';
import { closingIndents, closingRightIndentChars, widthInChars } from '../../../lib/render/closing-block.js';
import { vendoredFonts } from '../pdf/font-library-fixture.js';
import { describeDocx, renderDocx } from '../../../lib/render/docx/render-docx.js';
import { ptToTwips } from '../../../lib/render/docx/units.js';
import { pageGeometry } from '../../../lib/render/layout/page-geometry.js';
import { layoutReport } from '../../../lib/render/layout/paginate.js';
import type { LaidLine } from '../../../lib/render/layout/types.js';
import { charPitchPt, FontRole, GBT9704 } from '../../../lib/render/style.js';
import { attributeOf, openDocx, paragraphElements, paragraphTextOf, styleElement } from '../docx/docx-package.js';
import { fakeMeasure, fakeWidth } from './fake-measure.js';

const GEOMETRY = pageGeometry(GBT9704);
const PITCH = GEOMETRY.linePitchPt;
const CHAR = charPitchPt(GBT9704);
const RIGHT_EDGE = GEOMETRY.leftPt + GEOMETRY.widthPt;

const REPORT = buildReport('2023年度抓基层党建工作述职报告', [
  'XX县委办公室 张三',
  '一年来，在县委的正确领导下，我认真履行第一责任人职责，现将有关情况报告如下。',
  '中共XX县委办公室',
  '2024年1月15日',
]);

const lines = () => layoutReport(REPORT, GBT9704, fakeMeasure).pages[0]!.lines;
const text = (line: LaidLine): string => line.runs.map((run) => run.text).join('');
const lineOf = (needle: string): LaidLine => lines().find((line) => text(line) === needle)!;
const slotOf = (line: LaidLine): number => Math.round((line.baselineY - GEOMETRY.topPt) / PITCH);
/** Left edge of the first glyph and right edge of the last (fixed-width glyphs, natural spacing, automatic spaces). */
function extent(line: LaidLine): { left: number; right: number } {
  const run = line.runs[0]!;
  const glyphs = Array.from(run.text).length;
  const spaces = (run.adjustments ?? []).slice(0, -1).reduce((sum, adjustment) => sum + adjustment, 0);
  return { left: run.x, right: run.x + fakeWidth(run.text, run.sizePt) + (glyphs - 1) * run.charSpacing + spaces };
}

describe('the author line and closing block in the PDF layout', () => {
  it('centres the author line in 楷体 right under the title, and puts the title’s blank line after it', () => {
    // act
    const byline = lineOf('XX县委办公室 张三');
    const body = lines().find((line) => text(line).startsWith('一年来'))!;
    // assert
    const { left, right } = extent(byline);
    expect(byline.runs[0]!.role).toBe(FontRole.Kai);
    expect((left + right) / 2).toBeCloseTo(GEOMETRY.leftPt + GEOMETRY.widthPt / 2, 0);
    expect(slotOf(body) - slotOf(byline)).toBe(2);
  });

  it('sets the signature 右空二字 and the date below it, its first character two right of the signature’s, after one blank line (GB/T 9704 §7.3.5.2)', () => {
    // prepare
    const report = buildReport('标题', ['正文。', 'XX省XX市XX县住房和城乡建设局', '2024年1月5日']);
    // act
    const laid = layoutReport(report, GBT9704, fakeMeasure).pages[0]!.lines;
    const signature = laid.find((line) => text(line) === 'XX省XX市XX县住房和城乡建设局')!;
    const date = laid.find((line) => text(line) === '2024年1月5日')!;
    const body = laid.find((line) => text(line) === '正文。')!;
    // assert
    expect(closingIndents(report, GBT9704).signature).toBe(2);
    expect(extent(signature).right).toBeCloseTo(RIGHT_EDGE - 2 * CHAR, 0);
    expect([slotOf(signature) - slotOf(body), slotOf(date) - slotOf(signature)]).toEqual([2, 1]);
    expect(RIGHT_EDGE - extent(date).right).toBeCloseTo(closingIndents(report, GBT9704).date * CHAR, 0);
    expect(closingIndents(report, GBT9704).date).toBeCloseTo(2 + widthInChars('XX省XX市XX县住房和城乡建设局') - 2 - widthInChars('2024年1月5日'), 2);
  });

  it('sets a date longer than the signature 右空二字 and moves the signature left to keep the two-character step', () => {
    // prepare
    const report = buildReport('标题', ['正文。', '中共XX县委办公室', '2024年1月15日']);
    // act
    const indents = closingIndents(report, GBT9704);
    // assert
    expect(indents.date).toBe(2);
    expect(indents.signature + widthInChars('中共XX县委办公室')).toBeCloseTo(indents.date + widthInChars('2024年1月15日') + 2, 2);
  });

  it('measures Latin letters at their real width, so the step holds in the PDF’s real fonts (a signature with XX)', () => {
    // prepare
    const fonts = vendoredFonts();
    // act
    const laid = layoutReport(REPORT, GBT9704, fonts.measure).pages[0]!.lines;
    const left = (needle: string): number => laid.find((line) => text(line) === needle)!.runs[0]!.x;
    // assert
    expect(widthInChars('张XX')).toBeCloseTo(1 + 0.2 + (2 * 1479) / 2048, 6);
    expect((left('2024年1月15日') - left('中共XX县委办公室')) / CHAR).toBeCloseTo(2, 1);
  });

  it('keeps a signature alone (no date) 右空二字', () => {
    // prepare
    const report = buildReport('标题', ['正文。', 'XX县人民政府办公室']);
    // act
    const indent = closingRightIndentChars(report, 1, GBT9704);
    // assert
    expect(indent).toBe(2);
  });
});

describe('the author line and closing block in the DOCX', () => {
  it('gives them the Byline, Signature and Date styles, and the signature and the date the PDF’s right indents on their paragraphs', async () => {
    // act
    const docx = openDocx(await renderDocx(REPORT, { profile: GBT9704 }));
    const styles = docx.part('word/styles.xml');
    const paragraphs = paragraphElements(docx.part('word/document.xml'));
    const paragraph = (needle: string) => paragraphs.find((p) => paragraphTextOf(p) === needle)!;
    // assert
    expect(attributeOf(paragraph('XX县委办公室 张三'), 'w:pStyle', 'w:val')).toBe('Byline');
    expect(attributeOf(paragraph('中共XX县委办公室'), 'w:pStyle', 'w:val')).toBe('Signature');
    expect(attributeOf(paragraph('2024年1月15日'), 'w:pStyle', 'w:val')).toBe('Date');
    expect(attributeOf(styleElement(styles, 'Byline'), 'w:jc', 'w:val')).toBe('center');
    expect(attributeOf(styleElement(styles, 'Byline'), 'w:rFonts', 'w:eastAsia')).toBe('楷体');
    expect(attributeOf(styleElement(styles, 'Date'), 'w:jc', 'w:val')).toBe('right');
    expect(attributeOf(styleElement(styles, 'Date'), 'w:ind', 'w:right')).toBe(String(ptToTwips(2 * CHAR)));
    const { signature, date } = closingIndents(REPORT, GBT9704);
    expect(attributeOf(paragraph('中共XX县委办公室'), 'w:ind', 'w:right')).toBe(String(ptToTwips(signature * CHAR)));
    expect(attributeOf(paragraph('2024年1月15日'), 'w:ind', 'w:right')).toBe(String(ptToTwips(date * CHAR)));
    expect(RIGHT_EDGE - extent(lineOf('中共XX县委办公室')).right).toBeCloseTo(signature * CHAR, 0);
  });

  it('moves the title’s blank line below the author line and puts one blank paragraph before the closing block', () => {
    // act
    const { paragraphs } = describeDocx(REPORT, { profile: GBT9704 });
    // assert
    expect(paragraphs.map((p) => [p.style, p.runs.map((r) => r.text).join('')])).toEqual([
      ['Title', REPORT.title],
      ['Byline', 'XX县委办公室 张三'],
      ['Normal', '一年来，在县委的正确领导下，我认真履行第一责任人职责，现将有关情况报告如下。'],
      ['Normal', ''],
      ['Signature', '中共XX县委办公室'],
      ['Date', '2024年1月15日'],
    ]);
    expect(paragraphs[0]!.noSpaceAfter).toBe(true);
  });
});
