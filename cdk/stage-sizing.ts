/**
 * Memory, timeout and concurrency per stage.
 *
 * Clean and split are sized from the size limit (DEFAULT_MAX_BYTES, which the clean function
 * applies) and from how their peak memory and CPU grow with the input, as `npm run bench` measured
 * them on the worst inputs it knows (section "worst cases": one fresh process per case and stage).
 * Raising the limit raises the memory; `maxInputBytesFor` gives the limit a given memory holds.
 *
 * Figures behind TEXT_STAGE_FIGURES (`npm run bench`, Node 20, x86-64, 2 shared cores; RSS = the
 * peak of the process, +MB/MB = above the ~44 MB it has before reading its input, per input MB;
 * CPU = user + system):
 *
 *   input                                  clean RSS  +MB/MB  clean CPU   split RSS  +MB/MB  split CPU
 *   19 MB compilation (2,391 reports)         143 MB     5.2     0.7 s      147 MB     5.4     0.4 s
 *   8 MB unclosed 【更多素材搜索 brackets       99 MB     6.9     0.8 s       91 MB     5.9     0.2 s
 *   5 MB on one line                           76 MB     6.4     0.1 s       76 MB     6.4     0.1 s
 *   20 MB random adverts (117k cuts)          263 MB    10.9     2.2 s      145 MB     5.0     0.3 s
 *   20 MB hard-wrapped (276k cuts)            231 MB     9.4     2.7 s      163 MB     6.0     0.4 s
 *   20 MB paywall markers only (2.5M cuts)    194 MB     7.5     0.6 s      refused: nothing left
 *   20 MB closed adverts (863k cuts)          281 MB    11.9     3.0 s       44 MB     0.0     0.0 s
 *   20 MB one-character lines (6.1M lines)    111 MB     3.4     3.6 s      refused: too many lines
 *   20 MB short lines (488k lines)            177 MB     6.7     2.7 s      235 MB     9.6     0.9 s
 *
 * Re-measured on 2026-12-04 on a machine of the same kind whose cores ran this project 1.8–2 ×
 * slower (cold CLI, warm renders): one-character lines took 6.0 CPU s for clean (0.30 s per MB,
 * the same before and after that day's running-header and numbered-piece changes), closed adverts
 * 4.8 s, hard-wrapped 4.0 s. Clean assumes 0.3 s per MB since, so a slower host stays inside the
 * timeout's headroom.
 *
 * Every case is within 8 × input + 150 MB. The removal log is the largest thing clean makes (863k
 * cuts: 124 MB of JSON, one cut per line, written straight from the cuts without a log of objects);
 * split never sees it (the clean stage writes it as a job fact and hands on only the text, the
 * figures and the line shifts), so split grows with the lines of the text: one block object and
 * ~40 bytes of JSON per line, at most MAX_LINES lines.
 *
 * Render-docx and render-pdf are sized from the largest document one invocation renders. A report
 * longer than MAX_PART_LINES lines (lib/model/report-parts.ts: 50,000 lines of 28 characters, about
 * 2,270 pages) is rendered in parts, so no invocation renders more, whatever the input. Before parts,
 * 450,000 lines of 工作很好。 (7.2 MB) were one report of 20,000 pages: render-docx peaked at
 * 1,218 MB against its 1,024 MB, render-pdf at 1,856 MB against its 1,536 MB (fresh process each).
 *
 * Figures behind RENDER_STAGE_FIGURES (`npm run bench`, section "render worst cases": the largest
 * document of each input rendered by each render step in a fresh process; +MB = above the process
 * with its bundle loaded, and for PDF the fonts parsed, 67 and 98 MB):
 *
 *   input: its largest document                         render-docx RSS   +MB   CPU    render-pdf RSS   +MB   CPU
 *   450k lines of 工作很好。: 1 of 10 parts, 50,000 lines      235 MB       168   1.2 s       343 MB       245   2.1 s
 *   20 MB short lines: 1 of 10 parts, 50,000 lines           244 MB       176   1.4 s       351 MB       253   2.6 s
 *   20 MB on one line: 1 of 6 parts, 1.4 M characters         98 MB        31   0.2 s       527 MB       429   3.3 s
 *   19 MB compilation: 1 of 2,391 reports, 166 lines          79 MB        12   0.1 s       125 MB        27   0.3 s
 *
 * Cold, the render-pdf bundle in a fresh process as the runtime loads it (`npm run bench`, one full
 * x86-64 core, idle): init 111 ms + first render 154 ms = 263 ms median (258–266 over 5 runs), 131 MB
 * peak RSS; warm, ~9.4 ms per report (render-docx ~10 ms, ~0.3 s for the first). Lambda CPU scales
 * with memory (1769 MB = 1 vCPU): at 1536 MB render-pdf has ~0.87 of an arm64 vCPU, ~0.3 s for that
 * cold render at the bench's per-core speed, so the 800 ms cold target holds on a core up to 2.5
 * times slower. Memory is not what binds either render function: both keep the memory they had for
 * its CPU share (the work is CPU-bound, so less memory would cost as much and take longer), which is
 * about twice what their largest document needs.
 */
