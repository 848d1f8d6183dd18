/**
 * `report-press dev`: the deployed chain on this machine. An embedded S3-compatible server
 * (s3rver) on 127.0.0.1 holds the buckets `input`, `work` and `output`; every object it stores is
 * routed through the stage table, as S3 notifications or EventBridge events shaped exactly as AWS
 * delivers them, to the same handler functions the Lambda functions run.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';
import { eventBridgeObjectCreatedEvent, s3NotificationEvent } from '../lib/pipeline/object-events.js';
import { BucketRole, STAGES, TriggerKind, stagesTriggeredBy, type StageDefinition, type StageName } from '../lib/pipeline/stages.js';
import { fontLibraryFrom } from '../functions/fonts.js';
import { HANDLER_FACTORIES } from '../functions/handlers.js';
import { s3ObjectStore, scopedObjectStore } from '../functions/object-store.js';
import { createS3Client } from '../functions/s3-client.js';
import type { StageHandler } from '../functions/stage-handler.js';
import { AwsChunkedDecoder, AwsChunkedError, AwsChunkedErrorCode, isAwsChunked, verifyTrailingChecksums, type AwsChunkedBody } from './aws-chunked.js';

/** Powertools log levels for the handlers' structured logs. */
export type HandlerLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

export interface DevServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 4568. */
  readonly port?: number;
  /** Where objects are kept between runs (DATA_DIR). Default `.dev-data` in the working directory. */
  readonly dir?: string;
  /** Folder with the PDF fonts (assets/fonts). Default: found beside the installed report-press. */
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

const BUCKETS: Readonly<Record<BucketRole, string>> = { input: 'input', work: 'work', output: 'output' };

/** s3rver's only account; requests signed with any other key are re-labelled to it. */
const S3RVER_ACCESS_KEY = 'S3RVER';

/**
 * Lets any credentials in: s3rver knows one access key and does not verify V4 signatures, so
 * naming its key in the request is enough. Users keep whatever AWS credentials they have.
 */
function acceptAnyCredentials(req: IncomingMessage): void {
  const auth = req.headers.authorization;
  if (auth) {
    req.headers.authorization = auth.replace(/Credential=[^/,\s]+\//, `Credential=${S3RVER_ACCESS_KEY}/`).replace(/^AWS [^:]+:/, `AWS ${S3RVER_ACCESS_KEY}:`);
  }
  if (req.url?.includes('X-Amz-Credential=') || req.url?.includes('AWSAccessKeyId=')) {
    req.url = req.url
      .replace(/X-Amz-Credential=[^%&/]+(%2F|\/)/i, `X-Amz-Credential=${S3RVER_ACCESS_KEY}$1`)
      .replace(/AWSAccessKeyId=[^&]+/, `AWSAccessKeyId=${S3RVER_ACCESS_KEY}`);
  }
}

/** Reads an aws-chunked body whole, draining the request even when the framing is wrong so a 400 can still be sent. */
function readAwsChunked(req: IncomingMessage): Promise<AwsChunkedBody> {
  return new Promise((resolveBody, reject) => {
    const decoder = new AwsChunkedDecoder();
    const pieces: Buffer[] = [];
    let failure: unknown;
    req.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return;
      try {
        pieces.push(...decoder.write(chunk));
      } catch (error) {
        failure = error;
      }
    });
    req.on('error', reject);
    req.on('end', () => {
      try {
        if (failure !== undefined) throw failure;
        const declared = Number.parseInt(String(req.headers['x-amz-decoded-content-length'] ?? ''), 10);
        const trailers = decoder.end({ decodedContentLength: Number.isNaN(declared) ? undefined : declared });
        const payload = Buffer.concat(pieces);
        verifyTrailingChecksums(payload, trailers);
        resolveBody({ payload, trailers });
      } catch (error) {
        reject(error);
      }
    });
  });
}

/**
 * The request as s3rver must see it to store `payload` as the object: a plain upload of the decoded
 * bytes. s3rver (Koa) reads only the method, URL, headers, HTTP version and socket from the request,
 * and streams its body, so a readable carrying those is enough.
 */
