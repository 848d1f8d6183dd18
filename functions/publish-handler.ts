/**
 * The publisher's handler: every fact a stage records in a job folder (EventBridge `Object
 * Created` under `jobs/`) and every removed input (S3 notification `ObjectRemoved`) settles the
 * output folder of that input (lib/pipeline/publish.ts). Which fact arrived, and how often, does not
 * matter: settling always works from everything recorded so far.
 */
import { inputKeyOfPath, parseJobKey } from '../lib/pipeline/keys.js';
import type { JobEventSink } from '../lib/pipeline/job-events.js';
import { objectRefsFromEvent } from '../lib/pipeline/object-events.js';
import { settleJob } from '../lib/pipeline/publish.js';
import { BucketRole, StageName, stageListensTo, stageNamed } from '../lib/pipeline/stages.js';
import { bucketRole, type StageHandler, type StageHandlerDeps } from './stage-handler.js';

export interface PublishHandlerDeps extends StageHandlerDeps {
  readonly events: JobEventSink;
}

/** The publish stage's handler. */
export function createPublishHandler(deps: PublishHandlerDeps): StageHandler {
  const stage = stageNamed(StageName.Publish);
  return async (event) => {
    const outcome = { done: 0, rejected: 0, ignored: 0, gone: 0 };
    const inputKeys = new Set<string>();
    for (const ref of objectRefsFromEvent(event)) {
      const role = bucketRole(deps.buckets, ref.bucket);
      const job = role === BucketRole.Work ? parseJobKey(ref.key) : undefined;
      const inputKey = role === BucketRole.Input ? ref.key : job ? inputKeyOfPath(job.path) : undefined;
      if (!role || !stageListensTo(stage, role, ref.key, ref.event) || inputKey === undefined) {
        deps.logger.warn('ignored an object outside the publisher’s triggers; check the trigger filter', { bucket: ref.bucket, key: ref.key, event: ref.event });
        outcome.ignored += 1;
        continue;
      }
      inputKeys.add(inputKey);
    }
    for (const inputKey of inputKeys) {
      const log = deps.logger.createChild();
      log.setCorrelationId(inputKey);
      const started = performance.now();
      const settled = await settleJob(inputKey, { store: deps.store, buckets: deps.buckets, events: deps.events, now: deps.now });
      log.info('settled', {
        state: settled.state,
        version: settled.version,
        finished: settled.finished,
        written: settled.written.length,
        deleted: settled.deleted.length,
        durationMs: Math.round(performance.now() - started),
      });
      outcome.done += 1;
    }
    return outcome;
  };
}
