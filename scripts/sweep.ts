/**
 * `npm run sweep -- --seeds 30-229`: the split measured on compilations generated from the gold
 * reports (test/support/compilation-generator.ts), beyond the 300 the property test checks. Each
 * seed gives `--runs` compilations (default 150, as `fc.sample` draws them: run k of seed s is the
 * one `fc.sample(compilationPlan(…), { seed: s, numRuns })[k]` gives); a compilation is wrong unless
 * clean + split return every title and every paragraph exactly. Prints how many were wrong, which
 * (seed and run, to reproduce one), and a tally per rule: how often each rule cut text or decided
 * a line break, a line beside page numbers, a title-shaped line or a report boundary, over all the
 * compilations and over the wrong ones. Every figure of this kind in the README comes from here.
 *
 *   npm run sweep -- --seeds 30-229 [--runs 150] [--workers 2] [--json]
 *
 * Exit status 1 when any compilation split wrong.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { cleanStage, forEachCut, splitStage } from '../lib/convert.js';
import { KNOWN_RULES } from '../lib/text/rule-index.js';
import { buildCompilation, compilationPlan, loadGoldReports, type GoldReport } from '../test/support/compilation-generator.js';

interface SweepOptions {
  readonly seeds: readonly number[];
  readonly runs: number;
  readonly workers: number;
  readonly json: boolean;
}

/** What a worker reports after each seed. */
interface SeedResult {
  readonly seed: number;
  readonly runs: number;
  /** Runs of this seed that split wrong. */
  readonly wrong: readonly number[];
  /** Decisions and cuts per rule id, over all runs and over the wrong ones. */
  readonly tally: Record<string, number>;
  readonly wrongTally: Record<string, number>;
}

function parseArgs(argv: readonly string[]): SweepOptions {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at === -1 ? undefined : argv[at + 1];
  };
  const range = value('--seeds') ?? '30-229';
  const match = /^(\d+)(?:-(\d+))?$/.exec(range);
  if (!match) throw new Error(`--seeds takes a seed or a range such as 30-229 (got ${range})`);
  const first = Number(match[1]);
  const last = Number(match[2] ?? match[1]);
  if (last < first) throw new Error(`--seeds ${range}: the range runs backwards`);
  const runs = Number(value('--runs') ?? 150);
  const workers = Number(value('--workers') ?? Math.min(2, availableParallelism()));
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive whole number');
  if (!Number.isInteger(workers) || workers < 1) throw new Error('--workers takes a positive whole number');
  return { seeds: Array.from({ length: last - first + 1 }, (_, k) => first + k), runs, workers, json: argv.includes('--json') };
}

const encoder = new TextEncoder();

function splitOf(text: string, tally: (rule: string) => void): GoldReport[] | undefined {
  try {
    const cleaned = cleanStage(encoder.encode(text), 'compilation.txt', { explain: true });
    const split = splitStage(cleaned, { explain: true });
    forEachCut(cleaned, split.removals, (removal) => tally(removal.ruleId));
    for (const decision of [...(cleaned.decisions ?? []), ...(split.decisions ?? [])]) tally(decision.rule.id);
    return split.reports.map((report) => ({ title: report.title, paragraphs: report.blocks.map((block) => block.text) }));
  } catch {
    // A compilation refused outright (nothing left, no report) split wrong.
    return undefined;
  }
}

/** Sweeps one seed: every run built, cleaned, split and compared. */
function sweepSeed(gold: readonly GoldReport[], seed: number, runs: number): SeedResult {
  const tally: Record<string, number> = {};
  const wrongTally: Record<string, number> = {};
  const wrong: number[] = [];
  fc.sample(compilationPlan(gold.length), { seed, numRuns: runs }).forEach((plan, run) => {
    const compilation = buildCompilation(gold, plan);
    const rules: string[] = [];
    const got = splitOf(compilation.text, (rule) => rules.push(rule));
    const right = got !== undefined && JSON.stringify(got) === JSON.stringify(compilation.reports);
    for (const rule of rules) tally[rule] = (tally[rule] ?? 0) + 1;
    if (right) return;
    wrong.push(run);
    for (const rule of rules) wrongTally[rule] = (wrongTally[rule] ?? 0) + 1;
  });
  return { seed, runs, wrong, tally, wrongTally };
}

