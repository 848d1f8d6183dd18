import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import { missingGlyphs, missingGlyphWarnings } from '../../../lib/render/pdf/missing-glyphs.js';
import { renderPdf } from '../../../lib/render/pdf/render-pdf.js';
import { GBT9704, PLAIN } from '../../../lib/render/style.js';
import { WarningCode } from '../../../lib/warnings.js';
import { vendoredFonts } from './font-library-fixture.js';

/** Hangul (가 나) and Extension G (𰀀 𰀁): no vendored font has them. */
const report: Report = {
  title: '关于가나同志的述职报告',
  blocks: [
    { kind: 'heading', level: 1, text: '一、𰀀字的来历' },
    { kind: 'paragraph', text: '（一）가的读音。我们认真学习堃喆𠮷𪚥😀，가再次出现。', runIn: { level: 2, length: 8 } },
    { kind: 'paragraph', text: '名字里还有𰀁字。' },
  ],
};

const options = { profile: GBT9704, fonts: vendoredFonts() };

describe('missingGlyphs', () => {
  it('lists each character without a glyph once, in order of first appearance, from title to last paragraph', () => {
    expect(missingGlyphs(report, options)).toEqual(['가', '나', '𰀀', '𰀁']);
  });

  it('lists nothing when the fonts and fallbacks draw everything, rare and emoji characters included', () => {
    const rare: Report = { title: '生僻字', blocks: [{ kind: 'paragraph', text: '堃 喆 𠮷 㐀 㑇 𠀀 𪚥 臺灣 體 龜 😀 👍 ❤\ufe0f' }] };

    expect(missingGlyphs(rare, options)).toEqual([]);
  });

  it.each([
    ['GB/T 9704', GBT9704],
    ['plain', PLAIN],
  ])('agrees with what renderPdf drew without a glyph (%s profile)', async (_name, profile) => {
    const { missing } = await renderPdf(report, { profile, fonts: vendoredFonts() });

    expect(missingGlyphs(report, { profile, fonts: vendoredFonts() })).toEqual(missing);
  });
});

describe('missingGlyphWarnings', () => {
  it('gives one MISSING_GLYPH warning for the report, naming the characters and their code points', () => {
    const warnings = missingGlyphWarnings(report, 3, options);

    expect(warnings).toEqual([
      {
        code: WarningCode.MissingGlyph,
        report: 3,
        text: '가나𰀀𰀁',
        message:
          '4 characters have no glyph in the embedded fonts and show as boxes in the PDF: 가 (U+AC00) 나 (U+B098) 𰀀 (U+30000) 𰀁 (U+30001); the text layer and the DOCX keep them',
      },
    ]);
  });

  it('speaks of one character in the singular', () => {
    const [warning] = missingGlyphWarnings({ title: '标题', blocks: [{ kind: 'paragraph', text: '가' }] }, 1, options);

    expect(warning?.message).toBe('1 character has no glyph in the embedded fonts and shows as a box in the PDF: 가 (U+AC00); the text layer and the DOCX keep it');
  });

  it('names at most 20 characters in the message and counts the rest, while the text holds them all', () => {
    const hangul = Array.from({ length: 25 }, (_, i) => String.fromCodePoint(0xac00 + i)).join('');

    const [warning] = missingGlyphWarnings({ title: '标题', blocks: [{ kind: 'paragraph', text: hangul }] }, 1, options);

    expect(warning?.text).toBe(hangul);
    expect(warning?.message).toMatch(/^25 characters have .* \(U\+AC13\) and 5 more; the text layer/u);
  });

  it('gives no warning for a report whose characters all have glyphs', () => {
    expect(missingGlyphWarnings({ title: '述职报告', blocks: [{ kind: 'paragraph', text: '全年完成任务。' }] }, 1, options)).toEqual([]);
  });
});
