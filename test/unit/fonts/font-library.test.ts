import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { rangesOf } from '../../../lib/render/pdf/code-point-ranges.js';
import {
  cmapGlyphId,
  EMOJI_FALLBACK,
  EXTENSION_B_FALLBACK,
  FALLBACK_FONT_FILE,
  FALLBACKS,
  FONT_FILES,
  FontLoadError,
  loadFontLibrary,
  NOTO_FALLBACK,
  EAGER_FONT_FILES,
  ROLE_FONT_FILES,
} from '../../../lib/render/pdf/font-library.js';
import { FontRole } from '../../../lib/render/style.js';
import { decodeText } from '../../../lib/text/decode.js';
import { FONTS_DIR, vendoredFonts } from '../pdf/font-library-fixture.js';

const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'seeds');

/** Characters of personal and place names outside GB2312, including one outside the BMP (𠮷). */
const RARE_CHARACTERS = '堃喆玥珺昇𠮷䶮龑赟璟祎琤頔淏媖旻玙瑄堉锃犇骉垚燚㛃赓镕';

const fang = { role: FontRole.Fang, sizePt: 16, bold: false } as const;

/** Every code point of an inclusive range, as a string each. */
function charactersOf(first: number, last: number): string[] {
  return Array.from({ length: last - first + 1 }, (_, i) => String.fromCodePoint(first + i));
}

/** The vendored fonts through a reader that records which files it was asked for. */
function recordingLibrary(): { fonts: ReturnType<typeof loadFontLibrary>; reads: string[] } {
  const reads: string[] = [];
  const fonts = loadFontLibrary((name) => {
    reads.push(name);
    return readFileSync(join(FONTS_DIR, name));
  });
  return { fonts, reads };
}

