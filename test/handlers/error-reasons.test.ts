import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3 } from '../../cli/local-s3.js';
import { fontLibraryFrom } from '../../functions/fonts.js';
import { HANDLER_FACTORIES, type HandlerDeps } from '../../functions/handlers.js';
import { s3ObjectStore, scopedObjectStore } from '../../functions/object-store.js';
import { createS3Client } from '../../functions/s3-client.js';
import { inputVersion, jobFactKey, JobFact, type JobRef } from '../../lib/pipeline/keys.js';
import { encodeNotificationKey } from '../../lib/pipeline/object-events.js';
import { StageName, stageNamed } from '../../lib/pipeline/stages.js';
import type { ErrorRecord } from '../../lib/pipeline/work-items.js';
import { DEFAULT_MAX_BYTES } from '../../lib/text/decode.js';
import { getJson, putObject } from '../integration/s3-helpers.js';
import { awsEventBridgeObjectCreated, awsNotification } from '../support/aws-events.js';

const fontDir = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));

let s3: LocalS3;
let client: S3Client;
let deps: Omit<HandlerDeps, 'store'>;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'report-press-reasons-'));
  s3 = await startLocalS3({ port: 0, dir: dataDir });
  client = createS3Client({ endpoint: s3.endpoint });
  deps = {
    buckets: s3.buckets,
    logger: new Logger({ serviceName: 'report-press', logLevel: 'SILENT' }),
    fonts: () => fontLibraryFrom(fontDir),
    events: { publish: async () => undefined },
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

/** Uploads `body` as `key`, runs clean and then publish on it as S3 and EventBridge would, and reads the error.json users get. */
async function errorRecordOf(key: string, body: Uint8Array): Promise<ErrorRecord> {
  await putObject(client, s3.buckets.input, key, body);
  const head = await client.send(new HeadObjectCommand({ Bucket: s3.buckets.input, Key: key }));
  const job: JobRef = { path: key.replace(/\.txt$/, ''), version: inputVersion({ etag: head.ETag as string, lastModified: head.LastModified as Date }) };
  await handler(StageName.Clean)(awsNotification(s3.buckets.input, encodeNotificationKey(key), body.byteLength));
  await handler(StageName.Publish)(awsEventBridgeObjectCreated(s3.buckets.work, jobFactKey(job, JobFact.Error)));
  return getJson<ErrorRecord>(client, s3.buckets.output, `${job.path}/error.json`);
}

describe('the error.json of an upload the chain refuses', () => {
  it('calls a file of white space only that in every language, not an empty file of 0 bytes', async () => {
    // act
    const record = await errorRecordOf('reasons/blank.txt', new TextEncoder().encode('\n\n   \r\n\t\n'));
    // assert
    expect(record.code).toBe('EMPTY');
    expect(record.reasons).toEqual({
      en: 'the file contains only white space; export the report text again',
      'zh-CN': '文件里只有空白字符，请重新导出报告文本',
    });
  });

  it('gives an oversized upload its size and the limit, and tells the uploader to split it, never to raise --max-size', async () => {
    // act
    const record = await errorRecordOf('reasons/big.txt', new Uint8Array(DEFAULT_MAX_BYTES + 1024 * 1024).fill(0x41));
    // assert
    expect(record.code).toBe('TOO_LARGE');
    expect(record.reason).toBe('the file is 21 MB, over the 20 MB limit; split it into smaller files');
    expect(record.reasons).toEqual({
      en: 'the file is 21 MB, over the 20 MB limit; split it into smaller files',
      'zh-CN': '文件大小为 21 MB，超过了 20 MB 的上限，请拆分成较小的文件',
    });
  });
});
