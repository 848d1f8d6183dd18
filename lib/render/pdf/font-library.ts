/**
 * The fonts the PDF embeds, parsed once per process: one open face per font role (Fandol 宋/仿/黑/楷,
 * GB2312 coverage), a Times-metric serif (Liberation Serif) for printable ASCII in every role, as the
 * DOCX names Times New Roman for it, and fallbacks for the characters a Fandol face lacks (a subset
 * of Noto Serif CJK SC for 堃, 喆, 𠮷 …, then Extension B and emoji), each read only when a document
 * needs it. The library measures text exactly as the drawer will draw it.
 */
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { ReportPressError } from '../../errors.js';
import type { MeasureText, RunFace } from '../layout/types.js';
import { isLatinCodePoint } from '../latin-metrics.js';
import { FontRole } from '../style.js';
import { decodeCodePointRanges, inRanges, type CodePointRanges } from './code-point-ranges.js';
import { NOTO_FALLBACK_COVERAGE } from './fallback-coverage.js';

export type { CodePointRanges } from './code-point-ranges.js';

/** Faces per role. `bold: null` means the role has no bold face and bold is synthesised (fill + stroke). */
export const ROLE_FONT_FILES = {
  // 小标宋 is a heavy 宋体; Fandol's bold 宋 is the closest open face.
  [FontRole.Title]: { regular: 'FandolSong-Bold.otf', bold: null },
  [FontRole.Song]: { regular: 'FandolSong-Regular.otf', bold: 'FandolSong-Bold.otf' },
  [FontRole.Fang]: { regular: 'FandolFang-Regular.otf', bold: null },
  [FontRole.Hei]: { regular: 'FandolHei-Regular.otf', bold: null },
  [FontRole.Kai]: { regular: 'FandolKai-Regular.otf', bold: null },
} as const satisfies Record<FontRole, { readonly regular: string; readonly bold: string | null }>;

/** The role faces, each file once. */
export const PRIMARY_FONT_FILES: readonly string[] = [
  ...new Set(Object.values(ROLE_FONT_FILES).flatMap((files) => (files.bold ? [files.regular, files.bold] : [files.regular]))),
];

/**
 * The Latin face of every role: Liberation Serif (SIL OFL 1.1, metric-compatible with Times New
 * Roman, which the DOCX names for ASCII), so that `12.35亿元` and `8.7%` have the same digits in both
 * documents. It draws printable ASCII (U+0020–U+007E); the bold cut serves bold runs.
 */
export const LATIN_FONT_FILES = { regular: 'LiberationSerif-Regular.ttf', bold: 'LiberationSerif-Bold.ttf' } as const;

/** Noto Serif CJK SC cut down to what Fandol lacks; regenerate with scripts/subset-fallback-font.ts. */
export const FALLBACK_FONT_FILE = 'NotoSerifCJKsc-Regular-fallback.otf';

/**
 * A fallback read and parsed only when a document has a character in its `ranges` that the role
 * face and the fallbacks asked before it lack: most reports never need one, and a process that
 * never does pays nothing for it (no read, no parse, no memory).
 */
export interface LazyFallback {
  readonly file: string;
  /** Where the file's characters lie (sorted, disjoint): other characters never make the library load it. */
  readonly ranges: CodePointRanges;
}

let notoRanges: CodePointRanges | undefined;

/**
 * {@link FALLBACK_FONT_FILE}, the first fallback asked. Its ranges are its cmap's exactly, from the
 * table scripts/subset-fallback-font.ts generates beside the font (a unit test holds the two equal),
 * so it is read only for a character it draws; decoded on first use (6,000 ranges).
 */
export const NOTO_FALLBACK: LazyFallback = {
  file: FALLBACK_FONT_FILE,
  get ranges() {
    notoRanges ??= decodeCodePointRanges(NOTO_FALLBACK_COVERAGE);
    return notoRanges;
  },
};

/** CJK Unified Ideographs Extension B (𠀀 … 𪚥 …) beyond the 2,057 that Noto Serif CJK SC has: HanaMinB. */
export const EXTENSION_B_FALLBACK = {
  file: 'HanaMinB-ExtB-fallback.ttf',
  ranges: [[0x20000, 0x2a6df]],
} as const satisfies LazyFallback;

/** Monochrome outline emoji (😀 👍 …): Noto Emoji, for the emoji the CJK faces lack. */
export const EMOJI_FALLBACK = {
  file: 'NotoEmoji-Regular-fallback.ttf',
  // The blocks where Noto Emoji has characters the CJK faces lack (letterlike ℹ, arrows ↩, technical
  // ⌚, shapes ◼, symbols ☕, dingbats ✅, ⭐, and the emoji planes from 🀄 to 🪭).
  ranges: [[0x2100, 0x21ff], [0x2300, 0x23ff], [0x25a0, 0x25ff], [0x2600, 0x27bf], [0x2b00, 0x2bff], [0x1f000, 0x1faff]],
} as const satisfies LazyFallback;

