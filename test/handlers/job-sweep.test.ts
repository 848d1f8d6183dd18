/**
 * The sweep on the embedded S3 server, its clock chosen by the test: a job stuck after clean (its
 * split never ran) is left alone while it is younger than the stall time, failed `STALLED` once it
 * is older, and not touched again after that; uploads older than the look-back are not read.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3 } from '../../cli/local-s3.js';
import { s3ObjectStore } from '../../functions/object-store.js';
import { createS3Client } from '../../functions/s3-client.js';
import type { JobEventSink, JobFinishedDetail } from '../../lib/pipeline/job-events.js';
import { sweepJobs } from '../../lib/pipeline/job-sweep.js';
import type { JobStatus } from '../../lib/pipeline/job-status.js';
import { documentPath, errorKey, statusKey } from '../../lib/pipeline/keys.js';
import type { ObjectStore } from '../../lib/pipeline/object-store.js';
import { settleJob } from '../../lib/pipeline/publish.js';
import { cleanStep } from '../../lib/pipeline/stage-steps.js';
import type { ErrorRecord } from '../../lib/pipeline/work-items.js';
import { getJson, putObject } from '../integration/s3-helpers.js';
import { runStep } from '../support/pipeline-steps.js';

const seed = readFileSync(fileURLToPath(new URL('../fixtures/seeds/000_51d4175613d3e64f.txt', import.meta.url)));
const MINUTE = 60_000;

let s3: LocalS3;
let client: S3Client;
let store: ObjectStore;
let dataDir: string;
const sent: JobFinishedDetail[] = [];
const events: JobEventSink = { publish: async (_type, detail) => void sent.push(detail) };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'report-press-sweep-'));
  s3 = await startLocalS3({ port: 0, dir: dataDir });
  client = createS3Client({ endpoint: s3.endpoint });
  store = s3ObjectStore(client);
});

afterAll(async () => {
  client?.destroy();
  await s3?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const sweepAt = (now: Date) => sweepJobs({ store, buckets: s3.buckets, events, now: () => now, settings: { stallMinutes: 60, lookbackDays: 7 } });

describe('the sweep', () => {
  it('leaves a job alone within the stall time, fails it STALLED after, and does not touch it again', async () => {
    // prepare: an upload cleaned and published as running, whose split never ran
    const inputKey = 'sweep/stuck.txt';
    const path = documentPath(inputKey);
    await putObject(client, s3.buckets.input, inputKey, seed);
    await runStep(store, s3.buckets, cleanStep(), s3.buckets.input, inputKey);
    await settleJob(inputKey, { store, buckets: s3.buckets, events });
    const cleanedAt = Date.now();

    // act
    const early = await sweepAt(new Date(cleanedAt + 59 * MINUTE));
    const late = await sweepAt(new Date(cleanedAt + 61 * MINUTE));
    const again = await sweepAt(new Date(cleanedAt + 71 * MINUTE));

    // assert
    expect([early.stalled, early.settled, early.announced]).toEqual([[], [], []]);
    expect([late.stalled, late.announced]).toEqual([[inputKey], [inputKey]]);
    expect([again.stalled, again.settled, again.announced]).toEqual([[], [], []]);
    expect(await getJson<JobStatus>(client, s3.buckets.output, statusKey(path))).toMatchObject({ state: 'failed', announced: true });
    expect(await getJson<ErrorRecord>(client, s3.buckets.output, errorKey(path))).toMatchObject({ code: 'STALLED', stage: 'split', source: inputKey });
    expect(sent.filter((e) => e.inputKey === inputKey).map((e) => [e.state, e.error?.code])).toEqual([['failed', 'STALLED']]);
  });

  it('does not read uploads older than its look-back', async () => {
    // act
    const outcome = await sweepAt(new Date(Date.now() + 8 * 24 * 60 * MINUTE));
    // assert
    expect(outcome).toEqual({ checked: 0, settled: [], stalled: [], announced: [] });
  });
});
