/**
 * Lets pdf-lib embed fonts through upstream fontkit 2 instead of its own 2020 fork, whose CJK
 * subsets are broken (invalid CFF header, lost TrueType glyphs; pdf-lib issues 1232, 494).
 *
 * pdf-lib calls `fontkit.create(bytes)` on every `embedFont`; the adapter answers with the font
 * the library parsed already, so a document costs no parsing. pdf-lib's subset embedder reads the
 * subset through `encodeStream()` ('data' / 'end' events); fontkit 2 only has `encode()`.
 *
 * Every code point gets a code (CID) of its own, so that the ToUnicode map, which maps codes to
 * text, gives back exactly the text that was drawn: a character no font has is drawn as a copy of
 * .notdef under its own code, and two characters one glyph serves (an invisible variation selector
 * and a space, a compatibility ideograph and its unified twin) each get a copy. Marked-content
 * /ActualText would not do: pdf.js (4.x) ignores it when extracting text.
 */
import { AUTO_SPACE_EM } from '../layout/punctuation.js';
import type { Font, Subset } from 'fontkit';
import { lazy } from '../../lazy.js';
import { withFastSubrUsage } from './cff-subset.js';
import type { LoadedFace } from './font-library.js';

interface AdaptedGlyph {
  /**
   * What pdf-lib keys the glyph's code and ToUnicode entry by: the code point, not the font's glyph
   * id, so that each code point gets a code of its own.
   */
  readonly id: number;
  /** The font's glyph drawn for the code point (0, .notdef, when the font lacks it). */
  readonly fontGlyphId: number;
  readonly advanceWidth: number;
  /** What the glyph stands for in this document: pdf-lib writes it into the ToUnicode CMap. */
  readonly codePoints: readonly number[];
}

/**
 * Asks the adapter for the half-width form of a mark: `encodeText(HALF_WIDTH_MARKER + mark)` gives
 * the mark's glyph under a code of its own whose width is half the glyph's. Squeezed closing marks
 * and 点号 (their ink in the left half) are drawn with it, so that their box ends where the next
 * character starts: text extraction (poppler, pdf.js) reads overlapping boxes as a new line. A
 * noncharacter, never drawn: the drawer encodes one code point per call, so text never sends it
 * followed by another character.
 */
export const HALF_WIDTH_MARKER = '\uFFFF';

/**
 * Asks the adapter for the auto-spaced form of a character: its glyph under a code of its own whose
 * width includes the automatic space after it (between Chinese and a Latin letter or digit). The
 * space is then part of the glyph's box, not a gap, so text extraction does not read `2023 年`.
 * A noncharacter, like HALF_WIDTH_MARKER.
 */
export const AUTO_SPACED_MARKER = '\uFFFE';

/** Glyph keys of half-width and auto-spaced forms: above every code point, so they never collide with one. */
const HALF_WIDTH_KEY = 0x110000;
const AUTO_SPACED_KEY = 2 * 0x110000;

type Listener = (value?: unknown) => void;

/** The minimal event-emitter shape pdf-lib's CustomFontSubsetEmbedder listens to. */
interface ByteStream {
  on(event: 'data' | 'end' | 'error', listener: Listener): ByteStream;
}

function streamOf(produce: () => Uint8Array): ByteStream {
  const listeners: Record<string, Listener[]> = { data: [], end: [], error: [] };
  // pdf-lib attaches its listeners right after the call: emit once they are in place.
  queueMicrotask(() => {
    let bytes: Uint8Array;
    try {
      bytes = produce();
    } catch (error) {
      listeners.error!.forEach((listener) => listener(error));
      return;
    }
    listeners.data!.forEach((listener) => listener(bytes));
    listeners.end!.forEach((listener) => listener());
  });
  const stream: ByteStream = {
    on(event, listener) {
      listeners[event]!.push(listener);
      return stream;
    },
  };
  return stream;
}

/**
 * pdf-lib's view of a document's subset: `includeGlyph` gives each code point (glyph key) its own
 * subset glyph. The first code point drawn with a font glyph takes that glyph's slot; a later one
 * drawn with the same glyph, and every .notdef, gets a copy appended to the subset (slot 0 stays
 * .notdef, CID 0, which viewers do not map to text). A copy costs the glyph's outline once more:
 * about 100 bytes for Fandol's .notdef box, nothing for the space glyph.
 */
