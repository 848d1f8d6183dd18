/**
 * `npm run bench`: speed and memory of report-press, measured, never asserted. Every headline
 * figure is min / median / max over RUNS fresh runs (`-- --runs N` for more).
 *
 * 1. Cold CLI: the whole `report-press convert` process on a generated 40-report compilation
 *    (~112,000 characters, from the fixtures' reports) and on one report, both formats: wall time
 *    and peak RSS of the child process; every fixture once.
 * 2. Warm: ms per report for DOCX + PDF in-process, fonts parsed and JIT warm (a long-lived Lambda).
 * 3. Render-PDF Lambda: the built bundle in a fresh process, as the runtime loads it: init
 *    (`require` of index.js) and the first render of one report against the embedded S3 server.
 * 4. Chain: upload → job done of the 40-report compilation against `report-press dev` (a user's wait).
 *    Then the chain at scale (scripts/bench-chain.ts): one upload of 40, 400 and 1,000 reports and
 *    500 single-report uploads at once, each on a fresh chain: publish invocations, S3 requests and
 *    keys listed per document, each stage's summed and longest time (`-- --chain-cases 40,400` for others).
 * 5. Text core at scale: clean + split of a ~5 MB input.
 * 6. Worst cases: clean and split of the most expensive inputs known (scripts/bench-cases.ts), each
 *    stage in a fresh process (scripts/bench-stage.ts, bundled like a Lambda function) for honest
 *    peak RSS, checked against the memory cdk/stage-sizing.ts derives from the size limit.
 *    `npm run bench -- --worst-cli` also runs the whole CLI (DOCX + PDF) on each.
 * 7. Render worst cases: the largest document of the inputs that make the longest reports (the
 *    issue-21 case, 450,000 lines of 工作很好。, among them), rendered by render-docx and by
 *    render-pdf, each in a fresh process, checked against the memory cdk/stage-sizing.ts gives them.
 * 8. The Lambda bundles: size and cold require time.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { RENDER_STAGE_FIGURES, renderCpuSeconds, renderPeakAboveRuntimeMb, renderStageMemoryNeededMb, STAGE_SIZING, TEXT_STAGE_FIGURES } from '../cdk/stage-sizing.js';
import { cleanStage, DocumentFormat, renderStage, splitStage } from '../lib/convert.js';
import { StageName } from '../lib/pipeline/stages.js';
import { GBT9704 } from '../lib/render/style.js';
import { FONT_DIR, fontLibrary } from '../cli/fonts.js';
import { MAX_PART_LINES, reportLines } from '../lib/model/report-parts.js';
import { decodeReportItem } from '../lib/pipeline/work-items.js';
import { bracketFlood, closedAdverts, hardWrapped, longLine, paywallMarkers, randomAdverts, repeatedLine, shortLines, tinyLines } from './bench-cases.js';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '../functions/s3-client.js';
import { startLocalS3 } from '../cli/local-s3.js';
import { eventBridgeObjectCreatedEvent } from '../lib/pipeline/object-events.js';
import { allWrites, cleanStep, splitStep, type ObjectWrite } from '../lib/pipeline/stage-steps.js';
import { bundleEnvironment, bundleFigures, buildBundles, isolateBundle } from './build-bundles.js';
import { fixtureReports, seeds, synthesizeCompilation } from './bench-compilation.js';
import { benchChain, DEFAULT_CHAIN_CASES, parseChainCases } from './bench-chain.js';

const work = mkdtempSync(join(tmpdir(), 'report-press-bench-'));

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

const argRuns = process.argv.indexOf('--runs');
/** Runs behind every min / median / max. */
const RUNS = Math.max(5, argRuns > 0 ? Number(process.argv[argRuns + 1]) : 5);

/** `min / median / max` of some figures, `digits` decimals. */
function spread(values: readonly number[], digits = 0): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return [sorted[0]!, median, sorted.at(-1)!].map((v) => v.toFixed(digits)).join(' / ');
}

