import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import { charStringLayout } from '../../../lib/render/pdf/cff-subset.js';
import { loadFontLibrary } from '../../../lib/render/pdf/font-library.js';
import { adler32, adler32Combine, HuffmanCode } from '../../../lib/render/pdf/huffman-deflate.js';
import { renderPdf } from '../../../lib/render/pdf/render-pdf.js';
import { GBT9704 } from '../../../lib/render/style.js';
import { FONTS_DIR, vendoredFonts } from './font-library-fixture.js';

/** A library of its own: nothing coded before, as in a fresh process. */
const loadAgain = () => loadFontLibrary((name) => readFileSync(join(FONTS_DIR, name)));

const TEXT = '关于2023年度党建工作的述职报告：坚持“两个维护”，（一）强化理论武装。堃喆';

/** Bytes with a skewed distribution, from a fixed seed. */
function skewedBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    // Small values far more often than large ones, as in charstrings.
    bytes[i] = Math.floor(((state >>> 8) / 0x1000000) ** 3 * 256);
  }
  return bytes;
}

describe('Huffman-only zlib streams with a fixed code', () => {
  it('inflate back to the bytes, with pieces coded beforehand or now', () => {
    // prepare
    const pieces = [skewedBytes(5000, 1), skewedBytes(1, 2), new Uint8Array(0), skewedBytes(70_001, 3)];
    const code = new HuffmanCode([skewedBytes(20_000, 9)]);
    const coded = pieces.map((piece) => code.code(piece));
    // act
    const fresh = code.deflateStream(pieces);
    const reused = code.deflateStream([pieces[0]!, coded[1]!, coded[2]!, coded[3]!]);
    // assert
    expect(Buffer.from(inflateSync(fresh)).equals(Buffer.concat(pieces))).toBe(true);
    expect(Buffer.from(reused).equals(Buffer.from(fresh))).toBe(true);
  });

  it('code byte values the sample never had', () => {
    // prepare
    const code = new HuffmanCode([new Uint8Array([1, 1, 1, 2])]);
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    // act
    const stream = code.deflateStream([every]);
    // assert
    expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(every))).toBe(true);
  });

  it('checksum pieces as Adler-32 does the whole', () => {
    // prepare
    const [first, second] = [skewedBytes(9000, 4), skewedBytes(12_345, 5)];
    // act
    const combined = adler32Combine(adler32(first), adler32(second), second.length);
    // assert
    expect(combined).toBe(adler32(Buffer.concat([first, second])));
  });

  it('compress a font subset about as well as zlib’s Huffman-only mode', () => {
    // prepare
    const face = vendoredFonts().faces.find((f) => f.file === 'FandolFang-Regular.otf')!;
    const subset = face.font.createSubset();
    for (const char of TEXT) subset.includeGlyph(face.glyphId(char.codePointAt(0)!));
    const bytes = subset.encode();
    const cff = face.font['CFF '] as unknown as { getCharString(id: number): Uint8Array };
    const code = new HuffmanCode(Array.from({ length: 256 }, (_, i) => cff.getCharString(Math.floor((i * face.font.numGlyphs) / 256))));
    // act
    const ours = code.deflateStream([bytes]);
    // assert
    const zlib = deflateSync(bytes, { level: 6, strategy: constants.Z_HUFFMAN_ONLY });
    expect(ours.length).toBeLessThan(zlib.length * 1.03);
  });
});

describe('the charstrings of an encoded CFF subset', () => {
  it('are found where fontkit put each glyph’s own charstring', () => {
    for (const face of vendoredFonts().faces.filter((f) => f.font['CFF '])) {
      // prepare
      const glyphIds = [0, ...new Set(Array.from(TEXT, (char) => face.glyphId(char.codePointAt(0)!)))];
      const subset = face.font.createSubset();
      for (const id of glyphIds) subset.includeGlyph(id);
      const cff = face.font['CFF '] as unknown as { getCharString(id: number): Uint8Array };
      // act
      const bytes = subset.encode();
      const layout = charStringLayout(bytes);
      // assert
      expect(layout?.starts.length, face.file).toBe(subset.glyphs.length + 1);
      subset.glyphs.forEach((id, i) => {
        expect(Buffer.from(bytes.subarray(layout!.starts[i], layout!.starts[i + 1])).equals(Buffer.from(cff.getCharString(id))), `${face.file} glyph ${id}`).toBe(true);
      });
    }
  });

  it('are not claimed in bytes that are not a CFF font', () => {
    expect(charStringLayout(new Uint8Array([0x00, 0x01, 0x00, 0x00, 0, 0, 0, 0]))).toBeUndefined();
    expect(charStringLayout(new Uint8Array([1, 0, 4, 4, 0, 1]))).toBeUndefined();
  });
});

/** The data of every stream in a PDF whose dictionary has `/Subtype /CIDFontType0C`. */
function fontPrograms(bytes: Uint8Array): Buffer[] {
  const text = Buffer.from(bytes).toString('latin1');
  return [...text.matchAll(/<<([^]*?)>>\s*stream\r?\n/gu)]
    .filter((match) => match[1]!.includes('/CIDFontType0C'))
    .map((match) => {
      const start = match.index + match[0].length;
      return Buffer.from(text.slice(start, start + Number(/\/Length (\d+)/u.exec(match[1]!)![1])), 'latin1');
    });
}

describe('the font programs of two PDFs rendered one after the other', () => {
  it('inflate to CFF fonts, and the second document draws glyphs the first coded without changing its bytes', async () => {
    // prepare
    const fonts = vendoredFonts();
    const first: Report = { title: '述职报告', blocks: [{ kind: 'paragraph', text: TEXT }] };
    const second: Report = { title: '述职报告', blocks: [{ kind: 'paragraph', text: `${TEXT}另加几个字。` }] };
    const alone = await renderPdf(second, { profile: GBT9704, fonts: loadAgain() });
    // act
    await renderPdf(first, { profile: GBT9704, fonts });
    const after = await renderPdf(second, { profile: GBT9704, fonts });
    // assert
    const programs = fontPrograms(after.bytes).map((data) => inflateSync(data));
    expect(programs.length).toBeGreaterThan(0);
    for (const program of programs) expect(charStringLayout(program)).toBeDefined();
    expect(Buffer.from(after.bytes).equals(Buffer.from(alone.bytes))).toBe(true);
  });
});