/** The fallbacks in the order they are asked, after the role face. */
export const FALLBACKS: readonly LazyFallback[] = [NOTO_FALLBACK, EXTENSION_B_FALLBACK, EMOJI_FALLBACK];

const BOLD_CUTS: ReadonlySet<string> = new Set(Object.values(ROLE_FONT_FILES).flatMap((files) => (files.bold ? [files.bold] : [])));

/** The files the library reads and parses when it is made: the role faces, then the Latin faces. */
export const EAGER_FONT_FILES: readonly string[] = [...PRIMARY_FONT_FILES, LATIN_FONT_FILES.regular, LATIN_FONT_FILES.bold];

/** Every font file (names under assets/fonts/) the library may read: the role faces, the Latin faces, then the fallbacks. */
export const FONT_FILES: readonly string[] = [...EAGER_FONT_FILES, ...FALLBACKS.map((f) => f.file)];

/** A font file could not be read or parsed. */
export class FontLoadError extends ReportPressError {
  override readonly name = 'FontLoadError';
}

/** One parsed font file with per-code-point caches. */
export interface LoadedFace {
  readonly file: string;
  /** The file's bytes, as handed to pdf-lib's `embedFont` (the adapter maps them back to `font`). */
  readonly bytes: Uint8Array;
  readonly font: Font;
  /** True when the font has a glyph of its own for the code point. */
  has(codePoint: number): boolean;
  /**
   * The glyph drawn for a code point: the font's own; 0 (.notdef, a visible box) when it lacks it;
   * for an invisible format character, the (empty) space glyph, drawn at zero advance.
   */
  glyphId(codePoint: number): number;
  /** Advance of what is drawn for the code point, in ems; 0 for invisible format characters. */
  advanceEm(codePoint: number): number;
}

/** A stretch of a run's text that one face draws. */
export interface FaceSegment {
  readonly face: LoadedFace;
  /** Bold requested but the face is regular: draw with fill + stroke. */
  readonly syntheticBold: boolean;
  readonly codePoints: readonly number[];
  /** Sum of the code points' advances, in ems (multiply by the size for points). */
  readonly advanceEm: number;
}

export interface FontLibrary {
  /** Every file the library may read (see {@link FONT_FILES}). */
  readonly files: readonly string[];
  /** The faces parsed so far: the role faces, then the fallbacks in the order documents first needed them. */
  readonly faces: readonly LoadedFace[];
  /**
   * The Noto fallback ({@link FALLBACK_FONT_FILE}), read and parsed on first access if no document
   * needed it yet.
   * @throws FontLoadError when its file is missing or not a font.
   */
  readonly fallback: LoadedFace;
  /** Width of text without character spacing, choosing the face per character as it is drawn. */
  readonly measure: MeasureText;
  /**
   * Middle of a character's ink above the baseline, in ems of the face that draws it in `face`
   * (the 一字线 of a page number: 0.30 in Fandol 宋); `undefined` when the glyph has no ink.
   */
  inkMiddleEm(char: string, face: RunFace): number | undefined;
  /**
   * True when the character can be drawn: the face's own font or a fallback has a glyph, or it is an
   * invisible format character (nothing to draw). A run face checks the face that run draws with
   * (bold picks the bold cut); a role checks its regular and bold cuts; nothing checks every role.
   * May load a fallback.
   */
  hasGlyph(codePoint: number, face?: FontRole | RunFace): boolean;
  /**
   * Splits text into stretches per drawing face. A character no font has stays with the role face,
   * whose .notdef box marks it; invisible format characters stay too, at zero advance, so that the
   * text layer keeps every character of the input.
   */
  segment(text: string, face: RunFace): FaceSegment[];
}

/**
 * Zero-width format characters (soft hyphen, ZWSP, joiners, marks, BOM, variation selectors, emoji
 * tag characters): no face draws them usefully and a .notdef box in an official document is worse
 * than nothing. They are drawn as nothing, at zero advance, and kept in the text layer.
 */
export function isInvisible(codePoint: number): boolean {
  return (
    codePoint === 0xad ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x2060 && codePoint <= 0x2064) ||
    codePoint === 0xfeff ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0xe0001 && codePoint <= 0xe007f) ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef)
  );
}

const SPACE = 0x20;
/** Code points below this (the Basic Multilingual Plane) are cached in typed arrays. */
const BMP_SIZE = 0x10000;

/**
 * The glyph the font's cmap maps a code point to, 0 when none. fontkit's own cmap lookup, without
 * the glyph object glyphForCodePoint makes: that one asks Unicode whether the character is a mark,
 * which inflates a Unicode table in every process.
 */
