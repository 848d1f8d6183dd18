// Raw HTTP requests to the embedded S3 server, signed as the AWS SDK signs them (its own smithy
// signer) or not at all, for what no SDK call sends: bad keys, form posts, other hosts, signed chunks.
import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../cli/sigv4-verifier.js';
import { LOCAL_CREDENTIALS } from '../../functions/s3-client.js';

export interface RawResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface RawRequest {
  readonly method: string;
  /** Path and query exactly as sent (already percent-encoded). */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | string;
}

/** Sends the request as it is, unsigned unless its headers sign it. */
export function sendRaw(endpoint: string, raw: RawRequest): Promise<RawResponse> {
  const url = new URL(endpoint);
  const body = raw.body === undefined ? undefined : Buffer.from(raw.body);
  return new Promise((resolveResponse, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: raw.method, path: raw.path, headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...raw.headers } });
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolveResponse({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface SignOptions {
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The `x-amz-content-sha256` to sign; default the SHA-256 of the body. */
  readonly payloadHash?: string;
  readonly signingDate?: Date;
}

/** The request's headers with `Authorization`, `x-amz-date` and `x-amz-content-sha256` as the SDK's signer adds them. */
export async function signedHeaders(endpoint: string, raw: RawRequest, options: SignOptions = {}): Promise<Record<string, string>> {
  const url = new URL(endpoint);
  const queryAt = raw.path.indexOf('?');
  const path = queryAt < 0 ? raw.path : raw.path.slice(0, queryAt);
  const query: Record<string, string> = {};
  for (const pair of queryAt < 0 ? [] : raw.path.slice(queryAt + 1).split('&')) {
    const eq = pair.indexOf('=');
    query[decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq))] = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
  }
  const body = raw.body === undefined ? Buffer.alloc(0) : Buffer.from(raw.body);
  const signer = new SignatureV4({ credentials: options.credentials ?? LOCAL_CREDENTIALS, region: 'us-east-1', service: 's3', sha256: NodeSha256, uriEscapePath: false });
  const signed = await signer.sign(
    {
      method: raw.method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query,
      headers: { host: url.host, 'x-amz-content-sha256': options.payloadHash ?? createHash('sha256').update(body).digest('hex'), ...(body.length > 0 ? { 'content-length': String(body.length) } : {}), ...raw.headers },
    },
    { signingDate: options.signingDate ?? new Date() },
  );
  return signed.headers as Record<string, string>;
}

/** Signs the request with the local credentials (or `options.credentials`) and sends it. */
export async function sendSigned(endpoint: string, raw: RawRequest, options: SignOptions = {}): Promise<RawResponse> {
  return sendRaw(endpoint, { ...raw, headers: await signedHeaders(endpoint, raw, options) });
}

/** The SigV4 signing key, derived by hand as the AWS documentation gives it. */
export function signingKey(secret: string, shortDate: string, region = 'us-east-1', service = 's3'): Buffer {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, shortDate), region), service), 'aws4_request');
}

const EMPTY_SHA256 = createHash('sha256').digest('hex');

/**
 * An aws-chunked body with each chunk signed in the chain the AWS documentation describes (the
 * first from `seedSignature`, the request's own), as the AWS CLI and older SDKs frame signed uploads.
 */
export function signedChunks(pieces: readonly Buffer[], seed: { readonly signature: string; readonly amzDate: string; readonly key: Buffer }): Buffer {
  const scope = `${seed.amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
  let previous = seed.signature;
  const framed: Buffer[] = [];
  for (const piece of [...pieces, Buffer.alloc(0)]) {
    const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', seed.amzDate, scope, previous, EMPTY_SHA256, createHash('sha256').update(piece).digest('hex')].join('\n');
    previous = createHmac('sha256', seed.key).update(toSign).digest('hex');
    framed.push(Buffer.from(`${piece.length.toString(16)};chunk-signature=${previous}\r\n`), piece, Buffer.from('\r\n'));
  }
  return Buffer.concat(framed);
}
