/**
 * The sweep on the embedded S3 server, its clock chosen by the test: a job stuck after clean (its
 * split never ran) is left alone while it is younger than the stall time, failed `STALLED` once it
 * is older, and not touched again after that; uploads older than the look-back are not read.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JobEventSink, JobFinishedDetail } from '../../lib/pipeline/job-events.js';
import { sweepJobs } from '../../lib/pipeline/job-sweep.js';
import type { JobStatus } from '../../lib/pipeline/job-status.js';
import { documentPath, errorKey, statusKey } from '../../lib/pipeline/keys.js';
import { settleJob } from '../../lib/pipeline/publish.js';
import { cleanStep } from '../../lib/pipeline/stage-steps.js';
import type { ErrorRecord } from '../../lib/pipeline/work-items.js';
import { getJson, putObject } from '../integration/s3-helpers.js';
import { useLocalStore } from '../support/local-store.js';
import { runStep } from '../support/pipeline-steps.js';

const seed = readFileSync(fileURLToPath(new URL('../fixtures/seeds/000_51d4175613d3e64f.txt', import.meta.url)));
const MINUTE = 60_000;

const sent: JobFinishedDetail[] = [];
const events: JobEventSink = { publish: async (_type, detail) => void sent.push(detail) };

const local = useLocalStore('report-press-sweep-');

const sweepAt = (now: Date) => sweepJobs({ store: local.store, buckets: local.s3.buckets, events, now: () => now, settings: { stallMinutes: 60, lookbackDays: 7 } });

describe('the sweep', () => {
  it('leaves a job alone within the stall time, fails it STALLED after, and does not touch it again', async () => {
    // prepare: an upload cleaned and published as running, whose split never ran
    const inputKey = 'sweep/stuck.txt';
    const path = documentPath(inputKey);
    await putObject(local.client, local.s3.buckets.input, inputKey, seed);
    await runStep(local.store, local.s3.buckets, cleanStep(), local.s3.buckets.input, inputKey);
    await settleJob(inputKey, { store: local.store, buckets: local.s3.buckets, events });
    const cleanedAt = Date.now();

    // act
    const early = await sweepAt(new Date(cleanedAt + 59 * MINUTE));
    const late = await sweepAt(new Date(cleanedAt + 61 * MINUTE));
    const again = await sweepAt(new Date(cleanedAt + 71 * MINUTE));

    // assert
    expect([early.stalled, early.settled, early.announced]).toEqual([[], [], []]);
    expect([late.stalled, late.announced]).toEqual([[inputKey], [inputKey]]);
    expect([again.stalled, again.settled, again.announced]).toEqual([[], [], []]);
    expect(await getJson<JobStatus>(local.client, local.s3.buckets.output, statusKey(path))).toMatchObject({ state: 'failed', announced: true });
    expect(await getJson<ErrorRecord>(local.client, local.s3.buckets.output, errorKey(path))).toMatchObject({ code: 'STALLED', stage: 'split', source: inputKey });
    expect(sent.filter((e) => e.inputKey === inputKey).map((e) => [e.state, e.error?.code])).toEqual([['failed', 'STALLED']]);
  });

  it('does not read uploads older than its look-back', async () => {
    // act
    const outcome = await sweepAt(new Date(Date.now() + 8 * 24 * 60 * MINUTE));
    // assert
    expect(outcome).toEqual({ checked: 0, settled: [], stalled: [], announced: [] });
  });
});