export function cmapGlyphId(font: Font, codePoint: number): number {
  const cmap = (font as unknown as { _cmapProcessor?: { lookup?: (codePoint: number) => number } })._cmapProcessor;
  return typeof cmap?.lookup === 'function' ? cmap.lookup(codePoint) : font.glyphForCodePoint(codePoint).id;
}

interface GlyphInfo {
  readonly own: boolean;
  readonly id: number;
  readonly advanceEm: number;
}

function readFont(file: string, read: (fileName: string) => Uint8Array): Uint8Array {
  try {
    return read(file);
  } catch (error) {
    throw new FontLoadError(
      `cannot read font file ${file} (${(error as Error).message}); the fonts ship in assets/fonts/ — pass loadFontLibrary a reader that resolves names there`,
    );
  }
}

function loadFace(file: string, read: (fileName: string) => Uint8Array): LoadedFace {
  const bytes = readFont(file, read);
  let parsed: ReturnType<typeof fontkit.create>;
  try {
    parsed = fontkit.create(bytes);
  } catch (error) {
    throw new FontLoadError(`font file ${file} is not a valid OpenType font (${(error as Error).message}); restore it from assets/fonts/`);
  }
  if ('fonts' in parsed) {
    throw new FontLoadError(`font file ${file} is a font collection; extract one face (see scripts/subset-fallback-font.ts)`);
  }
  const font = parsed;
  // Per code point, looked up for every character measured and drawn: typed arrays for the BMP
  // (no object per glyph; pages the text never touches are never written), a map beyond it.
  // `glyphs` holds id + 1, negated when the font lacks the character (0: not looked up yet).
  const glyphs = new Int32Array(BMP_SIZE);
  const advances = new Float64Array(BMP_SIZE);
  const astral = new Map<number, GlyphInfo>();
  const lookUp = (codePoint: number): GlyphInfo => {
    // Drawn as a zero-width copy of the space glyph: nothing shows, the text layer keeps it.
    if (isInvisible(codePoint)) return { own: false, id: font.glyphForCodePoint(SPACE).id, advanceEm: 0 };
    const id = cmapGlyphId(font, codePoint);
    return { own: id !== 0, id, advanceEm: font.getGlyph(id).advanceWidth / font.unitsPerEm };
  };
  /** The entry of a BMP code point in `glyphs`, looked up on first use. */
  const bmp = (codePoint: number): number => {
    let entry = glyphs[codePoint]!;
    if (entry === 0) {
      const info = lookUp(codePoint);
      entry = info.own ? info.id + 1 : -(info.id + 1);
      glyphs[codePoint] = entry;
      advances[codePoint] = info.advanceEm;
    }
    return entry;
  };
  const info = (codePoint: number): GlyphInfo => {
    let entry = astral.get(codePoint);
    if (!entry) {
      entry = lookUp(codePoint);
      astral.set(codePoint, entry);
    }
    return entry;
  };
  return {
    file,
    bytes,
    font,
    has: (codePoint) => (codePoint < BMP_SIZE ? bmp(codePoint) > 0 : info(codePoint).own),
    glyphId: (codePoint) => (codePoint < BMP_SIZE ? Math.abs(bmp(codePoint)) - 1 : info(codePoint).id),
    advanceEm: (codePoint) => {
      if (codePoint >= BMP_SIZE) return info(codePoint).advanceEm;
      bmp(codePoint);
      return advances[codePoint]!;
    },
  };
}

/**
 * Parses the role and Latin faces ({@link EAGER_FONT_FILES}) once; the {@link FALLBACKS} are read and
 * parsed through the same `read` on the first character that needs them. Call it once per process
 * and pass the library to every render: parsing is lazy in fontkit, but glyph and width caches live
 * on the library.
 *
 * @param read returns the bytes of a file under assets/fonts/, e.g.
 *   `(name) => readFileSync(join(fontsDir, name))`.
 * @throws FontLoadError when a file is missing or not a font (a fallback's, when first needed).
 */
