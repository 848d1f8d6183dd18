/**
 * The layout figures of docs/typography.md (issue 27), read off the layout model, not the bytes:
 *
 * - titles: of every title of the fixtures' gold, the real corpus's gold and the compilation
 *   generator, how many are set on more than one line, how many of their line ends fall on a
 *   conjunction (和/与/及/并/暨/或 standing as a word of its own, not the end of 参与 or 普及) or
 *   inside a word (the title lexicon and Intl.Segmenter), and how many two-line titles have the
 *   longer line on top (倒梯形); for the PDF's lines (real metrics) and the DOCX's (titleLines);
 * - paragraphs: of the justified paragraphs of more than one line (the fixture seeds' reports, and
 *   the real corpus's as this checkout splits them), how many end on a line of one character,
 *   with or without marks after it (段末孤字);
 * - pages: how many pages but the last of each report hold fewer than the profile's lines;
 * - page numbers: the distance from the text block's bottom edge to the middle of the 一字线's ink
 *   in the PDF (the dash glyph's own outline) and to the middle of the number line's em box in the
 *   DOCX (where a Chinese face centres its dash).
 *
 * Usage: npx tsx scripts/measure-layout-figures.ts [--list]   (--list prints every offending line)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FONT_DIR } from '../cli/fonts.js';
import { fontLibraryFrom } from '../functions/fonts.js';
import { cleanStage, splitStage } from '../lib/convert.js';
import type { Report } from '../lib/model/report.js';
import { titleLines } from '../lib/render/docx/title-lines.js';
import { pageGeometry as docxPageGeometry, pageNumberLineTwips } from '../lib/render/docx/page-geometry.js';
import { balanceTitle } from '../lib/render/layout/balance-title.js';
import { pageGeometry } from '../lib/render/layout/page-geometry.js';
import { pageNumberPlacement } from '../lib/render/layout/page-number.js';
import { layoutReport } from '../lib/render/layout/paginate.js';
import { endsOnConjunction, insideLexiconWord } from '../lib/render/layout/title-lexicon.js';
import { GBT9704, PT_PER_MM, textWidthPt } from '../lib/render/style.js';
import { generatedTitles } from '../test/support/compilation-generator.js';

const SHARED = '/work/shared/fixtures';
const list = process.argv.includes('--list');
const profile = GBT9704;
const fonts = fontLibraryFrom(FONT_DIR);
const titleFace = { role: profile.title.role, sizePt: profile.title.sizePt, bold: profile.title.bold };

function goldTitles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { reports: { title: string }[] }).reports.map((r) => r.title));
}

interface TitleFigures {
  titles: number;
  wrapped: number;
  conjunctionEnds: number;
  splitWords: number;
  longerOnTop: number;
}

function titleFigures(titles: readonly string[], linesOf: (title: string) => string[], label: string): TitleFigures {
  const figures: TitleFigures = { titles: titles.length, wrapped: 0, conjunctionEnds: 0, splitWords: 0, longerOnTop: 0 };
  for (const title of titles) {
    const lines = linesOf(title).map((line) => line.trim());
    if (lines.length < 2) continue;
    figures.wrapped += 1;
    const text = lines.join('');
    const inside = insideLexiconWord(text);
    let at = 0;
    for (const line of lines.slice(0, -1)) {
      at += line.length;
      const conjunction = endsOnConjunction(text.slice(0, at), inside);
      if (conjunction) figures.conjunctionEnds += 1;
      if (inside[at]) figures.splitWords += 1;
      if (list && (conjunction || inside[at])) console.log(`${label}: ${lines.join(' / ')}`);
    }
    const widths = lines.map((line) => fonts.measure(line, titleFace));
    if (lines.length === 2 && widths[0]! - widths[1]! > titleFace.sizePt) {
      figures.longerOnTop += 1;
      if (list) console.log(`${label} longer on top: ${lines.join(' / ')}`);
    }
  }
  return figures;
}

const pdfTitleLines = (title: string): string[] => balanceTitle(title, textWidthPt(profile), (text) => fonts.measure(text, titleFace));
const docxTitleLines = (title: string): string[] => titleLines(title, profile);

const titleSets = {
  fixtures: goldTitles(join(SHARED, 'gold')),
  real: goldTitles(join(SHARED, 'real', 'gold')),
  generator: generatedTitles(),
};
const titles = Object.fromEntries(
  Object.entries(titleSets).map(([name, set]) => [
    name,
    { pdf: titleFigures(set, pdfTitleLines, `${name} pdf`), docx: titleFigures(set, docxTitleLines, `${name} docx`) },
  ]),
);

function reportsOf(dir: string): { name: string; report: Report }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .flatMap((name) => {
      try {
        return splitStage(cleanStage(readFileSync(join(dir, name)), name)).reports.map((report, i) => ({ name: `${basename(name, '.txt')}-${i + 1}`, report }));
      } catch {
        return [];
      }
    });
}

const MARKS = /[\p{P}\p{S}\s]/u;
const geometry = pageGeometry(profile);

function bodyFigures(reports: readonly { name: string; report: Report }[]) {
  let paragraphs = 0;
  let oneCharacterEnds = 0;
  let pages = 0;
  let shortPages = 0;
  const shortBy = new Map<number, number>();
  for (const { name, report } of reports) {
    const layout = layoutReport(report, profile, fonts.measure);
    const linesOf = new Map<number, string[]>();
    layout.pages.forEach((page, p) => {
      for (const line of page.lines) {
        const text = line.runs.map((run) => run.text).join('');
        linesOf.set(line.block, [...(linesOf.get(line.block) ?? []), text]);
      }
      if (p === layout.pages.length - 1) return;
      pages += 1;
      const last = page.lines.at(-1);
      const filled = last ? Math.floor((last.baselineY - geometry.topPt) / geometry.linePitchPt) + 1 : 0;
      if (filled < geometry.linesPerPage) {
        shortPages += 1;
        shortBy.set(filled, (shortBy.get(filled) ?? 0) + 1);
        if (list) console.log(`${name} page ${page.number}: ${filled} lines`);
      }
    });
    report.blocks.forEach((block, i) => {
      if (block.kind === 'paragraph' && block.role) return;
      const lines = linesOf.get(i + 1) ?? [];
      if (lines.length < 2) return;
      paragraphs += 1;
      const letters = Array.from(lines.at(-1)!).filter((char) => !MARKS.test(char));
      if (letters.length === 1) {
        oneCharacterEnds += 1;
        if (list) console.log(`${name} one-character last line: …${lines.at(-2)!.slice(-6)} / ${lines.at(-1)}`);
      }
    });
  }
  return { paragraphs, oneCharacterEnds, pages, shortPages, shortPagesByLines: Object.fromEntries(shortBy) };
}

const body = {
  fixtures: bodyFigures(reportsOf(join(SHARED, 'seeds'))),
  real: bodyFigures(reportsOf(join(SHARED, 'real', 'cases'))),
};

// Page numbers: the dash's ink in the PDF (its glyph's outline), the em box's middle in the DOCX.
const placement = pageNumberPlacement(profile, 1, fonts.measure, { inkMiddleEm: fonts.inkMiddleEm });
const dash = placement.text.trim().charAt(0);
const inkMiddle = inkMiddleOf(dash);
const blockBottom = geometry.topPt + geometry.heightPt;
const pdfDashMm = (placement.baselineY - inkMiddle * placement.face.sizePt - blockBottom) / PT_PER_MM;
const docx = docxPageGeometry(profile);
const lineTwips = pageNumberLineTwips(profile);
const docxLineTopMm = profile.page.marginMm.bottom - ((docx.margin.footer + lineTwips) / 20) / PT_PER_MM;
const docxDashMm = docxLineTopMm + profile.pageNumber.sizePt / 2 / PT_PER_MM;

/** The dash's ink middle above the baseline, in ems, read off the Song face's outline here rather than asked of the library. */
function inkMiddleOf(char: string): number {
  const face = fonts.faces.find((f) => f.file === 'FandolSong-Regular.otf')!;
  const glyph = face.font.glyphForCodePoint(char.codePointAt(0)!);
  const box = glyph.bbox;
  return (box.minY + box.maxY) / 2 / face.font.unitsPerEm;
}

console.log(
  JSON.stringify(
    { titles, body, pageNumber: { pdfDashBelowBlockMm: Number(pdfDashMm.toFixed(2)), docxDashBelowBlockMm: Number(docxDashMm.toFixed(2)) } },
    null,
    2,
  ),
);
