/**
 * Page counts of the rendered PDFs, for the job view: the manifest gives each report's title and
 * characters but not its pages, so they are read from the PDF itself (its page tree), once per
 * document digest.
 */
import { PDFDocument } from 'pdf-lib';

/** The number of pages of a PDF. */
export async function countPdfPages(bytes: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.getPageCount();
}

/** Page counts by document SHA-256: a document's digest names its bytes, so its count never changes. */
export class PageCountCache {
  private readonly counts = new Map<string, number>();
  constructor(private readonly capacity = 2000) {}

  /** The count for `sha256`, computing it from `bytes()` the first time. */
  async pages(sha256: string, bytes: () => Promise<Uint8Array | undefined>): Promise<number | null> {
    const known = this.counts.get(sha256);
    if (known !== undefined) return known;
    const body = await bytes();
    if (!body) return null;
    const count = await countPdfPages(body);
    // Oldest first out: a Map iterates in insertion order.
    if (this.counts.size >= this.capacity) this.counts.delete(this.counts.keys().next().value as string);
    this.counts.set(sha256, count);
    return count;
  }
}
