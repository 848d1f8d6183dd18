/**
 * One stage in a fresh process, as its Lambda function runs it (the same step, minus S3), so that
 * the peak RSS `npm run bench` reports is the stage's own and not what earlier cases left:
 *
 *   node bench-stage.mjs clean INPUT.txt WORK.json     decode + clean; writes the work object
 *   node bench-stage.mjs split WORK.json [REPORT.json] split; builds every object the stage writes,
 *                                                      and writes the largest report item
 *   node bench-stage.mjs render-docx REPORT.json       render one report item as render-docx does
 *   node bench-stage.mjs render-pdf REPORT.json FONTS  … as render-pdf does, fonts from FONTS
 *
 * Prints one JSON line: { ms, cpuMs, baseRssMb, peakRssMb, bytesWritten, reports, code? }. baseRssMb
 * is the process before it reads its input (Node and the bundled lib); peakRssMb − baseRssMb is what
 * the stage itself needed. cpuMs (user + system) is the figure to compare on a busy machine, where
 * wall time is noise. `reports` is how many report items split wrote; `code` is set when the input
 * was refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DocumentFormat } from '../lib/convert.js';
import { isInputError } from '../lib/errors.js';
import { allWrites, cleanStep, renderStep, splitStep, type StageStep, type StepResult } from '../lib/pipeline/stage-steps.js';
import { WorkPrefix } from '../lib/pipeline/stages.js';
import { GBT9704 } from '../lib/render/style.js';
import { fontLibraryFrom } from '../functions/fonts.js';

/**
 * The process's own peak RSS in kB. Linux's getrusage (process.resourceUsage().maxRSS) starts a
 * spawned child at its parent's peak, so a small stage run from the (larger) benchmark would report
 * the benchmark's figure; VmHWM belongs to the process's own memory since exec.
 */
function peakRssKb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: getrusage is the best there is.
  }
  return process.resourceUsage().maxRSS;
}

const STAGES = ['clean', 'split', 'render-docx', 'render-pdf'] as const;
type BenchStage = (typeof STAGES)[number];
const [stage, input, output] = process.argv.slice(2) as [BenchStage, string | undefined, string | undefined];
if (!STAGES.includes(stage) || !input || (stage === 'render-pdf' && !output)) {
  console.error('usage: bench-stage clean INPUT.txt WORK.json | split WORK.json [REPORT.json] | render-docx REPORT.json | render-pdf REPORT.json FONT_DIR');
  process.exit(2);
}

// Keys as the chain names them: the input, the cleaned text of its one version, its first report.
const KEYS: Readonly<Record<BenchStage, string>> = {
  clean: 'bench/input.txt',
  split: 'cleaned/bench/input/0-bench.json',
  'render-docx': 'reports/bench/input/0-bench/01.json',
  'render-pdf': 'reports/bench/input/0-bench/01.json',
};
const profile = GBT9704;
const steps: Readonly<Record<BenchStage, () => StageStep>> = {
  clean: () => cleanStep(),
  split: () => splitStep({ profile: profile.id }),
  'render-docx': () => renderStep(DocumentFormat.Docx, () => ({ profile })),
  // The fonts are parsed before the input is read, as the function's first invocation does.
  'render-pdf': () => {
    const fonts = fontLibraryFrom(output as string);
    return renderStep(DocumentFormat.Pdf, () => ({ profile, fonts }));
  },
};
const step = steps[stage]();

const baseRssMb = process.memoryUsage().rss / 1024 / 1024;
const bytes = readFileSync(input);
const lastModified = new Date(0);
const key = KEYS[stage];
const started = performance.now();
const cpuStarted = process.cpuUsage();
let result: StepResult | undefined;
let code: string | undefined;
try {
  result = await step({ key, object: { key, size: bytes.length, etag: 'bench', lastModified, body: bytes }, write: async () => {} });
} catch (error) {
  if (!isInputError(error)) throw error;
  code = error.code;
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStarted);
const reportItems = result ? allWrites(result).filter((w) => w.key.startsWith(WorkPrefix.Reports)) : [];
if (stage === 'clean' && output && result) writeFileSync(output, result.writes.find((w) => w.key.startsWith(WorkPrefix.Cleaned))!.body);
if (stage === 'split' && output && reportItems.length > 0) {
  writeFileSync(output, reportItems.reduce((largest, w) => (w.body.length > largest.body.length ? w : largest)).body);
}
const peakRssMb = peakRssKb() / 1024;
console.log(
  JSON.stringify({
    ms: Math.round(ms),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    baseRssMb: Math.round(baseRssMb),
    peakRssMb: Math.round(peakRssMb),
    bytesWritten: result?.facts.bytesWritten ?? 0,
    reports: reportItems.length,
    code,
  }),
);
