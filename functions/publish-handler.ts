/**
 * The publisher's handler: every fact a stage records in a job folder reaches it in batches from
 * its queue, every upload and every removed input one at a time (as do the tests' events). It takes each input's news once per batch (lib/pipeline/job-progress.ts):
 * documents rendered are counted, anything else settles the input's output folder in full
 * (lib/pipeline/publish.ts). Which facts arrived, and how often, does not matter: both work from
 * what is recorded so far. An input whose settling fails has its messages delivered again (a
 * partial batch response); the others are done.
 */
import { inParallel } from '../lib/pipeline/in-parallel.js';
import type { JobEventSink } from '../lib/pipeline/job-events.js';
import { newsByInput, publishNews, type RoledRef } from '../lib/pipeline/job-progress.js';
import { queuedObjectRefs } from '../lib/pipeline/object-events.js';
import { StageName, stageListensTo, stageNamed } from '../lib/pipeline/stages.js';
import { bucketRole, type StageHandler, type StageHandlerDeps } from './stage-handler.js';

export interface PublishHandlerDeps extends StageHandlerDeps {
  readonly events: JobEventSink;
}

/** Inputs settled at once in one batch: each is a handful of S3 requests in a row, mostly waiting. */
const INPUTS_AT_ONCE = 16;

/** The publish stage's handler. */
export function createPublishHandler(deps: PublishHandlerDeps): StageHandler {
  const stage = stageNamed(StageName.Publish);
  return async (event) => {
    const outcome = { done: 0, rejected: 0, ignored: 0, gone: 0 };
    const queued = queuedObjectRefs(event);
    const refs: RoledRef[] = [];
    for (const { messageId, refs: messageRefs } of queued) {
      for (const ref of messageRefs) {
        const role = bucketRole(deps.buckets, ref.bucket);
        if (!role || !stageListensTo(stage, role, ref.key, ref.event)) {
          deps.logger.warn('ignored an object outside the publisher’s triggers; check the trigger filter', { bucket: ref.bucket, key: ref.key, event: ref.event });
          outcome.ignored += 1;
          continue;
        }
        refs.push({ ...ref, role, ...(messageId !== undefined ? { messageId } : {}) });
      }
    }
    const failures: unknown[] = [];
    const again = new Set<string>();
    await inParallel([...newsByInput(refs).values()], INPUTS_AT_ONCE, async (news) => {
      const log = deps.logger.createChild();
      log.setCorrelationId(news.inputKey);
      const started = performance.now();
      try {
        const result = await publishNews(news, { store: deps.store, buckets: deps.buckets, events: deps.events, now: deps.now });
        const durationMs = Math.round(performance.now() - started);
        if (result.kind === 'counted') log.info('counted', { version: result.version, documents: result.documents, durationMs });
        else {
          const settled = result.outcome;
          log.info('settled', { state: settled.state, version: settled.version, finished: settled.finished, written: settled.written.length, deleted: settled.deleted.length, durationMs });
        }
        outcome.done += 1;
      } catch (error) {
        log.error('publishing failed; its events will be delivered again', { error: error as Error, durationMs: Math.round(performance.now() - started) });
        failures.push(error);
        news.messageIds.forEach((id) => again.add(id));
      }
    });
    // Events that came straight (not from the queue) are retried by failing the invocation.
    if (failures.length > 0 && queued.some((message) => message.messageId === undefined)) throw failures[0];
    return { ...outcome, batchItemFailures: [...again].map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