function adaptSubset(subset: Subset) {
  const codes = new Map<number, number>();
  const claimed = new Set<number>([0]);
  return {
    cff: subset.cff,
    includeGlyph(glyph: AdaptedGlyph | number): number {
      if (typeof glyph === 'number') return subset.includeGlyph(glyph);
      let code = codes.get(glyph.id);
      if (code === undefined) {
        if (claimed.has(glyph.fontGlyphId)) {
          subset.glyphs.push(glyph.fontGlyphId);
          code = subset.glyphs.length - 1;
        } else {
          claimed.add(glyph.fontGlyphId);
          code = subset.includeGlyph(glyph.fontGlyphId);
        }
        codes.set(glyph.id, code);
      }
      return code;
    },
    encodeStream: () => streamOf(() => subset.encode()),
  };
}


/**
 * The font object pdf-lib sees. `layout` maps code points one to one onto glyphs, without OpenType
 * shaping, so the drawn widths are exactly the widths the library measured for the line breaker
 * (a zero-width invisible character included: its width in the PDF is 0, whatever its glyph's).
 * Properties are lazy and kept: fontkit decodes a table on first access (a document embeds only
 * the faces it uses), and pdf-lib reads `unitsPerEm` once per glyph.
 */
function adaptFont(face: LoadedFace) {
  const font: Font = face.font;
  const unitsPerEm = lazy(() => font.unitsPerEm);
  const metrics = lazy(() => ({
    postscriptName: font.postscriptName,
    ascent: font.ascent,
    descent: font.descent,
    capHeight: font.capHeight,
    xHeight: font.xHeight,
    italicAngle: font.italicAngle,
    bbox: font.bbox,
  }));
  return {
    get postscriptName() {
      return metrics().postscriptName;
    },
    get unitsPerEm() {
      return unitsPerEm();
    },
    get ascent() {
      return metrics().ascent;
    },
    get descent() {
      return metrics().descent;
    },
    get capHeight() {
      return metrics().capHeight;
    },
    get xHeight() {
      return metrics().xHeight;
    },
    get italicAngle() {
      return metrics().italicAngle;
    },
    get bbox() {
      return metrics().bbox;
    },
    get 'OS/2'() {
      return font['OS/2'];
    },
    get post() {
      return font.post;
    },
    get head() {
      return font.head;
    },
    get cff() {
      return font['CFF '];
    },
    get characterSet() {
      return font.characterSet;
    },
    glyphForCodePoint: (codePoint: number): AdaptedGlyph => ({
      id: codePoint,
      fontGlyphId: face.glyphId(codePoint),
      advanceWidth: face.advanceEm(codePoint) * unitsPerEm(),
      codePoints: [codePoint],
    }),
    layout(text: string) {
      const codePoints = Array.from(text, (char) => char.codePointAt(0)!);
      if (codePoints.length === 2 && codePoints[0] === HALF_WIDTH_MARKER.codePointAt(0)) {
        const codePoint = codePoints[1]!;
        const glyph = this.glyphForCodePoint(codePoint);
        return { glyphs: [{ ...glyph, id: HALF_WIDTH_KEY + codePoint, advanceWidth: glyph.advanceWidth / 2 }] };
      }
      if (codePoints.length === 2 && codePoints[0] === AUTO_SPACED_MARKER.codePointAt(0)) {
        const codePoint = codePoints[1]!;
        const glyph = this.glyphForCodePoint(codePoint);
        return { glyphs: [{ ...glyph, id: AUTO_SPACED_KEY + codePoint, advanceWidth: glyph.advanceWidth + AUTO_SPACE_EM * unitsPerEm() }] };
      }
      return { glyphs: codePoints.map((codePoint) => this.glyphForCodePoint(codePoint)) };
    },
    createSubset: () => adaptSubset(withFastSubrUsage(font.createSubset())),
  };
}

type AdaptedFont = ReturnType<typeof adaptFont>;

/** Adapters are stateless views of a face: made once per face and shared by every document. */
const adapters = new WeakMap<LoadedFace, AdaptedFont>();

function adapterOf(face: LoadedFace): AdaptedFont {
  let adapted = adapters.get(face);
  if (!adapted) {
    adapted = adaptFont(face);
    adapters.set(face, adapted);
  }
  return adapted;
}

/** What `PDFDocument.registerFontkit` needs: `create(bytes)`. */
export interface PdfLibFontkit {
  create(bytes: Uint8Array): AdaptedFont;
}

/**
 * A fontkit stand-in for `PDFDocument.registerFontkit` that knows the given faces by their bytes.
 * Embed with `pdfDoc.embedFont(face.bytes, { subset: true })`.
 */
export function pdfLibFontkit(faces: Iterable<LoadedFace>): PdfLibFontkit {
  const byBytes = new Map<Uint8Array, AdaptedFont>();
  for (const face of faces) byBytes.set(face.bytes, adapterOf(face));
  return {
    create(bytes) {
      const font = byBytes.get(bytes);
      if (!font) throw new Error('pdfLibFontkit only embeds fonts of the font library: pass face.bytes to embedFont');
      return font;
    },
  };
}
