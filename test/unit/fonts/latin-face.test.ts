/**
 * Digits and Latin letters in the PDF are set in a Times-metric serif (Liberation Serif), the face
 * the DOCX names for them (Times New Roman), in every role, so both documents agree on `12.35亿元`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { LATIN_BOLD_ADVANCES, LATIN_REGULAR_ADVANCES, LATIN_UNITS_PER_EM, latinAdvanceEm } from '../../../lib/render/latin-metrics.js';
import { LATIN_FONT_FILES } from '../../../lib/render/pdf/font-library.js';
import { renderPdf } from '../../../lib/render/pdf/render-pdf.js';
import { FontRole, GBT9704 } from '../../../lib/render/style.js';
import { FONTS_DIR, vendoredFonts } from '../pdf/font-library-fixture.js';
import { embeddedFonts, hasPdftotext, pdftotext } from '../pdf/read-pdf.js';

const openFont = (file: string): Font => fontkit.create(readFileSync(join(FONTS_DIR, file))) as Font;
const advancesOf = (font: Font): number[] => Array.from({ length: 0x7f - 0x20 }, (_, i) => font.glyphForCodePoint(0x20 + i).advanceWidth);

describe('the Latin face', () => {
  it('sets digits, letters and ASCII marks of every role in Liberation Serif and the Chinese around them in the role’s face', () => {
    const fonts = vendoredFonts();

    for (const role of Object.values(FontRole)) {
      const segments = fonts.segment('增长8.7%，达12.35亿元', { role, sizePt: 16, bold: false });

      expect(segments.map((segment) => [segment.face.file, String.fromCodePoint(...segment.codePoints)])).toEqual([
        [expect.stringMatching(/^Fandol/u), '增长'],
        [LATIN_FONT_FILES.regular, '8.7%'],
        [expect.stringMatching(/^Fandol/u), '，达'],
        [LATIN_FONT_FILES.regular, '12.35'],
        [expect.stringMatching(/^Fandol/u), '亿元'],
      ]);
    }
  });

  it('takes the bold cut for a bold run, without synthetic bold, and the regular one in the title as the DOCX does', () => {
    const fonts = vendoredFonts();

    const bold = fonts.segment('2024', { role: FontRole.Fang, sizePt: 16, bold: true });
    const title = fonts.segment('2024', { role: FontRole.Title, sizePt: 22, bold: false });

    expect(bold.map((s) => [s.face.file, s.syntheticBold])).toEqual([[LATIN_FONT_FILES.bold, false]]);
    expect(title.map((s) => [s.face.file, s.syntheticBold])).toEqual([[LATIN_FONT_FILES.regular, false]]);
  });

  it('measures Latin text at Times New Roman’s widths: digits half an em, W 0.94 em', () => {
    const fang = { role: FontRole.Fang, sizePt: 16, bold: false };

    expect(vendoredFonts().measure('2024', fang)).toBeCloseTo(4 * 8, 6);
    expect(vendoredFonts().measure('W', fang) / 16).toBeCloseTo(1933 / 2048, 6);
  });

  it('has its advances in lib/render/latin-metrics.ts exactly as the vendored fonts have them (scripts/latin-metrics.ts)', () => {
    const regular = openFont(LATIN_FONT_FILES.regular);
    const bold = openFont(LATIN_FONT_FILES.bold);

    expect(LATIN_UNITS_PER_EM).toBe(regular.unitsPerEm);
    expect(LATIN_REGULAR_ADVANCES).toEqual(advancesOf(regular));
    expect(LATIN_BOLD_ADVANCES).toEqual(advancesOf(bold));
    expect(latinAdvanceEm('中'.codePointAt(0)!)).toBeUndefined();
  });

  it('embeds Liberation Serif as a TrueType subset with a ToUnicode map, so the text reads back as written', async () => {
    const report = { title: '2024年工作总结', blocks: [{ kind: 'paragraph' as const, text: '全年增长8.7%，完成投资12.35亿元，GDP同比提高。' }] };

    const { bytes } = await renderPdf(report, { profile: GBT9704, fonts: vendoredFonts() });

    const latin = (await embeddedFonts(bytes)).filter((font) => font.baseFont.includes('LiberationSerif'));
    expect(latin).toEqual([expect.objectContaining({ subtype: 'CIDFontType2', hasFontFile: true, hasToUnicode: true })]);
    if (hasPdftotext) expect(pdftotext(bytes).text.replace(/\s+/gu, '')).toContain('全年增长8.7%，完成投资12.35亿元，GDP同比提高。');
  });
});
