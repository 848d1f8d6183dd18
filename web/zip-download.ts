/**
 * "Download all": the job's documents fetched from their presigned URLs and packed into one ZIP
 * in the browser (fflate, stored without compression: DOCX and PDF are compressed already).
 * Built here rather than by a stage so the chain writes nothing twice and no bucket holds a
 * second copy of every document; the documents travel once either way.
 */
import { zipSync } from 'fflate';
import type { DocumentLink } from '../lib/web/api-contract.js';
import { UNCACHED } from './uncached.js';

/** A document that could not be fetched for the ZIP. */
export class ZipFetchFailure extends Error {
  override readonly name = 'ZipFetchFailure';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/**
 * How each entry is marked: made by Unix (host 3) with mode -rw-r--r--. fflate's default host is
 * MS-DOS (0), and Debian's unzip reads an MS-DOS entry's name in a DOS code page even with the UTF-8
 * flag set (fflate sets bit 11 itself for a non-ASCII name), which garbles Chinese names.
 */
const ENTRY = { level: 0, os: 3, attrs: (0o100644 << 16) >>> 0 } as const;

/** Tries for one document: a dropped connection or a server error is worth another try. */
const ATTEMPTS = 3;

async function fetchDocument(url: string): Promise<Uint8Array> {
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, UNCACHED);
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
      continue;
    }
    if (response.ok) return new Uint8Array(await response.arrayBuffer());
    if (response.status < 500 || attempt >= ATTEMPTS) throw new ZipFetchFailure(response.status);
    await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
  }
}

/** The ZIP of `documents`, each stored under its name. */
export async function zipDocuments(documents: readonly DocumentLink[], onProgress: (done: number, total: number) => void): Promise<Blob> {
  const files: Record<string, [Uint8Array, typeof ENTRY]> = {};
  let done = 0;
  for (const document of documents) {
    onProgress(done, documents.length);
    files[document.name] = [await fetchDocument(document.url), ENTRY];
    done += 1;
  }
  onProgress(done, documents.length);
  // Synchronous: fflate's asynchronous zip runs in a worker made from a blob: URL, which the page's CSP forbids; storing is quick.
  const bytes = zipSync(files);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}
