/**
 * The embedded S3-compatible server of `report-press dev` (s3rver on 127.0.0.1), with the buckets
 * `input`, `work` and `output`. A thin HTTP layer in front makes it keep the S3 behaviour the chain
 * relies on, which s3rver (unmaintained since 2021) lacks:
 * - nobody in but the local credentials: every request must carry a valid SigV4 signature (header
 *   or presigned query, chunk signatures of signed aws-chunked uploads too) made with them, as S3
 *   verifies it (sigv4-verifier.ts); a presigned URL works for exactly the key, size and type signed;
 * - nothing outside `--dir`: a bucket name, key, upload id or copy source that does not normalise to
 *   itself (`..`, `.`, empty segments, a leading `/`, backslashes, NUL) is refused before anything
 *   touches the disk, and read once, as s3rver reads it, for the locks and checks below too;
 * - no web page in but the dev page: requests must name the server as 127.0.0.1 or localhost (a
 *   rebound DNS name is refused), requests from any other page's origin are refused, and so are
 *   browser form uploads (POST Object), which a page could send without a CORS preflight;
 * - the aws-chunked uploads of default AWS CLI / SDK settings are decoded (s3rver would store the
 *   framing as part of the object);
 * - a PUT is atomic (see s3rver-store.ts), and readers of a key wait while it is being written;
 * - conditional writes: `If-None-Match: *` and `If-Match: <etag>` on PutObject answer
 *   412 PreconditionFailed (404 NoSuchKey for If-Match on a missing key), as S3 has since 2024;
 * - a multi-object delete (`aws s3 rm --recursive`) announces each removed key, as S3 does;
 * - a listing pages past 1,000 keys (s3rver's continuation tokens need DES, which Node's OpenSSL 3 lacks).
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pipeline, Readable, Transform } from 'node:stream';
import { atomicFilesystemStore, deleteObjectsKeys, pageListingsPastOneThousandKeys, s3rverError } from './s3rver-store.js';
import { checkRequestTarget, hasParam, objectKeyProblem, type S3RequestTarget } from './s3-request-target.js';
import { PayloadSigning, verifyRequestSignature, type VerifiedRequest } from './sigv4-verifier.js';
import { LOCAL_CREDENTIALS } from '../functions/s3-client.js';
import { BUCKET_CORS } from '../lib/web/api-contract.js';
import type { BucketRole } from '../lib/pipeline/stages.js';
import { AwsChunkedDecoder, AwsChunkedError, AwsChunkedErrorCode, isAwsChunked, verifyTrailingChecksums, type AwsChunkedBody } from './aws-chunked.js';

/** Bucket names by role on the local server. */
export const BUCKETS: Readonly<Record<BucketRole, string>> = { input: 'input', work: 'work', output: 'output' };

/** s3rver's only account; requests (verified as signed with the local credentials first) are re-labelled to it. */
const S3RVER_ACCESS_KEY = 'S3RVER';

/**
 * Names s3rver's own access key in a request this layer has verified: s3rver knows one key and
 * does not verify V4 signatures, so naming its key is all it asks.
 */
