/**
 * The embedded S3-compatible server of `report-press dev` (s3rver on 127.0.0.1), with the buckets
 * `input`, `work` and `output`. A thin HTTP layer in front lets any credentials in and decodes the
 * aws-chunked uploads that default AWS CLI / SDK settings send, which s3rver would store verbatim.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
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
