import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZipFetchFailure, zipDocuments } from '../../../web/zip-download.js';

const link = (name: string) => ({ name, url: `https://bucket.example/${name}` }) as Parameters<typeof zipDocuments>[0][number];
const bytes = (text: string) => new TextEncoder().encode(text);

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
