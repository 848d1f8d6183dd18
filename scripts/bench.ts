/**
 * `npm run bench`: speed and memory of report-press, measured, never asserted.
 *
 * 1. Cold: the whole CLI process on every fixture and on a synthetic 40-report compilation (wall
 *    time and peak RSS of the child process).
 * 2. Warm: per-stage time in-process (decode/clean/split, DOCX, PDF) after fonts are parsed.
 * 3. Text core at scale: clean + split of a ~5 MB input.
 * 4. Worst cases: clean and split of the most expensive inputs known (scripts/bench-cases.ts), each
 *    stage in a fresh process (scripts/bench-stage.ts, bundled like a Lambda function) for honest
 *    peak RSS, checked against the memory cdk/stage-sizing.ts derives from the size limit.
 *    `npm run bench -- --worst-cli` also runs the whole CLI (DOCX + PDF) on each.
 * 5. The Lambda bundles: size and cold require time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { STAGE_SIZING, TEXT_STAGE_FIGURES } from '../cdk/stage-sizing.js';
import { cleanStage, DocumentFormat, renderStage, splitStage } from '../lib/convert.js';
import { StageName } from '../lib/pipeline/stages.js';
import type { Report } from '../lib/model/report.js';
import { GBT9704 } from '../lib/render/style.js';
import { fontLibrary } from '../cli/fonts.js';
import { bracketFlood, closedAdverts, hardWrapped, longLine, paywallMarkers, randomAdverts, shortLines, tinyLines } from './bench-cases.js';
import { measureBundles } from './build-bundles.js';

const SEEDS = 'test/fixtures/seeds';
const work = mkdtempSync(join(tmpdir(), 'report-press-bench-'));
const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => join(SEEDS, f));

/** The reports of every fixture, as split by the pipeline. */
function fixtureReports(): Report[] {
  return seeds.flatMap((file) => splitStage(cleanStage(readFileSync(file), file)).reports);
}

const UNITS = ['第一党支部', '第二党支部', '第三党支部', '机关党委', '综合科', '办公室', '财务科', '组织部', '宣传部', '人事科', '法规科', '信息中心'];

/**
 * A compilation of `count` reports with a cover, a count line and a numbered table of contents.
 * Reports are reused round-robin; a unit name in front keeps every title distinct, as in a real one.
 */
function synthesizeCompilation(source: readonly Report[], count: number): string {
  const picked = Array.from({ length: count }, (_, i) => {
    const report = source[i % source.length]!;
    const round = Math.floor(i / source.length);
    const district = round >= UNITS.length ? `第${Math.floor(round / UNITS.length) + 1}片区` : '';
    const unit = `${district}${UNITS[round % UNITS.length]}`;
    return { ...report, title: `${unit}${report.title}` };
  });
  const toc = picked.map((r, i) => `${i + 1}.${r.title}`);
  const bodies = picked.map((r) => [r.title, ...r.blocks.map((b) => b.text)].join('\n'));
  return [`2023年度述职报告汇编`, `（${count}篇）`, '目 录', ...toc, '', bodies.join('\n\n')].join('\n');
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

function coldCli(input: string): { ms: number; rssMb: number; reports: number } {
  const out = join(work, 'cold-out');
  const rssFile = join(work, 'rss');
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--require', './scripts/report-rss.cjs', 'bin/report-press.js', 'convert', input, '--out', out, '--json'], {
    env: { ...process.env, REPORT_PRESS_RSS_FILE: rssFile },
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`CLI failed on ${input}: ${result.stderr}`);
  const summary = JSON.parse(result.stdout) as { inputs: { reports: number }[] };
  return { ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, reports: summary.inputs[0]!.reports };
}

const rows: string[] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map(String).join('\t'));

const reports = fixtureReports();
const compilation = join(work, 'compilation-40.txt');
writeFileSync(compilation, synthesizeCompilation(reports, 40));

