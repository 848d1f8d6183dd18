/**
 * The embedded S3-compatible server of `report-press dev` (s3rver on 127.0.0.1), with the buckets
 * `input`, `work` and `output`. A thin HTTP layer in front makes it keep the S3 behaviour the chain
 * relies on, which s3rver (unmaintained since 2021) lacks:
 * - any credentials are let in, and the aws-chunked uploads of default AWS CLI / SDK settings are
 *   decoded (s3rver would store the framing as part of the object);
 * - a PUT is atomic (see s3rver-store.ts), and readers of a key wait while it is being written;
 * - conditional writes: `If-None-Match: *` and `If-Match: <etag>` on PutObject answer
 *   412 PreconditionFailed (404 NoSuchKey for If-Match on a missing key), as S3 has since 2024;
 * - a multi-object delete (`aws s3 rm --recursive`) announces each removed key, as S3 does;
 * - presigned URLs (query-string SigV4) are verified as S3 verifies them, against the local
 *   credentials: a URL signed for one key, size or type works for exactly that (see presigned-url.ts).
 */
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { atomicFilesystemStore } from './s3rver-store.js';
import { isPresigned, verifyPresignedRequest } from './presigned-url.js';
import { LOCAL_CREDENTIALS } from '../functions/s3-client.js';
import { BUCKET_CORS } from '../lib/web/api-contract.js';
import type { BucketRole } from '../lib/pipeline/stages.js';
import { AwsChunkedDecoder, AwsChunkedError, AwsChunkedErrorCode, isAwsChunked, verifyTrailingChecksums, type AwsChunkedBody } from './aws-chunked.js';

/** Bucket names by role on the local server. */
export const BUCKETS: Readonly<Record<BucketRole, string>> = { input: 'input', work: 'work', output: 'output' };

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
  return replayed(req, headers, payload);
}

/** The request again, with a body this layer had to read first (a multi-object delete's key list). */
function replayed(req: IncomingMessage, headers: IncomingHttpHeaders, payload: Buffer): IncomingMessage {
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

export interface LocalS3Options {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** Where objects are kept between runs. */
  readonly dir: string;
  /**
   * Origins whose pages may PUT to the input bucket and GET from the output bucket through
   * presigned URLs (the bucket CORS rules of the deployed site); none by default.
   */
  readonly corsOrigins?: readonly string[];
}

/** The bucket CORS rules of the deployed site (lib/web/api-contract.ts), for pages at `origins`. */
function corsConfiguration(origins: readonly string[], rule: { readonly methods: readonly string[]; readonly headers: readonly string[] }): string {
  const parts = [
    ...origins.map((o) => `<AllowedOrigin>${escapeXml(o)}</AllowedOrigin>`),
    ...rule.methods.map((m) => `<AllowedMethod>${m}</AllowedMethod>`),
    ...rule.headers.map((h) => `<AllowedHeader>${h}</AllowedHeader>`),
    '<ExposeHeader>ETag</ExposeHeader>',
    '<MaxAgeSeconds>600</MaxAgeSeconds>',
  ];
  return `<CORSConfiguration><CORSRule>${parts.join('')}</CORSRule></CORSConfiguration>`;
}

/** An object s3rver stored, with its key as stored (s3rver does not URL-encode event keys). */
export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly etag?: string;
}

/** What happened to an object: the two kinds of S3 event the chain listens to. */
export const ObjectChangeType = { Created: 'created', Removed: 'removed' } as const;
export type ObjectChangeType = (typeof ObjectChangeType)[keyof typeof ObjectChangeType];

/** An object created or removed on the server. */
export interface ObjectChange extends StoredObject {
  readonly type: ObjectChangeType;
}

/** The embedded S3-compatible server alone, without the chain (tests use it to drive handlers). */
export interface LocalS3 {
  readonly endpoint: string;
  readonly buckets: Readonly<Record<BucketRole, string>>;
  readonly dataDir: string;
  /** Calls `listener` for every object created from now on. */
  onObjectCreated(listener: (object: StoredObject) => void): void;
  /** Calls `listener` for every object created or removed from now on. */
  onObjectChange(listener: (change: ObjectChange) => void): void;
  close(): Promise<void>;
}

/** One key's readers and writers, served in arrival order. */
interface KeyLockState {
  readers: number;
  writer: boolean;
  readonly queue: { readonly exclusive: boolean; readonly grant: () => void }[];
}

/**
 * Readers-writer locks per object key. S3 never shows a reader a half-written object; s3rver would,
 * so a GET or HEAD waits while a PUT or DELETE of the same key runs, and conditional writes check
 * and write as one step.
 */
class KeyLocks {
  private readonly states = new Map<string, KeyLockState>();

