/**
 * Serialising a document with its object streams and cross-reference stream compressed by Node's
 * zlib. `PDFDocument.save` deflates those with pure-JS pako (a font's /W widths and the page tree
 * are in them): about a millisecond a document, several times zlib's time.
 */
import type { PDFDocument, PDFObject, PDFRef } from 'pdf-lib';
import { Cache, PDFFlateStream, PDFStream, PDFStreamWriter } from 'pdf-lib';
import { deflate } from './node-deflate.js';

/** Object streams hold up to this many objects each; pdf-lib's default, as `save` uses. */
const OBJECTS_PER_STREAM = 50;

/** The protected members of pdf-lib's writer and flate streams that this module reaches. */
interface SizingWriter {
  computeIndirectObjectSize(entry: [PDFRef, PDFObject]): number;
}
interface EncodingStream {
  readonly encode: boolean;
  contentsCache: Cache<Uint8Array>;
}

/** Makes `stream` produce its encoded bytes with zlib; the stream has not been encoded yet. */
function encodeWithZlib(stream: PDFFlateStream): void {
  const internals = stream as unknown as EncodingStream;
  if (internals.encode) internals.contentsCache = Cache.populatedBy(() => deflate(stream.getUnencodedContents()));
}

const STREAM_START = latin1('\nstream\n');
const STREAM_END = latin1('\nendstream');

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

/**
 * pdf-lib's `PDFStream.copyBytesInto`, the same bytes, with the contents copied in one `set`:
 * pdf-lib copies them byte by byte in JavaScript, about 1 ms per MB, and font programs make a
 * PDF's 300 KB (40 reports: 13 MB, 40 ms of a run).
 */
function copyStreamInto(this: PDFStream, buffer: Uint8Array, offset: number): number {
  this.updateDict();
  const start = offset;
  offset += this.dict.copyBytesInto(buffer, offset);
  buffer.set(STREAM_START, offset);
  offset += STREAM_START.length;
  const contents = this.getContents();
  buffer.set(contents, offset);
  offset += contents.length;
  buffer.set(STREAM_END, offset);
  return offset + STREAM_END.length - start;
}

/**
 * Same output structure as `doc.save({ useObjectStreams: true, addDefaultPage: false })` (header,
 * indirect objects, object streams, cross-reference stream), with every stream that the writer
 * itself creates deflated by zlib. Streams already in the document are written as they are, their
 * contents copied in one piece.
 */
export async function saveWithNodeDeflate(doc: PDFDocument): Promise<Uint8Array> {
  await doc.flush();
  const writer = PDFStreamWriter.forContext(doc.context, Infinity, true, OBJECTS_PER_STREAM);
  // The writer creates the object and cross-reference streams inside computeBufferSize and sizes
  // each before anything reads its contents: that is the one place to swap the encoder in.
  const sizing = writer as unknown as SizingWriter;
  const sizeOf = sizing.computeIndirectObjectSize.bind(writer);
  sizing.computeIndirectObjectSize = (entry) => {
    if (entry[1] instanceof PDFFlateStream) encodeWithZlib(entry[1]);
    // This document's streams only: pdf-lib itself stays as it is.
    if (entry[1] instanceof PDFStream) entry[1].copyBytesInto = copyStreamInto;
    return sizeOf(entry);
  };
  return writer.serializeToBuffer();
}
