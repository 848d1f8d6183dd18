import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3 } from '../../cli/local-s3.js';
import { createS3Client } from '../../functions/s3-client.js';
import { cleanStage, type Manifest } from '../../lib/convert.js';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { EVENTS_ENDPOINT_ENV } from '../../functions/environment.js';
import { invocationFailureRecord } from '../../lib/pipeline/job-events.js';
import type { JobStatus } from '../../lib/pipeline/job-status.js';
import { cleanedKey, inputVersion, jobFactKey, JobFact, reportKey } from '../../lib/pipeline/keys.js';
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
/** Stands in for EventBridge (AWS itself is the one thing faked): records every PutEvents entry. */
let eventBridge: Server;
const putEvents: { Source: string; DetailType: string; Detail: string }[] = [];
let client: S3Client;
const bundleDirs = new Map<StageName, string>();
const handlers = new Map<StageName, Handler>();
const figures: Record<string, unknown>[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'report-press-bundle-test-'));
  s3 = await startLocalS3({ port: 0, dir: join(work, 's3') });
  client = createS3Client({ endpoint: s3.endpoint });
  eventBridge = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      if (target !== 'AWSEvents.PutEvents') {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'UnknownOperationException', message: String(target) }));
        return;
      }
      const entries = (JSON.parse(body) as { Entries: typeof putEvents }).Entries;
      putEvents.push(...entries);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `event-${putEvents.length + i}` })) }));
    });
  });
  await new Promise<void>((resolveListen) => eventBridge.listen(0, '127.0.0.1', () => resolveListen()));
  // The deployed handlers read their configuration at init, as in Lambda.
  Object.assign(process.env, bundleEnvironment(s3.endpoint, s3.buckets), { [EVENTS_ENDPOINT_ENV]: `http://127.0.0.1:${(eventBridge.address() as AddressInfo).port}` });
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
  eventBridge?.close();
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

  it('run the whole chain against the embedded server, produce what report-press convert does, and announce it once', async () => {
    const inputKey = `bundled/${fixture.replace('.txt', '')} 副本.txt`;
    const path = inputKey.replace(/\.txt$/, '');
    const bytes = readFileSync(join(seeds, fixture));
    await putObject(client, s3.buckets.input, inputKey, bytes);
    const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
    const head = await client.send(new HeadObjectCommand({ Bucket: s3.buckets.input, Key: inputKey }));
    const job = { path, version: inputVersion({ etag: head.ETag as string, lastModified: head.LastModified as Date }) };
    const published = (fact: string) => awsEventBridgeObjectCreated(s3.buckets.work, fact);

    await timed(StageName.Clean, awsNotification(s3.buckets.input, encodeNotificationKey(inputKey), bytes.byteLength));
    await timed(StageName.Publish, published(jobFactKey(job, JobFact.Input)));
    await timed(StageName.Split, awsNotification(s3.buckets.work, encodeNotificationKey(cleanedKey(job))));
    for (const key of await listKeys(client, s3.buckets.work, `reports/${path}/`)) {
      await timed(StageName.RenderDocx, awsEventBridgeObjectCreated(s3.buckets.work, key));
      await timed(StageName.RenderPdf, awsEventBridgeObjectCreated(s3.buckets.work, key));
    }
    const rendered = (await listKeys(client, s3.buckets.work, `jobs/${path}/`)).filter((k) => k.endsWith('.pdf'));
    await timed(StageName.Publish, published(rendered.at(-1) as string));

    const expected = await referenceOutputs(bytes, inputKey.split('/').pop() as string, head.LastModified as Date);
    expect(await getJson<Manifest>(client, s3.buckets.output, `${path}/manifest.json`)).toEqual(expected.manifest);
    for (const [name, reference] of expected.documents) {
      const actual = await getBytes(client, s3.buckets.output, `${path}/${name}`);
      expect(Buffer.from(actual).equals(Buffer.from(reference)), name).toBe(true);
    }
    expect(await getJson<JobStatus>(client, s3.buckets.output, `${path}/status.json`)).toMatchObject({ state: 'done', documents: { done: 2, total: 2 } });
    expect(putEvents.map((e) => [e.Source, e.DetailType, JSON.parse(e.Detail).inputKey, JSON.parse(e.Detail).state])).toEqual([['report-press', 'Job Finished', inputKey, 'done']]);
  });

  it('read a Word document in the clean bundle, with nothing beside it, into the text its .txt gives', async () => {
    // prepare: the fixture's text, one paragraph per line, as a .docx
    const bytes = readFileSync(join(seeds, fixture));
    const lines = new TextDecoder().decode(bytes).split('\n');
    const word = await Packer.toBuffer(new Document({ sections: [{ children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })) }] }));
    const inputKey = 'bundled/word.docx';
    await putObject(client, s3.buckets.input, inputKey, word);
    // act
    await timed(StageName.Clean, awsNotification(s3.buckets.input, encodeNotificationKey(inputKey), word.byteLength));
    // assert: its folder keeps the extension; the cleaned text is the .txt's
    const [cleaned] = await listKeys(client, s3.buckets.work, 'cleaned/bundled/word.docx/');
    const item = await getJson<{ cleaned: { source: string; text: string } }>(client, s3.buckets.work, cleaned!);
    expect(item.cleaned).toMatchObject({ source: 'word.docx', text: cleanStage(bytes, 'word.docx').text });
  });

  it('turn a stage that failed on every retry into a failed job through the record-failure bundle', async () => {
    const inputKey = 'bundled/failing.txt';
    const bytes = readFileSync(join(seeds, fixture));
    await putObject(client, s3.buckets.input, inputKey, bytes);
    await timed(StageName.Clean, awsNotification(s3.buckets.input, encodeNotificationKey(inputKey), bytes.byteLength));
    const version = (await listKeys(client, s3.buckets.work, 'cleaned/bundled/failing/'))[0]!.replace(/^.*\/(.+)\.json$/, '$1');
    const job = { path: 'bundled/failing', version };
    await timed(StageName.Split, awsNotification(s3.buckets.work, encodeNotificationKey(cleanedKey(job))));
    const failure = invocationFailureRecord({
      functionArn: 'arn:aws:lambda:us-east-1:111122223333:function:ReportPress-RenderPdf',
      requestPayload: awsEventBridgeObjectCreated(s3.buckets.work, reportKey(job, 1)),
      error: new Error('Task timed out after 90.00 seconds'),
      attempts: 3,
    });

    await timed(StageName.RecordFailure, { stage: 'render-pdf', failure });
    await timed(StageName.Publish, awsEventBridgeObjectCreated(s3.buckets.work, jobFactKey(job, JobFact.Error)));

    expect(await getJson<JobStatus>(client, s3.buckets.output, 'bundled/failing/status.json')).toMatchObject({ state: 'failed' });
    expect(await getJson(client, s3.buckets.output, 'bundled/failing/error.json')).toMatchObject({ stage: 'render-pdf', code: 'STAGE_FAILED' });
    expect(putEvents.at(-1)?.Detail).toMatch(/"state":"failed"/);
  });
});
