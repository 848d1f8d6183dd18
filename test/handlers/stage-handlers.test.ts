import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3 } from '../../cli/local-s3.js';
import { fontLibraryFrom } from '../../functions/fonts.js';
import { HANDLER_FACTORIES, type HandlerDeps } from '../../functions/handlers.js';
import { s3ObjectStore, scopedObjectStore } from '../../functions/object-store.js';
import { createS3Client } from '../../functions/s3-client.js';
import { createStageHandler } from '../../functions/stage-handler.js';
import { cleanedText, cleanStage, completeManifest, digestOf, encodeRemovalLog, renderDocument, renderStage, splitStage, type Manifest } from '../../lib/convert.js';
import { InputError, InputErrorCode } from '../../lib/errors.js';
import { invocationFailureRecord, type JobEventSink, type JobFinishedDetail } from '../../lib/pipeline/job-events.js';
import type { JobStatus } from '../../lib/pipeline/job-status.js';
import { cleanedKey, inputVersion, jobFactKey, jobFolder, JobFact, reportKey, splitContinuationKey, type JobRef } from '../../lib/pipeline/keys.js';
import { encodeNotificationKey } from '../../lib/pipeline/object-events.js';
import { MAX_REPORTS_PER_UPLOAD, renderStep, type DocumentRenderer } from '../../lib/pipeline/stage-steps.js';
import { StageName, stageNamed } from '../../lib/pipeline/stages.js';
import { WarningCode } from '../../lib/warnings.js';
import { decodeCleanedItem, decodeReportItem, type ErrorRecord } from '../../lib/pipeline/work-items.js';
import { GBT9704 } from '../../lib/render/style.js';
import { DEFAULT_MAX_BYTES } from '../../lib/text/decode.js';
import { MAX_PART_LINES } from '../../lib/model/report-parts.js';
import { compilation, getBytes, getJson, lastModifiedOf, listKeys, putObject } from '../integration/s3-helpers.js';
import { readWithPdfJs } from '../unit/pdf/read-pdf.js';
import { awsEventBridgeObjectCreated, awsNotification } from '../support/aws-events.js';

const seeds = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const fontDir = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));
const seed = readFileSync(join(seeds, readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()[0] as string));

let s3: LocalS3;
let client: S3Client;
let deps: Omit<HandlerDeps, 'store'>;
let dataDir: string;
const announced: JobFinishedDetail[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'report-press-handlers-'));
  s3 = await startLocalS3({ port: 0, dir: dataDir });
  client = createS3Client({ endpoint: s3.endpoint });
  const events: JobEventSink = { publish: async (_type, detail) => void announced.push(detail) };
  deps = {
    buckets: s3.buckets,
    logger: new Logger({ serviceName: 'report-press', logLevel: 'SILENT' }),
    fonts: () => fontLibraryFrom(fontDir),
    events,
    now: () => new Date('2024-05-01T10:00:00Z'),
  };
});

