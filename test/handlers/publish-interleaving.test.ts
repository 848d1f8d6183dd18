/**
 * Publishers of two uploads of one key, interleaved step by step on the embedded S3 server: the
 * stages' pure steps write the job facts, `settleJob` runs as the publisher, and a gate in front of
 * the store holds the late publisher of the older upload at the write that matters.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JobEventSink, JobFinishedDetail } from '../../lib/pipeline/job-events.js';
import type { JobStatus } from '../../lib/pipeline/job-status.js';
import { documentPath, inputVersion, manifestKey } from '../../lib/pipeline/keys.js';
import type { ObjectStore } from '../../lib/pipeline/object-store.js';
import { settleJob } from '../../lib/pipeline/publish.js';
import { getJson, listKeys, putObject } from '../integration/s3-helpers.js';
import { recordAllFacts } from '../support/pipeline-steps.js';
import { useLocalStore } from '../support/local-store.js';

const seed = readFileSync(fileURLToPath(new URL('../fixtures/seeds/000_51d4175613d3e64f.txt', import.meta.url)));

const announced: JobFinishedDetail[] = [];
const events: JobEventSink = { publish: async (_type, detail) => void announced.push(detail) };

const local = useLocalStore('report-press-interleave-');

const publishDeps = (over: ObjectStore = local.store) => ({ store: over, buckets: local.s3.buckets, events });

/**
 * The store, except that a PUT of `key` into the output bucket waits until `release()` is called;
 * `reached` resolves when it starts waiting. With `crash`, the PUT is made and the caller then fails
 * as a publisher killed right after it would.
 */
function gatedStore(key: string, options: { readonly crash?: boolean } = {}) {
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const gated: ObjectStore = {
    ...local.store,
    async put(bucket, putKey, body, contentType, condition) {
      if (bucket !== local.s3.buckets.output || putKey !== key) return local.store.put(bucket, putKey, body, contentType, condition);
      reach();
      await released;
      const result = await local.store.put(bucket, putKey, body, contentType, condition);
      if (options.crash) throw new Error('the publisher was killed right after writing the manifest');
      return result;
    },
  };
  return { gated, reached, release };
}

const statusOf = (path: string) => getJson<JobStatus>(local.client, local.s3.buckets.output, `${path}/status.json`);
const versionOf = async (key: string) => inputVersion((await local.store.head(local.s3.buckets.input, key))!);
const reupload = (key: string, variant: number) => putObject(local.client, local.s3.buckets.input, key, `${seed.toString('utf8')}\n\n补充说明${variant}。`);

describe('a late publisher of an older upload, interleaved with the job of the newer one', () => {
  it('never leaves the older manifest visible once the newer job shows running, when the late manifest lands after the new status', async () => {
    // prepare: upload #0 with every fact recorded, and its publisher held just before it writes the manifest
    const inputKey = 'interleave/late.txt';
    const path = documentPath(inputKey);
    await putObject(local.client, local.s3.buckets.input, inputKey, seed);
    await recordAllFacts(local.store, local.s3.buckets, inputKey);
    const { gated, reached, release } = gatedStore(manifestKey(path));
    const late = settleJob(inputKey, publishDeps(gated));
    await reached;

    // act: upload #1 lands and its publisher shows it running; then the late publisher of #0 goes on
    await reupload(inputKey, 1);
    const newer = await versionOf(inputKey);
    await settleJob(inputKey, publishDeps());
    release();
    await late;

    // assert
    expect(await statusOf(path)).toMatchObject({ state: 'running', phase: 'cleaning', input: { version: newer } });
    expect(await listKeys(local.client, local.s3.buckets.output, `${path}/`)).not.toContain(manifestKey(path));
  });

  it('never leaves the older manifest visible when its publisher died right after writing it, once the retry has run', async () => {
    // prepare
    const inputKey = 'interleave/crashed.txt';
    const path = documentPath(inputKey);
    await putObject(local.client, local.s3.buckets.input, inputKey, seed);
    await recordAllFacts(local.store, local.s3.buckets, inputKey);
    const { gated, reached, release } = gatedStore(manifestKey(path), { crash: true });
    const late = settleJob(inputKey, publishDeps(gated));
    await reached;

    // act: upload #1 shows running; the old publisher writes its manifest and dies; Lambda retries it
    await reupload(inputKey, 2);
    const newer = await versionOf(inputKey);
    await settleJob(inputKey, publishDeps());
    release();
    await expect(late).rejects.toThrow(/killed/);
    await settleJob(inputKey, publishDeps());

    // assert
    expect(await statusOf(path)).toMatchObject({ state: 'running', input: { version: newer } });
    expect(await listKeys(local.client, local.s3.buckets.output, `${path}/`)).not.toContain(manifestKey(path));
  });
});
