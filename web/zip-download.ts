/**
 * "Download all": the job's documents fetched from their presigned URLs and packed into one ZIP
 * in the browser (fflate, stored without compression: DOCX and PDF are compressed already).
 * Built here rather than by a stage so the chain writes nothing twice and no bucket holds a
 * second copy of every document; the documents travel once either way.
 */
import { zipSync } from 'fflate';
import type { DocumentLink } from '../lib/web/api-contract.js';

/** A document that could not be fetched for the ZIP. */
export class ZipFetchFailure extends Error {
  override readonly name = 'ZipFetchFailure';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** The ZIP of `documents`, each stored under its name. */
export async function zipDocuments(documents: readonly DocumentLink[], onProgress: (done: number, total: number) => void): Promise<Blob> {
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  let done = 0;
  for (const document of documents) {
    onProgress(done, documents.length);
    const response = await fetch(document.url);
    if (!response.ok) throw new ZipFetchFailure(response.status);
    files[document.name] = [new Uint8Array(await response.arrayBuffer()), { level: 0 }];
    done += 1;
  }
  onProgress(done, documents.length);
  // Synchronous: fflate's asynchronous zip runs in a worker made from a blob: URL, which the page's CSP forbids; storing is quick.
  const bytes = zipSync(files);
  return new Blob([bytes as BlobPart], { type: 'application/zip' });
}

/** Saves a blob as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
