/**
 * Every upload ends done or failed, on the local chain: events lost on the way (S3 → clean, the
 * split notification, EventBridge → publisher), a record-failure that fails too, a job folder that
 * expired under a stuck job, and keys the chain cannot name a folder after. The sweep runs on a
 * short clock here; everything else is the chain as `report-press dev` runs it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../cli/dev-server.js';
import { createS3Client } from '../../functions/s3-client.js';
import type { JobStatus } from '../../lib/pipeline/job-status.js';
import { documentPath, MAX_CONVERTED_KEY_BYTES } from '../../lib/pipeline/keys.js';
import type { ErrorRecord } from '../../lib/pipeline/work-items.js';
import { FONT_DIR } from './reference-outputs.js';
import { getBytesIfAny, getJson, listKeys, pollUntil, putObject } from './s3-helpers.js';

const seed = readFileSync(fileURLToPath(new URL('../fixtures/seeds/000_51d4175613d3e64f.txt', import.meta.url)));
/**
 * Seconds, as fractions of the minutes the sweep is configured in: long enough that a job of one
 * report never waits this long between two facts even on a busy machine, short for a test.
 */
const STALL_SECONDS = 8;

let dataDir: string;
let server: DevServer;
let client: S3Client;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'report-press-job-life-'));
  server = await startDevServer({
    port: 0,
    dir: dataDir,
    fontDir: FONT_DIR,
    log: () => {},
    handlerLogLevel: 'SILENT',
    retryDelayMs: 10,
    sweep: { everyMinutes: 0.5 / 60, stallMinutes: STALL_SECONDS / 60 },
    // Events S3 or EventBridge lose: each test's own folder says which.
    drops: ({ stage, key }) =>
      (stage === 'clean' && key.startsWith('lost-upload/')) ||
      (stage === 'split' && (key.startsWith('cleaned/lost-split/') || key.startsWith('cleaned/expired/'))) ||
      (stage === 'publish' && key.startsWith('jobs/lost-facts/') && /\.(docx|pdf)$/.test(key)),
    // A render that fails on every retry, and a record-failure that cannot record it.
    faults: ({ stage, key }) => {
      if (stage === 'render-pdf' && key.startsWith('reports/unrecorded/')) throw new Error('out of memory');
      if (stage === 'record-failure' && key.startsWith('reports/unrecorded/')) throw new Error('throttled');
    },
  });
  client = createS3Client({ endpoint: server.endpoint });

  // Every stuck job at once, so their stall times run together: each test below reads how one ended.
  await Promise.all(['lost-upload', 'lost-split', 'lost-facts', 'unrecorded', 'expired'].map((folder) => putObject(client, server.buckets.input, `${folder}/report.txt`, seed)));
  // The work bucket's lifecycle, early: the intermediates of the job stuck after clean expire.
  const intermediates = await pollUntil('the clean stage to finish expired/report.txt', async () => {
    const keys = [...(await listKeys(client, server.buckets.work, 'jobs/expired/')), ...(await listKeys(client, server.buckets.work, 'cleaned/expired/'))];
    return keys.some((k) => k.startsWith('cleaned/')) ? keys : undefined;
  }, 30_000);
  for (const key of intermediates) await client.send(new DeleteObjectCommand({ Bucket: server.buckets.work, Key: key }));
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const statusOf = async (path: string) => {
  const bytes = await getBytesIfAny(client, server.buckets.output, `${path}/status.json`);
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as JobStatus) : undefined;
};

/** Waits until the job of `inputKey` has ended and its Job Finished event is out, and says how it ended. */
async function ending(inputKey: string): Promise<{ status: JobStatus; error?: ErrorRecord; keys: string[] }> {
  const path = documentPath(inputKey);
  const status = await pollUntil(`the job of ${inputKey} to end`, async () => {
    const current = await statusOf(path);
    return current && current.state !== 'running' && current.announced ? current : undefined;
  }, 60_000);
  const keys = await listKeys(client, server.buckets.output, `${path}/`);
  const error = status.state === 'failed' ? await getJson<ErrorRecord>(client, server.buckets.output, `${path}/error.json`) : undefined;
  return { status, error, keys };
}

const eventOf = (inputKey: string) => server.jobEvents.filter((e) => e.inputKey === inputKey).map((e) => [e.state, e.error?.code ?? null, e.error?.stage ?? null]);