function coldCli(input: string): { ms: number; rssMb: number; reports: number } {
  const out = join(work, 'cold-out');
  rmSync(out, { recursive: true, force: true });
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
const oneReport = join(work, 'one-report.txt');
writeFileSync(oneReport, synthesizeCompilation(reports, 1).split('\n').slice(5).join('\n'));

console.log(`# cold: whole CLI process (node bin/report-press.js convert …), DOCX + PDF; min / median / max of ${RUNS} runs`);
row('input', 'characters', 'reports', 'wall ms', 'peak RSS MB');
for (const [name, input] of [['40-report compilation', compilation], ['one report', oneReport]] as const) {
  const runs = Array.from({ length: RUNS }, () => coldCli(input));
  row(name, readFileSync(input, 'utf8').length, runs[0]!.reports, spread(runs.map((r) => r.ms)), spread(runs.map((r) => r.rssMb)));
}
console.log(rows.splice(0).join('\n'));
row('fixture (one run each)', 'reports', 'wall ms', 'peak RSS MB');
for (const input of seeds) {
  const r = coldCli(input);
  row(input.split('/').pop()!, r.reports, r.ms.toFixed(0), r.rssMb.toFixed(0));
}
console.log(rows.splice(0).join('\n'));

console.log(`\n# warm: in-process, fonts parsed, JIT warm; ${RUNS} passes over the 40 reports after one untimed pass`);
const [, fontMs] = time(() => fontLibrary());
console.log(`font library parse: ${fontMs.toFixed(1)} ms`);
const bytes = readFileSync(compilation);
const [split, textMs] = time(() => splitStage(cleanStage(bytes, 'compilation-40.txt')));
const n = split.reports.length;
const perReport = { docx: [] as number[], pdf: [] as number[], both: [] as number[] };
let docxBytes = 0;
let pdfBytes = 0;
for (let pass = 0; pass <= RUNS; pass++) {
  let docxMs = 0;
  let pdfMs = 0;
  docxBytes = 0;
  pdfBytes = 0;
  for (const r of split.reports) {
    let start = performance.now();
    docxBytes += (await renderStage(r, DocumentFormat.Docx, { profile: GBT9704 })).length;
    docxMs += performance.now() - start;
    start = performance.now();
    pdfBytes += (await renderStage(r, DocumentFormat.Pdf, { profile: GBT9704, fonts: fontLibrary() })).length;
    pdfMs += performance.now() - start;
  }
  // Pass 0 warms caches and the JIT, as the first invocations of a long-lived Lambda would.
  if (pass === 0) continue;
  perReport.docx.push(docxMs / n);
  perReport.pdf.push(pdfMs / n);
  perReport.both.push((docxMs + pdfMs) / n);
}
row('stage', 'ms/report (min / median / max)');
row('decode+clean+split', (textMs / n).toFixed(2));
row('docx', spread(perReport.docx, 2));
row('pdf', spread(perReport.pdf, 2));
row('docx + pdf', spread(perReport.both, 2));
console.log(rows.splice(0).join('\n'));
console.log(`${n} reports; avg DOCX ${(docxBytes / n / 1024).toFixed(1)} KiB, PDF ${(pdfBytes / n / 1024).toFixed(1)} KiB`);

console.log('\n# Lambda bundles, as the CDK stack deploys them, each isolated in an empty folder');
const bundleDirs = new Map(buildBundles(join(work, 'cdk.out')).map((bundle) => [bundle.stage, isolateBundle(bundle, join(work, 'isolated'))] as const));

/**
 * The render-PDF function cold, in a fresh process per run as the Lambda runtime starts it: init is
 * the `require` of index.js (the runtime's init phase), then one invocation renders a report of the
 * 40-report compilation from the work bucket of an embedded S3 server and writes the PDF there.
 */
async function coldRenderPdf(): Promise<{ initMs: number[]; firstMs: number[]; rssMb: number[] }> {
  const s3 = await startLocalS3({ port: 0, dir: join(work, 'render-s3') });
  const client = createS3Client({ endpoint: s3.endpoint });
  try {
    const put = (write: ObjectWrite) =>
      client.send(new PutObjectCommand({ Bucket: s3.buckets[write.bucket], Key: write.key, Body: write.body, ContentType: write.contentType }));
    // The work objects the clean and split functions would have left for the renderers.
    const key = 'bench/compilation-40.txt';
    const cleaned = await cleanStep()({ key, object: { key, size: bytes.length, etag: 'bench', lastModified: new Date(0), body: bytes }, write: async (w) => void (await put(w)) });
    const cleanedWrite = cleaned.writes.at(-1)!;
    await Promise.all(cleaned.writes.map(put));
    const splitResult = await splitStep()({ key: cleanedWrite.key, object: { key: cleanedWrite.key, size: cleanedWrite.body.length, etag: 'bench', lastModified: new Date(0), body: cleanedWrite.body }, write: async (w) => void (await put(w)) });
    await Promise.all(allWrites(splitResult).map(put));
    const reportWrite = allWrites(splitResult).find((w) => w.key.startsWith('reports/'))!;
    const event = eventBridgeObjectCreatedEvent({ bucket: s3.buckets.work, key: reportWrite.key, size: reportWrite.body.length, time: new Date(0) });
    const script = [
      'const t0 = performance.now();',
      "const { handler } = require('./index.js');",
      'const t1 = performance.now();',
      'handler(JSON.parse(process.env.BENCH_EVENT)).then(() => {',
      "  const hwm = /^VmHWM:\\s+(\\d+) kB/m.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'));",
      '  process.stdout.write(JSON.stringify({ initMs: t1 - t0, firstMs: performance.now() - t1, rssMb: (hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS) / 1024 }));',
      '});',
    ].join('\n');
    const env = { PATH: process.env.PATH, ...bundleEnvironment(s3.endpoint, s3.buckets), BENCH_EVENT: JSON.stringify(event) };
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      // Async, so that this process's embedded S3 server answers the child.
      const child = spawn(process.execPath, ['--no-warnings', '-e', script], { cwd: bundleDirs.get(StageName.RenderPdf)!, env, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await new Promise((resolveExit) => child.on('exit', resolveExit));
      runs.push(JSON.parse(out) as { initMs: number; firstMs: number; rssMb: number });
    }
    return { initMs: runs.map((r) => r.initMs), firstMs: runs.map((r) => r.firstMs), rssMb: runs.map((r) => r.rssMb) };
  } finally {
    client.destroy();
    await s3.close();
  }
}

const renderPdfCold = await coldRenderPdf();
console.log(`render-pdf cold (fresh process each, min / median / max of ${RUNS}):`);
row('init ms', 'first render ms', 'init + first render ms', 'peak RSS MB');
row(
  spread(renderPdfCold.initMs),
  spread(renderPdfCold.firstMs),
  spread(renderPdfCold.initMs.map((ms, i) => ms + renderPdfCold.firstMs[i]!)),
  spread(renderPdfCold.rssMb),
);
console.log(rows.splice(0).join('\n'));
row('stage', 'index.js MB', 'bundle MB', 'cold require ms (median)');
for (const [stage, dir] of bundleDirs) {
  const b = bundleFigures(stage, dir);
  row(b.stage, (b.codeBytes / 1e6).toFixed(2), (b.totalBytes / 1e6).toFixed(1), b.initMs);
}
console.log(rows.splice(0).join('\n'));

/**
 * Upload → job done against `report-press dev` (its own process, as a user starts it): the time
 * from the PutObject of the compilation to a status.json that says it is no longer running.
 */
async function chainRuns(): Promise<number[]> {
  const dev = spawn(process.execPath, ['--no-warnings', 'bin/report-press.js', 'dev', '--port', '0', '--dir', join(work, 'dev-data')], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const endpoint = await new Promise<string>((resolveEndpoint, reject) => {
      let banner = '';
      dev.stdout.on('data', (chunk: Buffer) => {
        banner += chunk.toString();
        const found = /http:\/\/127\.0\.0\.1:\d+/.exec(banner);
        if (found) resolveEndpoint(found[0]);
      });
      dev.on('exit', (code) => reject(new Error(`report-press dev exited (${code}) before it served`)));
    });
    // The dev server prints a line per invocation; nobody reads them here.
    dev.stdout.resume();
    const client = createS3Client({ endpoint });
    const times: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const path = `bench/run-${i}/compilation-40`;
        const started = performance.now();
        await client.send(new PutObjectCommand({ Bucket: 'input', Key: `${path}.txt`, Body: bytes }));
        for (;;) {
          const state = await client
            .send(new GetObjectCommand({ Bucket: 'output', Key: `${path}/status.json` }))
            .then(async (r) => (JSON.parse(await r.Body!.transformToString()) as { state: string }).state)
            .catch(() => 'missing');
          if (state !== 'missing' && state !== 'running') {
            if (state !== 'done') throw new Error(`the chain ended in "${state}" for ${path}`);
            break;
          }
          await new Promise((resolveWait) => setTimeout(resolveWait, 20));
        }
        times.push(performance.now() - started);
      }
    } finally {
      client.destroy();
    }
    return times;
  } finally {
    dev.kill('SIGINT');
    await new Promise((resolveExit) => dev.on('exit', resolveExit));
  }
}

