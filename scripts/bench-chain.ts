/**
 * The local chain at scale: uploads to a fresh `report-press dev` chain (in this process, so its
 * invocation figures and the embedded S3 server's request counts can be read), run until every job
 * has finished, then checked: every upload done, each with exactly its documents and one Job
 * Finished event. Per case it prints the publish invocations, the S3 requests the server took per
 * document (by operation, and the keys its listings returned), each stage's summed time per
 * document, and each stage's longest invocation against half its timeout (cdk/stage-sizing.ts).
 *
 *   npx tsx scripts/bench-chain.ts [--cases 40,400,1000,500x1] [--cap-minutes 30]
 *
 * A case `N` is one compilation of N reports; `UxN` is U uploads of N reports each, all at once.
 * `npm run bench` runs the default cases as one of its sections.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { STAGE_SIZING } from '../cdk/stage-sizing.js';
import { startDevServer, type InvocationStats } from '../cli/dev-server.js';
import { FONT_DIR } from '../cli/fonts.js';
import type { S3RequestCounts } from '../cli/local-s3.js';
import { s3ObjectStore } from '../functions/object-store.js';
import { createS3Client } from '../functions/s3-client.js';
import type { Report } from '../lib/model/report.js';
import { STAGES, StageName } from '../lib/pipeline/stages.js';
import { fixtureReports, reportText, synthesizeCompilation, synthesizedReport } from './bench-compilation.js';

/** One case: `uploads` inputs of `reportsEach` reports, put at once. */
export interface ChainCase {
  readonly name: string;
  readonly uploads: number;
  readonly reportsEach: number;
}

/** What one case measured. */
export interface ChainFigures {
  readonly chainCase: ChainCase;
  readonly documents: number;
  /** From the first PUT to the last job finished. */
  readonly wallMs: number;
  /** False when the cap ran out first (figures are then of the work done until then). */
  readonly finished: boolean;
  readonly done: number;
  /** Uploads with no done status, or with fewer or other documents than their reports make. */
  readonly lost: number;
  /** Job Finished events beyond one per upload. */
  readonly duplicated: number;
  readonly stages: Readonly<Record<StageName, InvocationStats>>;
  readonly requests: S3RequestCounts;
}

/** Parses `40,400,1000,500x1`. */
export function parseChainCases(text: string): ChainCase[] {
  return text.split(',').map((part) => {
    const [first, second] = part.trim().split('x');
    const uploads = second === undefined ? 1 : Number(first);
    const reportsEach = Number(second ?? first);
    if (!(uploads >= 1 && reportsEach >= 1)) throw new Error(`"${part}" is not a case: write N (one upload of N reports) or UxN (U uploads of N reports)`);
    return { name: second === undefined ? `1 upload of ${reportsEach} reports` : `${uploads} uploads of ${reportsEach} report${reportsEach === 1 ? '' : 's'}`, uploads, reportsEach };
  });
}

export const DEFAULT_CHAIN_CASES = '40,400,1000,500x1';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The inputs of a case: distinct reports throughout, so no two uploads are the same bytes. */
function inputsOf(chainCase: ChainCase, source: readonly Report[]): { key: string; body: string }[] {
  return Array.from({ length: chainCase.uploads }, (_, u) => {
    const key = `bench/${chainCase.uploads}x${chainCase.reportsEach}/${String(u + 1).padStart(4, '0')}.txt`;
    if (chainCase.reportsEach > 1) return { key, body: synthesizeCompilation(source, chainCase.reportsEach) };
    return { key, body: reportText(synthesizedReport(source, u)) };
  });
}

