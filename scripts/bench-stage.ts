/**
 * One text stage in a fresh process, as its Lambda function runs it (the same step, minus S3), so
 * that the peak RSS `npm run bench` reports is the stage's own and not what earlier cases left:
 *
 *   node bench-stage.mjs clean INPUT.txt WORK.json   decode + clean; writes the work object
 *   node bench-stage.mjs split WORK.json             split; builds every object the stage writes
 *
 * Prints one JSON line: { ms, cpuMs, baseRssMb, peakRssMb, bytesWritten, code? }. baseRssMb is the
 * process before it reads its input (Node and the bundled lib); peakRssMb − baseRssMb is what the
 * stage itself needed. cpuMs (user + system) is the figure to compare on a busy machine, where wall
 * time is noise. `code` is set when the input was refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isInputError } from '../lib/errors.js';
import { cleanStep, splitStep, type StepResult } from '../lib/pipeline/stage-steps.js';
import { WorkPrefix } from '../lib/pipeline/stages.js';

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

const [stage, input, output] = process.argv.slice(2);
if ((stage !== 'clean' && stage !== 'split') || !input) {
  console.error('usage: bench-stage clean INPUT.txt WORK.json | split WORK.json');
  process.exit(2);
}

const baseRssMb = process.memoryUsage().rss / 1024 / 1024;
const bytes = readFileSync(input);
// Keys as the chain names them: the input, and the cleaned text of its one version.
const lastModified = new Date(0);
const key = stage === 'clean' ? 'bench/input.txt' : 'cleaned/bench/input/0-bench.json';
const step = stage === 'clean' ? cleanStep() : splitStep();
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
if (stage === 'clean' && output && result) writeFileSync(output, result.writes.find((w) => w.key.startsWith(WorkPrefix.Cleaned))!.body);
const peakRssMb = peakRssKb() / 1024;
console.log(
  JSON.stringify({
    ms: Math.round(ms),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    baseRssMb: Math.round(baseRssMb),
    peakRssMb: Math.round(peakRssMb),
    bytesWritten: result?.facts.bytesWritten ?? 0,
    code,
  }),
);
