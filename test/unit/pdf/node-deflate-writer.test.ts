import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { saveWithNodeDeflate } from '../../../lib/render/pdf/node-deflate-writer.js';

/** A document of `pages` empty A4 pages with a title, made the same way every time. */
async function sampleDocument(pages: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < pages; i += 1) doc.addPage([595.28, 841.89]);
  doc.setTitle('述职报告');
  return doc;
}

/** The bytes of every `stream … endstream` in a PDF, with the dictionary before it. */
function streams(bytes: Uint8Array): { dict: string; data: Buffer }[] {
  const text = Buffer.from(bytes).toString('latin1');
  return [...text.matchAll(/<<(.*?)>>\s*stream\r?\n/gsu)].map((match) => {
    const start = match.index + match[0].length;
    const length = Number(/\/Length (\d+)/u.exec(match[1]!)![1]);
    return { dict: match[1]!, data: Buffer.from(text.slice(start, start + length), 'latin1') };
  });
}

describe('saveWithNodeDeflate', () => {
  it('writes object streams and the cross-reference stream as valid FlateDecode data', async () => {
    const doc = await sampleDocument(3);

    const found = streams(await saveWithNodeDeflate(doc));

    expect(found.some((s) => s.dict.includes('/Type /ObjStm'))).toBe(true);
    expect(found.some((s) => s.dict.includes('/Type /XRef'))).toBe(true);
    for (const stream of found) {
      expect(stream.dict).toContain('/Filter /FlateDecode');
      expect(() => inflateSync(stream.data)).not.toThrow();
    }
  });

  it('gives a document that pdf-lib reads back with the same pages and title', async () => {
    const bytes = await saveWithNodeDeflate(await sampleDocument(2));

    const reread = await PDFDocument.load(bytes, { updateMetadata: false });

    expect(reread.getPageCount()).toBe(2);
    expect(reread.getTitle()).toBe('述职报告');
  });

  it('writes the same bytes for the same document', async () => {
    const [first, second] = await Promise.all([sampleDocument(2), sampleDocument(2)]);

    expect(Buffer.from(await saveWithNodeDeflate(first)).equals(Buffer.from(await saveWithNodeDeflate(second)))).toBe(true);
  });

  it('writes a stream of the document with exactly its own contents', async () => {
    // prepare
    const doc = await sampleDocument(1);
    const contents = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
    doc.context.register(doc.context.stream(contents, { Subtype: 'Sample' }));
    // act
    const found = streams(await saveWithNodeDeflate(doc));
    // assert
    const sample = found.find((s) => s.dict.includes('/Subtype /Sample'));
    expect(sample?.data.equals(Buffer.from(contents))).toBe(true);
  });
});