console.log('\n# chain: upload → job done of the 40-report compilation against report-press dev (a fresh dev server; run 1 is its first job)');
const chain = await chainRuns();
console.log(`upload → done ms: ${spread(chain)} (runs in order: ${chain.map((ms) => ms.toFixed(0)).join(', ')})`);

console.log('\n# chain at scale: each case on a fresh local chain, run until every job finished and checked (scripts/bench-chain.ts)');
const argChainCases = process.argv.indexOf('--chain-cases');
await benchChain(parseChainCases(argChainCases > 0 ? (process.argv[argChainCases + 1] ?? DEFAULT_CHAIN_CASES) : DEFAULT_CHAIN_CASES));

console.log('\n# text core at scale');
// A compilation of as many reports as make 5 MB, with its table of contents.
const bytesPerReport = Buffer.byteLength(synthesizeCompilation(reports, reports.length)) / reports.length;
const big = Buffer.from(synthesizeCompilation(reports, Math.ceil((5 * 1024 * 1024) / bytesPerReport)));
const [bigSplit, bigMs] = time(() => splitStage(cleanStage(big, 'big.txt')));
console.log(`clean+split ${(big.length / 1024 / 1024).toFixed(1)} MB: ${bigMs.toFixed(0)} ms, ${bigSplit.reports.length} reports`);

