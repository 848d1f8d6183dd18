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
import { s3ObjectStore } from '../../functions/object-store.js';
import { createS3Client } from '../../functions/s3-client.js';
import { createStageHandler } from '../../functions/stage-handler.js';
import { cleanStage, renderStage, splitStage } from '../../lib/convert.js';
import { InputError, InputErrorCode } from '../../lib/errors.js';
import { encodeNotificationKey } from '../../lib/pipeline/object-events.js';
import { StageName, stageNamed } from '../../lib/pipeline/stages.js';
import { decodeCleanedItem, decodeReportItem, type ErrorRecord } from '../../lib/pipeline/work-items.js';
import { GBT9704 } from '../../lib/render/style.js';
import { getBytes, getJson, listKeys, putObject } from '../integration/s3-helpers.js';
import { awsEventBridgeObjectCreated, awsNotification } from '../support/aws-events.js';

const seeds = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const fontDir = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));
const seed = readFileSync(join(seeds, readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()[0] as string));

let s3: LocalS3;
let client: S3Client;
let deps: HandlerDeps;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'report-press-handlers-'));
  s3 = await startLocalS3({ port: 0, dir: dataDir });
  client = createS3Client({ endpoint: s3.endpoint });
  deps = {
    store: s3ObjectStore(client),
    buckets: s3.buckets,
    logger: new Logger({ serviceName: 'report-press', logLevel: 'SILENT' }),
    fonts: () => fontLibraryFrom(fontDir),
    now: () => new Date('2024-05-01T10:00:00Z'),
  };
});

