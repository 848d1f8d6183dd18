/**
 * One handler shape for every stage: parse the event, read the source object, run the stage's step,
 * write what it returns, log. Bad input ends in an error record (no retry); anything else throws so
 * Lambda retries the invocation and finally parks it in the stage's dead-letter queue.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { isInputError } from '../lib/errors.js';
import { documentPathForStage, errorKey } from '../lib/pipeline/keys.js';
import { objectRefsFromEvent, type ObjectRef } from '../lib/pipeline/object-events.js';
import { ContentType, type StageStep } from '../lib/pipeline/stage-steps.js';
import { stageListensTo, type BucketRole, type StageDefinition } from '../lib/pipeline/stages.js';
import { encodeJson } from '../lib/convert.js';
import type { ErrorRecord } from '../lib/pipeline/work-items.js';
import type { ObjectStore } from './object-store.js';

export interface StageHandlerDeps {
  readonly store: ObjectStore;
  /** Actual bucket names by role. */
  readonly buckets: Readonly<Record<BucketRole, string>>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** What one invocation did, per announced object. */
export interface StageOutcome {
  /** Objects the step ran on successfully. */
  readonly done: number;
  /** Objects rejected as bad input (an error record was written). */
  readonly rejected: number;
  /** Objects outside this stage's source filter (a wiring mistake; logged, not retried). */
  readonly ignored: number;
}

export type StageHandler = (event: unknown) => Promise<StageOutcome>;

/** Builds the handler of `stage` around its pure `step`. */
export function createStageHandler(stage: StageDefinition, step: StageStep, deps: StageHandlerDeps): StageHandler {
  const now = deps.now ?? (() => new Date());
  const roleOf = (bucketName: string): BucketRole | undefined =>
    (Object.keys(deps.buckets) as BucketRole[]).find((role) => deps.buckets[role] === bucketName);

  async function process(ref: ObjectRef, log: Logger): Promise<keyof StageOutcome> {
    const role = roleOf(ref.bucket);
    if (!role || !stageListensTo(stage, role, ref.key)) {
      log.warn('ignored an object outside this stage’s source; check the trigger filter', { bucket: ref.bucket, key: ref.key });
      return 'ignored';
    }
    const started = performance.now();
    try {
      const bytes = await deps.store.get(ref.bucket, ref.key);
      const stepStarted = performance.now();
      const result = await step({ key: ref.key, bytes });
      const stepMs = performance.now() - stepStarted;
      for (const write of result.writes) {
        await deps.store.put(deps.buckets[write.bucket], write.key, write.body, write.contentType);
      }
      log.info('stage done', {
        ...result.facts,
        bytesRead: bytes.byteLength,
        written: result.writes.map((w) => `${deps.buckets[w.bucket]}/${w.key}`),
        stepMs: Math.round(stepMs),
        durationMs: Math.round(performance.now() - started),
      });
      return 'done';
    } catch (error) {
      if (!isInputError(error)) {
        log.error('stage failed; the invocation will be retried', { error: error as Error, durationMs: Math.round(performance.now() - started) });
        throw error;
      }
      const record: ErrorRecord = { source: ref.key, stage: stage.name, code: error.code, reason: error.message, time: now().toISOString() };
      const key = errorKey(documentPathForStage(stage.name, ref.key));
      await deps.store.put(deps.buckets.output, key, encodeJson(record), ContentType.Json);
      log.warn('input rejected; error record written', { code: error.code, reason: error.message, errorRecord: `${deps.buckets.output}/${key}` });
      return 'rejected';
    }
  }

  return async (event) => {
    const outcome = { done: 0, rejected: 0, ignored: 0 };
    for (const ref of objectRefsFromEvent(event)) {
      const log = deps.logger.createChild();
      log.setCorrelationId(ref.key);
      outcome[await process(ref, log)] += 1;
    }
    return outcome;
  };
}
