import { describe, expect, it } from 'vitest';
import { reportParagraphs, type Report } from '../../../lib/model/report.js';
import { describeDocx } from '../../../lib/render/docx/render-docx.js';
import { paragraphText, type DocxParagraphSpec } from '../../../lib/render/docx/paragraphs.js';
import { DocxStyleId } from '../../../lib/render/docx/styles.js';
import { GBT9704, PLAIN } from '../../../lib/render/style.js';
import { EVERY_BLOCK_KIND, goldReports } from './sample-reports.js';

/** Paragraph texts as Word shows them: a style separator's paragraph runs on into the next. */
function shownTexts(paragraphs: readonly DocxParagraphSpec[]): string[] {
  const texts: string[] = [];
  let runOn = '';
  for (const paragraph of paragraphs) {
    const text = runOn + paragraphText(paragraph);
    runOn = paragraph.styleSeparator ? text : '';
    if (!paragraph.styleSeparator) texts.push(text);
  }
  return texts;
}

describe('describeDocx', () => {
  it('gives one paragraph per block after the title, with the report text unchanged', () => {
    const report = EVERY_BLOCK_KIND;

    const { paragraphs } = describeDocx(report, { profile: GBT9704 });

    expect(shownTexts(paragraphs)).toEqual(reportParagraphs(report));
  });

  it('keeps every gold report’s text exactly, paragraph by paragraph', () => {
    const reports = goldReports();

    const texts = reports.map((report) => shownTexts(describeDocx(report, { profile: GBT9704 }).paragraphs));

    expect(texts).toEqual(reports.map(reportParagraphs));
  });

  it('names a style for every paragraph: Title, HeadingN for headings, Normal for body text, RunInBody after a run-in heading', () => {
    const { paragraphs } = describeDocx(EVERY_BLOCK_KIND, { profile: GBT9704 });

    // A run-in heading is a HeadingN paragraph with a style separator, then the rest of its paragraph.
    expect(paragraphs.map((p) => p.style)).toEqual([
      DocxStyleId.Title,
      DocxStyleId.Normal,
      DocxStyleId.Heading1,
      DocxStyleId.Heading2,
      DocxStyleId.RunInBody,
      DocxStyleId.Heading2,
      DocxStyleId.Heading3,
      DocxStyleId.Heading3,
      DocxStyleId.RunInBody,
      DocxStyleId.Heading4,
      DocxStyleId.Normal,
    ]);
  });

  it('sets a run-in heading as a heading paragraph with a style separator, then the sentence in an unindented body paragraph', () => {
    const { paragraphs } = describeDocx(EVERY_BLOCK_KIND, { profile: GBT9704 });

    const [heading, sentence] = [paragraphs[3], paragraphs[4]];

    expect(heading).toEqual({
      style: DocxStyleId.Heading2,
      styleSeparator: true,
      runs: [{ text: '（一）强化理论武装。', characterStyle: DocxStyleId.RunIn2 }],
    });
    expect(sentence).toEqual({ style: DocxStyleId.RunInBody, runs: [{ text: '认真学习党的二十大精神，全年参加集中学习30次，撰写心得体会5篇。' }] });
  });

  it('sets a run-in heading that is the whole paragraph as a single heading run', () => {
    const report: Report = { title: '标题', blocks: [{ kind: 'paragraph', text: '（一）总体情况。', runIn: { level: 2, length: 8 } }] };

    const { paragraphs } = describeDocx(report, { profile: GBT9704 });

    expect(paragraphs[1]?.runs).toEqual([{ text: '（一）总体情况。', characterStyle: DocxStyleId.RunIn2 }]);
  });

  it('breaks a long title into balanced lines that join back to the title, each after a line break', () => {
    const { titleLines, paragraphs } = describeDocx(EVERY_BLOCK_KIND, { profile: GBT9704 });

    expect(titleLines.length).toBeGreaterThan(1);
    expect(titleLines.join('')).toBe(EVERY_BLOCK_KIND.title);
    const lengths = titleLines.map((line) => line.length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(4);
    expect(paragraphs[0]?.runs.map((run) => Boolean(run.lineBreakBefore))).toEqual(titleLines.map((_, i) => i > 0));
  });

  it('keeps a title that fits on one line whole', () => {
    const report: Report = { title: '2023年度述职报告', blocks: [] };

    const { titleLines } = describeDocx(report, { profile: GBT9704 });

    expect(titleLines).toEqual(['2023年度述职报告']);
  });

  it('keeps white space at a title break inside the title paragraph, so its text is still the title', () => {
    const title = '关于进一步加强和改进新时代基层党组织建设 全面提升组织力的实施意见和工作措施';
    const report: Report = { title, blocks: [] };

    const { titleLines } = describeDocx(report, { profile: GBT9704 });

    expect(titleLines.length).toBeGreaterThan(1);
    expect(titleLines.join('')).toBe(title);
  });

  it('lays out A4 with the GB/T 9704 margins and a 22-line grid in twips', () => {
    const { page } = describeDocx(EVERY_BLOCK_KIND, { profile: GBT9704 });

    expect(page).toMatchObject({ widthTwips: 11906, heightTwips: 16838, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } });
    expect(page.grid?.type).toBe('lines');
    const textHeight = page.heightTwips - page.margin.top - page.margin.bottom;
    expect(22 * (page.grid?.linePitch ?? 0)).toBeLessThanOrEqual(textHeight);
    expect(23 * (page.grid?.linePitch ?? 0)).toBeGreaterThan(textHeight);
  });

  it('puts the middle of the page-number line, where a Chinese face draws the 一字线, 7 mm below the text block (GB/T 9704 §7.5)', () => {
    const { page } = describeDocx(EVERY_BLOCK_KIND, { profile: GBT9704 });

    const numberMiddleMm = ((page.margin.footer + (GBT9704.pageNumber.sizePt * 20) / 2) / 20) * (25.4 / 72);

    expect(GBT9704.page.marginMm.bottom - numberMiddleMm).toBeCloseTo(7, 1);
  });

  it('takes the title into the properties, no subject, and an empty creator for a report without an author line', () => {
    const { properties } = describeDocx(EVERY_BLOCK_KIND, { profile: GBT9704 });

    expect(properties).toEqual({ title: EVERY_BLOCK_KIND.title, creator: '', lastModifiedBy: '', revision: 1 });
  });

  it('uses odd/even footers for GB/T 9704 and one centred footer, no grid, for the plain profile', () => {
    const gb = describeDocx(EVERY_BLOCK_KIND, { profile: GBT9704 });
    const plain = describeDocx(EVERY_BLOCK_KIND, { profile: PLAIN });

    expect([gb.evenAndOddFooters, plain.evenAndOddFooters]).toEqual([true, false]);
    expect(plain.page.grid).toBeNull();
  });
});
