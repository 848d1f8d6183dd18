/**
 * One handler shape for every converting stage: parse the event, read the source object, run the
 * stage's step, write what it returns, log. Bad input ends in an error fact for the publisher (no
 * retry); anything else throws so Lambda retries the invocation and finally hands it to the
 * stage's on-failure destination (record-failure, and the dead-letter queue).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { encodeJson } from '../lib/convert.js';
import { InputError, InputErrorCode, isInputError } from '../lib/errors.js';
import { checkInputKey, jobFactKey, jobOfSource, JobFact } from '../lib/pipeline/keys.js';
import { objectRefsFromEvent, type ObjectRef } from '../lib/pipeline/object-events.js';
import { ObjectTooLargeError, type ObjectInfo, type ObjectStore, type StoredObject } from '../lib/pipeline/object-store.js';
import { ContentType, type ObjectWrite, type StageStep } from '../lib/pipeline/stage-steps.js';
import { BucketRole, stageListensTo, type StageDefinition } from '../lib/pipeline/stages.js';
import { inputErrorRecord } from '../lib/pipeline/work-items.js';
import { inParallel } from '../lib/pipeline/in-parallel.js';

/** Fan-out writes at once (a split's report items): S3 takes thousands of PUTs a second per prefix; the SDK keeps 50 sockets. */
const FAN_OUT_WRITES = 32;

export interface StageHandlerDeps {
  readonly store: ObjectStore;
  /** Actual bucket names by role. */
  readonly buckets: Readonly<Record<BucketRole, string>>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** What one invocation did, per announced object. */
export interface StageOutcome {
  /** Objects the stage ran on successfully. */
  readonly done: number;
  /** Objects rejected as bad input (an error fact was written, or the publisher records the refused key). */
  readonly rejected: number;
  /** Objects outside this stage's triggers (a wiring mistake; logged, not retried). */
  readonly ignored: number;
  /** Objects deleted since the event was sent: nothing left to do (S3 reads are strongly consistent). */
  readonly gone: number;
  /**
   * A stage fed by a queue: the messages of the batch to deliver again (Lambda's partial batch
   * response, which the event source mapping reads when it reports batch item failures).
   */
  readonly batchItemFailures?: readonly { readonly itemIdentifier: string }[];
}

export type StageHandler = (event: unknown) => Promise<StageOutcome>;

/** What became of one announced object: the tallies of {@link StageOutcome}. */
type ObjectOutcome = 'done' | 'rejected' | 'ignored' | 'gone';

/** The role of a bucket name, if it is one of the chain's. */
export function bucketRole(buckets: Readonly<Record<BucketRole, string>>, bucketName: string): BucketRole | undefined {
  return (Object.keys(buckets) as BucketRole[]).find((role) => buckets[role] === bucketName);
}

export interface StageHandlerOptions {
  /**
   * Largest source object the step takes (the clean stage: the input size limit). A larger one is
   * refused as `TOO_LARGE` from the size S3 gives before its body is read, so the function's
   * memory only ever holds an input under the limit (a 400 MB upload must not end the function).
   */
  readonly maxSourceBytes?: number;
}

/** Builds the handler of `stage` around its `step`. */
export function createStageHandler(stage: StageDefinition, step: StageStep, deps: StageHandlerDeps, options: StageHandlerOptions = {}): StageHandler {
  const now = deps.now ?? (() => new Date());

  /** Records bad input as the job's error fact, for the publisher to end the job `failed` (no retry). */
  async function reject(ref: ObjectRef, source: ObjectInfo, error: InputError, log: Logger): Promise<'rejected'> {
    const job = jobOfSource(stage.name, ref.key, source);
    if (!job) throw new Error(`the ${stage.name} stage cannot tell which job ${ref.key} belongs to; its key does not follow lib/pipeline/keys.ts`);
    const record = inputErrorRecord(ref.key, stage.name, error, now());
    const key = jobFactKey(job, JobFact.Error);
    await deps.store.put(deps.buckets.work, key, encodeJson(record), ContentType.Json);
    log.warn('input rejected; error fact written for the publisher', { code: error.code, reason: error.message, errorFact: `${deps.buckets.work}/${key}` });
    return 'rejected';
  }

  /** The source object, `undefined` when it is gone, or the refusal of one over `maxSourceBytes`. */
  async function read(ref: ObjectRef): Promise<StoredObject | undefined | ObjectTooLargeError> {
    const { maxSourceBytes } = options;
    try {
      return await deps.store.get(ref.bucket, ref.key, maxSourceBytes !== undefined ? { maxBytes: maxSourceBytes } : {});
    } catch (error) {
      if (error instanceof ObjectTooLargeError) return error;
      throw error;
    }
  }

  async function process(ref: ObjectRef, log: Logger): Promise<ObjectOutcome> {
    const role = bucketRole(deps.buckets, ref.bucket);
    if (!role || !stageListensTo(stage, role, ref.key, ref.event)) {
      log.warn('ignored an object outside this stage’s triggers; check the trigger filter', { bucket: ref.bucket, key: ref.key, event: ref.event });
      return 'ignored';
    }
    // An upload the chain does not convert is not even read: the publisher records why from its key.
    const keyCheck = role === BucketRole.Input ? checkInputKey(ref.key) : undefined;
    if (keyCheck && keyCheck.kind !== 'convert') {
      log.info('this key is not converted; the publisher records why in its output folder (see lib/pipeline/keys.ts checkInputKey)', { key: ref.key, ...keyCheck });
      return keyCheck.kind === 'refuse' ? 'rejected' : 'ignored';
    }
    const started = performance.now();
    const object = await read(ref);
    if (object instanceof ObjectTooLargeError) {
      return reject(ref, object.object, new InputError(InputErrorCode.TooLarge, { size: object.object.size, limit: object.maxBytes }), log);
    }
    if (!object) {
      log.info('the object is gone (deleted after the event was sent); nothing to do', { bucket: ref.bucket, key: ref.key });
      return 'gone';
    }
    const written: string[] = [];
    const write = async (w: ObjectWrite) => {
      await deps.store.put(deps.buckets[w.bucket], w.key, w.body, w.contentType);
      written.push(`${deps.buckets[w.bucket]}/${w.key}`);
    };
    try {
      const stepStarted = performance.now();
      const result = await step({ key: ref.key, object, write });
      const stepMs = performance.now() - stepStarted;
      for (const w of result.writes) await write(w);
      await inParallel(result.fanOut ?? [], FAN_OUT_WRITES, write);
      log.info('stage done', {
        ...result.facts,
        bytesRead: object.body.byteLength,
        written,
        stepMs: Math.round(stepMs),
        durationMs: Math.round(performance.now() - started),
      });
      return 'done';
    } catch (error) {
      if (!isInputError(error)) {
        log.error('stage failed; the invocation will be retried', { error: error as Error, durationMs: Math.round(performance.now() - started) });
        throw error;
      }
      return reject(ref, object, error, log);
    }
  }

  return async (event) => {
    const outcome = { done: 0, rejected: 0, ignored: 0, gone: 0 };
    for (const ref of objectRefsFromEvent(event)) {
      const log = deps.logger.createChild();
      log.setCorrelationId(ref.key);
      outcome[await process(ref, log)] += 1;
    }
    return outcome;
  };
}