describe('the font library', () => {
  it('finds every font file it names under assets/fonts', () => {
    const vendored = readdirSync(FONTS_DIR);

    expect(FONT_FILES.filter((file) => !vendored.includes(file))).toEqual([]);
  });

  it('has a glyph for every printable character of every fixture, in every role', () => {
    const fonts = vendoredFonts();
    const characters = new Set(
      readdirSync(SEEDS_DIR)
        .filter((name) => name.endsWith('.txt'))
        .flatMap((name) => Array.from(decodeText(readFileSync(join(SEEDS_DIR, name))))),
    );

    const missing = [...characters].filter((char) => !/\s/u.test(char) && !fonts.hasGlyph(char.codePointAt(0)!));

    expect(missing).toEqual([]);
  });

  it('has a glyph for rare name characters such as 堃 喆 玥 珺 昇 𠮷, in every role', () => {
    const fonts = vendoredFonts();

    const missing = Array.from(RARE_CHARACTERS).filter((char) => !fonts.hasGlyph(char.codePointAt(0)!));

    expect(missing).toEqual([]);
  });

  it('draws GB2312 characters with the role face and the others with the fallback', () => {
    const fonts = vendoredFonts();

    const segments = fonts.segment('张堃同志', fang);

    expect(segments.map((s) => [s.face.file, String.fromCodePoint(...s.codePoints)])).toEqual([
      [ROLE_FONT_FILES.fang.regular, '张'],
      [FALLBACK_FONT_FILE, '堃'],
      [ROLE_FONT_FILES.fang.regular, '同志'],
    ]);
  });

  it('keeps a character outside the BMP (𠮷) whole and gives it to the fallback', () => {
    const fonts = vendoredFonts();

    const [segment] = fonts.segment('𠮷', fang);

    expect(segment?.face.file).toBe(FALLBACK_FONT_FILE);
    expect(segment?.codePoints).toEqual([0x20bb7]);
  });

  it('measures full-width characters at one em each, whichever face draws them', () => {
    const fonts = vendoredFonts();

    expect(fonts.measure('国家堃𠮷', fang)).toBeCloseTo(4 * 16, 6);
  });

  it('measures exactly what it segments for drawing', () => {
    const fonts = vendoredFonts();
    const text = '全年完成任务100%，ABC word test 堃喆……——好。𪚥😀👍가\ufe0f';

    const drawn = fonts.segment(text, fang).reduce((sum, s) => sum + s.advanceEm * fang.sizePt, 0);

    expect(fonts.measure(text, fang)).toBeCloseTo(drawn, 9);
  });

  it('keeps zero-width format characters in the text, drawn by the role face at zero advance', () => {
    const fonts = vendoredFonts();

    const segments = fonts.segment('党\u200b建\ufe0f', fang);

    expect(segments.map((s) => [s.face.file, String.fromCodePoint(...s.codePoints)])).toEqual([[ROLE_FONT_FILES.fang.regular, '党\u200b建\ufe0f']]);
    expect(fonts.measure('党\u200b建\ufe0f', fang)).toBeCloseTo(32, 6);
  });

  it('has a glyph for every character of CJK Extensions A and B as first encoded, in every role', () => {
    const fonts = vendoredFonts();
    // Unicode 3.0 and 3.1: 6,582 and 42,711 characters. What the blocks gained in Unicode 13–14
    // (U+4DB6–4DBF, U+2A6D7–2A6DF) is in none of the open fonts to be had here.
    const characters = [...charactersOf(0x3400, 0x4db5), ...charactersOf(0x20000, 0x2a6d6)];

    const missing = characters.filter((char) => !fonts.hasGlyph(char.codePointAt(0)!));

    expect(missing).toEqual([]);
  });

  it('draws Extension B characters that Noto lacks (𠀀 𪚥) with the Extension B fallback', () => {
    const fonts = vendoredFonts();

    const segments = fonts.segment('𠀀𪚥', fang);

    expect(segments.map((s) => [s.face.file, String.fromCodePoint(...s.codePoints)])).toEqual([[EXTENSION_B_FALLBACK.file, '𠀀𪚥']]);
  });

  it('draws emoji (😀 👍) with the monochrome emoji fallback', () => {
    const fonts = vendoredFonts();

    const segments = fonts.segment('好😀👍', fang);

    expect(segments.map((s) => [s.face.file, String.fromCodePoint(...s.codePoints)])).toEqual([
      [ROLE_FONT_FILES.fang.regular, '好'],
      [EMOJI_FALLBACK.file, '😀👍'],
    ]);
  });

  it('leaves a character no font has (가, 𰀀) with the role face, whose .notdef box marks it', () => {
    const fonts = vendoredFonts();

    const [segment] = fonts.segment('가𰀀', fang);

    expect(segment?.face.file).toBe(ROLE_FONT_FILES.fang.regular);
    expect(segment?.codePoints.map((cp) => [segment.face.has(cp), segment.face.glyphId(cp)])).toEqual([
      [false, 0],
      [false, 0],
    ]);
    expect(fonts.hasGlyph('가'.codePointAt(0)!, fang)).toBe(false);
  });

  it('reads no fallback while the role faces have every character, in any role', () => {
    const { fonts, reads } = recordingLibrary();
    const text = '关于2023年度党建工作的述职报告：坚持“两个维护”，（一）强化理论武装。——好……ABC';

    for (const role of Object.values(FontRole)) {
      fonts.segment(text, { role, sizePt: 16, bold: false });
      fonts.measure(text, { role, sizePt: 16, bold: true });
    }
    Array.from(text).forEach((char) => fonts.hasGlyph(char.codePointAt(0)!));

    expect(reads).toEqual(EAGER_FONT_FILES);
  });

  it('reads only the fallback a character needs', () => {
    const { fonts, reads } = recordingLibrary();

    fonts.segment('关于张堃同志𠮷的报告', fang);
    const afterRare = [...reads];
    fonts.segment('𪚥', fang);

    expect(afterRare).toEqual([...EAGER_FONT_FILES, FALLBACK_FONT_FILE]);
    expect(reads.slice(afterRare.length)).toEqual([EXTENSION_B_FALLBACK.file]);
  });

  it('reads not the Noto fallback for characters it lacks: emoji, Hangul', () => {
    const { fonts, reads } = recordingLibrary();

    fonts.segment('好😀가', fang);
    fonts.hasGlyph('가'.codePointAt(0)!);

    expect(reads).toEqual([...EAGER_FONT_FILES, EMOJI_FALLBACK.file]);
  });

  it('knows, without reading it, exactly the code points the Noto fallback maps to a glyph', () => {
    const font = fontkit.create(readFileSync(join(FONTS_DIR, FALLBACK_FONT_FILE))) as Font;
    // Every code point, not the font's own character list, which the table was made from.
    const mapped = Array.from({ length: 0x110000 }, (_, codePoint) => codePoint).filter((codePoint) => cmapGlyphId(font, codePoint) !== 0);

    expect(
      NOTO_FALLBACK.ranges,
      `lib/render/pdf/fallback-coverage.ts is not ${FALLBACK_FONT_FILE}'s cmap: run npx tsx scripts/subset-fallback-font.ts --only coverage`,
    ).toEqual(rangesOf(mapped));
  });

  it('gives every fallback sorted, disjoint ranges, as its look-up needs', () => {
    const unsorted = FALLBACKS.filter(({ ranges }) => !ranges.every(([first, last], i) => first <= last && (i === 0 || first > ranges[i - 1]![1])));

    expect(unsorted.map((fallback) => fallback.file)).toEqual([]);
  });

  it('reads the Noto fallback when it is asked for, once', () => {
    const { fonts, reads } = recordingLibrary();

    const fallback = fonts.fallback;
    fonts.segment('堃', fang);

    expect([fallback.file, fonts.segment('堃', fang)[0]?.face]).toEqual([FALLBACK_FONT_FILE, fallback]);
    expect(reads.filter((name) => name === FALLBACK_FONT_FILE)).toHaveLength(1);
  });

  it('reads a lazy fallback once, however many characters need it', () => {
    const { fonts, reads } = recordingLibrary();

    fonts.segment('😀', fang);
    fonts.measure('👍😀', fang);
    fonts.hasGlyph('🎉'.codePointAt(0)!);

    expect(reads.filter((name) => name === EMOJI_FALLBACK.file)).toHaveLength(1);
  });

  it('says which lazy fallback is missing when a character first needs it', () => {
    const read = (name: string): Uint8Array => {
      if (name === EXTENSION_B_FALLBACK.file) throw new Error('ENOENT');
      return readFileSync(join(FONTS_DIR, name));
    };
    const fonts = loadFontLibrary(read);

    expect(() => fonts.segment('𪚥', fang)).toThrow(FontLoadError);
    expect(() => fonts.segment('𪚥', fang)).toThrow(/HanaMinB-ExtB-fallback\.ttf.*assets\/fonts/);
  });

  it('uses the bold cut of 宋体 and synthesises bold for 仿宋, which has none', () => {
    const fonts = vendoredFonts();

    const [song] = fonts.segment('工作', { role: FontRole.Song, sizePt: 16, bold: true });
    const [fangBold] = fonts.segment('工作', { ...fang, bold: true });

    expect([song?.face.file, song?.syntheticBold]).toEqual([ROLE_FONT_FILES.song.bold, false]);
    expect([fangBold?.face.file, fangBold?.syntheticBold]).toEqual([ROLE_FONT_FILES.fang.regular, true]);
  });

  it('thickens fallback characters inside the heavy title face so they match their neighbours', () => {
    const fonts = vendoredFonts();

    const segments = fonts.segment('关于堃', { role: FontRole.Title, sizePt: 22, bold: false });

    expect(segments.map((s) => s.syntheticBold)).toEqual([false, true]);
  });

  it('says which file is missing and where the fonts live when one cannot be read', () => {
    const read = (name: string): Uint8Array => {
      if (name === ROLE_FONT_FILES.hei.regular) throw new Error('ENOENT');
      return readFileSync(join(FONTS_DIR, name));
    };

    expect(() => loadFontLibrary(read)).toThrow(FontLoadError);
    expect(() => loadFontLibrary(read)).toThrow(/FandolHei-Regular\.otf.*assets\/fonts/);
  });

  it('rejects a file that is not a font, naming it, when a character first needs it', () => {
    const read = (name: string): Uint8Array => (name === FALLBACK_FONT_FILE ? new TextEncoder().encode('not a font') : readFileSync(join(FONTS_DIR, name)));
    const fonts = loadFontLibrary(read);

    expect(() => fonts.segment('堃', fang)).toThrow(/NotoSerifCJKsc-Regular-fallback\.otf is not a valid OpenType font/);
  });
});
