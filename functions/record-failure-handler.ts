/**
 * record-failure: a stage invocation that failed on every retry becomes the job's error fact, so
 * the publisher turns the job to failed instead of leaving it running. On AWS the failed
 * function's on-failure destination (the default event bus) and a rule per stage deliver Lambda's
 * invocation record here, besides the stage's dead-letter queue; locally the dev runner builds the
 * same record when it gives up retrying.
 */
import { encodeJson } from '../lib/convert.js';
import { parseStageFailureEvent, type InvocationRecord } from '../lib/pipeline/job-events.js';
import { documentPath, inputVersion, jobFactKey, jobOfSource, JobFact, parseReportKey, type JobRef } from '../lib/pipeline/keys.js';
import { objectRefsFromEvent, type ObjectRef } from '../lib/pipeline/object-events.js';
import { PreconditionFailedError } from '../lib/pipeline/object-store.js';
import { ContentType } from '../lib/pipeline/stage-steps.js';
import { ObjectEvent, StageName } from '../lib/pipeline/stages.js';
import { StageErrorCode, type ErrorRecord } from '../lib/pipeline/work-items.js';
import type { StageHandler, StageHandlerDeps } from './stage-handler.js';

/** What failed, in words a user can act on. */
export function stageFailureReason(stage: StageName, ref: ObjectRef, failure: InvocationRecord): string {
  const attempts = failure.requestContext.approximateInvokeCount;
  const error = failure.responsePayload?.errorMessage ?? failure.responsePayload?.errorType ?? 'no error message';
  const report = parseReportKey(ref.key);
  const what = report ? `report ${report.index}` : stage === StageName.Clean ? 'the upload' : ref.key;
  const gaveUp = failure.requestContext.condition === 'EventAgeExceeded' ? 'could not run in time' : `failed ${attempts} time${attempts === 1 ? '' : 's'}`;
  return (
    `The ${stage} stage ${gaveUp} on ${what} (${error}), so no documents were published for this upload. ` +
    'This is not a problem with the text: upload the file again to retry; if it fails again, report it with the file attached ' +
    `(the failed event waits in the ${stage} stage's dead-letter queue).`
  );
}

/** The record-failure stage's handler. */
export function createRecordFailureHandler(deps: StageHandlerDeps): StageHandler {
  const now = deps.now ?? (() => new Date());

  /** The job the failed invocation was working on; undefined when that upload is no longer current. */
  async function jobOf(stage: StageName, ref: ObjectRef): Promise<JobRef | undefined> {
    if (stage !== StageName.Clean) return jobOfSource(stage, ref.key);
    // The clean stage's key carries no version: the failure is about the upload the event
    // announced, if that is still the one there.
    const current = await deps.store.head(deps.buckets.input, ref.key);
    if (!current || (ref.etag !== undefined && ref.etag !== current.etag)) return undefined;
    return { path: documentPath(ref.key), version: inputVersion(current) };
  }

  return async (event) => {
    const { stage, failure } = parseStageFailureEvent(event);
    const outcome = { done: 0, rejected: 0, ignored: 0, gone: 0 };
    for (const ref of objectRefsFromEvent(failure.requestPayload)) {
      const log = deps.logger.createChild();
      log.setCorrelationId(ref.key);
      const job = ref.event === ObjectEvent.Created ? await jobOf(stage, ref) : undefined;
      if (!job) {
        log.warn('a stage failed on an object that belongs to no current job; nothing to record', { stage, key: ref.key, event: ref.event });
        outcome.ignored += 1;
        continue;
      }
      const record: ErrorRecord = { source: ref.key, stage, code: StageErrorCode.StageFailed, reason: stageFailureReason(stage, ref, failure), time: now().toISOString() };
      try {
        // The first failure of a job tells its story; a later one (or this one delivered twice) changes nothing.
        await deps.store.put(deps.buckets.work, jobFactKey(job, JobFact.Error), encodeJson(record), ContentType.Json, { ifNoneMatch: '*' });
        log.warn('stage failure recorded; the job will end failed', { stage, reason: record.reason });
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        log.info('the job already has an error recorded', { stage });
      }
      outcome.done += 1;
    }
    return outcome;
  };
}
