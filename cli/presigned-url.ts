/**
 * Verifies the signature of a presigned (query-string SigV4) S3 request, as S3 does. s3rver
 * checks only that such a request has not expired ("V4 signatures have incomplete support"), so
 * without this a URL the web API signed for one key would let anyone write any other key of the
 * local server. Header-signed requests are not checked here: the local server lets any
 * credentials in for them (see local-s3.ts).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The request as it arrived: method, raw URL (path and query, as encoded by the client), headers. */
export interface PresignedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** Why a presigned request is refused, with S3's error code. */
export interface PresignedRefusal {
  readonly code: 'SignatureDoesNotMatch' | 'InvalidAccessKeyId' | 'AuthorizationQueryParametersError';
  readonly message: string;
}

/** True when the request carries a query-string SigV4 signature. */
export function isPresigned(url: string): boolean {
  return /[?&]X-Amz-Algorithm=/.test(url);
}

/** RFC 3986 percent-encoding, as SigV4 canonicalises query names and values. */
const uriEncode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

function queryPairs(query: string): [string, string][] {
  if (query === '') return [];
  return query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const [name, value] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    return [decodeURIComponent(name), decodeURIComponent(value)];
  });
}

/**
 * Undefined when the request's signature is the one `secretFor` its access key gives, else why
 * not. The canonical request is rebuilt from the request as received: its path, every query
 * parameter but the signature, and the headers the signature names (so a signed Content-Type or
 * Content-Length must be sent exactly as signed).
 */
export function verifyPresignedRequest(request: PresignedRequest, secretFor: (accessKeyId: string) => string | undefined): PresignedRefusal | undefined {
  const queryAt = request.url.indexOf('?');
  const path = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  let pairs: [string, string][];
  try {
    pairs = queryPairs(queryAt < 0 ? '' : request.url.slice(queryAt + 1));
  } catch {
    return { code: 'AuthorizationQueryParametersError', message: 'the query string is not valid percent-encoding' };
  }
  const param = (name: string) => pairs.find(([n]) => n === name)?.[1];
  const credential = param('X-Amz-Credential');
  const signature = param('X-Amz-Signature');
  const amzDate = param('X-Amz-Date');
  const signedHeaders = param('X-Amz-SignedHeaders');
  if (!credential || !signature || !amzDate || !signedHeaders) {
    return { code: 'AuthorizationQueryParametersError', message: 'a presigned request needs X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders and X-Amz-Signature' };
  }
  const [accessKeyId, ...scopeParts] = credential.split('/');
  const secret = accessKeyId === undefined ? undefined : secretFor(accessKeyId);
  if (secret === undefined || scopeParts.length !== 4) {
    return { code: 'InvalidAccessKeyId', message: `presigned URLs for the local server must be signed with its credentials (access key ${accessKeyId ?? '?'} is not one of them)` };
  }
  const [date, region, service] = scopeParts as [string, string, string, string];
  const canonicalQuery = pairs
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const names = signedHeaders.split(';');
  const canonicalHeaders = names
    .map((name) => {
      const value = request.headers[name];
      const text = Array.isArray(value) ? value.join(',') : (value ?? '');
      return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const payload = param('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  const canonicalRequest = [request.method, path, canonicalQuery, canonicalHeaders, signedHeaders, payload].join('\n');
  const scope = scopeParts.join('/');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex'));
  const given = Buffer.from(signature);
  if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
  return { code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.' };
}
