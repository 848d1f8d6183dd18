/**
 * Entry of the render worker (bundled as dist/render-worker.cjs): renders the reports it claims
 * from the shared counter and posts each report's documents back, transferring their buffers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderClaimed, type RenderJob } from './render-jobs.js';

/** Messages the worker posts to the pool. */
export type WorkerMessage =
  | { readonly kind: 'rendered'; readonly index: number; readonly documents: Uint8Array[] }
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly message: string };

const port = parentPort!;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** A buffer can move to the other thread only when the view owns all of it (not a pooled slice). */
const ownedBuffers = (documents: readonly Uint8Array[]): ArrayBuffer[] =>
  documents.filter((d) => d.byteOffset === 0 && d.byteLength === d.buffer.byteLength && d.buffer instanceof ArrayBuffer).map((d) => d.buffer as ArrayBuffer);

renderClaimed(workerData as RenderJob, ({ index, documents }) => {
  post({ kind: 'rendered', index, documents }, ownedBuffers(documents));
})
  .then(() => post({ kind: 'done' }))
  .catch((error: unknown) => post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