afterAll(async () => {
  client?.destroy();
  await s3?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A stage's handler, reading and writing only what its deployed IAM policy allows. */
const handler = (stage: StageName) => HANDLER_FACTORIES[stage]({ ...deps, store: scopedObjectStore(s3ObjectStore(client), stageNamed(stage), s3.buckets) });
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** All keys in the work and output buckets under a document path, with their bytes. */
async function snapshot(path: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const [bucket, prefixes] of [
    [s3.buckets.work, [`cleaned/${path}/`, `reports/${path}/`, `jobs/${path}/`]],
    [s3.buckets.output, [`${path}/`]],
  ] as const) {
    for (const prefix of prefixes) {
      for (const key of await listKeys(client, bucket, prefix)) {
        const bytes = await getBytes(client, bucket, key);
        // status.json says when it was written; what it says is what must not change.
        const value = key.endsWith('/status.json') ? JSON.stringify({ ...JSON.parse(text(bytes)), updated: undefined }) : Buffer.from(bytes).toString('base64');
        result.set(`${bucket}/${key}`, value);
      }
    }
  }
  return result;
}

/** Publishes after a fact of `job`, as EventBridge delivers the fact's creation. */
const publishAfter = (job: JobRef, fact: JobFact = JobFact.Input) => handler(StageName.Publish)(awsEventBridgeObjectCreated(s3.buckets.work, jobFactKey(job, fact)));
const status = (path: string) => getJson<JobStatus>(client, s3.buckets.output, `${path}/status.json`);
const versionOf = async (key: string) => {
  const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
  const head = await client.send(new HeadObjectCommand({ Bucket: s3.buckets.input, Key: key }));
  return inputVersion({ etag: head.ETag as string, lastModified: head.LastModified as Date });
};

describe('the stage handlers, on the embedded S3 server', () => {
  const inputKey = '2024/年度 报告+1%.txt';
  const path = '2024/年度 报告+1%';
  let job: JobRef;

  it('clean an upload announced with a URL-encoded key (space as +, %2B, %25, Chinese), recording the job’s start and its removal log', async () => {
    await putObject(client, s3.buckets.input, inputKey, seed);
    job = { path, version: await versionOf(inputKey) };

    const outcome = await handler(StageName.Clean)(awsNotification(s3.buckets.input, encodeNotificationKey(inputKey), seed.byteLength));

    expect(outcome).toEqual({ done: 1, rejected: 0, ignored: 0, gone: 0 });
    expect(await listKeys(client, s3.buckets.work, `cleaned/${path}/`)).toEqual([cleanedKey(job)]);
    const item = decodeCleanedItem(await getBytes(client, s3.buckets.work, cleanedKey(job)));
    const cleaned = cleanStage(seed, '年度 报告+1%.txt');
    expect(item).toEqual({ inputKey, version: job.version, cleaned: cleanedText(cleaned) });
    expect(await getBytes(client, s3.buckets.work, jobFactKey(job, JobFact.Removals))).toEqual(encodeRemovalLog(cleaned));
    expect(await getJson(client, s3.buckets.work, jobFactKey(job, JobFact.Input))).toMatchObject({ inputKey, version: job.version, input: digestOf(seed) });
  });

  it('split the cleaned text into one work object per report, and describe them for the publisher', async () => {
    const outcome = await handler(StageName.Split)(awsNotification(s3.buckets.work, encodeNotificationKey(cleanedKey(job))));

    const expected = splitStage(cleanStage(seed, '年度 报告+1%.txt'), { profile: GBT9704.id });
    expect(outcome.done).toBe(1);
    expect(await getJson(client, s3.buckets.work, jobFactKey(job, JobFact.Manifest))).toEqual(expected.manifest);
    expect(await getJson(client, s3.buckets.work, jobFactKey(job, JobFact.Plan))).toEqual({ inputKey, version: job.version, reports: expected.reports.length, formats: ['docx', 'pdf'] });
    const reportKeys = await listKeys(client, s3.buckets.work, `reports/${path}/`);
    expect(reportKeys).toHaveLength(expected.reports.length);
    const first = decodeReportItem(await getBytes(client, s3.buckets.work, reportKeys[0] as string));
    expect(first).toMatchObject({ inputKey, version: job.version, index: 1, docx: expected.manifest.reports[0]?.docx, report: expected.reports[0] });
    expect(await listKeys(client, s3.buckets.output, `${path}/`)).toEqual([]);
  });

  it('render DOCX from an EventBridge event whose key is not encoded, into the job folder under its digest, dated by the upload’s LastModified', async () => {
    const outcome = await handler(StageName.RenderDocx)(awsEventBridgeObjectCreated(s3.buckets.work, reportKey(job, 1)));

    const item = decodeReportItem(await getBytes(client, s3.buckets.work, reportKey(job, 1)));
    const expected = await renderStage(item.report, 'docx', { profile: GBT9704, timestamp: await lastModifiedOf(client, s3.buckets.input, inputKey) });
    expect(outcome.done).toBe(1);
    const rendered = `${jobFolder(job)}01.${digestOf(expected).sha256}.docx`;
    expect(Buffer.from(await getBytes(client, s3.buckets.work, rendered)).equals(Buffer.from(expected))).toBe(true);
  });

  it('show a running job with its counts, and no manifest, while documents are missing', async () => {
    const outcome = await publishAfter(job);

    expect(outcome.done).toBe(1);
    expect(await listKeys(client, s3.buckets.output, `${path}/`)).toEqual([`${path}/status.json`]);
    expect(await status(path)).toMatchObject({
      state: 'running',
      phase: 'rendering',
      input: { key: inputKey, version: job.version, sha256: digestOf(seed).sha256, bytes: seed.byteLength },
      reports: 1,
      documents: { done: 1, total: 2 },
    });
    expect(announced).toEqual([]);
  });

  it('publish documents, removal log and a manifest with every digest and the PDF’s pages once the last document is rendered, and announce it once', async () => {
    await handler(StageName.RenderPdf)(awsEventBridgeObjectCreated(s3.buckets.work, reportKey(job, 1)));

    await publishAfter(job);

    const item = decodeReportItem(await getBytes(client, s3.buckets.work, reportKey(job, 1)));
    const docx = await getBytes(client, s3.buckets.output, `${path}/${item.docx}`);
    const pdf = await getBytes(client, s3.buckets.output, `${path}/${item.pdf}`);
    const draft = splitStage(cleanStage(seed, '年度 报告+1%.txt'), { profile: GBT9704.id }).manifest;
    // The pages as a PDF reader counts them in the published document.
    const pages = (await readWithPdfJs(pdf)).pages;
    const expected = completeManifest(draft, { input: digestOf(seed), document: (_i, format) => digestOf(format === 'docx' ? docx : pdf), pages: () => pages });
    expect(await getJson<Manifest>(client, s3.buckets.output, `${path}/manifest.json`)).toEqual(expected);
    expect(expected.reports[0]?.pages).toBeGreaterThan(1);
    expect(await listKeys(client, s3.buckets.output, `${path}/`)).toEqual(
      [`${path}/${item.docx}`, `${path}/${item.pdf}`, `${path}/manifest.json`, `${path}/removals.json`, `${path}/status.json`].sort(),
    );
    expect(await status(path)).toMatchObject({ state: 'done', reports: 1, documents: { done: 2, total: 2 }, manifest: `${path}/manifest.json` });
    expect(announced).toEqual([
      expect.objectContaining({ state: 'done', inputKey, version: job.version, manifestKey: `${path}/manifest.json`, errorKey: null, reports: 1, documents: 2 }),
    ]);
  });

  it('rewrite the same objects, and no others, and announce nothing more, when every event is delivered twice', async () => {
    const before = await snapshot(path);

    await handler(StageName.Clean)(awsNotification(s3.buckets.input, encodeNotificationKey(inputKey)));
    await handler(StageName.Split)(awsNotification(s3.buckets.work, encodeNotificationKey(cleanedKey(job))));
    await handler(StageName.RenderDocx)(awsEventBridgeObjectCreated(s3.buckets.work, reportKey(job, 1)));
    await handler(StageName.RenderPdf)(awsEventBridgeObjectCreated(s3.buckets.work, reportKey(job, 1)));
    await publishAfter(job);
    await publishAfter(job, JobFact.Plan);

    expect(await snapshot(path)).toEqual(before);
    expect(announced).toHaveLength(1);
  });

  it('repair a published folder someone changed, without showing the job as running again', async () => {
    await putObject(client, s3.buckets.output, `${path}/99-不属于此次上传.pdf`, 'stale');
    await putObject(client, s3.buckets.output, `${path}/notes by the user.txt`, 'mine');
    const item = decodeReportItem(await getBytes(client, s3.buckets.work, reportKey(job, 1)));
    await putObject(client, s3.buckets.output, `${path}/${item.pdf}`, 'truncated');

    await publishAfter(job);

    const keys = await listKeys(client, s3.buckets.output, `${path}/`);
    expect(keys).not.toContain(`${path}/99-不属于此次上传.pdf`);
    expect(keys).toContain(`${path}/notes by the user.txt`);
    const manifest = await getJson<Manifest>(client, s3.buckets.output, `${path}/manifest.json`);
    expect(digestOf(await getBytes(client, s3.buckets.output, `${path}/${item.pdf}`))).toEqual(manifest.reports[0]?.files?.pdf);
    expect((await status(path)).state).toBe('done');
    expect(announced).toHaveLength(1);
  });

  it('turn bad input into a failed job: error.json, a failed status, no documents', async () => {
    await putObject(client, s3.buckets.input, 'bad/empty file.txt', new Uint8Array());
    const bad = { path: 'bad/empty file', version: await versionOf('bad/empty file.txt') };

    const outcome = await handler(StageName.Clean)(awsNotification(s3.buckets.input, 'bad/empty+file.txt'));
    await publishAfter(bad, JobFact.Error);

    expect(outcome).toEqual({ done: 0, rejected: 1, ignored: 0, gone: 0 });
    const record = await getJson<ErrorRecord>(client, s3.buckets.output, 'bad/empty file/error.json');
    expect(record).toEqual({
      source: 'bad/empty file.txt',
      stage: 'clean',
      code: InputErrorCode.Empty,
      reason: expect.stringContaining('empty'),
      // The catalogue's sentences, so a web page can show the reason in its user's language.
      reasons: { en: expect.stringContaining('empty'), 'zh-CN': expect.stringContaining('文件为空') },
      time: '2024-05-01T10:00:00.000Z',
    });
    expect(await listKeys(client, s3.buckets.output, 'bad/empty file/')).toEqual(['bad/empty file/error.json', 'bad/empty file/status.json']);
    expect(await status('bad/empty file')).toMatchObject({ state: 'failed', error: 'bad/empty file/error.json', reports: null });
    expect(await listKeys(client, s3.buckets.work, 'cleaned/bad/')).toEqual([]);
    expect(announced.at(-1)).toMatchObject({ state: 'failed', errorKey: 'bad/empty file/error.json', error: { stage: 'clean', code: 'EMPTY' } });
  });

  it('map a renderer’s input error to an error fact in the report’s job folder', async () => {
    const rejecting = createStageHandler(stageNamed(StageName.RenderPdf), async () => {
      throw new InputError(InputErrorCode.NothingLeft, 'nothing to draw');
    }, { ...deps, store: s3ObjectStore(client) });

    const outcome = await rejecting(awsEventBridgeObjectCreated(s3.buckets.work, reportKey(job, 1)));

    expect(outcome.rejected).toBe(1);
    expect(await getJson(client, s3.buckets.work, jobFactKey(job, JobFact.Error))).toMatchObject({ stage: 'render-pdf', code: 'NOTHING_LEFT', source: reportKey(job, 1) });
  });

  it('throw on transient failures so Lambda retries, writing nothing', async () => {
    const flaky = { path: 'flaky', version: '1-abc' };
    const failing = createStageHandler(stageNamed(StageName.RenderDocx), async () => {
      throw new Error('SlowDown: please reduce your request rate');
    }, { ...deps, store: s3ObjectStore(client) });
    await putObject(client, s3.buckets.work, reportKey(flaky, 1), '{}');
    await putObject(client, s3.buckets.work, cleanedKey(flaky), 'not json');

    await expect(failing(awsEventBridgeObjectCreated(s3.buckets.work, reportKey(flaky, 1)))).rejects.toThrow(/SlowDown/);
    await expect(handler(StageName.Split)(awsNotification(s3.buckets.work, encodeNotificationKey(cleanedKey(flaky))))).rejects.toThrow(/not valid UTF-8 JSON/);
    expect(await listKeys(client, s3.buckets.work, 'jobs/flaky/')).toEqual([]);
    expect(await listKeys(client, s3.buckets.output, 'flaky/')).toEqual([]);
  });

  it('skip an object deleted after its event was sent, and ignore objects outside the stage’s triggers', async () => {
    const gone = await handler(StageName.Split)(awsNotification(s3.buckets.work, encodeNotificationKey(cleanedKey({ path: 'never', version: '1-abc' }))));
    const outside = await handler(StageName.Clean)(awsNotification(s3.buckets.input, 'notes/readme.md'));

    expect(gone).toEqual({ done: 0, rejected: 0, ignored: 0, gone: 1 });
    expect(outside).toEqual({ done: 0, rejected: 0, ignored: 1, gone: 0 });
    expect(await listKeys(client, s3.buckets.work, 'cleaned/notes/')).toEqual([]);
  });
});

describe('the publisher and record-failure, on the embedded S3 server', () => {
  /** Runs clean and split for an upload, renders the listed report formats, and returns its job. */
  async function prepare(key: string, body: string | Uint8Array, render: readonly ['docx' | 'pdf', number][] = []): Promise<JobRef> {
    await putObject(client, s3.buckets.input, key, body);
    await handler(StageName.Clean)(awsNotification(s3.buckets.input, encodeNotificationKey(key)));
    const job = { path: key.replace(/\.txt$/, ''), version: await versionOf(key) };
    await handler(StageName.Split)(awsNotification(s3.buckets.work, encodeNotificationKey(cleanedKey(job))));
    for (const [format, index] of render) {
      await handler(format === 'docx' ? StageName.RenderDocx : StageName.RenderPdf)(awsEventBridgeObjectCreated(s3.buckets.work, reportKey(job, index)));
    }
    return job;
  }
  const renderAll = (...formats: ('docx' | 'pdf')[]) => formats.map((f) => [f, 1] as ['docx' | 'pdf', number]);

  it('turn a render that failed on every retry into a failed job whose error names the stage and the report', async () => {
    const job = await prepare('fail/report.txt', seed, renderAll('docx'));
    const failed = invocationFailureRecord({
      functionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:ReportPress-RenderPdf',
      requestPayload: awsEventBridgeObjectCreated(s3.buckets.work, reportKey(job, 1)),
      error: new Error('Runtime exited with error: signal: killed'),
      attempts: 3,
    });

    await handler(StageName.RecordFailure)({ stage: 'render-pdf', failure: failed });
    await handler(StageName.RecordFailure)({ stage: 'render-pdf', failure: failed });
    await publishAfter(job, JobFact.Error);

    const record = await getJson<ErrorRecord>(client, s3.buckets.output, 'fail/report/error.json');
    expect(record).toMatchObject({ stage: 'render-pdf', code: 'STAGE_FAILED', source: reportKey(job, 1) });
    expect(record.reason).toMatch(/render-pdf stage failed 3 times on report 1 \(Runtime exited with error: signal: killed\).*upload the file again/);
    expect(await listKeys(client, s3.buckets.output, 'fail/report/')).toEqual(['fail/report/error.json', 'fail/report/status.json']);
    expect(await status('fail/report')).toMatchObject({ state: 'failed', reports: 1 });
  });

  it('refuse an upload over the size limit as TOO_LARGE from its size, never holding its body, and end the job failed with that code', async () => {
    // prepare: one byte over the limit; a clean stage whose store tells which bodies it handed over
    const key = 'big/report.txt';
    const over = new Uint8Array(DEFAULT_MAX_BYTES + 1).fill(0x41);
    await putObject(client, s3.buckets.input, key, over);
    const job = { path: 'big/report', version: await versionOf(key) };
    const store = scopedObjectStore(s3ObjectStore(client), stageNamed(StageName.Clean), s3.buckets);
    const bodies: number[] = [];
    const recording = { ...store, get: async (...args: Parameters<typeof store.get>) => {
      const object = await store.get(...args);
      if (object) bodies.push(object.body.byteLength);
      return object;
    } };
    // act
    const outcome = await HANDLER_FACTORIES[StageName.Clean]({ ...deps, store: recording })(awsNotification(s3.buckets.input, encodeNotificationKey(key), over.byteLength));
    await publishAfter(job, JobFact.Error);
    // assert
    expect(outcome).toEqual({ done: 0, rejected: 1, ignored: 0, gone: 0 });
    expect(bodies).toEqual([]);
    const record = await getJson<ErrorRecord>(client, s3.buckets.output, 'big/report/error.json');
    expect(record).toMatchObject({ stage: 'clean', code: 'TOO_LARGE', source: key, reason: expect.stringContaining('20.0 MB, over the 20 MB limit') });
    expect(await listKeys(client, s3.buckets.output, 'big/report/')).toEqual(['big/report/error.json', 'big/report/status.json']);
    expect(await status('big/report')).toMatchObject({ state: 'failed', input: { key, version: job.version } });
  });

  it('split a report longer than one document holds into one work object per part, planned as that many reports, as the CLI splits it', async () => {
    // prepare: one sentence on 100 lines more than a document holds
    const body = '工作很好。\n'.repeat(MAX_PART_LINES + 100);
    // act
    const job = await prepare('parts/流水账.txt', body);
    // assert
    const expected = splitStage(cleanStage(new TextEncoder().encode(body), '流水账.txt'), { profile: GBT9704.id });
    expect(expected.reports).toHaveLength(2);
    expect(await getJson(client, s3.buckets.work, jobFactKey(job, JobFact.Plan))).toMatchObject({ reports: 2 });
    expect(await getJson(client, s3.buckets.work, jobFactKey(job, JobFact.Manifest))).toEqual(expected.manifest);
    const items = await Promise.all([1, 2].map(async (index) => decodeReportItem(await getBytes(client, s3.buckets.work, reportKey(job, index)))));
    expect(items.map((item) => [item.docx, item.report])).toEqual(expected.manifest.reports.map((entry, i) => [entry.docx, expected.reports[i]]));
  });

  it('write a compilation’s report objects many at once, after its plan', async () => {
    // prepare: a compilation of 40 reports, cleaned; a split whose store tells when each write starts and ends
    const key = 'fan-out/汇编.txt';
    await putObject(client, s3.buckets.input, key, compilation(40, '扇出'));
    await handler(StageName.Clean)(awsNotification(s3.buckets.input, encodeNotificationKey(key)));
    const job = { path: 'fan-out/汇编', version: await versionOf(key) };
    const store = scopedObjectStore(s3ObjectStore(client), stageNamed(StageName.Split), s3.buckets);
    const events: string[] = [];
    let writing = 0;
    let mostAtOnce = 0;
    const recording = { ...store, put: async (...args: Parameters<typeof store.put>) => {
      const kind = args[1].startsWith('reports/') ? 'report' : args[1].slice(args[1].lastIndexOf('/') + 1);
      events.push(`start ${kind}`);
      writing += kind === 'report' ? 1 : 0;
      mostAtOnce = Math.max(mostAtOnce, writing);
      try {
        return await store.put(...args);
      } finally {
        writing -= kind === 'report' ? 1 : 0;
        events.push(`end ${kind}`);
      }
    } };
    // act
    const outcome = await HANDLER_FACTORIES[StageName.Split]({ ...deps, store: recording })(awsNotification(s3.buckets.work, encodeNotificationKey(cleanedKey(job))));
    // assert
    expect(outcome.done).toBe(1);
    expect(await listKeys(client, s3.buckets.work, `reports/${job.path}/`)).toHaveLength(40);
    expect(events.indexOf('end plan.json')).toBeLessThan(events.indexOf('start report'));
    expect(mostAtOnce).toBeGreaterThan(1);
  });

  it('go on with a split whose report objects do not fit in its share of one invocation in the next, from where it stopped, the plan written once', async () => {
    // prepare: 100 reports cleaned; invocations with no time to spare, so each writes its least (48 report objects)
    const key = 'continued/汇编.txt';
    await putObject(client, s3.buckets.input, key, compilation(100, '续写'));
    await handler(StageName.Clean)(awsNotification(s3.buckets.input, encodeNotificationKey(key)));
    const job = { path: 'continued/汇编', version: await versionOf(key) };
    const store = scopedObjectStore(s3ObjectStore(client), stageNamed(StageName.Split), s3.buckets);
    const puts: string[] = [];
    const recording = { ...store, put: async (...args: Parameters<typeof store.put>) => {
      puts.push(args[1]);
      return store.put(...args);
    } };
    const split = HANDLER_FACTORIES[StageName.Split]({ ...deps, store: recording });
    const noTimeLeft = { getRemainingTimeInMillis: () => 0 };
    const reports = async () => (await listKeys(client, s3.buckets.work, `reports/${job.path}/`)).length;
    // act
    await split(awsNotification(s3.buckets.work, encodeNotificationKey(cleanedKey(job))), noTimeLeft);
    const first = await reports();
    await split(awsNotification(s3.buckets.work, encodeNotificationKey(splitContinuationKey(job, 48))), noTimeLeft);
    const second = await reports();
    await split(awsNotification(s3.buckets.work, encodeNotificationKey(splitContinuationKey(job, 96))), noTimeLeft);
    // assert
    expect([first, second, await reports()]).toEqual([48, 96, 100]);
    expect(puts.filter((k) => k.startsWith('cleaned/'))).toEqual([splitContinuationKey(job, 48), splitContinuationKey(job, 96)]);
    expect(puts.filter((k) => k === jobFactKey(job, JobFact.Plan))).toHaveLength(1);
    expect(await getJson(client, s3.buckets.work, jobFactKey(job, JobFact.Plan))).toMatchObject({ reports: 100 });
  });

  it(`refuse a compilation of more than ${MAX_REPORTS_PER_UPLOAD} reports as TOO_MANY_REPORTS before writing a plan or any report, and end the job failed with that code`, async () => {
    // prepare
    const key = 'many/汇编.txt';
    // act
    const job = await prepare(key, compilation(MAX_REPORTS_PER_UPLOAD + 1, '超量'));
    await publishAfter(job, JobFact.Error);
    // assert
    expect(await listKeys(client, s3.buckets.work, `reports/${job.path}/`)).toEqual([]);
    expect(await listKeys(client, s3.buckets.work, jobFolder(job))).not.toContain(jobFactKey(job, JobFact.Plan));
    const record = await getJson<ErrorRecord>(client, s3.buckets.output, 'many/汇编/error.json');
    expect(record).toMatchObject({ stage: 'split', code: 'TOO_MANY_REPORTS', source: cleanedKey(job), reason: expect.stringContaining(`${MAX_REPORTS_PER_UPLOAD + 1} reports`) });
    expect(record.reasons?.['zh-CN']).toContain(`${MAX_REPORTS_PER_UPLOAD + 1} 篇报告`);
    expect(await status('many/汇编')).toMatchObject({ state: 'failed', reports: null });
  });

  it('record nothing for a failed clean whose upload has since been replaced', async () => {
    await putObject(client, s3.buckets.input, 'fail/replaced.txt', seed);
    const event = awsNotification(s3.buckets.input, 'fail/replaced.txt', seed.byteLength);
    event.Records[0]!.s3.object.eTag = '00000000000000000000000000000000';
    const failure = invocationFailureRecord({ functionArn: 'arn:aws:lambda:eu-west-1:1:function:clean', requestPayload: event, error: 'timeout', attempts: 3 });

    const outcome = await handler(StageName.RecordFailure)({ stage: 'clean', failure });

    expect(outcome.ignored).toBe(1);
    expect(await listKeys(client, s3.buckets.work, 'jobs/fail/replaced/')).toEqual([]);
  });

  it('show a newer upload’s job, never the older one’s, when an older job finishes late', async () => {
    const older = await prepare('versions/report.txt', seed);
    // The newer upload lands before the older one has rendered anything.
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new last-modified second, so a new version
    const newer = await prepare('versions/report.txt', `${text(seed)}\n追加的一段文字，使新版本与旧版本不同。`);
    await publishAfter(newer);

    for (const format of ['docx', 'pdf'] as const) {
      await handler(format === 'docx' ? StageName.RenderDocx : StageName.RenderPdf)(awsEventBridgeObjectCreated(s3.buckets.work, reportKey(older, 1)));
    }
    await publishAfter(older);

    expect(older.version).not.toBe(newer.version);
    expect(await listKeys(client, s3.buckets.output, 'versions/report/')).toEqual(['versions/report/status.json']);
    expect(await status('versions/report')).toMatchObject({ state: 'running', input: { version: newer.version }, documents: { done: 0, total: 2 } });
  });

  it('write the configured author into the documents they render', async () => {
    const job = await prepare('author/report.txt', seed);
    const withAuthor = HANDLER_FACTORIES[StageName.RenderDocx]({
      ...deps,
      author: '县委办公室',
      store: scopedObjectStore(s3ObjectStore(client), stageNamed(StageName.RenderDocx), s3.buckets),
    });

    await withAuthor(awsEventBridgeObjectCreated(s3.buckets.work, reportKey(job, 1)));

    const item = decodeReportItem(await getBytes(client, s3.buckets.work, reportKey(job, 1)));
    const timestamp = await lastModifiedOf(client, s3.buckets.input, 'author/report.txt');
    const expected = await renderStage(item.report, 'docx', { profile: GBT9704, timestamp, author: '县委办公室' });
    expect(await listKeys(client, s3.buckets.work, jobFolder(job))).toContain(`${jobFolder(job)}01.${digestOf(expected).sha256}.docx`);
  });

  it('carry a renderer’s warnings into the manifest, after split’s own', async () => {
    const job = await prepare('warned/report.txt', seed, renderAll('docx'));
    const warning = { code: WarningCode.MissingGlyph, report: 1, text: '𠮷', message: 'no embedded font draws 𠮷; the PDF shows a blank there' };
    const renderer: DocumentRenderer = async (report, index, format, options) => ({ ...(await renderDocument(report, index, format, options)), warnings: [warning] });
    const warningPdf = createStageHandler(stageNamed(StageName.RenderPdf), renderStep('pdf', () => ({ profile: GBT9704, fonts: fontLibraryFrom(fontDir) }), renderer), {
      ...deps,
      store: scopedObjectStore(s3ObjectStore(client), stageNamed(StageName.RenderPdf), s3.buckets),
    });

    await warningPdf(awsEventBridgeObjectCreated(s3.buckets.work, reportKey(job, 1)));
    await publishAfter(job);

    const manifest = await getJson<Manifest>(client, s3.buckets.output, 'warned/report/manifest.json');
    const splitWarnings = splitStage(cleanStage(seed, 'report.txt')).manifest.warnings;
    expect(manifest.warnings).toEqual([...splitWarnings, warning]);
    expect(announced.at(-1)).toMatchObject({ inputKey: 'warned/report.txt', warnings: splitWarnings.length + 1 });
  });

  it('remove everything the chain published for an input deleted, and nothing a user put there', async () => {
    const job = await prepare('gone/report.txt', seed, renderAll('docx', 'pdf'));
    await publishAfter(job);
    await putObject(client, s3.buckets.output, 'gone/report/my notes.txt', 'mine');
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    await client.send(new DeleteObjectCommand({ Bucket: s3.buckets.input, Key: 'gone/report.txt' }));
    const removal = awsNotification(s3.buckets.input, 'gone/report.txt');
    removal.Records[0]!.eventName = 'ObjectRemoved:Delete';

    await handler(StageName.Publish)(removal);

    expect(await listKeys(client, s3.buckets.output, 'gone/report/')).toEqual(['gone/report/my notes.txt']);
  });
});
