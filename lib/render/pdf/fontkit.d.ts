/**
 * The part of upstream fontkit 2 that report-press uses. fontkit ships no type declarations.
 */
declare module 'fontkit' {
  export interface Glyph {
    readonly id: number;
    /** In font units. */
    readonly advanceWidth: number;
    readonly codePoints: readonly number[];
    /** The outline's bounding box, in font units (computed on first access). */
    readonly bbox: BBox;
  }

  export interface BBox {
    readonly minX: number;
    readonly minY: number;
    readonly maxX: number;
    readonly maxY: number;
  }

  /** fontkit 2's CFFSubset / TTFSubset. `encode()` returns a bare CFF table or a TrueType file. */
  export interface Subset {
    includeGlyph(glyph: number | Glyph): number;
    /**
     * Font glyph ids in subset order (index = subset glyph id), read by `encode()`. A plain array
     * in fontkit 2: an id pushed twice is encoded twice (report-press appends copies of .notdef).
     */
    readonly glyphs: number[];
    encode(): Uint8Array;
    readonly cff?: unknown;
  }

  export interface Font {
    readonly type: string;
    readonly postscriptName: string;
    readonly familyName: string;
    readonly unitsPerEm: number;
    readonly ascent: number;
    readonly descent: number;
    readonly capHeight: number;
    readonly xHeight: number;
    readonly italicAngle: number;
    readonly bbox: BBox;
    readonly numGlyphs: number;
    readonly characterSet: readonly number[];
    readonly 'CFF '?: unknown;
    readonly 'OS/2'?: { readonly sFamilyClass: number };
    readonly post: { readonly isFixedPitch: number | boolean };
    readonly head: { readonly macStyle: { readonly italic: boolean } };
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(id: number): Glyph;
    createSubset(): Subset;
  }

  export interface FontCollection {
    readonly type: 'TTC' | 'DFont';
    readonly fonts: readonly Font[];
    getFont(postscriptName: string): Font | null;
  }

  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
