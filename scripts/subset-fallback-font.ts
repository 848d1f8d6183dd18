/**
 * Regenerates assets/fonts/NotoSerifCJKsc-Regular-fallback.otf: the Simplified Chinese face of
 * Noto Serif CJK, cut down to the characters the Fandol faces lack (Fandol covers GB2312 only).
 *
 * One-off maintenance tool, not used at build or run time. Needs, on the machine that runs it:
 *   apt-get install fonts-noto-cjk fonttools     (or pass --collection PATH to the .ttc)
 * Usage: npx tsx scripts/subset-fallback-font.ts [--collection /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc]
 *
 * fontkit can subset, but its subsets are bare CFF/glyf tables without a cmap, i.e. not a font file
 * a parser can open again; pyftsubset writes a complete OpenType font.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { FALLBACK_FONT_FILE, PRIMARY_FONT_FILES } from '../lib/render/pdf/font-library.js';

const FACE = 'NotoSerifCJKsc-Regular';
const DEFAULT_COLLECTION = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';

/** Blocks a Chinese report may use: Latin, punctuation, symbols, kana, all CJK ideograph blocks. */
const RANGES: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e], [0x00a0, 0x024f], [0x2000, 0x206f], [0x2100, 0x218f], [0x2190, 0x21ff],
  [0x2200, 0x22ff], [0x2460, 0x24ff], [0x2500, 0x257f], [0x25a0, 0x25ff], [0x2600, 0x26ff],
  [0x3000, 0x303f], [0x3040, 0x30ff], [0x3100, 0x312f], [0x3190, 0x319f], [0x31c0, 0x31ef],
  [0x3200, 0x32ff], [0x3300, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff],
  [0xfe30, 0xfe4f], [0xff00, 0xffef], [0x20000, 0x2a6df], [0x2a700, 0x2ebef], [0x2f800, 0x2fa1f],
  [0x30000, 0x3134f],
];

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const collectionPath = argument('--collection') ?? DEFAULT_COLLECTION;
const fontsDir = join(import.meta.dirname, '..', 'assets', 'fonts');

const primaries = PRIMARY_FONT_FILES.map((name) => fontkit.create(readFileSync(join(fontsDir, name))));
const collection = fontkit.create(readFileSync(collectionPath));
const face = 'fonts' in collection ? collection.getFont(FACE) : collection;
if (!face || !('hasGlyphForCodePoint' in face)) throw new Error(`${collectionPath} has no face ${FACE}`);

const wanted: string[] = [];
for (const [first, last] of RANGES) {
  for (let cp = first; cp <= last; cp++) {
    const everyPrimaryHasIt = primaries.every((font) => 'hasGlyphForCodePoint' in font && font.hasGlyphForCodePoint(cp));
    if (!everyPrimaryHasIt && face.hasGlyphForCodePoint(cp)) wanted.push(`U+${cp.toString(16).toUpperCase()}`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'subset-'));
const unicodesFile = join(work, 'unicodes.txt');
writeFileSync(unicodesFile, wanted.join('\n'));
const fontNumber = 'fonts' in collection ? collection.fonts.findIndex((font) => font.postscriptName === FACE) : 0;
const output = join(fontsDir, FALLBACK_FONT_FILE);
execFileSync('pyftsubset', [
  collectionPath,
  `--font-number=${fontNumber}`,
  `--unicodes-file=${unicodesFile}`,
  '--layout-features=',
  '--no-hinting',
  // fontkit's subsets keep every subroutine index at full length: 40 KB per document for a few
  // glyphs of a subroutinized font, 2 KB desubroutinized (the file grows by 1 MB).
  '--desubroutinize',
  '--name-IDs=*',
  '--name-languages=*',
  `--output-file=${output}`,
], { stdio: 'inherit' });
console.log(`wrote ${output}: ${wanted.length} characters`);
