/**
 * Typography measurements for docs/typography.md, on the fixture seeds (or any .txt given):
 *
 * - gap share: the share of body lines with an inter-character gap wider than 0.25 em, where a
 *   gap is the blank between two glyphs' ink beyond the half-em a lone full-width mark carries
 *   (so `”；“` set at full widths has a 0.5 em gap, `；“` compressed has none, and a line spread
 *   by more than 0.25 em per character counts too) and beyond the automatic space between Chinese
 *   and Latin letters or digits;
 * - warm PDF render time per report;
 * - the DOCX and PDF of every report written to OUT for the LibreOffice comparison
 *   (scripts/compare-lo.sh).
 *
 * Usage: npx tsx scripts/measure-typography.ts OUT [seed.txt …]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fontLibraryFrom } from '../functions/fonts.js';
import { cleanStage, documentBaseName, renderStage, splitStage } from '../lib/convert.js';
import { gridSpacing } from '../lib/render/layout/page-geometry.js';
import { layoutReport } from '../lib/render/layout/paginate.js';
import { AUTO_SPACE_EM, autoSpaceBetween, punctuationClass } from '../lib/render/layout/punctuation.js';
import { GBT9704 } from '../lib/render/style.js';
import { FONT_DIR } from '../cli/fonts.js';

const out = process.argv[2] ?? 'out/typography';
const seedDir = '/work/shared/fixtures/seeds';
const inputs = process.argv.length > 3 ? process.argv.slice(3) : readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(seedDir, f));
const fonts = fontLibraryFrom(FONT_DIR);
const profile = GBT9704;
mkdirSync(out, { recursive: true });

let lines = 0;
let gappy = 0;
let renderMs = 0;
let renders = 0;
const pages: string[] = [];
for (const input of inputs) {
  const cleaned = cleanStage(readFileSync(input), basename(input));
  const { reports } = splitStage(cleaned);
  const stem = basename(input, '.txt').slice(0, 3);
  for (const [i, report] of reports.entries()) {
    const layout = layoutReport(report, profile, fonts.measure);
    for (const page of layout.pages) {
      for (const line of page.lines) {
        const glyphs = line.runs.flatMap((run) => {
          const chars = Array.from(run.text);
          return chars.map((char, k) => ({ char, size: run.sizePt, extra: run.charSpacing + ((run as { adjustments?: readonly number[] }).adjustments?.[k] ?? 0), base: baseOf(run.sizePt) }));
        });
        if (glyphs.length < 2 || line.runs[0]!.sizePt !== profile.body.sizePt) continue;
        lines += 1;
        if (hasGap(glyphs)) gappy += 1;
      }
    }
    const base = `${stem}-${documentBaseName(i + 1, report.title)}`;
    writeFileSync(join(out, `${base}.docx`), await renderStage(report, 'docx', { profile }));
    // For compare-lo.py: the paragraphs that open with a run-in heading (LibreOffice 7.4 sets
    // Word's style separator as two paragraphs).
    const runIn = report.blocks.filter((block) => block.kind === 'paragraph' && block.runIn && block.text.length > block.runIn.length);
    writeFileSync(join(out, `${base}.run-in.json`), JSON.stringify(runIn.map((block) => block.text)));
    await renderStage(report, 'pdf', { profile, fonts }); // warm-up
    const start = performance.now();
    const pdf = await renderStage(report, 'pdf', { profile, fonts });
    renderMs += performance.now() - start;
    renders += 1;
    writeFileSync(join(out, `${base}.pdf`), pdf);
    pages.push(`${base}: ${layout.pages.length}`);
  }
}

function baseOf(sizePt: number): number {
  return gridSpacing(profile, fonts.measure)({ role: 'fang', sizePt, bold: false });
}

/** Blank between neighbours' ink: Tc beyond the grid's, plus the blank halves of full-width marks facing each other. */
function hasGap(glyphs: readonly { char: string; size: number; extra: number; base: number }[]): boolean {
  for (let k = 0; k + 1 < glyphs.length; k += 1) {
    const a = glyphs[k]!;
    const b = glyphs[k + 1]!;
    const em = a.size;
    let blank = a.extra - a.base;
    const ca = punctuationClass(a.char);
    const cb = punctuationClass(b.char);
    const blankHalves = (ca === 'closing' || ca === 'stop' ? 1 : 0) + (cb === 'opening' ? 1 : 0);
    blank += (blankHalves * em) / 2;
    // One half-em beside a mark is the mark's own design, not a gap.
    if (blankHalves > 0) blank -= em / 2;
    // So is the automatic space between Chinese and a Latin letter or digit.
    if (autoSpaceBetween(a.char, b.char)) blank -= AUTO_SPACE_EM * em;
    if (blank > 0.25 * em + 1e-6) return true;
  }
  return false;
}

const share = lines === 0 ? 0 : gappy / lines;
console.log(JSON.stringify({ bodyLines: lines, gappyLines: gappy, gapShare: Number(share.toFixed(4)), pdfMsPerReport: Number((renderMs / renders).toFixed(1)), reports: renders, pages }, null, 2));
