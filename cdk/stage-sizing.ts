/**
 * Memory, timeout and concurrency per stage, from `npm run bench` on one core-equivalent:
 * - clean + split: 5 MB of text in ~0.3 s, so the 20 MB limit in ~1.3 s; 512 MB (~0.3 vCPU) leaves
 *   room for the UTF-16 copies of a 20 MB input and finishes well inside 30 s.
 * - render-docx: ~10 ms per report warm, ~0.3 s for the first (module load + JIT), under 150 MB RSS.
 * - render-pdf: ~15 ms per report warm, ~0.35 s for the first (font parsing, 40 MB of fonts mapped),
 *   up to ~200 MB RSS. Lambda CPU scales with memory (1769 MB = 1 vCPU): 1536 MB keeps a cold
 *   render under a second. A single report of 2 M characters (6 MB of text, 3,500 pages) took
 *   3.8 s and 365 MB in the CLI: the 20 MB limit stays within the timeouts and memory below.
 */
import { StageName } from '../lib/pipeline/stages.js';

export interface StageSizing {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Reserved concurrency: caps parallel renders (and cost) and keeps them from starving the account. */
  readonly reservedConcurrency?: number;
}

export const STAGE_SIZING: { readonly [S in StageName]: StageSizing } = {
  [StageName.Clean]: { memoryMb: 512, timeoutSeconds: 30 },
  [StageName.Split]: { memoryMb: 512, timeoutSeconds: 30 },
  [StageName.RenderDocx]: { memoryMb: 1024, timeoutSeconds: 60, reservedConcurrency: 10 },
  [StageName.RenderPdf]: { memoryMb: 1536, timeoutSeconds: 90, reservedConcurrency: 10 },
  // Publishing is S3 requests, not CPU: a 630-report compilation copies 1,260 documents, 8 at a time.
  [StageName.Publish]: { memoryMb: 512, timeoutSeconds: 120 },
  [StageName.RecordFailure]: { memoryMb: 256, timeoutSeconds: 30 },
};
