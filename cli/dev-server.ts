/**
 * `report-press dev`: the deployed chain on this machine. An embedded S3-compatible server
 * (s3rver on 127.0.0.1) holds the buckets `input`, `work` and `output`; every object it stores or
 * removes is routed through the stage table, as S3 notifications or EventBridge events shaped
 * exactly as AWS delivers them, to the same handler functions the Lambda functions run. An
 * invocation that fails on every retry goes where Lambda's on-failure destination sends it on AWS
 * (record-failure), finished jobs are announced as on EventBridge, here as a line of output, and
 * the sweep runs on a timer as the deployed schedule runs it. A stage whose events wait in a queue on
 * AWS (the publisher) gets them here through the same kind of queue, in batches (stage-queue.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { checkInputKey, documentPath, inputVersion, statusKey } from '../lib/pipeline/keys.js';
import { invocationFailureRecord, JOB_EVENT_SOURCE, scheduledEvent, type JobEventSink, type JobFinishedDetail, type StageFailureEvent } from '../lib/pipeline/job-events.js';
import { JobState, type JobStatus } from '../lib/pipeline/job-status.js';
import { eventBridgeObjectCreatedEvent, s3NotificationEvent, s3RemovalNotificationEvent, sqsBatchEvent } from '../lib/pipeline/object-events.js';
import {
  BucketRole,
  isInputKey,
  ObjectEvent,
  STAGES,
  TriggerKind,
  scheduleOf,
  stagesHandlingFailureOf,
  triggerFor,
  type ObjectTrigger,
  type StageDefinition,
  type StageName,
} from '../lib/pipeline/stages.js';
import { fontLibraryFrom } from '../functions/fonts.js';
import { HANDLER_FACTORIES, type HandlerDeps } from '../functions/handlers.js';
import { s3ObjectStore, scopedObjectStore } from '../functions/object-store.js';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client, LOCAL_CREDENTIALS, LOCAL_REGION } from '../functions/s3-client.js';
import { Lang, messages } from '../lib/messages/index.js';
import type { InvocationContext, StageHandler } from '../functions/stage-handler.js';
import { readDocxParagraphs } from '../functions/word-reader.js';
import { STAGE_SIZING } from '../cdk/stage-sizing.js';
import { FONT_DIR } from './fonts.js';
import { shownPath } from './shown-path.js';
import { BUCKETS, ObjectChangeType, startLocalS3, type ObjectChange, type S3RequestCounts } from './local-s3.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWebPage } from '../web/build.js';
import { createWebS3Client, s3UserStorage } from '../functions/web-storage.js';
import { startWebServer, type WebServer } from './web-server.js';
import { LocalStageQueue, type LocalMessage } from './stage-queue.js';

/** Powertools log levels for the handlers' structured logs. */
export type HandlerLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/** One attempt of one stage on one event, as a fault injector sees it. */
export interface StageInvocation {
  readonly stage: StageName;
  /** The object the event is about (for a stage failure: the object the failed stage was given). */
  readonly key: string;
  /** 0 for the first attempt. */
  readonly attempt: number;
  /** 0 for the first delivery of the event (see `deliveries`). */
  readonly delivery: number;
}

/**
 * Called before every attempt of every stage: it may wait (a slow stage) or throw (a failing
 * one; the attempt then fails as a crashed Lambda invocation would, and is retried).
 */
export type FaultInjector = (invocation: StageInvocation) => void | Promise<void>;