console.log('# cold: whole CLI process (node bin/report-press.js convert …), DOCX + PDF');
row('input', 'reports', 'wall ms', 'peak RSS MB');
for (const input of [...seeds, compilation]) {
  const r = coldCli(input);
  row(input.split('/').pop()!, r.reports, r.ms.toFixed(0), r.rssMb.toFixed(0));
}
console.log(rows.splice(0).join('\n'));

console.log('\n# warm: in-process per stage, fonts parsed once');
const [, fontMs] = time(() => fontLibrary());
console.log(`font library parse: ${fontMs.toFixed(1)} ms`);
const bytes = readFileSync(compilation);
// One untimed pass so that the measured pass sees warm caches and JIT, as a long-lived Lambda would.
for (const r of splitStage(cleanStage(bytes, 'warmup.txt')).reports.slice(0, 3)) {
  await renderStage(r, DocumentFormat.Docx, { profile: GBT9704 });
  await renderStage(r, DocumentFormat.Pdf, { profile: GBT9704, fonts: fontLibrary() });
}
const [split, textMs] = time(() => splitStage(cleanStage(bytes, 'compilation-40.txt')));
let docxMs = 0;
let pdfMs = 0;
let docxBytes = 0;
let pdfBytes = 0;
for (const r of split.reports) {
  const [docx, d] = await timeAsync(() => renderStage(r, DocumentFormat.Docx, { profile: GBT9704 }));
  const [pdf, p] = await timeAsync(() => renderStage(r, DocumentFormat.Pdf, { profile: GBT9704, fonts: fontLibrary() }));
  docxMs += d;
  pdfMs += p;
  docxBytes += docx.length;
  pdfBytes += pdf.length;
}
const n = split.reports.length;
row('stage', 'total ms', 'ms/report');
row('decode+clean+split', textMs.toFixed(1), (textMs / n).toFixed(2));
row('docx', docxMs.toFixed(1), (docxMs / n).toFixed(2));
row('pdf', pdfMs.toFixed(1), (pdfMs / n).toFixed(2));
row('all', (textMs + docxMs + pdfMs).toFixed(1), ((textMs + docxMs + pdfMs) / n).toFixed(2));
console.log(rows.splice(0).join('\n'));
console.log(`${n} reports; ${(n / ((textMs + docxMs + pdfMs) / 1000)).toFixed(1)} reports/s warm; avg DOCX ${(docxBytes / n / 1024).toFixed(1)} KiB, PDF ${(pdfBytes / n / 1024).toFixed(1)} KiB`);

console.log('\n# text core at scale');
// A compilation of as many reports as make 5 MB, with its table of contents.
const perReport = Buffer.byteLength(synthesizeCompilation(reports, reports.length)) / reports.length;
const big = Buffer.from(synthesizeCompilation(reports, Math.ceil((5 * 1024 * 1024) / perReport)));
const [bigSplit, bigMs] = time(() => splitStage(cleanStage(big, 'big.txt')));
console.log(`clean+split ${(big.length / 1024 / 1024).toFixed(1)} MB: ${bigMs.toFixed(0)} ms, ${bigSplit.reports.length} reports`);

