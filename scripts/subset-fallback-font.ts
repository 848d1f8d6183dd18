/**
 * Regenerates the fallback fonts under assets/fonts/, each cut down to the characters that the
 * faces asked before it lack:
 *   1. NotoSerifCJKsc-Regular-fallback.otf — the Simplified Chinese face of Noto Serif CJK, for the
 *      characters of the blocks in NOTO_RANGES that some Fandol face lacks (Fandol covers GB2312).
 *   2. HanaMinB-ExtB-fallback.ttf — HanaMinB, for the CJK Extension B characters Noto lacks.
 *   3. NotoEmoji-Regular-fallback.ttf — Noto Emoji (monochrome outlines), for the emoji all of the
 *      above lack.
 * The ranges of 2 and 3 are the library's own (EXTENSION_B_FALLBACK, EMOJI_FALLBACK), which it
 * uses to decide when to load them. For 1 the script writes the table of the code points the new
 * file's cmap maps to a glyph, lib/render/pdf/fallback-coverage.ts, with which the library decides
 * when to load it; `--only coverage` rewrites that table from the vendored file alone.
 *
 * One-off maintenance tool, not used at build or run time. Needs, on the machine that runs it:
 *   apt-get install fonts-noto-cjk fonts-hanazono fonttools
 *   npm pack @expo-google-fonts/noto-emoji && tar xzf expo-google-fonts-noto-emoji-*.tgz
 * Usage: npx tsx scripts/subset-fallback-font.ts [--only noto|extb|emoji|coverage]   (default: all three, in order)
 *   [--noto /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc]
 *   [--hanamin /usr/share/fonts/truetype/hanazono/HanaMinB.ttf]
 *   [--emoji package/400Regular/NotoEmoji_400Regular.ttf]
 *
 * fontkit can subset, but its subsets are bare CFF/glyf tables without a cmap, i.e. not a font file
 * a parser can open again; pyftsubset writes a complete OpenType font. The output is the same for
 * the same inputs and fonttools version (Debian bookworm's 4.38 made the vendored files).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { encodeCodePointRanges, RANGE_SEPARATOR, rangesOf, type CodePointRanges } from '../lib/render/pdf/code-point-ranges.js';
import { cmapGlyphId, EMOJI_FALLBACK, EXTENSION_B_FALLBACK, FALLBACK_FONT_FILE, PRIMARY_FONT_FILES } from '../lib/render/pdf/font-library.js';

/**
 * Blocks a Chinese report may use: Latin (with Vietnamese), spacing modifiers (bopomofo tones),
 * Greek, punctuation, super- and subscripts, currency, letterlike, arrows, maths, technical, control
 * pictures, enclosed alphanumerics (①), box drawing, block elements, shapes, symbols, dingbats
 * (❶ ➀ ✓), CJK radicals and Kangxi radicals (text scraped from PDFs often has ⽇ for 日), ideographic
 * description, CJK symbols and punctuation, kana, bopomofo, enclosed CJK, CJK compatibility, every CJK
 * ideograph block, compatibility ideographs, vertical, small and fullwidth forms, enclosed
 * supplements (🄐 🈶). Not Hangul (11,172 syllables, 3 MB) nor combining marks (drawn without
 * positioning they would land beside their letter).
 */
