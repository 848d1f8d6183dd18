/**
 * Renders one input's reports on this thread and, when there are enough of them and a spare core,
 * on a worker thread too. Both claim reports from a shared counter, so the split adapts to how
 * fast each runs; the output is the same bytes in the same order as rendering them one by one.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentFormat } from '../lib/convert.js';
import type { Report } from '../lib/model/report.js';
import type { ProfileId } from '../lib/render/style.js';
import { renderClaimed, type RenderJob, type RenderedReport } from './render-jobs.js';
import type { WorkerMessage } from './render-worker.js';

export interface RenderPoolOptions {
  readonly formats: readonly DocumentFormat[];
  readonly profile: ProfileId;
  /** Called once per finished report, in completion order. */
  readonly onReport?: (index: number) => void;
}

/**
 * Below this many reports a worker costs more to start (bundle load, font parsing, JIT warm-up)
 * than it saves.
 */
const MIN_REPORTS_FOR_WORKER = 6;

/**
 * A worker only pays off on a core nobody else is using: on a busy machine the two threads share
 * the same cores and each pays the warm-up (measured 2.4 s against 1.8 s at load 2.5 on 2 cores).
 */
function hasIdleCore(): boolean {
  const cores = availableParallelism();
  return cores > 1 && loadavg()[0]! < cores - 1;
}

/** The worker bundle sits beside the CLI bundle; run from sources (tests), there is none. */
function workerBundle(): string | undefined {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  const bundle = join(here, 'render-worker.cjs');
  return existsSync(bundle) ? bundle : undefined;
}

/**
 * Every report rendered to every format, as `documents[report][format]` in the order given.
 * Rejects with the first error of either thread.
 */
export async function renderReports(reports: readonly Report[], options: RenderPoolOptions): Promise<Uint8Array[][]> {
  const job: RenderJob = { reports, formats: options.formats, profile: options.profile, next: new SharedArrayBuffer(4) };
  const results: Uint8Array[][] = new Array<Uint8Array[]>(reports.length);
  const accept = ({ index, documents }: RenderedReport) => {
    results[index] = documents;
    options.onReport?.(index);
  };
  const bundle = reports.length >= MIN_REPORTS_FOR_WORKER && hasIdleCore() ? workerBundle() : undefined;
  if (!bundle) {
    await renderClaimed(job, accept);
    return results;
  }

  let failed = false;
  const worker = new Worker(bundle, { workerData: job });
  const workerDone = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'rendered') accept(message);
      else if (message.kind === 'done') resolve();
      else reject(new Error(message.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`render worker exited with code ${code}`))));
  }).catch((error: unknown) => {
    failed = true;
    throw error;
  });
  // Handled below when this thread finishes; if this thread fails first, the worker's own end
  // (terminated) must not surface as an unhandled rejection.
  workerDone.catch(() => undefined);
  try {
    await renderClaimed(job, accept, () => failed);
    await workerDone;
  } finally {
    await worker.terminate();
  }
  return results;
}
