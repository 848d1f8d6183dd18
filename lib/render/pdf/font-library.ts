/**
 * The fonts the PDF embeds, parsed once per process: one open face per font role (Fandol 宋/仿/黑/楷,
 * GB2312 coverage) and one fallback (a subset of Noto Serif CJK SC) for every character a Fandol
 * face lacks (堃, 喆, 𠮷 …). The library measures text exactly as the drawer will draw it.
 */
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { ReportPressError } from '../../errors.js';
import type { MeasureText, RunFace } from '../layout/types.js';
import { FontRole } from '../style.js';

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

/** Noto Serif CJK SC cut down to what Fandol lacks; regenerate with scripts/subset-fallback-font.ts. */
export const FALLBACK_FONT_FILE = 'NotoSerifCJKsc-Regular-fallback.otf';

const BOLD_CUTS: ReadonlySet<string> = new Set(Object.values(ROLE_FONT_FILES).flatMap((files) => (files.bold ? [files.bold] : [])));

/** Every font file (names under assets/fonts/) the library needs. */
export const FONT_FILES: readonly string[] = [...PRIMARY_FONT_FILES, FALLBACK_FONT_FILE];

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
  /** Glyph id for a code point; 0 (.notdef) when the font lacks it. */
  glyphId(codePoint: number): number;
  /** Advance of the code point's glyph in ems. */
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
  readonly files: readonly string[];
  /** Every parsed file, role faces first, the fallback last. */
  readonly faces: readonly LoadedFace[];
  readonly fallback: LoadedFace;
  /** Width of text without character spacing, choosing the face per character as it is drawn. */
  readonly measure: MeasureText;
  /** True when the role's face or the fallback has a glyph; without a role, for every role. */
  hasGlyph(codePoint: number, role?: FontRole): boolean;
  /** Splits text into stretches per drawing face; invisible format characters are dropped. */
  segment(text: string, face: RunFace): FaceSegment[];
}

/**
 * Zero-width format characters (soft hyphen, ZWSP, joiners, marks, BOM, variation selectors): no
 * face draws them usefully and a .notdef box in an official document is worse than nothing.
 */
function isInvisible(codePoint: number): boolean {
  return (
    codePoint === 0xad ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x2060 && codePoint <= 0x2064) ||
    codePoint === 0xfeff ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef)
  );
}

interface GlyphInfo {
  readonly id: number;
  readonly advanceEm: number;
}

function loadFace(file: string, read: (fileName: string) => Uint8Array): LoadedFace {
  let bytes: Uint8Array;
  try {
    bytes = read(file);
  } catch (error) {
    throw new FontLoadError(
      `cannot read font file ${file} (${(error as Error).message}); the fonts ship in assets/fonts/ — pass loadFontLibrary a reader that resolves names there`,
    );
  }
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
  const cache = new Map<number, GlyphInfo>();
  const info = (codePoint: number): GlyphInfo => {
    let entry = cache.get(codePoint);
    if (!entry) {
      const glyph = font.glyphForCodePoint(codePoint);
      entry = { id: glyph.id, advanceEm: glyph.advanceWidth / font.unitsPerEm };
      cache.set(codePoint, entry);
    }
    return entry;
  };
  return {
    file,
    bytes,
    font,
    glyphId: (codePoint) => info(codePoint).id,
    advanceEm: (codePoint) => info(codePoint).advanceEm,
  };
}

/**
 * Parses every font in {@link FONT_FILES} once. Call it once per process and pass the library to
 * every render: parsing is lazy in fontkit, but glyph and width caches live on the library.
 *
 * @param read returns the bytes of a file under assets/fonts/, e.g.
 *   `(name) => readFileSync(join(fontsDir, name))`.
 * @throws FontLoadError when a file is missing or not a font.
 */
export function loadFontLibrary(read: (fileName: string) => Uint8Array): FontLibrary {
  const faces = new Map(FONT_FILES.map((file) => [file, loadFace(file, read)] as const));
  const face = (file: string): LoadedFace => faces.get(file)!;
  const fallback = face(FALLBACK_FONT_FILE);

  const primaryFor = (role: FontRole, bold: boolean): { face: LoadedFace; syntheticBold: boolean } => {
    const files = ROLE_FONT_FILES[role];
    if (bold && files.bold) return { face: face(files.bold), syntheticBold: false };
    return { face: face(files.regular), syntheticBold: bold };
  };

  // Characters neither face has still go to the primary face, whose .notdef keeps the layout honest.
  const drawingFace = (primary: LoadedFace, codePoint: number): LoadedFace =>
    primary.glyphId(codePoint) !== 0 || fallback.glyphId(codePoint) === 0 ? primary : fallback;

  const segment = (text: string, runFace: RunFace): FaceSegment[] => {
    const primary = primaryFor(runFace.role, runFace.bold);
    const segments: { face: LoadedFace; syntheticBold: boolean; codePoints: number[]; advanceEm: number }[] = [];
    let current: (typeof segments)[number] | undefined;
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      if (isInvisible(codePoint)) continue;
      const drawing = drawingFace(primary.face, codePoint);
      if (current?.face !== drawing) {
        // The fallback has no bold cut: thicken it when bold is asked for or the primary face is
        // itself a bold cut (the title's 小标宋 stand-in), so rare characters match their neighbours.
        const syntheticBold = drawing === fallback ? runFace.bold || BOLD_CUTS.has(primary.face.file) : primary.syntheticBold;
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
    let em = 0;
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      if (isInvisible(codePoint)) continue;
      em += drawingFace(primary, codePoint).advanceEm(codePoint);
    }
    return em * runFace.sizePt;
  };

  const roles = Object.values(FontRole);
  const hasGlyph = (codePoint: number, role?: FontRole): boolean =>
    fallback.glyphId(codePoint) !== 0 ||
    (role ? [role] : roles).every((r) => primaryFor(r, false).face.glyphId(codePoint) !== 0);

  return { files: FONT_FILES, faces: [...faces.values()], fallback, measure, hasGlyph, segment };
}
