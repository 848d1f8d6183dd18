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

/**
 * Fan-out writes at once (a split's report objects): just under the 50 sockets the SDK keeps per
 * client, some 1,500 PUTs a second at S3's usual latency, under the 3,500 a second S3 takes per prefix.
 */
const FAN_OUT_WRITES = 48;

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

/** What a handler uses of Lambda's invocation context (the dev runner passes the same). */
export interface InvocationContext {
  /** Milliseconds before the invocation times out. */
  getRemainingTimeInMillis(): number;
}

/** A stage's handler, as Lambda calls it: the event, and the invocation's context when there is one. */
export type StageHandler = (event: unknown, context?: InvocationContext) => Promise<StageOutcome>;

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
  /**
   * How a step's fan-out goes on in a later invocation when it does not fit in this one (the
   * split of a very large compilation): which key triggers the stage again, and what such a key
   * says. Without it, the fan-out is written whole whatever it takes.
   */
  readonly continuation?: FanOutContinuation;
}

/** See {@link StageHandlerOptions.continuation}. */
export interface FanOutContinuation {
  /** The source to read for a key the stage was triggered by, and how many fan-out writes are done; undefined for a key that is no continuation. */
  parse(key: string): { readonly sourceKey: string; readonly done: number } | undefined;
  /** The object whose creation has the stage go on from `done`. */
  write(sourceKey: string, done: number): ObjectWrite;
}

/**
 * The share of an invocation's time its fan-out may start writes in: with the step before it and
 * the writes under way after, the invocation stays well within half its timeout.
 */
const FAN_OUT_SHARE_OF_TIMEOUT = 0.25;

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

  /** Another object the stage reads (the clean stage: corrections and rules beside the upload). */
  async function readBeside(bucket: BucketRole, key: string, maxBytes: number): Promise<Uint8Array | undefined | 'too-large'> {
    try {
      return (await deps.store.get(deps.buckets[bucket], key, { maxBytes }))?.body;
    } catch (error) {
      if (error instanceof ObjectTooLargeError) return 'too-large';
      throw error;
    }
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

  async function process(ref: ObjectRef, log: Logger, context: InvocationContext | undefined): Promise<ObjectOutcome> {
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
    // A continuation reads the source the first invocation read, and goes on where it stopped.
    const resumed = options.continuation?.parse(ref.key);
    const done = resumed?.done ?? 0;
    const object = await read(resumed ? { ...ref, key: resumed.sourceKey } : ref);
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
      const result = await step({ key: resumed?.sourceKey ?? ref.key, object, write, read: readBeside });
      const stepMs = performance.now() - stepStarted;
      // The first invocation wrote these; a continuation only goes on with the fan-out.
      if (done === 0) for (const w of result.writes) await write(w);
      const fanOut = result.fanOut ?? [];
      // Only a fan-out that can go on elsewhere stops early.
      const deadline = options.continuation && context ? started + context.getRemainingTimeInMillis() * FAN_OUT_SHARE_OF_TIMEOUT : Infinity;
      const next = await writeFanOut(fanOut, done, deadline, write);
      const continued = next < fanOut.length && options.continuation ? options.continuation.write(resumed?.sourceKey ?? ref.key, next) : undefined;
      if (continued) await write(continued);
      log.info('stage done', {
        ...result.facts,
        bytesRead: object.body.byteLength,
        written,
        ...(done > 0 || continued ? { fanOut: { from: done, to: next, of: fanOut.length } } : {}),
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

  return async (event, context) => {
    const outcome = { done: 0, rejected: 0, ignored: 0, gone: 0 };
    for (const ref of objectRefsFromEvent(event)) {
      const log = deps.logger.createChild();
      log.setCorrelationId(ref.key);
      outcome[await process(ref, log, context)] += 1;
    }
    return outcome;
  };
}

/**
 * Writes `items` from `from` on, {@link FAN_OUT_WRITES} at once and in order, starting no write
 * after `deadline` (performance.now()) but at least FAN_OUT_WRITES of them, so every invocation
 * makes progress. Resolves, once the writes under way are done, to the index of the first item not
 * written: everything before it is.
 */
async function writeFanOut(items: readonly ObjectWrite[], from: number, deadline: number, write: (w: ObjectWrite) => Promise<void>): Promise<number> {
  let next = from;
  const least = from + FAN_OUT_WRITES;
  const worker = async () => {
    while (next < items.length && (next < least || performance.now() < deadline)) await write(items[next++] as ObjectWrite);
  };
  await Promise.all(Array.from({ length: Math.max(0, Math.min(FAN_OUT_WRITES, items.length - from)) }, worker));
  return next;
}