export interface DevServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 4568. */
  readonly port?: number;
  /** Where objects are kept between runs (DATA_DIR). Default `.dev-data` in the working directory. */
  readonly dir?: string;
  /** Folder with the PDF fonts. Default: the project's assets/fonts. */
  readonly fontDir?: string;
  /** Concurrent invocations per CPU-bound stage, like reserved concurrency. Default 4; I/O-bound stages get four times as many. */
  readonly concurrency?: number;
  /**
   * Retries after a failed invocation, as Lambda does for asynchronous events. Default 2. A queued
   * stage's events are received as often as its queue's `maxReceives` says (stages.ts).
   */
  readonly retries?: number;
  /** Delay before the first retry (or a queued event's second receive) in ms; doubles each time. Default 200. */
  readonly retryDelayMs?: number;
  /** Language of the start banner (the message catalogue). Default English. */
  readonly lang?: Lang;
  /** Human-readable progress lines (startup banner, one line per invocation, finished jobs). Default: stdout. */
  readonly log?: (line: string) => void;
  /** Level of the handlers' structured JSON logs. Default `WARN`. */
  readonly handlerLogLevel?: HandlerLogLevel;
  /** Slows or breaks chosen invocations, to see the chain cope (tests). */
  readonly faults?: FaultInjector;
  /** Delivers every event this many times, as S3 and EventBridge may (at least once). Default 1. */
  readonly deliveries?: number;
  /** The author written into the documents, as REPORT_PRESS_AUTHOR sets it for the deployed renders. Default: each report's author line, else none. */
  readonly author?: string;
  /** Serve the web page and its API on 127.0.0.1 at this port (0 picks a free one); no page when absent. */
  readonly web?: { readonly port: number };
  /**
   * The sweep (lib/pipeline/job-sweep.ts), as the deployed schedule runs it: every `everyMinutes`
   * (default: the stage table's schedule), failing jobs with nothing recorded for `stallMinutes`
   * (default: lib's). Fractions of a minute are fine (tests).
   */
  readonly sweep?: { readonly everyMinutes?: number; readonly stallMinutes?: number };
  /**
   * Loses chosen object events before they reach a stage, as S3 or EventBridge may lose one
   * (tests: the sweep must then end the job). Called once per stage an event would trigger.
   */
  readonly drops?: (delivery: { readonly stage: StageName; readonly key: string }) => boolean;
}

/** How much one stage ran: every attempt of every invocation since start. */
export interface InvocationStats {
  readonly invocations: number;
  /** Summed wall time of the handler, in ms (what Lambda bills, but for the init). */
  readonly totalMs: number;
  /** The longest single invocation, in ms: compare with half the function's timeout. */
  readonly maxMs: number;
}

/** An invocation that failed on every attempt: what AWS would put in the stage's dead-letter queue. */
export interface DeadLetter {
  readonly stage: StageName;
  readonly key: string;
  readonly error: string;
}

export interface DevServer {
  /** e.g. `http://127.0.0.1:4568`. */
  readonly endpoint: string;
  /** Bucket names by role. */
  readonly buckets: Readonly<Record<BucketRole, string>>;
  /** Absolute DATA_DIR. */
  readonly dataDir: string;
  /** Invocations that exhausted their retries since start. */
  readonly deadLetters: readonly DeadLetter[];
  /** Every `Job Finished` event since start, in order. */
  readonly jobEvents: readonly JobFinishedDetail[];
  /** Inputs found unfinished at start (a crash, a Ctrl-C mid-job) and run again. */
  readonly resumed: readonly string[];
  /** The web page, when asked for: its URL and the bearer token its API takes. */
  readonly web?: { readonly url: string; readonly token: string };
  /** Invocations per stage since start (`npm run bench` and the scale tests read them). */
  invocationStats(): Readonly<Record<StageName, InvocationStats>>;
  /** Requests the embedded S3 server took since start. */
  s3Requests(): S3RequestCounts;
  /** Resolves when no invocation is running or queued (the chain has settled). */
  idle(): Promise<void>;
  /** Stops routing new events, lets running invocations finish, and closes the server. */
  close(): Promise<void>;
}

/** A queue that runs at most `limit` tasks at once, like a function's reserved concurrency. */
class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


/** The event AWS delivers to a stage through `trigger` for an object change. */
function awsEventFor(trigger: ObjectTrigger, change: ObjectChange): unknown {
  if (trigger.kind === TriggerKind.EventBridge) {
    if (trigger.event !== ObjectEvent.Created) throw new Error(`the dev runner has no EventBridge "${trigger.event}" events; add them in cli/dev-server.ts`);
    return eventBridgeObjectCreatedEvent(change);
  }
  return trigger.event === ObjectEvent.Created ? s3NotificationEvent(change) : s3RemovalNotificationEvent(change);
}

/** The key an invocation of a scheduled stage is logged under. */
const SCHEDULED = 'schedule';

/** The invocation context Lambda would pass: the time left before the deployed function's timeout (cdk/stage-sizing.ts). */
function invocationContext(stage: StageName): InvocationContext {
  const deadline = performance.now() + STAGE_SIZING[stage].timeoutSeconds * 1000;
  return { getRemainingTimeInMillis: () => Math.max(0, deadline - performance.now()) };
}

/** A stand-in ARN of a queued stage's queue, for the events of its batches. */
const localQueueArn = (stage: StageName) => `arn:aws:sqs:us-east-1:000000000000:report-press-${stage}`;