function withDecodedBody(req: IncomingMessage, payload: Buffer): IncomingMessage {
  const headers: IncomingHttpHeaders = { ...req.headers, 'content-length': String(payload.length), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
  // Without aws-chunked, S3 keeps the remaining encodings (e.g. gzip) as the object's Content-Encoding.
  const encodings = (headers['content-encoding'] ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '' && e.toLowerCase() !== 'aws-chunked');
  if (encodings.length > 0) headers['content-encoding'] = encodings.join(',');
  else delete headers['content-encoding'];
  delete headers['transfer-encoding'];
  delete headers['x-amz-decoded-content-length'];
  delete headers['x-amz-trailer'];
  const body = new Readable({ read() {} });
  body.push(payload);
  body.push(null);
  return Object.assign(body, {
    method: req.method,
    url: req.url,
    headers,
    rawHeaders: Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value.flatMap((v) => [name, v]) : [name, String(value)])),
    trailers: {},
    rawTrailers: [],
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    socket: req.socket,
    connection: req.socket,
    complete: true,
    aborted: false,
  }) as unknown as IncomingMessage;
}

/** S3's error codes for each way an aws-chunked upload can be wrong. */
const S3_ERROR_CODES: Readonly<Record<AwsChunkedErrorCode, string>> = {
  [AwsChunkedErrorCode.Malformed]: 'InvalidRequest',
  [AwsChunkedErrorCode.Truncated]: 'IncompleteBody',
  [AwsChunkedErrorCode.LengthMismatch]: 'IncompleteBody',
  [AwsChunkedErrorCode.ChecksumMismatch]: 'BadDigest',
};

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Answers as S3 does, so that SDKs surface the code and message to the user. */
function sendS3Error(res: ServerResponse, status: number, code: string, message: string, resource: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><Resource>${escapeXml(resource)}</Resource><RequestId>0</RequestId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The project's assets/fonts, searched upwards from the running command and the working directory. */
function defaultFontDir(): string {
  const starts = [process.argv[1] ? dirname(resolve(process.argv[1])) : undefined, process.cwd()].filter((d): d is string => !!d);
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      const candidate = join(dir, 'assets', 'fonts');
      if (existsSync(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  return resolve('assets', 'fonts');
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

export interface LocalS3Options {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** Where objects are kept between runs. */
  readonly dir: string;
}

/** An object s3rver stored, with its key as stored (s3rver does not URL-encode event keys). */
export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly etag?: string;
}

/** The embedded S3-compatible server alone, without the chain (tests use it to drive handlers). */
export interface LocalS3 {
  readonly endpoint: string;
  readonly buckets: Readonly<Record<BucketRole, string>>;
  readonly dataDir: string;
  /** Calls `listener` for every object created from now on. */
  onObjectCreated(listener: (object: StoredObject) => void): void;
  close(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 with the buckets `input`, `work` and `output`, accepting any credentials. */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const dataDir = resolve(options.dir);
  mkdirSync(dataDir, { recursive: true });
  // Loaded on demand so that other commands of the CLI bundle never pay for s3rver and Koa.
  const { default: S3rver } = await import('s3rver');
  const s3rver = new S3rver({
    silent: true,
    directory: dataDir,
    allowMismatchedSignatures: true,
    vhostBuckets: false,
    configureBuckets: Object.values(BUCKETS).map((name) => ({ name })),
  });
  await s3rver.configureBuckets();
  const s3Listener = s3rver.callback();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    acceptAnyCredentials(req);
    // s3rver would store the aws-chunked framing (the SDKs' default for streamed uploads) as part of the object.
    if ((req.method === 'PUT' || req.method === 'POST') && isAwsChunked(req.headers)) {
      readAwsChunked(req).then(
        ({ payload }) => s3Listener(withDecodedBody(req, payload), res),
        (error: unknown) => {
          if (error instanceof AwsChunkedError) sendS3Error(res, 400, S3_ERROR_CODES[error.code], error.message, req.url ?? '/');
          else sendS3Error(res, 500, 'InternalError', error instanceof Error ? error.message : String(error), req.url ?? '/');
        },
      );
      return;
    }
    s3Listener(req, res);
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    buckets: BUCKETS,
    dataDir,
    onObjectCreated(listener) {
      s3rver.on('event', (event) => {
        for (const record of event.Records) {
          if (!record.eventName.startsWith('ObjectCreated:')) continue;
          const { key, size = 0, eTag } = record.s3.object;
          listener({ bucket: record.s3.bucket.name, key, size, etag: eTag });
        }
      });
    },
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Starts the embedded S3 server with the buckets `input`, `work` and `output`, and routes every
 * created object through the stage table to the stage handlers.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const fontDir = options.fontDir ?? defaultFontDir();
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