function labelForS3rver(req: IncomingMessage): void {
  const auth = req.headers.authorization;
  if (auth) req.headers.authorization = auth.replace(/Credential=[^/,\s]+\//, `Credential=${S3RVER_ACCESS_KEY}/`);
  if (req.url?.includes('X-Amz-Credential=')) req.url = req.url.replace(/X-Amz-Credential=[^%&/]+(%2F|\/)/i, `X-Amz-Credential=${S3RVER_ACCESS_KEY}$1`);
}

/**
 * Reads an aws-chunked body whole, draining the request even when the framing is wrong so a 400 can
 * still be sent. With `recordChunks`, keeps each chunk's signature and hash for the signature check.
 */
function readAwsChunked(req: IncomingMessage, recordChunks: boolean): Promise<AwsChunkedBody> {
  return new Promise((resolveBody, reject) => {
    const decoder = new AwsChunkedDecoder({ recordChunks });
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
        resolveBody({ payload: Buffer.concat(pieces), trailers, chunks: decoder.chunks });
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Bodies this layer reads whole before s3rver sees them (key lists, part lists): S3's own are a few MB at most. */
const MAX_BUFFERED_BODY_BYTES = 8 * 1024 * 1024;

/** A body read whole, or undefined when it is longer than `limit` (the rest is drained). */
function readBody(req: IncomingMessage, limit = MAX_BUFFERED_BODY_BYTES): Promise<Buffer | undefined> {
  return new Promise((resolveBody, reject) => {
    const pieces: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) pieces.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => resolveBody(size > limit ? undefined : Buffer.concat(pieces)));
  });
}

const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const EMPTY_SHA256 = sha256Hex(Buffer.alloc(0));

const payloadMismatch = () => ({ status: 400, code: 'XAmzContentSHA256Mismatch', message: "The provided 'x-amz-content-sha256' header does not match what was computed." });

/**
 * The body of `req` as it streams on to s3rver, failing at its end (so the store keeps nothing, see
 * s3rver-store.ts) when it does not hash to the SHA-256 the signature covers.
 */
function hashCheckedBody(req: IncomingMessage, expected: string): Readable {
  const hash = createHash('sha256');
  const checked = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      if (hash.digest('hex') === expected) return callback();
      const { status, code, message } = payloadMismatch();
      callback(s3rverError(code, message, status));
    },
  });
  // Errors reach s3rver through `checked`, which pipeline destroys with them.
  pipeline(req, checked, () => {});
  return checked;
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

