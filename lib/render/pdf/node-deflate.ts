/**
 * Flate compression with Node's zlib instead of pdf-lib's pure-JS pako, which otherwise takes most
 * of a render (embedded font programs and ToUnicode maps go through `PDFContext.flateStream`).
 */
import { deflateSync } from 'node:zlib';
import type { PDFContext } from 'pdf-lib';

/** Deflates bytes; PDF's FlateDecode is zlib-wrapped deflate. */
export function deflate(bytes: Uint8Array): Uint8Array {
  return deflateSync(bytes, { level: 6 });
}

/** Bytes of a string whose characters are all below U+0100, as pdf-lib treats strings. */
export function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Makes this document's `context.flateStream` compress with zlib. Same contract as pdf-lib's
 * (contents → raw stream with `/Filter /FlateDecode`), so embedders cannot tell the difference.
 */
export function useNodeDeflate(context: PDFContext): void {
  context.flateStream = (contents, dict = {}) =>
    context.stream(deflate(typeof contents === 'string' ? latin1Bytes(contents) : contents), { ...dict, Filter: 'FlateDecode' });
}