function work(): void {
  const { seeds, runs } = workerData as { seeds: number[]; runs: number };
  const gold = loadGoldReports();
  for (const seed of seeds) parentPort!.postMessage(sweepSeed(gold, seed, runs));
}

/**
 * A worker runs this file too, through tsx's loader, which a worker does not inherit from the
 * process that runs tsx: it registers the loader and imports the file.
 */
const WORKER_BOOT = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.script); });
`;

const number = (n: number) => n.toLocaleString('en');

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const total = options.seeds.length * options.runs;
  const workers = Math.min(options.workers, options.seeds.length);
  // Seeds dealt out in turn, so that every worker has a share of the early and the late ones.
  const shares = Array.from({ length: workers }, (_, w) => options.seeds.filter((_, k) => k % workers === w));
  const results: SeedResult[] = [];
  let done = 0;
  let wrongSoFar = 0;
  await Promise.all(
    shares.map(
      (seeds) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { seeds, runs: options.runs, script: import.meta.url } });
          worker.on('message', (result: SeedResult) => {
            results.push(result);
            done += result.runs;
            wrongSoFar += result.wrong.length;
            const elapsed = performance.now() - started;
            const left = done === 0 ? 0 : (elapsed / done) * (total - done);
            process.stderr.write(`seed ${result.seed}: ${result.wrong.length} wrong · ${number(done)}/${number(total)} done, ${number(wrongSoFar)} wrong · ${duration(elapsed)}, about ${duration(left)} left\n`);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a sweep worker stopped with exit code ${code}`))));
        }),
    ),
  );
  results.sort((a, b) => a.seed - b.seed);

  const tally: Record<string, number> = {};
  const wrongTally: Record<string, number> = {};
  for (const result of results) {
    for (const [rule, n] of Object.entries(result.tally)) tally[rule] = (tally[rule] ?? 0) + n;
    for (const [rule, n] of Object.entries(result.wrongTally)) wrongTally[rule] = (wrongTally[rule] ?? 0) + n;
  }
  const wrong = results.flatMap((result) => result.wrong.map((run) => ({ seed: result.seed, run })));
  const first = options.seeds[0]!;
  const last = options.seeds.at(-1)!;
  const seconds = (performance.now() - started) / 1000;
  // Every known rule, those that never fired too: a rule no compilation exercises is worth knowing of.
  const rules = [...KNOWN_RULES.values()].map((rule) => ({ rule: rule.id, kind: rule.kind, count: tally[rule.id] ?? 0, inWrong: wrongTally[rule.id] ?? 0 }));
  const unknown = Object.keys(tally).filter((rule) => !KNOWN_RULES.has(rule));

  if (options.json) {
    process.stdout.write(`${JSON.stringify({ seeds: { first, last }, runs: options.runs, compilations: total, wrong, seconds, rules, unknown }, null, 2)}\n`);
  } else {
    const share = ((100 * wrong.length) / total).toFixed(3);
    const seedText = first === last ? `seed ${first}` : `seeds ${first}–${last}`;
    process.stdout.write(`Generated compilations, ${seedText} × ${options.runs} runs: ${number(total)} split, ${number(wrong.length)} wrong (${share}%) — ${duration(seconds * 1000)} on ${workers} worker${workers === 1 ? '' : 's'}\n`);
    if (wrong.length > 0) process.stdout.write(`Wrong (seed/run): ${wrong.slice(0, 40).map((w) => `${w.seed}/${w.run}`).join(' ')}${wrong.length > 40 ? ' …' : ''}\n`);
    process.stdout.write('\nRule tally (cuts and decisions over all compilations; in the wrong ones):\n');
    const width = Math.max(...rules.map((r) => r.rule.length));
    for (const { rule, kind, count, inWrong } of rules) {
      process.stdout.write(`  ${kind.padEnd(9)} ${rule.padEnd(width)} ${number(count).padStart(12)} ${number(inWrong).padStart(10)}\n`);
    }
    if (unknown.length > 0) process.stdout.write(`Rules not in the index: ${unknown.join(', ')}\n`);
  }
  process.exitCode = wrong.length > 0 || unknown.length > 0 ? 1 : 0;
}

if (isMainThread) {
  main().catch((error: unknown) => {
    process.stderr.write(`sweep: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
} else {
  work();
}
