/**
 * Serialising a document with its object streams and cross-reference stream compressed by Node's
 * zlib. `PDFDocument.save` deflates those with pure-JS pako (a font's /W widths and the page tree
 * are in them): about a millisecond a document, several times zlib's time.
 */
import type { PDFDocument, PDFObject, PDFRef } from 'pdf-lib';
import { Cache, PDFFlateStream, PDFStreamWriter } from 'pdf-lib';
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

/**
 * Same output structure as `doc.save({ useObjectStreams: true, addDefaultPage: false })` (header,
 * indirect objects, object streams, cross-reference stream), with every stream that the writer
 * itself creates deflated by zlib. Streams already in the document are written as they are.
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
    return sizeOf(entry);
  };
  return writer.serializeToBuffer();
}