import { MAX_PART_LINES } from '../lib/model/report-parts.js';
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
 * The worst growth per input MB in the table above, rounded up: clean, closed adverts (11.9 MB/MB,
 * plus the SDK's copy of the object body) and one-character lines (0.18 s/MB); split, short lines
 * (9.6 MB/MB, 0.05 s/MB). The runtime is the bundled function's RSS after `require` (85 MB).
 */
export const TEXT_STAGE_FIGURES = {
  [StageName.Clean]: { runtimeMb: 85, rssPerInputMb: 14, cpuSecondsPerInputMb: 0.3 },
  [StageName.Split]: { runtimeMb: 85, rssPerInputMb: 11, cpuSecondsPerInputMb: 0.1 },
} as const satisfies Readonly<Record<string, TextStageFigures>>;

/** How a render stage's peak memory and CPU time grow with the document it renders (see the table above). */
export interface RenderStageFigures {
  /** RSS of the function after init (Node, AWS SDK, Powertools, lib; for PDF the parsed fonts too). */
  readonly runtimeMb: number;
  /** What a first render adds, however short the document (code compiled, templates and caches filled). */
  readonly firstRenderMb: number;
  /** Peak RSS above that per 1,000 lines of the document (as report-parts.ts counts them), on the worst case measured. */
  readonly rssPerThousandLines: number;
  /** CPU seconds of a first render of a short document, on one core. */
  readonly firstRenderCpuSeconds: number;
  /** CPU seconds per 1,000 lines above that, on one core, on the worst case measured. */
  readonly cpuSecondsPerThousandLines: number;
  /** Memory kept for the CPU share it buys, where that is more than the documents need. */
  readonly cpuShareMb: number;
}

/**
 * From the table above, rounded up. First render: the largest report of the 19 MB compilation (166
 * lines): render-docx 12 MB and 0.1 s, render-pdf 27 MB and 0.34 s above the loaded process. Per
 * 1,000 lines beyond it, the worst case: render-docx, short lines (3.2 MB, 0.025 s); render-pdf, a
 * paragraph of 1.4 M characters (7.9 MB, 0.06 s). The runtime is the bundled function's RSS before
 * its first event (85 MB; 120 MB with the fonts).
 */
export const RENDER_STAGE_FIGURES = {
  [StageName.RenderDocx]: { runtimeMb: 85, firstRenderMb: 16, rssPerThousandLines: 4, firstRenderCpuSeconds: 0.2, cpuSecondsPerThousandLines: 0.03, cpuShareMb: 1024 },
  [StageName.RenderPdf]: { runtimeMb: 120, firstRenderMb: 32, rssPerThousandLines: 9, firstRenderCpuSeconds: 0.4, cpuSecondsPerThousandLines: 0.07, cpuShareMb: 1536 },
} as const satisfies Readonly<Record<string, RenderStageFigures>>;

/** Peak RSS above the loaded function that a render of a document of `lines` lines takes, by the figures. */
export function renderPeakAboveRuntimeMb(figures: RenderStageFigures, lines: number): number {
  return figures.firstRenderMb + figures.rssPerThousandLines * (lines / 1000);
}

/** CPU seconds on one core that a render of a document of `lines` lines takes, by the figures. */
export function renderCpuSeconds(figures: RenderStageFigures, lines: number): number {
  return figures.firstRenderCpuSeconds + figures.cpuSecondsPerThousandLines * (lines / 1000);
}

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

/**
 * Memory a render stage needs for a document of `maxLines` lines (default: the largest part), with
 * the same headroom as the text stages, rounded up to a multiple of 64 MB; not counting the CPU share.
 */
export function renderStageMemoryNeededMb(figures: RenderStageFigures, maxLines: number = MAX_PART_LINES): number {
  const peakMb = figures.runtimeMb + renderPeakAboveRuntimeMb(figures, maxLines);
  return Math.ceil((peakMb * MEMORY_HEADROOM) / 64) * 64;
}

/** The memory a render stage is given: what its largest document needs, or more for the CPU share. */
export function renderStageMemoryMb(figures: RenderStageFigures, maxLines: number = MAX_PART_LINES): number {
  return Math.max(renderStageMemoryNeededMb(figures, maxLines), figures.cpuShareMb);
}

/** Seconds a render stage needs, at the CPU share of `memoryMb`, for a document of `maxLines` lines, with headroom. */
export function renderStageSecondsNeeded(figures: RenderStageFigures, memoryMb: number, maxLines: number = MAX_PART_LINES): number {
  return (renderCpuSeconds(figures, maxLines) / Math.min(1, memoryMb / MB_PER_VCPU)) * TIME_HEADROOM;
}

function textStageSizing(figures: TextStageFigures): StageSizing {
  const memoryMb = textStageMemoryMb(figures);
  return { memoryMb, timeoutSeconds: textStageTimeoutSeconds(figures, memoryMb) };
}

export const STAGE_SIZING: { readonly [S in StageName]: StageSizing } = {
  [StageName.Clean]: textStageSizing(TEXT_STAGE_FIGURES[StageName.Clean]),
  [StageName.Split]: textStageSizing(TEXT_STAGE_FIGURES[StageName.Split]),
  // Timeouts well above renderStageSecondsNeeded (~5 and ~8 s for the largest part): a cold start,
  // fonts parsed, the work object read and the document written.
  [StageName.RenderDocx]: { memoryMb: renderStageMemoryMb(RENDER_STAGE_FIGURES[StageName.RenderDocx]), timeoutSeconds: 60, reservedConcurrency: 10 },
  [StageName.RenderPdf]: { memoryMb: renderStageMemoryMb(RENDER_STAGE_FIGURES[StageName.RenderPdf]), timeoutSeconds: 90, reservedConcurrency: 10 },
  // Publishing is S3 requests, not CPU: the largest upload (5,000 reports, stage-steps.ts
  // MAX_REPORTS_PER_UPLOAD) copies 10,000 documents inside S3, 32 at a time; a batch settles up to
  // 100 inputs, 16 at a time. A settle cut short is delivered again and copies only what is missing.
  [StageName.Publish]: { memoryMb: 512, timeoutSeconds: 120 },
  [StageName.RecordFailure]: { memoryMb: 256, timeoutSeconds: 30 },
  // S3 requests too: a listing of the input bucket, one status GET per upload of the look-back,
  // and a settle per stalled job; whatever a run leaves, the next one (10 minutes on) takes up.
  [StageName.Sweep]: { memoryMb: 256, timeoutSeconds: 300 },
};