/** The request again, with a body this layer read first (a multi-object delete's key list) or checks as it streams. */
function replayed(req: IncomingMessage, headers: IncomingHttpHeaders, payload: Buffer | Readable): IncomingMessage {
  const body = Buffer.isBuffer(payload) ? new Readable({ read() {} }) : payload;
  if (Buffer.isBuffer(payload)) {
    body.push(payload);
    body.push(null);
  }
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
   * presigned URLs (the bucket CORS rules of the deployed site); none by default. Requests from
   * pages at any other origin are refused.
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

/** The S3 operations the embedded server counts, as S3 bills them (a listing page is one LIST). */
export const S3Operation = { Get: 'GET', Head: 'HEAD', Put: 'PUT', Copy: 'COPY', List: 'LIST', Delete: 'DELETE', Other: 'OTHER' } as const;
export type S3Operation = (typeof S3Operation)[keyof typeof S3Operation];

/** Requests the server took (signed, past every check) by operation, and the keys its listings returned. */
export interface S3RequestCounts {
  readonly operations: Readonly<Record<S3Operation, number>>;
  /** All requests: the sum of `operations`. */
  readonly total: number;
  /** Objects named in LIST responses, summed over every page: how much listing the clients made the server do. */
  readonly listedKeys: number;
}

/** The operation a request is billed as. */
function operationOf(method: string | undefined, target: S3RequestTarget, headers: IncomingHttpHeaders): S3Operation {
  if (method === 'HEAD') return S3Operation.Head;
  if (method === 'GET') return target.key ? S3Operation.Get : target.bucket && !hasParam(target, 'cors') && !hasParam(target, 'location') ? S3Operation.List : S3Operation.Other;
  if (method === 'PUT' && target.key) return headers['x-amz-copy-source'] !== undefined ? S3Operation.Copy : S3Operation.Put;
  if (method === 'DELETE' && target.key) return S3Operation.Delete;
  return S3Operation.Other;
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
  /** What clients asked of the server since it started (deterministic for a given sequence of requests; the benchmark and the scale tests read it). */
  requestCounts(): S3RequestCounts;
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

/** How a request touches the object it names: read, write, or not as an object at all. */
function lockMode(method: string | undefined, target: S3RequestTarget): 'shared' | 'exclusive' | undefined {
  if (!target.key) return undefined;
  if (method === 'GET' || method === 'HEAD') return 'shared';
  // Uploading a part changes no object; completing the upload does.
  if (method === 'PUT') return hasParam(target, 'partNumber') ? undefined : 'exclusive';
  if (method === 'DELETE') return hasParam(target, 'uploadId') ? undefined : 'exclusive';
  if (method === 'POST') return hasParam(target, 'uploadId') ? 'exclusive' : undefined;
  return undefined;
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

/** Starts s3rver on 127.0.0.1 with the buckets `input`, `work` and `output`, behind the checks described above. */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const dataDir = resolve(options.dir);
  mkdirSync(dataDir, { recursive: true });
  // Loaded on demand so that other commands of the CLI bundle never pay for s3rver and Koa.
  const { default: S3rver } = await import('s3rver');
  pageListingsPastOneThousandKeys();
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
  const operations = Object.fromEntries(Object.values(S3Operation).map((op) => [op, 0])) as Record<S3Operation, number>;
  // s3rver's first middleware is koa-logger, which formats every request (colours and all) even
  // when silent: a tenth of the server's time under load. Koa composes at callback(), so drop it first.
  const middleware = (s3rver as unknown as { middleware: { name?: string }[] }).middleware;
  if (middleware[0]?.name === 'logger') middleware.shift();
  const s3Listener = s3rver.callback();

  /** The Host values the server answers to, known once it listens (a rebound DNS name is none of them). */
  let hosts: readonly string[] = [];
  const origins = options.corsOrigins ?? [];

  /** Drains what the client sends and answers with the S3 error. */
  const refuse = (req: IncomingMessage, res: ServerResponse, refusal: { readonly status: number; readonly code: string; readonly message: string }) => {
    req.resume();
    sendS3Error(res, refusal.status, refusal.code, refusal.message, req.url ?? '/');
  };

  /**
   * Why a request must be refused before its signature is even looked at, or undefined: a Host
   * other than this server's, another web page's origin, a name that leaves its folder, or a
   * browser form upload.
   */
  function refusedUpFront(req: IncomingMessage): { refused: { status: number; code: string; message: string } } | { target: S3RequestTarget } {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!hosts.includes(host)) {
      return { refused: { status: 403, code: 'AccessDenied', message: `The local S3 server answers only as ${hosts.join(' or ')}, not as "${host}".` } };
    }
    // Browsers name the page's origin on every cross-origin request and every POST; other clients send none.
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.includes(origin)) {
      return { refused: { status: 403, code: 'AccessDenied', message: `The local S3 server takes no requests from web pages at ${origin}${origins.length > 0 ? `, only from ${origins.join(' and ')}` : ''}.` } };
    }
    const checked = checkRequestTarget(req.url ?? '/', req.headers);
    if (checked.refused) return { refused: checked.refused };
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const formPost = req.method === 'POST' && (type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded' || (checked.target.key === undefined && !hasParam(checked.target, 'delete')));
    if (formPost) {
      return { refused: { status: 403, code: 'AccessDenied', message: 'The local S3 server takes no browser form uploads (POST Object); upload with PUT: aws s3 cp, an AWS SDK, or a presigned URL.' } };
    }
    return { target: checked.target };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const upFront = refusedUpFront(req);
    if ('refused' in upFront) return refuse(req, res, upFront.refused);
    const target = upFront.target;
    // A CORS preflight is never signed; s3rver answers it from the bucket's CORS rules (and reads the presigned URL's key id).
    if (req.method === 'OPTIONS') {
      labelForS3rver(req);
      return s3Listener(req, res);
    }
    const signature = await verifyRequestSignature({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, { credentials: LOCAL_CREDENTIALS });
    if (signature.refused) return refuse(req, res, signature.refused);
    const verified = signature.verified;
    labelForS3rver(req);
    // S3 decodes every percent-escape of a copy source; s3rver only those decodeURI decodes (`%2B`
    // would stay `%2B`): hand it the name in a form its decoding reads as S3 reads it.
    const copySource = req.headers['x-amz-copy-source'];
    if (typeof copySource === 'string') req.headers['x-amz-copy-source'] = encodeURI(decodeURIComponent(copySource));
    const operation = operationOf(req.method, target, req.headers);
    operations[operation] += 1;

    const uploading = req.method === 'PUT' || req.method === 'POST';
    const chunked = uploading && isAwsChunked(req.headers);
    const streaming = verified.payload === PayloadSigning.StreamingSigned || verified.payload === PayloadSigning.StreamingUnsigned;
    if (chunked !== streaming) {
      return refuse(req, res, { status: 400, code: 'InvalidRequest', message: 'An aws-chunked body needs a STREAMING-… x-amz-content-sha256, and a STREAMING-… x-amz-content-sha256 an aws-chunked PUT or POST body.' });
    }
    // What s3rver gets to read: aws-chunked decoded, small bodies read whole and checked, a PUT's body checked as it streams.
    let forward: IncomingMessage = req;
    let body: Buffer | undefined;
    if (chunked) {
      body = await readChunkedBody(req, res, verified);
      if (!body) return;
      forward = withDecodedBody(req, body);
    } else if (req.method === 'PUT') {
      if (verified.payload === PayloadSigning.Hashed) forward = replayed(req, req.headers, hashCheckedBody(req, verified.payloadSha256 ?? ''));
    } else if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      if (verified.payload === PayloadSigning.Hashed && verified.payloadSha256 !== EMPTY_SHA256) return refuse(req, res, payloadMismatch());
    } else {
      body = await readBody(req);
      if (!body) return refuse(req, res, { status: 400, code: 'MaxMessageLengthExceeded', message: `Your request was too big: the local S3 server reads at most ${MAX_BUFFERED_BODY_BYTES} bytes of a ${req.method} body.` });
      if (verified.payload === PayloadSigning.Hashed && sha256Hex(body) !== verified.payloadSha256) return refuse(req, res, payloadMismatch());
      forward = replayed(req, req.headers, body);
    }

    const multiDelete = req.method === 'POST' && !target.key && hasParam(target, 'delete') && target.bucket !== undefined;
    // The keys exactly as s3rver will parse them from the body, so none of them can leave the bucket either.
    const keys = multiDelete && body ? deleteObjectsKeys(body) : target.key ? [target.key] : [];
    const bad = keys.findIndex((key) => typeof key !== 'string' || objectKeyProblem(key) !== undefined);
    if (bad >= 0) {
      const key = keys[bad];
      const problem = typeof key === 'string' ? objectKeyProblem(key) : 'it is missing or not text';
      return refuse(req, res, { status: 400, code: 'InvalidArgument', message: `The local S3 server stores each key as a file below its bucket's folder, and ${JSON.stringify(String(key))} does not name exactly one such file: ${problem}.` });
    }
    const names = keys as string[];
    const mode = multiDelete ? 'exclusive' : lockMode(req.method, target);
    const release = mode && target.bucket ? await locks.acquire(names.map((key) => `${target.bucket}/${key}`), mode === 'exclusive') : () => {};
    res.once('finish', release);
    res.once('close', release);

    if (req.method === 'PUT' && mode === 'exclusive' && target.bucket && target.key) {
      const refusal = await refusedCondition(req, storeView, target.bucket, target.key);
      // The body is not wanted; drain it so the connection stays usable.
      if (refusal) return refuse(forward, res, refusal);
    }
    if (multiDelete && target.bucket) {
      const bucket = target.bucket;
      const existing = (await Promise.all(names.map(async (key) => ((await storeView.existsObject(bucket, key)) ? key : undefined)))).filter((k) => k !== undefined);
      // S3 announces every key a DeleteObjects request removed; s3rver announces none.
      res.once('finish', () => existing.forEach((key) => announce({ type: ObjectChangeType.Removed, bucket, key, size: 0 })));
    }
    s3Listener(forward, res);
  }

  /**
   * The payload of an aws-chunked upload, once its framing, its chunk signatures (when signed) and
   * its trailing checksums hold; otherwise answers the request itself and resolves to undefined.
   */
  async function readChunkedBody(req: IncomingMessage, res: ServerResponse, verified: VerifiedRequest): Promise<Buffer | undefined> {
    try {
      const { payload, trailers, chunks } = await readAwsChunked(req, verified.payload === PayloadSigning.StreamingSigned);
      const refused = verified.verifyChunks(chunks, trailers);
      if (refused) {
        sendS3Error(res, refused.status, refused.code, refused.message, req.url ?? '/');
        return undefined;
      }
      verifyTrailingChecksums(payload, trailers);
      return payload;
    } catch (error) {
      if (!(error instanceof AwsChunkedError)) throw error;
      sendS3Error(res, 400, S3_ERROR_CODES[error.code], error.message, req.url ?? '/');
      return undefined;
    }
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
  const { port } = server.address() as AddressInfo;
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    endpoint: `http://127.0.0.1:${port}`,
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
    requestCounts() {
      return { operations: { ...operations }, total: Object.values(operations).reduce((a, b) => a + b, 0), listedKeys: store.keysListed };
    },
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}
