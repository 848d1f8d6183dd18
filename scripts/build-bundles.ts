/**
 * Builds the Lambda bundles exactly as `cdk synth` / `cdk deploy` do (the stack's NodejsFunction
 * bundling, local esbuild, fonts copied by the PDF function's hook) and measures them: size and
 * cold-start require time of each bundle, run from an empty folder with no node_modules.
 *
 *   npx tsx scripts/build-bundles.ts [OUT.json]    prints the figures (and writes them to OUT.json)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ReportPressStack } from '../cdk/report-press-stack.js';
import { BucketEnv, S3_ENDPOINT_ENV } from '../functions/environment.js';
import { STAGES, type StageName } from '../lib/pipeline/stages.js';

/** One deployable bundle: the asset folder CDK would zip and upload. */
export interface BuiltBundle {
  readonly stage: StageName;
  readonly dir: string;
}

/** Synthesises the stack with bundling into `outdir` and returns each stage's asset folder. */
export function buildBundles(outdir: string): BuiltBundle[] {
  const app = new App({ outdir });
  const stack = new ReportPressStack(app, 'ReportPressBundles');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  return STAGES.map((stage) => {
    const code = stack.resolve((stack.stages[stage.name].fn.node.defaultChild as CfnFunction).code) as CfnFunction.CodeProperty;
    return { stage: stage.name, dir: join(assembly.directory, `asset.${String(code.s3Key).replace(/\.zip$/, '')}`) };
  });
}

/** Copies a bundle into a fresh folder outside the project, so nothing can resolve from node_modules. */
export function isolateBundle(bundle: BuiltBundle, parent: string): string {
  const dir = join(parent, bundle.stage);
  mkdirSync(dir, { recursive: true });
  cpSync(bundle.dir, dir, { recursive: true });
  return dir;
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, entry) => {
    const path = join(dir, entry.name);
    return n + (entry.isDirectory() ? folderBytes(path) : statSync(path).size);
  }, 0);
}

/** Environment a bundle needs at init (bucket names; the endpoint is never called during init). */
export function bundleEnvironment(endpoint: string, buckets: Readonly<Record<'input' | 'work' | 'output', string>>): NodeJS.ProcessEnv {
  return {
    [BucketEnv.input]: buckets.input,
    [BucketEnv.work]: buckets.work,
    [BucketEnv.output]: buckets.output,
    [S3_ENDPOINT_ENV]: endpoint,
    AWS_REGION: 'us-east-1',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
}

export interface BundleFigures {
  readonly stage: StageName;
  /** index.js alone. */
  readonly codeBytes: number;
  /** Everything in the bundle folder (fonts included for PDF). */
  readonly totalBytes: number;
  /** Median time to `require` the bundle in a fresh Node process (the init phase before any event). */
  readonly initMs: number;
}

/** Median cold `require` time of a bundle, each run in a new process (after one run to warm the disk cache). */
function coldRequireMs(dir: string, runs: number): number {
  const script = "const t=performance.now();require('./index.js');process.stdout.write(String(performance.now()-t))";
  const env = { PATH: process.env.PATH, ...bundleEnvironment('http://127.0.0.1:9', { input: 'input', work: 'work', output: 'output' }) };
  const run = () => Number(execFileSync(process.execPath, ['--no-warnings', '-e', script], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  run();
  const times = Array.from({ length: runs }, run).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** Size and cold-start require time of one isolated bundle. */
export function bundleFigures(stage: StageName, dir: string, runs = 5): BundleFigures {
  return {
    stage,
    codeBytes: statSync(join(dir, 'index.js')).size,
    totalBytes: folderBytes(dir),
    initMs: Math.round(coldRequireMs(dir, runs) * 10) / 10,
  };
}

/** Builds the bundles, isolates each one, and measures size and cold-start require time. */
export function measureBundles(options: { readonly runs?: number } = {}): BundleFigures[] {
  const work = mkdtempSync(join(tmpdir(), 'report-press-bundles-'));
  try {
    const bundles = buildBundles(join(work, 'cdk.out'));
    return bundles.map((bundle) => bundleFigures(bundle.stage, isolateBundle(bundle, join(work, 'isolated')), options.runs));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const figures = measureBundles();
  for (const f of figures) {
    console.log(`${f.stage.padEnd(12)} index.js ${(f.codeBytes / 1e6).toFixed(2)} MB, bundle ${(f.totalBytes / 1e6).toFixed(1)} MB, cold require ${f.initMs} ms`);
  }
  const out = process.argv[2];
  if (out) {
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  }
}
