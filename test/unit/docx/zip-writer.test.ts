import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeZip, type ZipEntry } from '../../../lib/render/docx/zip-writer.js';

// The writer records the UTC fields, fflate the local ones: the same wall-clock time in each.
const mtime = new Date(Date.UTC(2000, 0, 1, 12, 30, 4));
const wallClock = new Date(2000, 0, 1, 12, 30, 4);
const entries: ZipEntry[] = [
  ['[Content_Types].xml', '<?xml version="1.0"?><Types>' + '<Default Extension="xml"/>'.repeat(40) + '</Types>'],
  ['word/document.xml', '<w:document>述职报告 ' + '一、成绩清单'.repeat(200) + '</w:document>'],
  ['word/media/图表.bin', new Uint8Array([0, 1, 2, 3, 255, 254])],
  ['empty.xml', ''],
];
const fflateZip = (list: readonly ZipEntry[]) =>
  Buffer.from(zipSync(Object.fromEntries(list.map(([name, content]) => [name, typeof content === 'string' ? strToU8(content) : content])), { level: 6, mtime: wallClock }));

describe('the docx zip writer', () => {
  it('writes the same bytes as fflate’s zipSync, UTF-8 names included', () => {
    // act
    const written = writeZip(entries, { mtime, reuse: () => false });
    // assert
    expect(Buffer.from(written).equals(fflateZip(entries))).toBe(true);
  });

  it('writes the same bytes again when shared parts come from its cache', () => {
    // prepare
    writeZip(entries, { mtime, reuse: () => true });
    const changed: ZipEntry[] = entries.map(([name, content]) => [name, name === 'word/document.xml' ? '<w:document>另一篇</w:document>' : content]);
    // act
    const written = writeZip(changed, { mtime, reuse: (name) => name !== 'word/document.xml' });
    // assert
    expect(Buffer.from(written).equals(fflateZip(changed))).toBe(true);
  });
});