export function loadFontLibrary(read: (fileName: string) => Uint8Array): FontLibrary {
  const faces = new Map(EAGER_FONT_FILES.map((file) => [file, loadFace(file, read)] as const));
  const face = (file: string): LoadedFace => faces.get(file)!;
  const latinFace = (bold: boolean): LoadedFace => face(bold ? LATIN_FONT_FILES.bold : LATIN_FONT_FILES.regular);

  const lazyFaces = new Map<LazyFallback, LoadedFace>();
  const lazyFace = (lazy: LazyFallback): LoadedFace => {
    let loaded = lazyFaces.get(lazy);
    if (!loaded) {
      loaded = loadFace(lazy.file, read);
      lazyFaces.set(lazy, loaded);
      faces.set(lazy.file, loaded);
    }
    return loaded;
  };

  /** The fallback that draws a character the role face lacks, if any has it. */
  const fallbackFor = (codePoint: number): LoadedFace | undefined => {
    for (const lazy of FALLBACKS) {
      if (!inRanges(codePoint, lazy.ranges)) continue;
      const loaded = lazyFace(lazy);
      if (loaded.has(codePoint)) return loaded;
    }
    return undefined;
  };

  const primaryFor = (role: FontRole, bold: boolean): { face: LoadedFace; syntheticBold: boolean } => {
    const files = ROLE_FONT_FILES[role];
    if (bold && files.bold) return { face: face(files.bold), syntheticBold: false };
    return { face: face(files.regular), syntheticBold: bold };
  };

  // Characters no face has stay with the primary face, whose .notdef box keeps the layout honest and
  // shows that something is there; invisible ones stay with it at zero advance.
  const drawingFace = (primary: LoadedFace, codePoint: number): LoadedFace =>
    isInvisible(codePoint) || primary.has(codePoint) ? primary : (fallbackFor(codePoint) ?? primary);

  const segment = (text: string, runFace: RunFace): FaceSegment[] => {
    const primary = primaryFor(runFace.role, runFace.bold);
    const latin = runFace.latin === false ? undefined : latinFace(runFace.bold);
    const segments: { face: LoadedFace; syntheticBold: boolean; codePoints: number[]; advanceEm: number }[] = [];
    let current: (typeof segments)[number] | undefined;
    // By index, not `for…of`: no string per character (this runs for every character drawn).
    for (let i = 0; i < text.length; i++) {
      const codePoint = text.codePointAt(i)!;
      if (codePoint > 0xffff) i++;
      const drawing = latin && isLatinCodePoint(codePoint) ? latin : drawingFace(primary.face, codePoint);
      if (current?.face !== drawing) {
        // Fallbacks have no bold cut: thicken them when bold is asked for or the primary face is
        // itself a bold cut (the title's 小标宋 stand-in), so rare characters match their neighbours.
        // The Latin face has its own bold cut, and is regular in a title as in the DOCX.
        const syntheticBold =
          drawing === latin ? false : drawing !== primary.face ? runFace.bold || BOLD_CUTS.has(primary.face.file) : primary.syntheticBold;
        current = { face: drawing, syntheticBold, codePoints: [], advanceEm: 0 };
        segments.push(current);
      }
      current.codePoints.push(codePoint);
      current.advanceEm += drawing.advanceEm(codePoint);
    }
    return segments;
  };

  const measure: MeasureText = (text, runFace) => {
    const primary = primaryFor(runFace.role, runFace.bold).face;
    const latin = runFace.latin === false ? undefined : latinFace(runFace.bold);
    let em = 0;
    for (let i = 0; i < text.length; i++) {
      const codePoint = text.codePointAt(i)!;
      if (codePoint > 0xffff) i++;
      em += (latin && isLatinCodePoint(codePoint) ? latin : drawingFace(primary, codePoint)).advanceEm(codePoint);
    }
    return em * runFace.sizePt;
  };

  const inkMiddleEm = (char: string, runFace: RunFace): number | undefined => {
    const codePoint = char.codePointAt(0)!;
    const drawing =
      runFace.latin !== false && isLatinCodePoint(codePoint) ? latinFace(runFace.bold) : drawingFace(primaryFor(runFace.role, runFace.bold).face, codePoint);
    const box = drawing.font.getGlyph(drawing.glyphId(codePoint)).bbox;
    return box.maxY > box.minY ? (box.minY + box.maxY) / 2 / drawing.font.unitsPerEm : undefined;
  };

  const roleFaces = (role: FontRole): LoadedFace[] => {
    const files = ROLE_FONT_FILES[role];
    return files.bold ? [face(files.regular), face(files.bold)] : [face(files.regular)];
  };
  const hasGlyph = (codePoint: number, runFace?: FontRole | RunFace): boolean => {
    if (isInvisible(codePoint)) return true;
    const primaries =
      runFace === undefined
        ? Object.values(FontRole).flatMap(roleFaces)
        : typeof runFace === 'string'
          ? roleFaces(runFace)
          : [primaryFor(runFace.role, runFace.bold).face];
    return isLatinCodePoint(codePoint) || primaries.every((primary) => primary.has(codePoint)) || fallbackFor(codePoint) !== undefined;
  };

  return {
    files: FONT_FILES,
    get faces() {
      return [...faces.values()];
    },
    get fallback() {
      return lazyFace(NOTO_FALLBACK);
    },
    measure,
    inkMiddleEm,
    hasGlyph,
    segment,
  };
}
