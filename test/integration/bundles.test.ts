import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3 } from '../../cli/local-s3.js';
import { createS3Client } from '../../functions/s3-client.js';
import type { Manifest } from '../../lib/convert.js';
import { encodeNotificationKey } from '../../lib/pipeline/object-events.js';
import { STAGES, StageName } from '../../lib/pipeline/stages.js';
import { FONT_FILES } from '../../lib/render/pdf/font-library.js';
import { bundleEnvironment, buildBundles, isolateBundle } from '../../scripts/build-bundles.js';
import { referenceOutputs } from './reference-outputs.js';
import { getBytes, getJson, listKeys, putObject } from './s3-helpers.js';
import { awsEventBridgeObjectCreated, awsNotification } from '../support/aws-events.js';

type Handler = (event: unknown) => Promise<unknown>;

const seeds = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const fixture = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()[0] as string;

let work: string;
let s3: LocalS3;
let client: S3Client;
const bundleDirs = new Map<StageName, string>();
const handlers = new Map<StageName, Handler>();
const figures: Record<string, unknown>[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'report-press-bundle-test-'));
  s3 = await startLocalS3({ port: 0, dir: join(work, 's3') });
  client = createS3Client({ endpoint: s3.endpoint });
  // The deployed handlers read their configuration at init, as in Lambda.
  Object.assign(process.env, bundleEnvironment(s3.endpoint, s3.buckets));
  for (const bundle of buildBundles(join(work, 'cdk.out'))) {
    const dir = isolateBundle(bundle, join(work, 'isolated'));
    const started = performance.now();
    const { handler } = createRequire(join(dir, 'index.js'))('./index.js') as { handler: Handler };
    figures.push({ stage: bundle.stage, indexJsMB: +(statSync(join(dir, 'index.js')).size / 1e6).toFixed(2), requireMs: Math.round(performance.now() - started) });
    bundleDirs.set(bundle.stage, dir);
    handlers.set(bundle.stage, handler);
  }
}, 120_000);

afterAll(async () => {
  console.log('bundles:', JSON.stringify(figures));
  client?.destroy();
  await s3?.close();
  rmSync(work, { recursive: true, force: true });
});

async function timed(stage: StageName, event: unknown): Promise<void> {
  const started = performance.now();
  await (handlers.get(stage) as Handler)(event);
  const entry = figures.find((f) => f.stage === stage);
  if (entry && entry.firstInvokeMs === undefined) entry.firstInvokeMs = Math.round(performance.now() - started);
}

describe('the deployable bundles', () => {
  it('are built for every stage, each in a folder with no node_modules anywhere above it', () => {
    expect([...bundleDirs.keys()]).toEqual(STAGES.map((s) => s.name));
    for (const dir of bundleDirs.values()) {
      expect(readdirSync(dir)).toContain('index.js');
      for (let up = dir; dirname(up) !== up; up = dirname(up)) expect(existsSync(join(up, 'node_modules')), up).toBe(false);
    }
  });

  it('carry every font file the PDF renderer needs beside the PDF handler', () => {
    const fontDir = join(bundleDirs.get(StageName.RenderPdf) as string, 'fonts');
    for (const file of FONT_FILES) expect(existsSync(join(fontDir, file)), file).toBe(true);
  });

  it('run the whole chain against the embedded server and produce what report-press convert does', async () => {
    const inputKey = `bundled/${fixture.replace('.txt', '')} 副本.txt`;
    const path = inputKey.replace(/\.txt$/, '');
    const bytes = readFileSync(join(seeds, fixture));
    await putObject(client, s3.buckets.input, inputKey, bytes);

    await timed(StageName.Clean, awsNotification(s3.buckets.input, encodeNotificationKey(inputKey), bytes.byteLength));
    await timed(StageName.Split, awsNotification(s3.buckets.work, encodeNotificationKey(`cleaned/${path}.json`)));
    for (const key of await listKeys(client, s3.buckets.work, `reports/${path}/`)) {
      await timed(StageName.RenderDocx, awsEventBridgeObjectCreated(s3.buckets.work, key));
      await timed(StageName.RenderPdf, awsEventBridgeObjectCreated(s3.buckets.work, key));
    }

    const expected = await referenceOutputs(bytes, inputKey.split('/').pop() as string);
    expect(await getJson<Manifest>(client, s3.buckets.output, `${path}/manifest.json`)).toEqual(expected.manifest);
    for (const [name, reference] of expected.documents) {
      const actual = await getBytes(client, s3.buckets.output, `${path}/${name}`);
      expect(Buffer.from(actual).equals(Buffer.from(reference)), name).toBe(true);
    }
  });
});