console.log('\n# worst cases: each text stage in a fresh process (bundled like its Lambda function)');
const MB = 1024 * 1024;
const compilationOf = (size: number) => synthesizeCompilation(reports, Math.floor(size / bytesPerReport));
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
await build({ entryPoints: ['scripts/bench-stage.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node24', outfile: stageScript, logLevel: 'warning' });

interface StageRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly baseRssMb: number;
  readonly peakRssMb: number;
  /** Report items split wrote (split only). */
  readonly reports: number;
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

console.log('\n# render worst cases: the largest document of each input, rendered by each render stage in a fresh process (bundled like its Lambda function)');
// Inputs that make the longest reports: no title splits them, so each is one report, in parts.
const RENDER_CASES: readonly (readonly [string, () => string])[] = [
  ['450k lines of 工作很好。', () => repeatedLine(450_000)],
  ['20 MB short lines', () => shortLines(20 * MB)],
  ['20 MB one line', () => longLine(20 * MB)],
  ['19 MB compilation', () => compilationOf(19 * MB)],
];
const RENDER_STAGES = [StageName.RenderDocx, StageName.RenderPdf] as const;
// Per stage: the largest peak, and whether every case stayed within what the figures predict.
const worstRender = { [StageName.RenderDocx]: { peak: 0, fits: true }, [StageName.RenderPdf]: { peak: 0, fits: true } };
row('case', 'MB', 'documents', 'largest: lines', 'characters', ...RENDER_STAGES.flatMap((stage) => [`${stage} ms`, 'cpu ms', 'RSS MB', '+MB', 'sized +MB']));
for (const [name, generate] of RENDER_CASES) {
  const input = join(work, 'render.txt');
  const workItem = join(work, 'render.json');
  const reportItem = join(work, 'render-report.json');
  writeFileSync(input, generate());
  const megabytes = readFileSync(input).length / MB;
  runStage('clean', input, workItem);
  const split = runStage('split', workItem, reportItem);
  const { report } = decodeReportItem(readFileSync(reportItem));
  const lines = reportLines(report);
  const cells = RENDER_STAGES.flatMap((stage) => {
    const run = stage === StageName.RenderDocx ? runStage(stage, reportItem) : runStage(stage, reportItem, FONT_DIR);
    const figures = RENDER_STAGE_FIGURES[stage];
    const sizedMb = renderPeakAboveRuntimeMb(figures, lines);
    const worst = worstRender[stage];
    worst.peak = Math.max(worst.peak, run.peakRssMb);
    worst.fits &&= run.peakRssMb - run.baseRssMb <= sizedMb && run.cpuMs / 1000 <= renderCpuSeconds(figures, lines);
    return [run.ms, run.cpuMs, run.peakRssMb, run.peakRssMb - run.baseRssMb, sizedMb.toFixed(0)];
  });
  row(name, megabytes.toFixed(1), split.reports, lines, report.blocks.reduce((n, b) => n + b.text.length, 0), ...cells);
}
console.log(rows.splice(0).join('\n'));
console.log(
  '(largest: the largest report item split wrote, its lines as report-parts.ts counts them; RSS MB: peak of the process; ' +
    '+MB: above the process with its bundle loaded (and fonts parsed); sized +MB: what cdk/stage-sizing.ts allows a document of those lines)',
);
for (const stage of RENDER_STAGES) {
  const { memoryMb, timeoutSeconds } = STAGE_SIZING[stage];
  const { peak, fits } = worstRender[stage];
  console.log(
    `${stage}: peak ${peak} MB of ${memoryMb} MB (${timeoutSeconds} s); the largest part (${MAX_PART_LINES} lines) is sized at ` +
      `${renderStageMemoryNeededMb(RENDER_STAGE_FIGURES[stage])} MB${fits && peak <= memoryMb ? '' : '  ** MEASURED ABOVE THE SIZING: update cdk/stage-sizing.ts **'}`,
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

console.log(`\npeak RSS of this benchmark process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
rmSync(work, { recursive: true, force: true });
