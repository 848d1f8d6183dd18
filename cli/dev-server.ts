/**
 * `report-press dev`: the deployed chain on this machine. An embedded S3-compatible server
 * (s3rver) on 127.0.0.1 holds the buckets `input`, `work` and `output`; every object it stores is
 * routed through the stage table, as S3 notifications or EventBridge events shaped exactly as AWS
 * delivers them, to the same handler functions the Lambda functions run.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { eventBridgeObjectCreatedEvent, s3NotificationEvent } from '../lib/pipeline/object-events.js';
import { BucketRole, STAGES, TriggerKind, stagesTriggeredBy, type StageDefinition, type StageName } from '../lib/pipeline/stages.js';
import { fontLibraryFrom } from '../functions/fonts.js';
import { HANDLER_FACTORIES } from '../functions/handlers.js';
import { s3ObjectStore, scopedObjectStore } from '../functions/object-store.js';
import { createS3Client } from '../functions/s3-client.js';
import type { StageHandler } from '../functions/stage-handler.js';
import { FONT_DIR } from './fonts.js';
import { BUCKETS, startLocalS3, type StoredObject } from './local-s3.js';

/** Powertools log levels for the handlers' structured logs. */
export type HandlerLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

export interface DevServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 4568. */
  readonly port?: number;
  /** Where objects are kept between runs (DATA_DIR). Default `.dev-data` in the working directory. */
  readonly dir?: string;
  /** Folder with the PDF fonts. Default: the project's assets/fonts. */
  readonly fontDir?: string;
  /** Concurrent invocations per stage, like reserved concurrency. Default 4. */
  readonly concurrency?: number;
  /** Retries after a failed invocation, as Lambda does for asynchronous events. Default 2. */
  readonly retries?: number;
  /** Delay before the first retry in ms; doubles each time. Default 200. */
  readonly retryDelayMs?: number;
  /** Human-readable progress lines (startup banner, one line per invocation). Default: stdout. */
  readonly log?: (line: string) => void;
  /** Level of the handlers' structured JSON logs. Default `WARN`. */
  readonly handlerLogLevel?: HandlerLogLevel;
}

/** An invocation that failed on every attempt: what AWS would put in the stage's dead-letter queue. */
export interface DeadLetter {
  readonly stage: StageName;
  readonly bucket: string;
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

function usage(endpoint: string, dataDir: string): string {
  const aws = `aws --endpoint-url ${endpoint}`;
  return [
    `report-press dev: S3-compatible server on ${endpoint} (objects kept in ${dataDir})`,
    `  buckets: ${BUCKETS.input} (upload .txt here) → ${BUCKETS.work} (intermediates) → ${BUCKETS.output} (manifests, documents, error records)`,
    '  any credentials are accepted, with the AWS CLI or SDK defaults:',
    `    ${aws} s3 cp report.txt s3://${BUCKETS.input}/2024/report.txt`,
    `    ${aws} s3 ls --recursive s3://${BUCKETS.output}/2024/report/   # manifest.json, NN-<title>.docx/.pdf or error.json`,
    `    ${aws} s3 sync s3://${BUCKETS.output}/ out/`,
    '  Ctrl-C stops the server.',
  ].join('\n');
}


/**
 * Starts the embedded S3 server with the buckets `input`, `work` and `output`, and routes every
 * created object through the stage table to the stage handlers.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const fontDir = options.fontDir ?? FONT_DIR;
  const s3 = await startLocalS3({ port: options.port ?? 4568, dir: options.dir ?? '.dev-data' });
  const { endpoint, dataDir } = s3;

  const client = createS3Client({ endpoint });
  const store = s3ObjectStore(client);
  const deps = {
    buckets: BUCKETS,
    logger: new Logger({ serviceName: 'report-press', logLevel: options.handlerLogLevel ?? 'WARN' }),
    fonts: () => fontLibraryFrom(fontDir),
  };
  // Each stage writes only what its deployed IAM policy would allow.
  const handlers = new Map<StageName, StageHandler>(
    STAGES.map((stage) => [stage.name, HANDLER_FACTORIES[stage.name]({ ...deps, store: scopedObjectStore(store, stage, BUCKETS) })]),
  );
  const limits = new Map(STAGES.map((stage) => [stage.name, new ConcurrencyLimit(options.concurrency ?? 4)]));
  const deadLetters: DeadLetter[] = [];
  const inFlight = new Set<Promise<void>>();
  let idleWaiters: (() => void)[] = [];
  let closing = false;

  async function invoke(stage: StageDefinition, object: StoredObject, event: unknown): Promise<void> {
    const handler = handlers.get(stage.name) as StageHandler;
    const name = `${object.bucket}/${object.key}`;
    for (let attempt = 0; ; attempt += 1) {
      const started = performance.now();
      try {
        const outcome = await handler(event);
        const ms = Math.round(performance.now() - started);
        log(outcome.rejected > 0 ? `✗ ${stage.name} ${name}: bad input, see error.json in ${BUCKETS.output}` : `✓ ${stage.name} ${name} (${ms} ms)`);
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (attempt >= retries) {
          deadLetters.push({ stage: stage.name, bucket: object.bucket, key: object.key, error: message });
          log(`✗ ${stage.name} ${name}: ${message} (gave up after ${attempt + 1} attempts; on AWS this lands in the stage's dead-letter queue)`);
          return;
        }
        await sleep(retryDelayMs * 2 ** attempt);
      }
    }
  }

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

  s3.onObjectCreated((object) => {
    if (closing) return;
    const role = (Object.keys(BUCKETS) as BucketRole[]).find((r) => BUCKETS[r] === object.bucket);
    if (!role) return;
    for (const stage of stagesTriggeredBy(role, object.key)) {
      // s3rver reports the key as stored; hand the handler the event AWS would deliver for this trigger.
      const awsEvent = stage.trigger === TriggerKind.EventBridge ? eventBridgeObjectCreatedEvent(object) : s3NotificationEvent(object);
      const limit = limits.get(stage.name) as ConcurrencyLimit;
      track(limit.run(() => invoke(stage, object, awsEvent)));
    }
  });

  const idle = (): Promise<void> => (inFlight.size === 0 ? Promise.resolve() : new Promise((resolveIdle) => idleWaiters.push(resolveIdle)));

  log(usage(endpoint, dataDir));

  return {
    endpoint,
    buckets: BUCKETS,
    dataDir,
    deadLetters,
    idle,
    async close() {
      closing = true;
      await idle();
      client.destroy();
      await s3.close();
    },
  };
}