describe('the sweep of the local chain', () => {
  it('fails STALLED a job whose upload never reached the clean stage', async () => {
    // act
    const { status, error } = await ending('lost-upload/report.txt');
    // assert
    expect(status.state).toBe('failed');
    expect(error).toMatchObject({ code: 'STALLED', stage: 'clean', source: 'lost-upload/report.txt' });
    expect(error?.reasons?.['zh-CN']).toContain('没有进展');
    expect(eventOf('lost-upload/report.txt')).toEqual([['failed', 'STALLED', 'clean']]);
  });

  it('fails STALLED a job whose split notification was lost', async () => {
    // act
    const { status, error } = await ending('lost-split/report.txt');
    // assert
    expect(status.state).toBe('failed');
    expect(error).toMatchObject({ code: 'STALLED', stage: 'split' });
    expect(eventOf('lost-split/report.txt')).toEqual([['failed', 'STALLED', 'split']]);
  });

  it('finishes done, from its facts, a job whose documents were rendered but whose publisher never heard of them', async () => {
    // act
    const { status, keys } = await ending('lost-facts/report.txt');
    // assert
    expect(status).toMatchObject({ state: 'done', documents: { done: 2, total: 2 } });
    expect(keys).toContain('lost-facts/report/manifest.json');
    expect(eventOf('lost-facts/report.txt')).toEqual([['done', null, null]]);
  });

  it('fails STALLED a job whose render and whose record-failure both failed on every retry', async () => {
    // act
    const { error } = await ending('unrecorded/report.txt');
    // assert
    expect(error).toMatchObject({ code: 'STALLED', stage: 'render-pdf' });
    expect(server.deadLetters.filter((d) => d.key.startsWith('reports/unrecorded/')).map((d) => d.stage).sort()).toEqual(['record-failure', 'render-pdf']);
  });

  it('fails STALLED a stuck job whose work folder expired under it', async () => {
    // act
    const { error } = await ending('expired/report.txt');
    // assert
    expect(error).toMatchObject({ code: 'STALLED', stage: 'clean' });
  });
});

describe('keys the local chain cannot name a folder after', () => {
  it('fails an upload with nothing but dots before .txt with NO_NAME, in a folder of its own', async () => {
    // act
    const keys = ['.txt', 'odd/..txt', 'odd/...txt'];
    for (const key of keys) await putObject(client, server.buckets.input, key, seed);
    const endings = await Promise.all(keys.map(ending));
    // assert
    expect(endings.map(({ status, error }) => [status.state, status.input.key, error?.code])).toEqual(keys.map((key) => ['failed', key, 'NO_NAME']));
    expect(endings.map(({ keys: written }) => written)).toEqual([
      ['.txt/error.json', '.txt/status.json'],
      ['odd/..txt/error.json', 'odd/..txt/status.json'],
      ['odd/...txt/error.json', 'odd/...txt/status.json'],
    ]);
    expect(keys.map(eventOf)).toEqual(keys.map(() => [['failed', 'NO_NAME', 'clean']]));
  });

  it('fails an upload whose documents’ keys would pass S3’s 1,024 bytes with KEY_TOO_LONG, and converts one just within', async () => {
    // prepare: keys in folders of 150-byte segments, 1 byte over and exactly at the limit
    const keyOf = (bytes: number, last: string) => {
      const stem = Array.from({ length: bytes - '.txt'.length - 1 }, (_, i) => (i % 150 === 149 ? '/' : 'k')).join('');
      return `long/${stem.slice('long/'.length)}${last}.txt`;
    };
    const over = keyOf(MAX_CONVERTED_KEY_BYTES + 1, 'o');
    const within = keyOf(MAX_CONVERTED_KEY_BYTES, 'w');
    // act
    await putObject(client, server.buckets.input, over, seed);
    await putObject(client, server.buckets.input, within, seed);
    const [refused, converted] = await Promise.all([ending(over), ending(within)]);
    // assert
    expect(refused.error).toMatchObject({ code: 'KEY_TOO_LONG', reason: expect.stringContaining(`up to ${MAX_CONVERTED_KEY_BYTES} bytes`) });
    expect(converted.status.state).toBe('done');
  });

  it('leaves a key that does not end in .txt alone, as the README says, and converts its .txt sibling', async () => {
    // act
    await putObject(client, server.buckets.input, 'case/REPORT.TXT', seed);
    await putObject(client, server.buckets.input, 'case/report.txt', seed);
    const { status } = await ending('case/report.txt');
    await server.idle();
    // assert
    expect(status.state).toBe('done');
    expect(await listKeys(client, server.buckets.output, 'case/REPORT')).toEqual([]);
    expect(server.jobEvents.filter((e) => e.inputKey.startsWith('case/')).map((e) => e.inputKey)).toEqual(['case/report.txt']);
  });
});