afterAll(async () => {
  client?.destroy();
  await s3?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const handler = (stage: StageName) => HANDLER_FACTORIES[stage](deps);

/** All keys in the work and output buckets under a document path, with their bytes. */
async function snapshot(path: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const [bucket, prefixes] of [
    [s3.buckets.work, [`cleaned/${path}`, `reports/${path}/`]],
    [s3.buckets.output, [`${path}/`]],
  ] as const) {
    for (const prefix of prefixes) {
      for (const key of await listKeys(client, bucket, prefix)) {
        result.set(`${bucket}/${key}`, Buffer.from(await getBytes(client, bucket, key)).toString('base64'));
      }
    }
  }
  return result;
}

describe('the stage handlers, on the embedded S3 server', () => {
  const inputKey = '2024/年度 报告+1%.txt';
  const path = '2024/年度 报告+1%';

  it('clean an upload announced with a URL-encoded key (space as +, %2B, %25, Chinese)', async () => {
    await putObject(client, s3.buckets.input, inputKey, seed);

    const outcome = await handler(StageName.Clean)(awsNotification(s3.buckets.input, encodeNotificationKey(inputKey), seed.byteLength));

    expect(outcome).toEqual({ done: 1, rejected: 0, ignored: 0 });
    expect(await listKeys(client, s3.buckets.work, 'cleaned/2024/')).toEqual([`cleaned/${path}.json`]);
    const item = decodeCleanedItem(await getBytes(client, s3.buckets.work, `cleaned/${path}.json`));
    expect(item.inputKey).toBe(inputKey);
    expect(item.cleaned).toEqual(cleanStage(seed, '年度 报告+1%.txt'));
  });

  it('split the cleaned text into one work object per report and publish the manifest splitStage returns', async () => {
    const outcome = await handler(StageName.Split)(awsNotification(s3.buckets.work, encodeNotificationKey(`cleaned/${path}.json`)));

    const expected = splitStage(cleanStage(seed, '年度 报告+1%.txt'), { profile: GBT9704.id });
    expect(outcome.done).toBe(1);
    expect(await getJson(client, s3.buckets.output, `${path}/manifest.json`)).toEqual(expected.manifest);
    const reportKeys = await listKeys(client, s3.buckets.work, `reports/${path}/`);
    expect(reportKeys).toHaveLength(expected.reports.length);
    const first = decodeReportItem(await getBytes(client, s3.buckets.work, reportKeys[0] as string));
    expect(first).toMatchObject({ inputKey, index: 1, docx: expected.manifest.reports[0]?.docx, report: expected.reports[0] });
  });

  it('render DOCX from an EventBridge event whose key is not encoded, named as the manifest says', async () => {
    const reportKey = `reports/${path}/01.json`;

    const outcome = await handler(StageName.RenderDocx)(awsEventBridgeObjectCreated(s3.buckets.work, reportKey));

    const item = decodeReportItem(await getBytes(client, s3.buckets.work, reportKey));
    expect(outcome.done).toBe(1);
    const docx = await getBytes(client, s3.buckets.output, `${path}/${item.docx}`);
    expect(Buffer.from(docx).equals(Buffer.from(await renderStage(item.report, 'docx', { profile: GBT9704 })))).toBe(true);
  });

  it('rewrite the same objects, and no others, when events are delivered twice', async () => {
    const before = await snapshot(path);

    await handler(StageName.Clean)(awsNotification(s3.buckets.input, encodeNotificationKey(inputKey)));
    await handler(StageName.Split)(awsNotification(s3.buckets.work, encodeNotificationKey(`cleaned/${path}.json`)));
    await handler(StageName.RenderDocx)(awsEventBridgeObjectCreated(s3.buckets.work, `reports/${path}/01.json`));

    expect(await snapshot(path)).toEqual(before);
  });

  it('record bad input in <path>/error.json and return normally, so Lambda does not retry', async () => {
    await putObject(client, s3.buckets.input, 'bad/empty file.txt', new Uint8Array());

    const outcome = await handler(StageName.Clean)(awsNotification(s3.buckets.input, 'bad/empty+file.txt'));

    expect(outcome).toEqual({ done: 0, rejected: 1, ignored: 0 });
    const record = await getJson<ErrorRecord>(client, s3.buckets.output, 'bad/empty file/error.json');
    expect(record).toEqual({ source: 'bad/empty file.txt', stage: 'clean', code: InputErrorCode.Empty, reason: expect.any(String), time: '2024-05-01T10:00:00.000Z' });
    expect(await listKeys(client, s3.buckets.work, 'cleaned/bad/')).toEqual([]);
  });

  it('map a renderer’s input error to an error record in the report’s folder', async () => {
    const rejecting = createStageHandler(stageNamed(StageName.RenderPdf), async () => {
      throw new InputError(InputErrorCode.NothingLeft, 'nothing to draw');
    }, deps);

    const outcome = await rejecting(awsEventBridgeObjectCreated(s3.buckets.work, `reports/${path}/01.json`));

    expect(outcome.rejected).toBe(1);
    expect(await getJson(client, s3.buckets.output, `${path}/error.json`)).toMatchObject({ stage: 'render-pdf', code: 'NOTHING_LEFT', source: `reports/${path}/01.json` });
  });

  it('throw on transient failures so Lambda retries, without writing an error record', async () => {
    const failing = createStageHandler(stageNamed(StageName.RenderDocx), async () => {
      throw new Error('SlowDown: please reduce your request rate');
    }, deps);
    const missing = handler(StageName.Split);
    await putObject(client, s3.buckets.work, 'reports/flaky/01.json', '{}');

    await expect(failing(awsEventBridgeObjectCreated(s3.buckets.work, 'reports/flaky/01.json'))).rejects.toThrow(/SlowDown/);
    await expect(missing(awsNotification(s3.buckets.work, 'cleaned/never-written.json'))).rejects.toThrow();
    expect(await listKeys(client, s3.buckets.output, 'flaky/')).toEqual([]);
    expect(await listKeys(client, s3.buckets.output, 'never-written/')).toEqual([]);
  });

  it('ignore objects outside the stage’s source filter instead of processing them', async () => {
    const outcome = await handler(StageName.Clean)(awsNotification(s3.buckets.input, 'notes/readme.md'));

    expect(outcome).toEqual({ done: 0, rejected: 0, ignored: 1 });
    expect(await listKeys(client, s3.buckets.work, 'cleaned/notes/')).toEqual([]);
  });
});