console.log('\n# worst cases: each text stage in a fresh process (bundled like its Lambda function)');
const MB = 1024 * 1024;
const compilationOf = (bytes: number) => synthesizeCompilation(reports, Math.floor(bytes / perReport));
const WORST_CASES: readonly (readonly [string, () => string])[] = [
  ['19 MB compilation', () => compilationOf(19 * MB)],
  ['8 MB unclosed brackets', () => bracketFlood(8 * MB)],
  ['5 MB one line', () => longLine(5 * MB)],
  ['20 MB random adverts', () => randomAdverts(20 * MB)],
  ['20 MB hard-wrapped', () => hardWrapped(20 * MB)],
  ['20 MB paywall markers', () => paywallMarkers(20 * MB)],
  ['20 MB closed adverts', () => closedAdverts(20 * MB)],
  ['20 MB 1-char lines', () => tinyLines(20 * MB)],
  ['20 MB short lines', () => shortLines(20 * MB)],
];
const stageScript = join(work, 'bench-stage.mjs');
await build({ entryPoints: ['scripts/bench-stage.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: stageScript, logLevel: 'warning' });

interface StageRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly baseRssMb: number;
  readonly peakRssMb: number;
  readonly code?: string;
}
function runStage(...args: string[]): StageRun {
  const result = spawnSync(process.execPath, [stageScript, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`bench-stage ${args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as StageRun;
}

const worst = { [StageName.Clean]: { rss: 0, cpu: 0 }, [StageName.Split]: { rss: 0, cpu: 0 } };
const worstCli = process.argv.includes('--worst-cli');
row('case', 'MB', 'clean ms', 'cpu ms', 'RSS MB', '+MB/MB', 'split ms', 'cpu ms', 'RSS MB', '+MB/MB', ...(worstCli ? ['CLI ms', 'CLI RSS MB'] : []));
for (const [name, generate] of WORST_CASES) {
  const input = join(work, 'worst.txt');
  const workItem = join(work, 'worst.json');
  writeFileSync(input, generate());
  const megabytes = readFileSync(input).length / MB;
  rmSync(workItem, { force: true });
  const clean = runStage('clean', input, workItem);
  const split = clean.code === undefined ? runStage('split', workItem) : undefined;
  const cells = (run: StageRun | undefined, stage: keyof typeof worst) => {
    if (!run) return ['refused', '', '', ''];
    const perMb = (run.peakRssMb - run.baseRssMb) / megabytes;
    worst[stage].rss = Math.max(worst[stage].rss, perMb);
    worst[stage].cpu = Math.max(worst[stage].cpu, run.cpuMs / 1000 / megabytes);
    return [run.code ?? run.ms, run.cpuMs, run.peakRssMb, perMb.toFixed(1)];
  };
  const cli = worstCli ? coldCliOrRefusal(input) : [];
  row(name, megabytes.toFixed(1), ...cells(clean, StageName.Clean), ...cells(split, StageName.Split), ...cli);
}
console.log(rows.splice(0).join('\n'));
console.log('(RSS MB: peak of the process; +MB/MB: above the process before its input, per MB of input)');
for (const stage of [StageName.Clean, StageName.Split] as const) {
  const assumed = TEXT_STAGE_FIGURES[stage];
  const fits = worst[stage].rss <= assumed.rssPerInputMb && worst[stage].cpu <= assumed.cpuSecondsPerInputMb;
  console.log(
    `${stage}: worst ${worst[stage].rss.toFixed(1)} MB and ${worst[stage].cpu.toFixed(2)} CPU s per input MB; ` +
      `stage-sizing.ts assumes ${assumed.rssPerInputMb} MB and ${assumed.cpuSecondsPerInputMb} s → ${STAGE_SIZING[stage].memoryMb} MB, ` +
      `${STAGE_SIZING[stage].timeoutSeconds} s${fits ? '' : '  ** MEASURED ABOVE THE SIZING: update cdk/stage-sizing.ts **'}`,
  );
}

function coldCliOrRefusal(input: string): string[] {
  try {
    const r = coldCli(input);
    return [r.ms.toFixed(0), r.rssMb.toFixed(0)];
  } catch {
    return ['refused', ''];
  }
}

console.log('\n# Lambda bundles (as the CDK stack deploys them, run from an empty folder)');
row('stage', 'index.js MB', 'bundle MB', 'cold require ms');
for (const b of measureBundles()) row(b.stage, (b.codeBytes / 1e6).toFixed(2), (b.totalBytes / 1e6).toFixed(1), b.initMs);
console.log(rows.splice(0).join('\n'));

console.log(`\npeak RSS of this benchmark process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
rmSync(work, { recursive: true, force: true });
