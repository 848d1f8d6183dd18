/**
 * Memory, timeout and concurrency per stage.
 *
 * Clean and split are sized from the size limit (DEFAULT_MAX_BYTES, which the clean function
 * applies) and from how their peak memory and CPU grow with the input, as `npm run bench` measured
 * them on the worst inputs it knows (section "worst cases": one fresh process per case and stage).
 * Raising the limit raises the memory; `maxInputBytesFor` gives the limit a given memory holds.
 *
 * Figures behind TEXT_STAGE_FIGURES (`npm run bench`, Node 20, x86-64, 2 shared cores; RSS = the
 * peak of the process above the 42 MB it has before reading its input; CPU = user + system):
 *
 *   input                                  clean RSS  clean CPU   split RSS  split CPU   (before: clean / split)
 *   19 MB compilation (2,391 reports)        +112 MB     0.8 s     +110 MB     0.6 s   (+131 / +110 MB)
 *   8 MB unclosed 【更多素材搜索 brackets      +48 MB     0.9 s      +47 MB     0.2 s   (+60 / +54 MB)
 *   5 MB on one line                          +31 MB     0.1 s      +33 MB     0.1 s   (+28 / +26 MB)
 *   20 MB random adverts (117k cuts)         +240 MB     2.2 s     +240 MB     1.3 s   (+436 / +310 MB)
 *   20 MB hard-wrapped (276k cuts)           +209 MB     3.0 s     +313 MB     2.3 s   (+389 / +520 MB)
 *   20 MB paywall markers only (2.5M cuts)   +147 MB     0.8 s     refused: nothing left (+698 MB, 2.8 s)
 *   20 MB closed adverts (863k cuts)         +367 MB     4.8 s     +784 MB     5.7 s   (+1165 / +1525 MB)
 *   20 MB one-character lines (6.1M lines)   +178 MB     5.1 s     +860 MB    13.2 s   (+2063 MB, 26 s / +2466 MB)
 *
 * "Before" is the same bench on the code before the memory work. What remains grows with the cuts
 * and the lines, not with characters × passes: a logged removal costs ~110 bytes as an object and
 * ~220 bytes of JSON, and split reads the whole log back out of the work object only to write it
 * out again (without it, split of the closed adverts takes +1 MB, of the hard-wrapped text +88 MB);
 * split builds one block object and ~68 bytes of JSON per line.
 *
 * - render-docx: ~10 ms per report warm, ~0.3 s for the first (module load + JIT), under 150 MB RSS.
 * - render-pdf: ~15 ms per report warm, ~0.35 s for the first (font parsing, 40 MB of fonts mapped),
 *   up to ~200 MB RSS. Lambda CPU scales with memory (1769 MB = 1 vCPU): 1536 MB keeps a cold
 *   render under a second. A single report of 2 M characters (6 MB of text, 3,500 pages) took
 *   3.8 s and 365 MB in the CLI: the 20 MB limit stays within the timeouts and memory below.
 */
import { StageName } from '../lib/pipeline/stages.js';
import { DEFAULT_MAX_BYTES } from '../lib/text/decode.js';

export interface StageSizing {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Reserved concurrency: caps parallel renders (and cost) and keeps them from starving the account. */
  readonly reservedConcurrency?: number;
}

/** How a text stage's peak memory and CPU time grow with its input (see the table above). */
export interface TextStageFigures {
  /** RSS of the function after init, before any event (Node, AWS SDK, Powertools, lib). */
  readonly runtimeMb: number;
  /** Peak RSS above the runtime per MB of input, on the worst case measured. */
  readonly rssPerInputMb: number;
  /** CPU seconds per MB of input on one core, on the worst case measured. */
  readonly cpuSecondsPerInputMb: number;
}

/**
 * The worst growth per input MB in the table above, rounded up: clean, closed adverts (18.4 MB/MB,
 * plus the SDK's copy of the object body) and one-character lines (0.25 s/MB); split, one-character
 * lines (43 MB/MB, 0.66 s/MB). The runtime is the bundled function's RSS after `require` (85 MB).
 */
export const TEXT_STAGE_FIGURES = {
  [StageName.Clean]: { runtimeMb: 85, rssPerInputMb: 20, cpuSecondsPerInputMb: 0.3 },
  [StageName.Split]: { runtimeMb: 85, rssPerInputMb: 45, cpuSecondsPerInputMb: 0.7 },
} as const satisfies Readonly<Record<string, TextStageFigures>>;

const MB = 1024 * 1024;
/** Lambda allocates CPU in proportion to memory: one vCPU at 1769 MB. */
const MB_PER_VCPU = 1769;
/** Memory over the measured peak: collector timing, inputs worse than the ones measured. */
const MEMORY_HEADROOM = 1.25;
/** Time over the measured CPU time at the function's CPU share: a slower host, a cold start. */
const TIME_HEADROOM = 2;
/** The shortest timeout given: small inputs still pay S3 round trips and a cold start. */
const MIN_TIMEOUT_SECONDS = 30;

/** Memory for a text stage that must take inputs of up to `maxInputBytes`, rounded up to a multiple of 64 MB. */
export function textStageMemoryMb(figures: TextStageFigures, maxInputBytes: number = DEFAULT_MAX_BYTES): number {
  const peakMb = figures.runtimeMb + figures.rssPerInputMb * (maxInputBytes / MB);
  return Math.ceil((peakMb * MEMORY_HEADROOM) / 64) * 64;
}

/** The largest input a text stage with `memoryMb` holds: the inverse of textStageMemoryMb. */
export function maxInputBytesFor(figures: TextStageFigures, memoryMb: number): number {
  return Math.floor(((memoryMb / MEMORY_HEADROOM - figures.runtimeMb) / figures.rssPerInputMb) * MB);
}

/** Timeout for a text stage with `memoryMb` (and so its CPU share) on inputs of up to `maxInputBytes`. */
export function textStageTimeoutSeconds(figures: TextStageFigures, memoryMb: number, maxInputBytes: number = DEFAULT_MAX_BYTES): number {
  const cpuSeconds = figures.cpuSecondsPerInputMb * (maxInputBytes / MB);
  const vcpus = Math.min(1, memoryMb / MB_PER_VCPU);
  return Math.max(MIN_TIMEOUT_SECONDS, Math.ceil((cpuSeconds / vcpus) * TIME_HEADROOM));
}

function textStageSizing(figures: TextStageFigures): StageSizing {
  const memoryMb = textStageMemoryMb(figures);
  return { memoryMb, timeoutSeconds: textStageTimeoutSeconds(figures, memoryMb) };
}

export const STAGE_SIZING: { readonly [S in StageName]: StageSizing } = {
  [StageName.Clean]: textStageSizing(TEXT_STAGE_FIGURES[StageName.Clean]),
  [StageName.Split]: textStageSizing(TEXT_STAGE_FIGURES[StageName.Split]),
  [StageName.RenderDocx]: { memoryMb: 1024, timeoutSeconds: 60, reservedConcurrency: 10 },
  [StageName.RenderPdf]: { memoryMb: 1536, timeoutSeconds: 90, reservedConcurrency: 10 },
  // Publishing is S3 requests, not CPU: a 630-report compilation copies 1,260 documents, 8 at a time.
  [StageName.Publish]: { memoryMb: 512, timeoutSeconds: 120 },
  [StageName.RecordFailure]: { memoryMb: 256, timeoutSeconds: 30 },
};