/** A stand-in ARN, for the invocation records of failures (AWS names the real function). */
const localFunctionArn = (stage: StageName) => `arn:aws:lambda:us-east-1:000000000000:function:report-press-${stage}`;

function parseStatus(body: Uint8Array | undefined): JobStatus | undefined {
  if (!body) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(body)) as JobStatus;
  } catch {
    return undefined;
  }
}

/**
 * Starts the embedded S3 server with the buckets `input`, `work` and `output`, routes every created
 * or removed object through the stage table to the stage handlers, and runs again every input
 * whose current upload has no finished job (what S3's retries would do for a crashed Lambda).
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const deliveries = Math.max(1, options.deliveries ?? 1);
  const fontDir = options.fontDir ?? FONT_DIR;
  // The page's server starts first: the buckets' CORS rules name its origin.
  const pageDir = options.web ? buildWebPage(mkdtempSync(join(tmpdir(), 'report-press-web-'))) : undefined;
  const web: WebServer | undefined = options.web && pageDir ? await startWebServer({ port: options.web.port, pageDir }) : undefined;
  const s3 = await startLocalS3({ port: options.port ?? 4568, dir: options.dir ?? '.dev-data', corsOrigins: web?.origins ?? [] });
  const { endpoint, dataDir } = s3;
  // Presigned with the local credentials, which the embedded server verifies presigned URLs against.
  const webClient = web ? createWebS3Client({ endpoint }) : undefined;
  if (web && webClient) {
    const storage = s3UserStorage(webClient, { input: BUCKETS.input, output: BUCKETS.output });
    web.serveApi({ api: { storageFor: () => storage, newJobId: randomUUID, now: () => new Date() }, connectSources: [endpoint] });
  }

  const client = createS3Client({ endpoint });
  const store = s3ObjectStore(client);
  // A client per stage, as each function has its own connections on AWS: a split writing thousands
  // of report objects does not wait for sockets the renders and the publisher hold.
  const stageClients = new Map<StageName, S3Client>();
  const stageClient = (stage: StageName): S3Client => {
    const own = createS3Client({ endpoint });
    stageClients.set(stage, own);
    return own;
  };
  const jobEvents: JobFinishedDetail[] = [];
  const events: JobEventSink = {
    async publish(detailType, detail) {
      jobEvents.push(detail);
      log(`⚑ ${JOB_EVENT_SOURCE} ${detailType} ${JSON.stringify(detail)}`);
    },
  };
  const deps: Omit<HandlerDeps, 'store'> = {
    buckets: BUCKETS,
    logger: new Logger({ serviceName: 'report-press', logLevel: options.handlerLogLevel ?? 'WARN' }),
    fonts: () => fontLibraryFrom(fontDir),
    readDocx: readDocxParagraphs,
    events,
    ...(options.author ? { author: options.author } : {}),
    ...(options.sweep?.stallMinutes !== undefined ? { sweep: { stallMinutes: options.sweep.stallMinutes } } : {}),
  };
  // Each stage reads, writes and deletes only what its deployed IAM policy would allow.
  const handlers = new Map<StageName, StageHandler>(
    STAGES.map((stage) => [stage.name, HANDLER_FACTORIES[stage.name]({ ...deps, store: scopedObjectStore(s3ObjectStore(stageClient(stage.name)), stage, BUCKETS) })]),
  );
  const concurrency = options.concurrency ?? 4;
  // The publisher mostly waits on S3; more of it at once overlaps those waits instead of queueing them.
  const limits = new Map(STAGES.map((stage) => [stage.name, new ConcurrencyLimit(stage.bound === 'io' ? concurrency * 4 : concurrency)]));
  const deadLetters: DeadLetter[] = [];
  const stats = new Map<StageName, { invocations: number; totalMs: number; maxMs: number }>(STAGES.map((stage) => [stage.name, { invocations: 0, totalMs: 0, maxMs: 0 }]));
  const inFlight = new Set<Promise<void>>();
  let idleWaiters: (() => void)[] = [];
  let closing = false;

  function track(task: Promise<void>): void {
    inFlight.add(task);
    void task.finally(() => {
      inFlight.delete(task);
      if (inFlight.size > 0) return;
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((resolveIdle) => resolveIdle());
    });
  }

  /** Counts one invocation of `stage` that started at `started` (performance.now()) and has just ended. */
  function tally(stage: StageName, started: number): void {
    const ms = performance.now() - started;
    const figures = stats.get(stage) as { invocations: number; totalMs: number; maxMs: number };
    figures.invocations += 1;
    figures.totalMs += ms;
    figures.maxMs = Math.max(figures.maxMs, ms);
  }

  /** Invokes `stage` with `event` as Lambda invokes asynchronously: retries, then the on-failure destination. */
  async function invoke(stage: StageDefinition, event: unknown, key: string, delivery: number): Promise<void> {
    const handler = handlers.get(stage.name) as StageHandler;
    for (let attempt = 0; ; attempt += 1) {
      let started = performance.now();
      try {
        await options.faults?.({ stage: stage.name, key, attempt, delivery });
        started = performance.now();
        const outcome = await handler(event, invocationContext(stage.name)).finally(() => tally(stage.name, started));
        const ms = Math.round(performance.now() - started);
        // A scheduled run that found nothing to do is not worth a line every few minutes.
        if (key === SCHEDULED && outcome.done === 0) return;
        log(outcome.rejected > 0 ? `✗ ${stage.name} ${shownPath(key)}: bad input, see status.json and error.json in ${BUCKETS.output}` : `✓ ${stage.name} ${shownPath(key)} (${ms} ms)`);
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (attempt < retries) {
          await sleep(retryDelayMs * 2 ** attempt);
          continue;
        }
        deadLetters.push({ stage: stage.name, key, error: message });
        log(`✗ ${stage.name} ${shownPath(key)}: ${shownPath(message)} (gave up after ${attempt + 1} attempts; on AWS this lands in the stage's dead-letter queue)`);
        // Lambda's on-failure destination: the invocation record, routed as the failure rules route it.
        const failure: StageFailureEvent = {
          stage: stage.name,
          failure: invocationFailureRecord({ functionArn: localFunctionArn(stage.name), requestPayload: event, error, attempts: attempt + 1 }),
        };
        for (const handling of stagesHandlingFailureOf(stage.name)) deliver(handling, failure, key);
        return;
      }
    }
  }

  /**
   * Invokes a queued stage with one batch, as the event source mapping does: a fault injected for
   * any of its messages fails the whole invocation, as a crash would. Resolves to the messages the
   * handler hands back (its partial batch response).
   */
  async function invokeBatch(stage: StageDefinition, batch: readonly LocalMessage[]): Promise<readonly string[]> {
    const handler = handlers.get(stage.name) as StageHandler;
    for (const { key, message, delivery } of batch) await options.faults?.({ stage: stage.name, key, attempt: message.receiveCount - 1, delivery });
    const started = performance.now();
    const outcome = await handler(sqsBatchEvent(batch.map((m) => m.message), { queueArn: localQueueArn(stage.name) }), invocationContext(stage.name)).finally(() =>
      tally(stage.name, started),
    );
    const keys = [...new Set(batch.map((m) => shownPath(m.key)))];
    const shown = keys.length > 3 ? `${keys.slice(0, 3).join(', ')} and ${keys.length - 3} more` : keys.join(', ');
    log(`✓ ${stage.name} ${shown} (${batch.length} event${batch.length === 1 ? '' : 's'}, ${Math.round(performance.now() - started)} ms)`);
    return (outcome.batchItemFailures ?? []).map((failure) => failure.itemIdentifier);
  }

  // The queues in front of the stages that take their events in batches (the publisher).
  const queues = new Map(
    STAGES.flatMap((stage) => {
      if (!stage.queue) return [];
      const queue = new LocalStageQueue({
        settings: stage.queue,
        invoke: (batch) => invokeBatch(stage, batch),
        visibilityTimeoutMs: (receiveCount) => retryDelayMs * 2 ** (receiveCount - 1),
        deadLetter: ({ key }, error) => {
          deadLetters.push({ stage: stage.name, key, error });
          log(`✗ ${stage.name} ${shownPath(key)}: ${shownPath(error)} (gave up; on AWS the queue's redrive puts it in the stage's dead-letter queue)`);
        },
      });
      return [[stage.name, queue] as const];
    }),
  );

  /** Hands `event` to `stage`: through its queue when the trigger's events wait in one, otherwise as an asynchronous invocation. */
  function deliver(stage: StageDefinition, event: unknown, key: string, queued = false): void {
    if (closing) return;
    const queue = queued ? queues.get(stage.name) : undefined;
    const limit = limits.get(stage.name) as ConcurrencyLimit;
    for (let delivery = 0; delivery < deliveries; delivery += 1) track(queue ? queue.send(event, key, delivery) : limit.run(() => invoke(stage, event, key, delivery)));
  }

  function route(change: ObjectChange): void {
    const role = (Object.keys(BUCKETS) as BucketRole[]).find((r) => BUCKETS[r] === change.bucket);
    if (!role) return;
    const event = change.type === ObjectChangeType.Created ? ObjectEvent.Created : ObjectEvent.Removed;
    for (const stage of STAGES) {
      const trigger = triggerFor(stage, role, change.key, event);
      if (!trigger || options.drops?.({ stage: stage.name, key: change.key })) continue;
      // s3rver reports the key as stored; hand the handler the event AWS would deliver for this trigger.
      deliver(stage, awsEventFor(trigger, change), change.key, trigger.queued === true);
    }
  }

  s3.onObjectChange(route);

  // The stages on a clock (the sweep): what the deployed schedule rules do. A run still going when
  // the next is due is not doubled (on AWS two would overlap harmlessly; here they would queue).
  const timers = STAGES.flatMap((stage) => {
    const schedule = scheduleOf(stage);
    if (!schedule) return [];
    let running = false;
    const everyMs = (options.sweep?.everyMinutes ?? schedule.everyMinutes) * 60_000;
    const tick = () => {
      if (running || closing) return;
      running = true;
      const event = scheduledEvent({ ruleArn: `arn:aws:events:us-east-1:000000000000:rule/report-press-${stage.name}` });
      const run = (limits.get(stage.name) as ConcurrencyLimit).run(() => invoke(stage, event, SCHEDULED, 0)).finally(() => (running = false));
      track(run);
    };
    return [setInterval(tick, everyMs)];
  });

  /**
   * Every input whose current upload has no finished job, and every output folder whose input is
   * gone, announced again as S3 announced it the first time: the chain itself picks up from there.
   */
  async function resume(): Promise<string[]> {
    const inputs = (await store.list(BUCKETS.input, '', { recursive: true })).filter((o) => isInputKey(o.key) && checkInputKey(o.key).kind !== 'ignore');
    const resumed: string[] = [];
    for (const input of inputs) {
      const status = parseStatus((await store.get(BUCKETS.output, statusKey(documentPath(input.key))))?.body);
      if (status && status.input.version === inputVersion(input) && status.state !== JobState.Running) continue;
      resumed.push(input.key);
      route({ type: ObjectChangeType.Created, bucket: BUCKETS.input, key: input.key, size: input.size, etag: input.etag });
    }
    const current = new Set(inputs.map((o) => o.key));
    for (const object of await store.list(BUCKETS.output, '', { recursive: true })) {
      if (!object.key.endsWith('/status.json')) continue;
      const status = parseStatus((await store.get(BUCKETS.output, object.key))?.body);
      if (!status || current.has(status.input.key)) continue;
      resumed.push(status.input.key);
      route({ type: ObjectChangeType.Removed, bucket: BUCKETS.input, key: status.input.key, size: 0 });
    }
    return resumed;
  }

  const idle = (): Promise<void> => (inFlight.size === 0 ? Promise.resolve() : new Promise((resolveIdle) => idleWaiters.push(resolveIdle)));

  const m = messages(options.lang ?? Lang.En);
  const { accessKeyId, secretAccessKey } = LOCAL_CREDENTIALS;
  log(m['cli.devBanner']({ endpoint, dataDir, accessKeyId, secretAccessKey, region: LOCAL_REGION, eventSource: JOB_EVENT_SOURCE }));
  if (web) log(m['cli.devWebPage']({ url: web.url }));
  const resumed = await resume();
  if (resumed.length > 0) log(`resuming ${resumed.length} unfinished job${resumed.length === 1 ? '' : 's'}: ${resumed.map(shownPath).join(', ')}`);

  return {
    endpoint,
    buckets: BUCKETS,
    dataDir,
    deadLetters,
    jobEvents,
    resumed,
    ...(web ? { web: { url: web.url, token: web.token } } : {}),
    idle,
    invocationStats: () => Object.fromEntries([...stats].map(([name, figures]) => [name, { ...figures }])) as Record<StageName, InvocationStats>,
    s3Requests: () => s3.requestCounts(),
    async close() {
      closing = true;
      timers.forEach(clearInterval);
      await web?.close();
      await idle();
      client.destroy();
      stageClients.forEach((own) => own.destroy());
      webClient?.destroy();
      await s3.close();
      if (pageDir) rmSync(pageDir, { recursive: true, force: true });
    },
  };
}
