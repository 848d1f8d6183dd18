import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZipFetchFailure, zipDocuments } from '../../../web/zip-download.js';

const link = (name: string) => ({ name, url: `https://bucket.example/${name}` }) as Parameters<typeof zipDocuments>[0][number];
const bytes = (text: string) => new TextEncoder().encode(text);

/** Offset of the first central directory header, read from the end-of-central-directory record. */
function centralDirectoryEntry(zip: Uint8Array): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22; // no archive comment
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const entry = view.getUint32(end + 16, true);
  expect(view.getUint32(entry, true)).toBe(0x02014b50);
  return entry;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the ZIP of a job built in the browser', () => {
  it('holds every document under its name, fetched past the browser cache, after another try at one whose connection dropped', async () => {
    // prepare: the first request for b.pdf fails as a dropped connection does
    let dropped = false;
    const fetch = vi.fn(async (url: string) => {
      if (url.endsWith('b.pdf') && !dropped) {
        dropped = true;
        throw new TypeError('Failed to fetch');
      }
      return new Response(bytes(url.slice(url.lastIndexOf('/') + 1)));
    });
    vi.stubGlobal('fetch', fetch);
    // act
    const zip = await zipDocuments([link('a.docx'), link('b.pdf')], () => {});
    // assert
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(dropped).toBe(true);
    expect(fetch).toHaveBeenCalledWith('https://bucket.example/a.docx', { cache: 'no-store' });
    expect(Object.fromEntries(Object.entries(files).map(([name, content]) => [name, new TextDecoder().decode(content)]))).toEqual({ 'a.docx': 'a.docx', 'b.pdf': 'b.pdf' });
  });

  it('marks each entry as made by Unix with a UTF-8 name, so unzip on Debian shows Chinese names as they are', async () => {
    // prepare
    const name = '001_关于春季工作的报告.pdf';
    vi.stubGlobal('fetch', vi.fn(async () => new Response(bytes('%PDF'))));
    // act
    const zip = new Uint8Array(await (await zipDocuments([link(name)], () => {})).arrayBuffer());
    // assert: the central directory's entry (PKZIP APPNOTE 4.3.12)
    const view = new DataView(zip.buffer);
    const entry = centralDirectoryEntry(zip);
    const madeByHost = view.getUint8(entry + 5);
    const flags = view.getUint16(entry + 8, true);
    const unixMode = view.getUint32(entry + 38, true) >>> 16;
    const nameLength = view.getUint16(entry + 28, true);
    expect(madeByHost).toBe(3); // 3 = Unix, 0 = MS-DOS (whose names unzip reads as a DOS code page)
    expect(flags & 0x0800).toBe(0x0800); // bit 11: the name is UTF-8
    expect(unixMode).toBe(0o100644); // a regular file readable by all, as unzip then restores it
    expect(new TextDecoder().decode(zip.subarray(entry + 46, entry + 46 + nameLength))).toBe(name);
  });

  it('gives up at once on a refused document, naming the status', async () => {
    // prepare
    const fetch = vi.fn(async () => new Response('', { status: 403 }));
    vi.stubGlobal('fetch', fetch);
    // act
    const zipping = zipDocuments([link('a.docx')], () => {});
    // assert
    await expect(zipping).rejects.toEqual(new ZipFetchFailure(403));
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