/** Runs one case on a fresh chain (see the module comment). */
export async function runChainCase(chainCase: ChainCase, options: { readonly capMinutes?: number; readonly source?: readonly Report[] } = {}): Promise<ChainFigures> {
  const source = options.source ?? fixtureReports();
  const inputs = inputsOf(chainCase, source);
  const dir = mkdtempSync(join(tmpdir(), 'report-press-bench-chain-'));
  const server = await startDevServer({ port: 0, dir, fontDir: FONT_DIR, log: () => {}, handlerLogLevel: 'SILENT', sweep: { everyMinutes: 24 * 60 } });
  const client = createS3Client({ endpoint: server.endpoint });
  try {
    const started = performance.now();
    await Promise.all(inputs.map(({ key, body }) => client.send(new PutObjectCommand({ Bucket: server.buckets.input, Key: key, Body: body }))));
    const deadline = started + (options.capMinutes ?? 30) * 60_000;
    const finishedKeys = () => new Set(server.jobEvents.map((e) => e.inputKey));
    while (finishedKeys().size < inputs.length && performance.now() < deadline) await sleep(50);
    const wallMs = performance.now() - started;
    const finished = finishedKeys().size === inputs.length;
    if (finished) await server.idle();
    // Read before the checks below add requests of their own.
    const requests = server.s3Requests();
    const stages = server.invocationStats();

    const expected = chainCase.reportsEach * 2;
    const documentsIn = new Map<string, number>();
    for (const { key } of await s3ObjectStore(client).list(server.buckets.output, 'bench/', { recursive: true })) {
      if (!/\.(docx|pdf)$/.test(key)) continue;
      const folder = key.slice(0, key.lastIndexOf('/'));
      documentsIn.set(folder, (documentsIn.get(folder) ?? 0) + 1);
    }
    let done = 0;
    let lost = 0;
    let duplicated = 0;
    for (const { key } of inputs) {
      const events = server.jobEvents.filter((e) => e.inputKey === key);
      const ok = events.some((e) => e.state === 'done' && e.documents === expected) && documentsIn.get(key.replace(/\.txt$/, '')) === expected;
      if (ok) done += 1;
      else lost += 1;
      duplicated += Math.max(0, events.length - 1);
    }
    return { chainCase, documents: inputs.length * expected, wallMs, finished, done, lost, duplicated, stages, requests };
  } finally {
    client.destroy();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const perDocument = (value: number, figures: ChainFigures) => value / figures.documents;

/** The figures of the cases as tab-separated rows, one case per column. */
export function chainTable(all: readonly ChainFigures[]): string {
  const rows: (string | number)[][] = [['', ...all.map((f) => f.chainCase.name)]];
  const row = (label: string, cell: (f: ChainFigures) => string | number) => rows.push([label, ...all.map(cell)]);
  row('documents', (f) => f.documents);
  row('upload → all done, s', (f) => `${(f.wallMs / 1000).toFixed(1)}${f.finished ? '' : ' (cap reached)'}`);
  row('done / lost / duplicated events', (f) => `${f.done} / ${f.lost} / ${f.duplicated}`);
  row('publish invocations', (f) => f.stages[StageName.Publish].invocations);
  row('S3 requests per document', (f) => perDocument(f.requests.total, f).toFixed(2));
  for (const op of ['GET', 'HEAD', 'PUT', 'COPY', 'LIST', 'DELETE'] as const) row(`  ${op} per document`, (f) => perDocument(f.requests.operations[op], f).toFixed(2));
  row('keys listed per document', (f) => perDocument(f.requests.listedKeys, f).toFixed(1));
  for (const stage of STAGES) {
    if (stage.name === StageName.RecordFailure || stage.name === StageName.Sweep) continue;
    row(`${stage.name}: invocations`, (f) => f.stages[stage.name].invocations);
    row(`${stage.name}: summed ms per document`, (f) => perDocument(f.stages[stage.name].totalMs, f).toFixed(1));
    const half = (STAGE_SIZING[stage.name].timeoutSeconds * 1000) / 2;
    row(`${stage.name}: longest ms (half timeout ${half})`, (f) => `${f.stages[stage.name].maxMs.toFixed(0)}${f.stages[stage.name].maxMs > half ? ' **OVER**' : ''}`);
  }
  return rows.map((cells) => cells.join('\t')).join('\n');
}

/** Runs the cases one after the other (each on its own fresh chain) and prints the table. */
export async function benchChain(cases: readonly ChainCase[], options: { readonly capMinutes?: number } = {}): Promise<ChainFigures[]> {
  const source = fixtureReports();
  const all: ChainFigures[] = [];
  for (const chainCase of cases) {
    process.stderr.write(`chain: ${chainCase.name} …\n`);
    all.push(await runChainCase(chainCase, { ...options, source }));
    // The table so far after every case: a long run shows its figures as they come.
    console.log(`${chainTable(all)}\n`);
  }
  return all;
}

if (process.argv[1]?.endsWith('bench-chain.ts')) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const cap = arg('--cap-minutes');
  await benchChain(parseChainCases(arg('--cases') ?? DEFAULT_CHAIN_CASES), cap ? { capMinutes: Number(cap) } : {});
}
