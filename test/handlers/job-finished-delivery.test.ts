/**
 * `Job Finished` is delivered at least once: a publisher that finished a job but could not put the
 * event (EventBridge refused it, or the publisher died in between) leaves the event owed in
 * `status.json`, and the next settle after the grace puts it. Driven on the embedded S3 server
 * with the stages' pure steps and `settleJob`, at chosen clock times.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JobEventSink, JobFinishedDetail } from '../../lib/pipeline/job-events.js';
import type { JobStatus } from '../../lib/pipeline/job-status.js';
import { documentPath, statusKey } from '../../lib/pipeline/keys.js';
import type { ObjectStore } from '../../lib/pipeline/object-store.js';
import { settleJob } from '../../lib/pipeline/publish.js';
import { getJson, putObject } from '../integration/s3-helpers.js';
import { recordAllFacts } from '../support/pipeline-steps.js';
import { useLocalStore } from '../support/local-store.js';

const seed = readFileSync(fileURLToPath(new URL('../fixtures/seeds/000_51d4175613d3e64f.txt', import.meta.url)));
const finishedAt = new Date('2024-05-01T10:00:00Z');
const later = (seconds: number) => new Date(finishedAt.getTime() + seconds * 1000);


const local = useLocalStore('report-press-announce-');

/** A sink that keeps what it is given; it refuses the first `refusals` events as EventBridge can. */
function eventSink(refusals = 0): JobEventSink & { readonly sent: JobFinishedDetail[] } {
  const sent: JobFinishedDetail[] = [];
  let refused = 0;
  return {
    sent,
    async publish(_type, detail) {
      if (refused < refusals) {
        refused += 1;
        throw new Error('EventBridge refused the Job Finished event: InternalFailure');
      }
      sent.push(detail);
    },
  };
}

/** An upload of `inputKey` with every fact recorded, waiting for its publisher. */
async function jobReadyToFinish(inputKey: string): Promise<string> {
  await putObject(local.client, local.s3.buckets.input, inputKey, seed);
  await recordAllFacts(local.store, local.s3.buckets, inputKey);
  return documentPath(inputKey);
}

const settle = (inputKey: string, events: JobEventSink, now: Date, over: ObjectStore = local.store) => settleJob(inputKey, { store: over, buckets: local.s3.buckets, events, now: () => now });
const statusOf = (path: string) => getJson<JobStatus>(local.client, local.s3.buckets.output, statusKey(path));

describe('Job Finished, delivered at least once', () => {
  it('puts the event on a retry when EventBridge refused it the first time, and only once after that', async () => {
    // prepare
    const inputKey = 'announce/refused.txt';
    const path = await jobReadyToFinish(inputKey);
    const events = eventSink(1);

    // act: the finishing invocation fails on PutEvents; Lambda retries it a minute later, and more facts settle after
    await expect(settle(inputKey, events, finishedAt)).rejects.toThrow(/refused/);
    const owed = await statusOf(path);
    const retried = await settle(inputKey, events, later(60));
    await settle(inputKey, events, later(120));

    // assert
    expect(events.sent.map((e) => [e.inputKey, e.state, e.documents])).toEqual([[inputKey, 'done', 2]]);
    expect(retried.finished).toBe(true);
    expect(owed).toMatchObject({ state: 'done', announced: false });
    expect(await statusOf(path)).toMatchObject({ state: 'done', announced: true });
  });

  it('puts the event on a retry when the publisher died between writing "done" and putting it', async () => {
    // prepare: a store through which the publisher dies right after its "done" status is written
    const inputKey = 'announce/died.txt';
    const path = await jobReadyToFinish(inputKey);
    const events = eventSink();
    const dying: ObjectStore = {
      ...local.store,
      async put(bucket, key, body, contentType, condition) {
        const result = await local.store.put(bucket, key, body, contentType, condition);
        if (key === statusKey(path) && new TextDecoder().decode(body).includes('"state": "done"')) throw new Error('the publisher was killed');
        return result;
      },
    };

    // act
    await expect(settle(inputKey, events, finishedAt, dying)).rejects.toThrow(/killed/);
    await settle(inputKey, events, later(60));

    // assert
    expect(events.sent.map((e) => [e.inputKey, e.state])).toEqual([[inputKey, 'done']]);
    expect(await statusOf(path)).toMatchObject({ state: 'done', announced: true });
  });

  it('leaves the event to the publisher that finished the job while it is putting it: another settle within the grace sends none', async () => {
    // prepare: the finishing publisher held inside PutEvents
    const inputKey = 'announce/concurrent.txt';
    await jobReadyToFinish(inputKey);
    let release!: () => void;
    let reach!: () => void;
    const reached = new Promise<void>((resolve) => (reach = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const events = eventSink();
    const slow: JobEventSink = {
      async publish(type, detail) {
        reach();
        await released;
        await events.publish(type, detail);
      },
    };
    const finishing = settle(inputKey, slow, finishedAt);
    await reached;

    // act: a duplicate delivery settles a few seconds later, then the first publisher's PutEvents returns
    const duplicate = await settle(inputKey, events, later(5));
    release();
    const first = await finishing;

    // assert
    expect(duplicate.finished).toBe(false);
    expect(first.finished).toBe(true);
    expect(events.sent).toHaveLength(1);
  });
});
