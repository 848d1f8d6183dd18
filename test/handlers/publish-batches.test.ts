/**
 * The publisher takes its events in batches from its queue: documents rendered are counted into
 * the running status from the batch alone, with no listing of any folder; anything else, or the
 * last document, settles the job in full; an input whose settling fails has only its own messages
 * handed back. On the embedded S3 server, with the handlers as deployed.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { fontLibraryFrom } from '../../functions/fonts.js';
import { HANDLER_FACTORIES, type HandlerDeps } from '../../functions/handlers.js';
import { scopedObjectStore } from '../../functions/object-store.js';
import type { JobEventSink, JobFinishedDetail } from '../../lib/pipeline/job-events.js';
import type { JobStatus } from '../../lib/pipeline/job-status.js';
import { cleanedKey, inputVersion, jobFolder, reportKey, statusKey, tallyKey, type JobRef } from '../../lib/pipeline/keys.js';
import { encodeNotificationKey } from '../../lib/pipeline/object-events.js';
import type { ObjectStore } from '../../lib/pipeline/object-store.js';
import { StageName, stageNamed } from '../../lib/pipeline/stages.js';
import { compilation, getJson, listKeys, putObject } from '../integration/s3-helpers.js';
import { awsEventBridgeObjectCreated, awsNotification, awsSqsBatch, S3_TEST_EVENT } from '../support/aws-events.js';
import { useLocalStore } from '../support/local-store.js';

const FONT_DIR = new URL('../../assets/fonts/', import.meta.url).pathname;
const local = useLocalStore('report-press-publish-batches-');
const announced: JobFinishedDetail[] = [];
const events: JobEventSink = { publish: async (_type, detail) => void announced.push(detail) };

const deps = (): Omit<HandlerDeps, 'store'> => ({
  buckets: local.s3.buckets,
  logger: new Logger({ serviceName: 'report-press', logLevel: 'SILENT' }),
  fonts: () => fontLibraryFrom(FONT_DIR),
  events,
});
/** A stage's handler, reading and writing only what its deployed IAM policy allows (over `store`, the plain one by default). */
const handler = (stage: StageName, store: ObjectStore = local.store) => HANDLER_FACTORIES[stage]({ ...deps(), store: scopedObjectStore(store, stageNamed(stage), local.s3.buckets) });
const statusOf = (path: string) => getJson<JobStatus>(local.client, local.s3.buckets.output, statusKey(path));
/** Renders documents of a job, named by report and format (`01.docx`), and returns the events of their creation, as EventBridge sends them. */
async function render(job: JobRef, ...names: string[]) {
  for (const name of new Set(names)) {
    const [index, format] = name.split('.');
    await handler(format === 'docx' ? StageName.RenderDocx : StageName.RenderPdf)(awsEventBridgeObjectCreated(local.s3.buckets.work, reportKey(job, Number(index))));
  }
  const keys = await listKeys(local.client, local.s3.buckets.work, jobFolder(job));
  return names.map((name) => {
    const [index, format] = name.split('.');
    const key = keys.find((k) => k.startsWith(`${jobFolder(job)}${index}.`) && k.endsWith(`.${format}`)) as string;
    return awsEventBridgeObjectCreated(local.s3.buckets.work, key);
  });
}

/** Uploads a compilation of `reports` reports, cleans and splits it, and has the publisher show it running from its plan. */
async function plannedJob(key: string, reports: number): Promise<JobRef> {
  await putObject(local.client, local.s3.buckets.input, key, compilation(reports, key));
  const head = await local.store.head(local.s3.buckets.input, key);
  const job = { path: key.replace(/\.txt$/, ''), version: inputVersion(head!) };
  await handler(StageName.Clean)(awsNotification(local.s3.buckets.input, encodeNotificationKey(key)));
  await handler(StageName.Split)(awsNotification(local.s3.buckets.work, encodeNotificationKey(cleanedKey(job))));
  await handler(StageName.Publish)(awsSqsBatch([awsEventBridgeObjectCreated(local.s3.buckets.work, `${jobFolder(job)}plan.json`)]));
  return job;
}

describe('the publisher, given its events in batches', () => {
  it('counts a batch of rendered documents into the running status without listing any folder, a document announced twice once', async () => {
    // prepare: three reports planned, three of their six documents rendered
    const job = await plannedJob('batches/counted.txt', 3);
    const rendered = await render(job, '01.docx', '01.pdf', '02.docx');
    const before = local.s3.requestCounts();
    // act
    const outcome = await handler(StageName.Publish)(awsSqsBatch([...rendered, rendered[0]]));
    // assert
    expect(outcome).toMatchObject({ done: 1, batchItemFailures: [] });
    expect(local.s3.requestCounts().operations.LIST - before.operations.LIST).toBe(0);
    expect(await statusOf(job.path)).toMatchObject({ state: 'running', phase: 'rendering', documents: { done: 3, total: 6 } });
    expect(await listKeys(local.client, local.s3.buckets.work, jobFolder(job))).toContain(tallyKey(job));
    expect(await listKeys(local.client, local.s3.buckets.output, `${job.path}/`)).toEqual([statusKey(job.path)]);
  });

  it('settles the job in full, and publishes it, once the batch brings the count to every planned document', async () => {
    // prepare
    const job: JobRef = { path: 'batches/counted', version: (await statusOf('batches/counted')).input.version };
    const rendered = await render(job, '02.pdf', '03.docx', '03.pdf');
    // act
    await handler(StageName.Publish)(awsSqsBatch(rendered));
    // assert
    expect(await statusOf(job.path)).toMatchObject({ state: 'done', documents: { done: 6, total: 6 }, manifest: `${job.path}/manifest.json` });
    expect(await listKeys(local.client, local.s3.buckets.output, `${job.path}/`)).toHaveLength(6 + 3);
    expect(announced.filter((e) => e.inputKey === 'batches/counted.txt')).toEqual([expect.objectContaining({ state: 'done', documents: 6 })]);
  });

  it('hands back only the messages of an input whose settling failed, and ignores the test event S3 sends a new queue', async () => {
    // prepare: two jobs of one report each, both rendered; the store fails every read of the second one's status
    const fine = await plannedJob('batches/fine.txt', 1);
    const broken = await plannedJob('batches/broken.txt', 1);
    const fineRendered = await render(fine, '01.docx', '01.pdf');
    const brokenRendered = await render(broken, '01.docx', '01.pdf');
    const failing: ObjectStore = {
      ...local.store,
      get: async (bucket, key, options) => {
        if (key === statusKey(broken.path)) throw new Error('InternalError: We encountered an internal error. Please try again.');
        return local.store.get(bucket, key, options);
      },
    };
    const batch = awsSqsBatch([S3_TEST_EVENT, ...fineRendered, ...brokenRendered]);
    // act
    const outcome = await handler(StageName.Publish, failing)(batch);
    // assert
    expect(outcome.batchItemFailures).toEqual(batch.Records.slice(3).map((record) => ({ itemIdentifier: record.messageId })));
    expect(await statusOf(fine.path)).toMatchObject({ state: 'done' });
    expect(await statusOf(broken.path)).toMatchObject({ state: 'running' });
  });
});
