/**
 * Lets pdf-lib embed fonts through upstream fontkit 2 instead of its own 2020 fork, whose CJK
 * subsets are broken (invalid CFF header, lost TrueType glyphs; pdf-lib issues 1232, 494).
 *
 * pdf-lib calls `fontkit.create(bytes)` on every `embedFont`; the adapter answers with the font
 * the library parsed already, so a document costs no parsing. pdf-lib's subset embedder reads the
 * subset through `encodeStream()` ('data' / 'end' events); fontkit 2 only has `encode()`.
 */
import type { Font, Subset } from 'fontkit';
import type { LoadedFace } from './font-library.js';

interface AdaptedGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  /** What the glyph stands for in this document: pdf-lib writes it into the ToUnicode CMap. */
  readonly codePoints: readonly number[];
}

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

function adaptSubset(subset: Subset) {
  return {
    cff: subset.cff,
    includeGlyph: (glyph: AdaptedGlyph | number) => subset.includeGlyph(typeof glyph === 'number' ? glyph : glyph.id),
    encodeStream: () => streamOf(() => subset.encode()),
  };
}

/**
 * The font object pdf-lib sees. `layout` maps code points one to one onto glyphs, without OpenType
 * shaping, so the drawn widths are exactly the widths the library measured for the line breaker.
 */
function adaptFont(face: LoadedFace) {
  const font: Font = face.font;
  return {
    postscriptName: font.postscriptName,
    unitsPerEm: font.unitsPerEm,
    ascent: font.ascent,
    descent: font.descent,
    capHeight: font.capHeight,
    xHeight: font.xHeight,
    italicAngle: font.italicAngle,
    bbox: font.bbox,
    'OS/2': font['OS/2'],
    post: font.post,
    head: font.head,
    cff: font['CFF '],
    get characterSet() {
      return font.characterSet;
    },
    glyphForCodePoint: (codePoint: number): AdaptedGlyph => ({
      id: face.glyphId(codePoint),
      advanceWidth: face.advanceEm(codePoint) * font.unitsPerEm,
      codePoints: [codePoint],
    }),
    layout(text: string) {
      return { glyphs: Array.from(text, (char) => this.glyphForCodePoint(char.codePointAt(0)!)) };
    },
    createSubset: () => adaptSubset(font.createSubset()),
  };
}

/** What `PDFDocument.registerFontkit` needs: `create(bytes)`. */
export interface PdfLibFontkit {
  create(bytes: Uint8Array): ReturnType<typeof adaptFont>;
}

/**
 * A fontkit stand-in for `PDFDocument.registerFontkit` that knows the given faces by their bytes.
 * Embed with `pdfDoc.embedFont(face.bytes, { subset: true })`.
 */
export function pdfLibFontkit(faces: Iterable<LoadedFace>): PdfLibFontkit {
  const byBytes = new Map<Uint8Array, ReturnType<typeof adaptFont>>();
  for (const face of faces) byBytes.set(face.bytes, adaptFont(face));
  return {
    create(bytes) {
      const font = byBytes.get(bytes);
      if (!font) throw new Error('pdfLibFontkit only embeds fonts of the font library: pass face.bytes to embedFont');
      return font;
    },
  };
}