  /** Locks every key (sorted, so two multi-key lockers cannot deadlock); resolves to the release. */
  async acquire(keys: readonly string[], exclusive: boolean): Promise<() => void> {
    const releases: (() => void)[] = [];
    for (const key of [...new Set(keys)].sort()) releases.push(await this.acquireOne(key, exclusive));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      releases.forEach((release) => release());
    };
  }

  private acquireOne(key: string, exclusive: boolean): Promise<() => void> {
    let state = this.states.get(key);
    if (!state) {
      state = { readers: 0, writer: false, queue: [] };
      this.states.set(key, state);
    }
    const lock = state;
    const release = () => {
      if (exclusive) lock.writer = false;
      else lock.readers -= 1;
      this.drain(key, lock);
    };
    return new Promise((resolveLock) => {
      lock.queue.push({ exclusive, grant: () => resolveLock(release) });
      this.drain(key, lock);
    });
  }

  private drain(key: string, state: KeyLockState): void {
    while (state.queue.length > 0) {
      const next = state.queue[0]!;
      if (state.writer || (next.exclusive && state.readers > 0)) break;
      state.queue.shift();
      if (next.exclusive) state.writer = true;
      else state.readers += 1;
      next.grant();
    }
    if (!state.writer && state.readers === 0 && state.queue.length === 0) this.states.delete(key);
  }
}

/** The bucket and key a path-style request addresses, and its query. */
function requestTarget(req: IncomingMessage): { readonly bucket?: string; readonly key?: string; readonly query: URLSearchParams } {
  const url = new URL(req.url ?? '/', 'http://local');
  const [, bucket, ...rest] = url.pathname.split('/');
  const key = rest.length > 0 && rest.join('/') !== '' ? decodeURIComponent(rest.join('/')) : undefined;
  return { bucket: bucket ? decodeURIComponent(bucket) : undefined, key, query: url.searchParams };
}

/** How a request touches the object it names: read, write, or not as an object at all. */
function lockMode(req: IncomingMessage, target: ReturnType<typeof requestTarget>): 'shared' | 'exclusive' | undefined {
  if (!target.key) return undefined;
  if (req.method === 'GET' || req.method === 'HEAD') return 'shared';
  // Uploading a part changes no object; completing the upload does.
  if (req.method === 'PUT') return target.query.has('partNumber') ? undefined : 'exclusive';
  if (req.method === 'DELETE') return target.query.has('uploadId') ? undefined : 'exclusive';
  if (req.method === 'POST') return target.query.has('uploadId') ? 'exclusive' : undefined;
  return undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const pieces: Buffer[] = [];
    req.on('data', (chunk: Buffer) => pieces.push(chunk));
    req.on('error', reject);
    req.on('end', () => resolveBody(Buffer.concat(pieces)));
  });
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXmlText = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return XML_ENTITIES[name] ?? entity;
  });

/** The keys a DeleteObjects request body names. */
function keysToDelete(body: Buffer): string[] {
  return [...body.toString('utf8').matchAll(/<Key>([\s\S]*?)<\/Key>/g)].map((match) => decodeXmlText(match[1] ?? ''));
}

const unquote = (etag: string) => etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');

/** The part of s3rver's store the conditional checks read. */
interface StoreView {
  getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
  existsObject(bucket: string, key: string): Promise<boolean>;
}

/** The ETag of the stored object, without quotes, or undefined when there is none. */
async function currentEtag(store: StoreView, bucket: string, key: string): Promise<string | undefined> {
  try {
    return unquote(String((await store.getMetadata(bucket, key)).etag));
  } catch {
    return undefined;
  }
}

/**
 * Why a conditional PUT must be refused, as S3 answers it, or undefined when it may go ahead.
 * Runs under the key's exclusive lock, so the check and the write are one step.
 */
