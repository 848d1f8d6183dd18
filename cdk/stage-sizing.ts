/**
 * Memory, timeout and concurrency per stage. Rendering dominates: PDF layout with CJK fonts wants
 * CPU (Lambda CPU scales with memory) and the parsed fonts stay in memory for the container's life.
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
};