const NOTO_RANGES: CodePointRanges = [
  [0x0020, 0x007e], [0x00a0, 0x024f], [0x02b0, 0x02ff], [0x0370, 0x03ff], [0x1e00, 0x1eff],
  [0x2000, 0x206f], [0x2070, 0x209f], [0x20a0, 0x20cf], [0x2100, 0x218f], [0x2190, 0x21ff],
  [0x2200, 0x22ff], [0x2300, 0x23ff], [0x2400, 0x243f], [0x2460, 0x24ff], [0x2500, 0x257f],
  [0x2580, 0x259f], [0x25a0, 0x25ff], [0x2600, 0x26ff], [0x2700, 0x27bf], [0x2900, 0x297f],
  [0x2980, 0x29ff], [0x2b00, 0x2bff], [0x2e00, 0x2e7f], [0x2e80, 0x2eff], [0x2f00, 0x2fdf],
  [0x2ff0, 0x2fff], [0x3000, 0x303f], [0x3040, 0x30ff], [0x3100, 0x312f], [0x3190, 0x319f],
  [0x31c0, 0x31ef], [0x3200, 0x32ff], [0x3300, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
  [0xf900, 0xfaff], [0xfb00, 0xfb4f], [0xfe10, 0xfe1f], [0xfe30, 0xfe4f], [0xfe50, 0xfe6f],
  [0xff00, 0xffef], [0x1f100, 0x1f1ff], [0x1f200, 0x1f2ff], [0x20000, 0x2a6df], [0x2a700, 0x2ebef],
  [0x2f800, 0x2fa1f], [0x30000, 0x3134f],
];

interface FallbackSource {
  readonly id: 'noto' | 'extb' | 'emoji';
  readonly output: string;
  readonly defaultSource: string;
  /** The face to take from a collection. */
  readonly face?: string;
  readonly ranges: CodePointRanges;
  readonly pyftsubsetOptions: readonly string[];
}

const FALLBACKS: readonly FallbackSource[] = [
  {
    id: 'noto',
    output: FALLBACK_FONT_FILE,
    defaultSource: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
    face: 'NotoSerifCJKsc-Regular',
    ranges: NOTO_RANGES,
    // fontkit's subsets keep every subroutine index at full length: 40 KB per document for a few
    // glyphs of a subroutinized font, 2 KB desubroutinized (the file grows by 1 MB).
    pyftsubsetOptions: ['--desubroutinize'],
  },
  {
    id: 'extb',
    output: EXTENSION_B_FALLBACK.file,
    defaultSource: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf',
    ranges: EXTENSION_B_FALLBACK.ranges,
    pyftsubsetOptions: [],
  },
  {
    id: 'emoji',
    output: EMOJI_FALLBACK.file,
    defaultSource: 'package/400Regular/NotoEmoji_400Regular.ttf',
    ranges: EMOJI_FALLBACK.ranges,
    pyftsubsetOptions: [],
  },
];

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const fontsDir = join(import.meta.dirname, '..', 'assets', 'fonts');

function openFace(path: string, faceName?: string): { font: Font; fontNumber: number } {
  const parsed = fontkit.create(readFileSync(path));
  if (!('fonts' in parsed)) return { font: parsed, fontNumber: 0 };
  const fontNumber = parsed.fonts.findIndex((font) => font.postscriptName === faceName);
  if (fontNumber < 0) throw new Error(`${path} has no face ${faceName}`);
  return { font: parsed.fonts[fontNumber]!, fontNumber };
}

const coverageFile = join(import.meta.dirname, '..', 'lib', 'render', 'pdf', 'fallback-coverage.ts');

/** Writes the table of the code points the vendored Noto fallback maps to a glyph (see the header). */
function writeNotoCoverage(): void {
  const { font } = openFace(join(fontsDir, FALLBACK_FONT_FILE));
  const ranges = rangesOf(font.characterSet.filter((codePoint) => cmapGlyphId(font, codePoint) !== 0));
  // Lines of whole entries, so that the table reads and diffs as text.
  const lines: string[] = [];
  for (const entry of encodeCodePointRanges(ranges)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + entry.length < 110) lines[last] += RANGE_SEPARATOR + entry;
    else lines.push(entry);
  }
  const count = ranges.reduce((sum, [first, last]) => sum + last - first + 1, 0);
  writeFileSync(
    coverageFile,
    [
      `// Generated by scripts/subset-fallback-font.ts from assets/fonts/${FALLBACK_FONT_FILE}: do not edit.`,
      '// Regenerate with `npx tsx scripts/subset-fallback-font.ts --only coverage` after changing the font.',
      '',
      '/**',
      ` * The code points ${FALLBACK_FONT_FILE} maps to a glyph (${count.toLocaleString('en')} in ${ranges.length.toLocaleString('en')} ranges),`,
      ' * in the text form of encodeCodePointRanges (code-point-ranges.ts): the library asks it before it',
      ' * reads the font.',
      ' */',
      'export const NOTO_FALLBACK_COVERAGE = [',
      ...lines.map((line) => `  '${line}',`),
      `].join('${RANGE_SEPARATOR}');`,
      '',
    ].join('\n'),
  );
  console.log(`wrote ${coverageFile}: ${ranges.length} ranges`);
}

const only = argument('--only');
if (only === 'coverage') {
  writeNotoCoverage();
  process.exit(0);
}
const primaries = PRIMARY_FONT_FILES.map((name) => openFace(join(fontsDir, name)).font);
/** Fonts asked before the next fallback: a character one of them has for every role is not wanted. */
const earlier: Font[] = [];

for (const fallback of FALLBACKS) {
  const source = argument(`--${fallback.id === 'extb' ? 'hanamin' : fallback.id}`) ?? fallback.defaultSource;
  if (only && only !== fallback.id) {
    earlier.push(openFace(join(fontsDir, fallback.output)).font);
    continue;
  }
  const { font, fontNumber } = openFace(source, fallback.face);
  const wanted: string[] = [];
  for (const [first, last] of fallback.ranges) {
    for (let cp = first; cp <= last; cp++) {
      const drawnAlready = primaries.every((f) => f.hasGlyphForCodePoint(cp)) || earlier.some((f) => f.hasGlyphForCodePoint(cp));
      if (!drawnAlready && font.hasGlyphForCodePoint(cp)) wanted.push(`U+${cp.toString(16).toUpperCase()}`);
    }
  }
  const work = mkdtempSync(join(tmpdir(), 'subset-'));
  const unicodesFile = join(work, 'unicodes.txt');
  writeFileSync(unicodesFile, wanted.join('\n'));
  const output = join(fontsDir, fallback.output);
  execFileSync(
    'pyftsubset',
    [
      source,
      `--font-number=${fontNumber}`,
      `--unicodes-file=${unicodesFile}`,
      // No shaping at draw time: ligatures and alternates would be glyphs nothing reaches.
      '--layout-features=',
      '--no-hinting',
      ...fallback.pyftsubsetOptions,
      '--name-IDs=*',
      '--name-languages=*',
      `--output-file=${output}`,
    ],
    { stdio: 'inherit' },
  );
  console.log(`wrote ${output}: ${wanted.length} characters, ${(statSync(output).size / 1024 / 1024).toFixed(1)} MB`);
  if (fallback.id === 'noto') writeNotoCoverage();
  // Later fallbacks exclude what this one has: regenerate them too after changing it.
  if (only) break;
  earlier.push(openFace(output).font);
}