async function refusedCondition(req: IncomingMessage, store: StoreView, bucket: string, key: string): Promise<{ status: number; code: string; message: string } | undefined> {
  const ifMatch = req.headers['if-match'];
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifMatch === undefined && ifNoneMatch === undefined) return undefined;
  const etag = await currentEtag(store, bucket, key);
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') return { status: 501, code: 'NotImplemented', message: 'If-None-Match on a write accepts only *' };
    if (etag !== undefined) return { status: 412, code: 'PreconditionFailed', message: 'At least one of the pre-conditions you specified did not hold' };
  }
  if (ifMatch !== undefined) {
    if (etag === undefined) return { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' };
    if (!ifMatch.split(',').map(unquote).includes(etag)) return { status: 412, code: 'PreconditionFailed', message: 'At least one of the pre-conditions you specified did not hold' };
  }
  return undefined;
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
    configureBuckets: Object.values(BUCKETS).map((name) => {
      const rule = name === BUCKETS.input ? BUCKET_CORS.input : name === BUCKETS.output ? BUCKET_CORS.output : undefined;
      const origins = options.corsOrigins ?? [];
      return rule && origins.length > 0 ? { name, configs: [corsConfiguration(origins, rule)] } : { name };
    }),
  });
  const AtomicStore = atomicFilesystemStore();
  const store = new AtomicStore(dataDir);
  await store.sweep();
  // Koa hands every request the app context's store; both must be the atomic one.
  Object.assign(s3rver, { store });
  Object.assign(s3rver.context, { store });
  const storeView = store as unknown as StoreView;
  await s3rver.configureBuckets();

  const listeners: ((change: ObjectChange) => void)[] = [];
  const announce = (change: ObjectChange) => listeners.forEach((listener) => listener(change));
  s3rver.on('event', (event) => {
    for (const record of event.Records) {
      const { key, size = 0, eTag } = record.s3.object;
      const type = record.eventName.startsWith('ObjectCreated:') ? ObjectChangeType.Created : record.eventName.startsWith('ObjectRemoved:') ? ObjectChangeType.Removed : undefined;
      if (type) announce({ type, bucket: record.s3.bucket.name, key, size, etag: eTag });
    }
  });

  const locks = new KeyLocks();
  // s3rver's first middleware is koa-logger, which formats every request (colours and all) even
  // when silent: a tenth of the server's time under load. Koa composes at callback(), so drop it first.
  const middleware = (s3rver as unknown as { middleware: { name?: string }[] }).middleware;
  if (middleware[0]?.name === 'logger') middleware.shift();
  const s3Listener = s3rver.callback();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A CORS preflight carries the URL's query but is not itself signed.
    if (req.method !== 'OPTIONS' && isPresigned(req.url ?? '')) {
      const refused = verifyPresignedRequest({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, (id) => (id === LOCAL_CREDENTIALS.accessKeyId ? LOCAL_CREDENTIALS.secretAccessKey : undefined));
      if (refused) {
        req.resume();
        sendS3Error(res, 403, refused.code, refused.message, req.url ?? '/');
        return;
      }
    }
    acceptAnyCredentials(req);
    const target = requestTarget(req);
    const multiDelete = req.method === 'POST' && !target.key && target.query.has('delete') && target.bucket !== undefined;
    const body = multiDelete ? await readBody(req) : undefined;
    const keys = multiDelete && body ? keysToDelete(body) : target.key ? [target.key] : [];
    const mode = multiDelete ? 'exclusive' : lockMode(req, target);
    const release = mode && target.bucket ? await locks.acquire(keys.map((key) => `${target.bucket}/${key}`), mode === 'exclusive') : () => {};
    res.once('finish', release);
    res.once('close', release);

    if (req.method === 'PUT' && mode === 'exclusive' && target.bucket && target.key) {
      const refusal = await refusedCondition(req, storeView, target.bucket, target.key);
      if (refusal) {
        // The body is not wanted; drain it so the connection stays usable.
        req.resume();
        sendS3Error(res, refusal.status, refusal.code, refusal.message, req.url ?? '/');
        return;
      }
    }
    if (multiDelete && body && target.bucket) {
      const bucket = target.bucket;
      const existing = (await Promise.all(keys.map(async (key) => ((await storeView.existsObject(bucket, key)) ? key : undefined)))).filter((k) => k !== undefined);
      // S3 announces every key a DeleteObjects request removed; s3rver announces none.
      res.once('finish', () => existing.forEach((key) => announce({ type: ObjectChangeType.Removed, bucket, key, size: 0 })));
      s3Listener(replayed(req, req.headers, body), res);
      return;
    }
    // s3rver would store the aws-chunked framing (the SDKs' default for streamed uploads) as part of the object.
    if ((req.method === 'PUT' || req.method === 'POST') && isAwsChunked(req.headers)) {
      try {
        const { payload } = await readAwsChunked(req);
        s3Listener(withDecodedBody(req, payload), res);
      } catch (error) {
        if (error instanceof AwsChunkedError) sendS3Error(res, 400, S3_ERROR_CODES[error.code], error.message, req.url ?? '/');
        else throw error;
      }
      return;
    }
    s3Listener(req, res);
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendS3Error(res, 500, 'InternalError', error instanceof Error ? error.message : String(error), req.url ?? '/');
      else res.destroy();
    });
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
      listeners.push((change) => {
        if (change.type === ObjectChangeType.Created) listener({ bucket: change.bucket, key: change.key, size: change.size, etag: change.etag });
      });
    },
    onObjectChange(listener) {
      listeners.push(listener);
    },
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}
