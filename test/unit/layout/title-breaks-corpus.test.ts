/**
 * Title breaks by meaning over every title we have (GB/T 9704 §7.3.3 词意完整): the fixtures' gold,
 * the real corpus's gold when ../shared/fixtures/real is beside the project, and every title the
 * compilation generator makes; in the PDF's lines (the vendored fonts) and the DOCX's (titleLines).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titleLines } from '../../../lib/render/docx/title-lines.js';
import { balanceTitle } from '../../../lib/render/layout/balance-title.js';
import { endsOnConjunction, insideLexiconWord } from '../../../lib/render/layout/title-lexicon.js';
import { GBT9704, textWidthPt } from '../../../lib/render/style.js';
import { generatedTitles } from '../../support/compilation-generator.js';
import { vendoredFonts } from '../pdf/font-library-fixture.js';

const goldTitles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .flatMap((name) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { reports: { title: string }[] }).reports.map((r) => r.title))
    : [];

const FIXTURE_TITLES = goldTitles(join(import.meta.dirname, '..', '..', 'fixtures', 'gold'));
const REAL_TITLES = goldTitles(join(process.cwd(), '..', 'shared', 'fixtures', 'real', 'gold'));
const ALL_TITLES = [...FIXTURE_TITLES, ...REAL_TITLES, ...generatedTitles()];

const title = GBT9704.title;
const face = { role: title.role, sizePt: title.sizePt, bold: title.bold };
const pdfLines = (text: string): string[] => balanceTitle(text, textWidthPt(GBT9704), (piece) => vendoredFonts().measure(piece, face));
const docxLines = (text: string): string[] => titleLines(text, GBT9704).map((line) => line.trim());

/** Each line end of a wrapped title that falls on a conjunction, as `line / next`. */
function conjunctionEnds(lines: readonly string[]): string[] {
  const text = lines.join('');
  const inside = insideLexiconWord(text);
  let at = 0;
  return lines.slice(0, -1).flatMap((line, i) => {
    at += line.length;
    return endsOnConjunction(text.slice(0, at), inside) ? [`${line} / ${lines[i + 1]}`] : [];
  });
}

describe('title lines over the fixtures, the real corpus and the generator', () => {
  it.each([
    ['PDF', pdfLines],
    ['DOCX', docxLines],
  ])('no %s title line ends on a conjunction (和, 与, 及, 并, 暨 …)', (_format, linesOf) => {
    const ends = ALL_TITLES.flatMap((text) => conjunctionEnds(linesOf(text)));

    expect(ends).toEqual([]);
  });

  it('the PDF and the DOCX break every title at the same places', () => {
    const differing = ALL_TITLES.filter((text) => pdfLines(text).join(' / ') !== docxLines(text).join(' / '));

    expect(differing).toEqual([]);
  });

  it('many of the generator’s titles are long enough to wrap, so the two tests above test something', () => {
    expect(ALL_TITLES.filter((text) => docxLines(text).length > 1).length).toBeGreaterThan(500);
  });
});
