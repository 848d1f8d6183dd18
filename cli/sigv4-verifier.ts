/**
 * Verifies AWS Signature Version 4 on requests to the embedded S3 server, as S3 does: the
 * `Authorization` header form and the query-string form of presigned URLs, and the chunk and
 * trailer signatures of signed aws-chunked uploads. s3rver checks none of them ("V4 signatures have
 * incomplete support"), so without this any process or page that can reach 127.0.0.1 could write
 * any key, and a URL the web API presigned for one key would not bind its holder to that key.
 *
 * The canonical request, canonical query and canonical headers, the string to sign and the signing
 * key come from `@smithy/signature-v4`, the signer the AWS SDK itself signs with (a dependency of
 * every `@aws-sdk/client-*` through `@aws-sdk/core`), so the two sides cannot drift apart.
 */
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  ALGORITHM_IDENTIFIER,
  EVENT_ALGORITHM_IDENTIFIER,
  MAX_PRESIGNED_TTL,
  SignatureV4Base,
  UNSIGNED_PAYLOAD,
  getCanonicalHeaders,
  getSigningKey,
} from '@smithy/signature-v4';

/** The one key pair the server accepts. */
export interface SigV4Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The request as it arrived: method, raw URL (path and query, as encoded by the client), headers. */
export interface SignedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** Why a request is refused, as S3 answers it (HTTP status, S3 error code, message). */
export interface SignatureRefusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** How the request's body is covered by its signature (`x-amz-content-sha256`). */
export const PayloadSigning = {
  /** `UNSIGNED-PAYLOAD`: the body is not covered (presigned URLs, some SDK streams). */
  Unsigned: 'unsigned',
  /** A hex SHA-256 of the body: the body must hash to it. */
  Hashed: 'hashed',
  /** `STREAMING-UNSIGNED-PAYLOAD-TRAILER`: aws-chunked, no chunk signatures, checksums in trailers. */
  StreamingUnsigned: 'streaming-unsigned',
  /** `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`: aws-chunked, every chunk signed in a chain. */
  StreamingSigned: 'streaming-signed',
} as const;
export type PayloadSigning = (typeof PayloadSigning)[keyof typeof PayloadSigning];

/** One aws-chunked chunk as received: the signature its size line carried, and the SHA-256 (hex) of its data. */
export interface ReceivedChunk {
  readonly signature?: string;
  readonly sha256: string;
}

/** A request whose signature is the local credentials' own. */
export interface VerifiedRequest {
  readonly payload: PayloadSigning;
  /** For {@link PayloadSigning.Hashed}: the SHA-256 (hex, lower case) the body must have. */
  readonly payloadSha256?: string;
  /** For {@link PayloadSigning.StreamingSigned}: whether a signed trailer must follow the chunks. */
  readonly signedTrailer?: boolean;
  /**
   * For {@link PayloadSigning.StreamingSigned}: why the chunks (and the trailer) are not the ones
   * the request's key signed, or undefined when every signature holds.
   */
  verifyChunks(chunks: readonly ReceivedChunk[], trailers: Readonly<Record<string, string>>): SignatureRefusal | undefined;
}

export type SignatureCheck = { readonly verified: VerifiedRequest; readonly refused?: undefined } | { readonly refused: SignatureRefusal; readonly verified?: undefined };

export interface VerifySignatureOptions {
  /** The credentials requests must be signed with. */
  readonly credentials: SigV4Credentials;
  /** The clock the request's time is checked against. Default: now. */
  readonly now?: Date;
}

/** S3 refuses a header-signed request more than 15 minutes from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const TRAILER_ALGORITHM = 'AWS4-HMAC-SHA256-TRAILER';
const STREAMING_UNSIGNED = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
const STREAMING_SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
const TRAILER_SIGNATURE = 'x-amz-trailer-signature';

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytesOf = (data: SourceData): Buffer =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

/** SHA-256 and HMAC-SHA256 from node:crypto, in the shape the smithy signer takes. */
/** SHA-256 and HMAC-SHA256 from node:crypto in the shape @smithy/signature-v4 takes (its `sha256` option). */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

/** The smithy signer's canonicalisation, reached from outside (its methods are protected). */
class Canonicaliser extends SignatureV4Base {
  constructor() {
    // S3 does not normalise or double-encode the path; the caller passes it encoded once.
    super({ credentials: { accessKeyId: '', secretAccessKey: '' }, region: '', service: 's3', sha256: NodeSha256, uriEscapePath: false, applyChecksum: false });
  }

  /** The string to sign for a request and the signed-header list the signer derives from its headers. */
  async stringToSign(request: CanonicalInput, payloadHash: string, longDate: string, scope: string): Promise<{ stringToSign: string; signedHeaders: string }> {
    const httpRequest = { method: request.method, protocol: 'http:', hostname: '', path: request.path, query: request.query, headers: request.headers };
    // Every header the client listed is signed, whatever the signer would leave out by default.
    const canonicalHeaders = getCanonicalHeaders(httpRequest, undefined, new Set(Object.keys(request.headers)));
    const canonicalRequest = this.createCanonicalRequest(httpRequest, canonicalHeaders, payloadHash);
    return { stringToSign: await this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER), signedHeaders: this.getCanonicalHeaderList(canonicalHeaders) };
  }
}

interface CanonicalInput {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string | string[]>;
  readonly headers: Record<string, string>;
}

const canonicaliser = new Canonicaliser();

const hmacHex = (key: Uint8Array, data: string) => createHmac('sha256', key).update(data, 'utf8').digest('hex');
const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

/** Constant-time comparison of two hex signatures. */
function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 3986 percent-encoding of one path segment, as SigV4 canonicalises S3 paths. */
const uriEncode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `20130524T000000Z` as a date, or undefined when it is not one. */
function parseAmzDate(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Query pairs decoded as S3 (and s3rver) read them: `+` is a space, `%XX` a byte of UTF-8. */
export function decodeQuery(query: string): [string, string][] {
  if (query === '') return [];
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const [name, value] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
      return [decodeURIComponent(name.replace(/\+/g, ' ')), decodeURIComponent(value.replace(/\+/g, ' '))];
    });
}

const headerText = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(',') : value);

const refusal = (status: number, code: string, message: string): { refused: SignatureRefusal } => ({ refused: { status, code, message } });
const mismatch = (detail: string) =>
  refusal(403, 'SignatureDoesNotMatch', `The request signature we calculated does not match the signature you provided. Check your key and signing method (${detail}).`);

/** What both forms of signature carry, once parsed. */
interface Authorisation {
  readonly accessKeyId: string;
  readonly scope: string;
  readonly shortDate: string;
  readonly region: string;
  readonly service: string;
  readonly longDate: string;
  readonly signedHeaders: string;
  readonly signature: string;
  readonly payloadHash: string;
}

/**
 * Whether `request` is signed with `options.credentials`, checked as S3 checks it: one
 * authentication mechanism, SigV4 only, the local access key, the request's time, every `x-amz-*`
 * header signed, and the signature recomputed from the request as received.
 */
export async function verifyRequestSignature(request: SignedRequest, options: VerifySignatureOptions): Promise<SignatureCheck> {
  const now = options.now ?? new Date();
  const queryAt = request.url.indexOf('?');
  const rawPath = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  let pairs: [string, string][];
  let path: string;
  try {
    pairs = decodeQuery(queryAt < 0 ? '' : request.url.slice(queryAt + 1));
    path = rawPath.split('/').map((segment) => uriEncode(decodeURIComponent(segment))).join('/');
  } catch {
    return refusal(400, 'InvalidURI', 'Couldn’t parse the specified URI: it is not valid percent-encoding.');
  }
  const param = (name: string) => pairs.find(([n]) => n === name)?.[1];
  const authorization = headerText(request.headers.authorization);
  const byQuery = param('X-Amz-Algorithm') !== undefined || param('X-Amz-Signature') !== undefined || param('X-Amz-Credential') !== undefined;
  if (param('Signature') !== undefined || param('AWSAccessKeyId') !== undefined || /^AWS /i.test(authorization ?? '')) {
    return refusal(
      400,
      'InvalidRequest',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256 (for `aws s3 presign`: aws configure set default.s3.signature_version s3v4).',
    );
  }
  if (authorization !== undefined && byQuery) {
    return refusal(400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified.');
  }
  if (authorization === undefined && !byQuery) {
    return refusal(
      403,
      'AccessDenied',
      `Access Denied: the local S3 server takes only requests signed (AWS Signature Version 4) with its credentials, access key "${options.credentials.accessKeyId}" and secret "${options.credentials.secretAccessKey}".`,
    );
  }
  const parsed = authorization !== undefined ? parseAuthorizationHeader(authorization, request.headers, now) : parsePresignedQuery(param, now);
  if ('refused' in parsed) return parsed;
  const auth = parsed.authorisation;
  if (auth.accessKeyId !== options.credentials.accessKeyId) {
    return refusal(403, 'InvalidAccessKeyId', `The AWS Access Key Id you provided does not exist in our records: the local S3 server takes only "${options.credentials.accessKeyId}" (secret "${options.credentials.secretAccessKey}").`);
  }

  // The signed headers as received; S3 refuses a request whose x-amz-* headers are not all signed.
  const names = auth.signedHeaders.split(';');
  if (!names.includes('host')) return mismatch('the host header must be signed');
  const unsigned = Object.keys(request.headers).filter((name) => name.startsWith('x-amz-') && !names.includes(name));
  if (unsigned.length > 0) return refusal(403, 'AccessDenied', `There were headers present in the request which were not signed: ${unsigned.join(', ')}`);
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = headerText(request.headers[name]);
    if (value === undefined) return mismatch(`the signed header ${name} is not in the request`);
    headers[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    if (authorization === undefined && name === 'X-Amz-Signature') continue;
    const known = query[name];
    query[name] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }

  const { stringToSign, signedHeaders } = await canonicaliser.stringToSign({ method: request.method, path, query, headers }, auth.payloadHash, auth.longDate, auth.scope);
  if (signedHeaders !== auth.signedHeaders) return mismatch(`SignedHeaders must list the signed headers in lower case, sorted and once each (${signedHeaders})`);
  const signingKey = await getSigningKey(NodeSha256, options.credentials, auth.shortDate, auth.region, auth.service);
  if (!sameSignature(auth.signature, hmacHex(signingKey, stringToSign))) return mismatch('the signature is not the one the local credentials give this request');

  return { verified: verifiedRequest(auth, signingKey) };
}

/** The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` request. */
function parseAuthorizationHeader(header: string, headers: IncomingHttpHeaders, now: Date): { authorisation: Authorisation } | { refused: SignatureRefusal } {
  const malformed = (why: string) => refusal(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; ${why}.`);
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM_IDENTIFIER) {
    if (algorithm === 'AWS4-ECDSA-P256-SHA256') return refusal(501, 'NotImplemented', 'Signature Version 4A (AWS4-ECDSA-P256-SHA256) is not supported by the local S3 server; sign with AWS4-HMAC-SHA256.');
    return refusal(400, 'InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
  }
  const parts = new Map(
    header
      .slice(space + 1)
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const eq = part.indexOf('=');
        return eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
      }),
  );
  const credential = parts.get('Credential');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!credential || !signedHeaders || !signature) return malformed('it requires three components: Credential, SignedHeaders and Signature');
  const longDate = headerText(headers['x-amz-date']);
  const date = longDate === undefined ? undefined : parseAmzDate(longDate);
  if (longDate === undefined || date === undefined) return refusal(403, 'AccessDenied', 'AWS authentication requires a valid x-amz-date header (yyyyMMddTHHmmssZ).');
  if (Math.abs(now.getTime() - date.getTime()) > MAX_SKEW_MS) {
    return refusal(403, 'RequestTimeTooSkewed', `The difference between the request time (${longDate}) and the current time is too large.`);
  }
  const payloadHash = headerText(headers['x-amz-content-sha256']);
  if (payloadHash === undefined) return refusal(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  const scope = parseScope(credential, longDate);
  if ('why' in scope) return malformed(scope.why);
  return { authorisation: { ...scope, longDate, signedHeaders, signature, payloadHash } };
}

/** The parts of a presigned URL's `X-Amz-*` query parameters. */
function parsePresignedQuery(param: (name: string) => string | undefined, now: Date): { authorisation: Authorisation } | { refused: SignatureRefusal } {
  const invalid = (why: string) => refusal(400, 'AuthorizationQueryParametersError', why);
  const algorithm = param('X-Amz-Algorithm');
  const credential = param('X-Amz-Credential');
  const longDate = param('X-Amz-Date');
  const expires = param('X-Amz-Expires');
  const signedHeaders = param('X-Amz-SignedHeaders');
  const signature = param('X-Amz-Signature');
  if (!algorithm || !credential || !longDate || !expires || !signedHeaders || !signature) {
    return invalid('Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.');
  }
  if (algorithm !== ALGORITHM_IDENTIFIER) return invalid(`X-Amz-Algorithm only supports "${ALGORITHM_IDENTIFIER}".`);
  const date = parseAmzDate(longDate);
  if (!date) return invalid('X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'".');
  const seconds = /^\d{1,7}$/.test(expires) ? Number(expires) : Number.NaN;
  if (!(seconds >= 1 && seconds <= MAX_PRESIGNED_TTL)) return invalid(`X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_PRESIGNED_TTL}.`);
  if (now.getTime() > date.getTime() + seconds * 1000) return refusal(403, 'AccessDenied', 'Request has expired');
  if (date.getTime() - now.getTime() > MAX_SKEW_MS) return refusal(403, 'AccessDenied', 'Request is not valid yet');
  const scope = parseScope(credential, longDate);
  if ('why' in scope) return invalid(`X-Amz-Credential is malformed; ${scope.why}.`);
  // Presigned requests carry no body hash: the payload is unsigned unless the URL names one.
  return { authorisation: { ...scope, longDate, signedHeaders, signature, payloadHash: param('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD } };
}

/** `<access key>/<yyyymmdd>/<region>/s3/aws4_request`, checked against the request's date. */
function parseScope(credential: string, longDate: string): Pick<Authorisation, 'accessKeyId' | 'scope' | 'shortDate' | 'region' | 'service'> | { why: string } {
  const [accessKeyId, shortDate, region, service, terminal, ...rest] = credential.split('/');
  if (!accessKeyId || !shortDate || !region || !service || terminal !== 'aws4_request' || rest.length > 0) {
    return { why: 'the credential must have the form <access key>/<yyyymmdd>/<region>/s3/aws4_request' };
  }
  if (shortDate !== longDate.slice(0, 8)) return { why: `the credential's date ${shortDate} is not the request's date ${longDate.slice(0, 8)}` };
  if (service !== 's3') return { why: `the credential names the service "${service}"; it must be "s3"` };
  return { accessKeyId, scope: credential.slice(accessKeyId.length + 1), shortDate, region, service };
}

/** How the payload is covered, and the chain of chunk signatures for signed streaming uploads. */
function verifiedRequest(auth: Authorisation, signingKey: Uint8Array): VerifiedRequest {
  const notStreaming = () => undefined;
  switch (auth.payloadHash) {
    case UNSIGNED_PAYLOAD:
      return { payload: PayloadSigning.Unsigned, verifyChunks: notStreaming };
    case STREAMING_UNSIGNED:
      return { payload: PayloadSigning.StreamingUnsigned, verifyChunks: notStreaming };
    case STREAMING_SIGNED:
    case STREAMING_SIGNED_TRAILER: {
      const signedTrailer = auth.payloadHash === STREAMING_SIGNED_TRAILER;
      return { payload: PayloadSigning.StreamingSigned, signedTrailer, verifyChunks: (chunks, trailers) => verifyChunkChain(auth, signingKey, signedTrailer, chunks, trailers) };
    }
    default:
      return { payload: PayloadSigning.Hashed, payloadSha256: auth.payloadHash.toLowerCase(), verifyChunks: notStreaming };
  }
}

/**
 * The chunk signatures of a signed aws-chunked body, each chained from the one before (the first
 * from the request's own signature), and the trailer's signature chained from the last chunk's.
 */
function verifyChunkChain(auth: Authorisation, signingKey: Uint8Array, signedTrailer: boolean, chunks: readonly ReceivedChunk[], trailers: Readonly<Record<string, string>>): SignatureRefusal | undefined {
  let previous = auth.signature.toLowerCase();
  for (const [index, chunk] of chunks.entries()) {
    const expected = hmacHex(signingKey, [EVENT_ALGORITHM_IDENTIFIER, auth.longDate, auth.scope, previous, EMPTY_SHA256, chunk.sha256].join('\n'));
    if (chunk.signature === undefined || !sameSignature(chunk.signature, expected)) {
      return mismatch(`chunk ${index + 1} of the aws-chunked body ${chunk.signature === undefined ? 'has no chunk-signature' : 'has a chunk-signature the chain of signatures does not give'}`).refused;
    }
    previous = expected;
  }
  const given = trailers[TRAILER_SIGNATURE];
  if (!signedTrailer) return given === undefined ? undefined : mismatch(`${TRAILER_SIGNATURE} is sent, but the request's payload (x-amz-content-sha256) is not ${STREAMING_SIGNED_TRAILER}`).refused;
  if (given === undefined) return mismatch(`the trailers have no ${TRAILER_SIGNATURE}`).refused;
  const canonical = Object.entries(trailers)
    .filter(([name]) => name !== TRAILER_SIGNATURE)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}\n`)
    .join('');
  const expected = hmacHex(signingKey, [TRAILER_ALGORITHM, auth.longDate, auth.scope, previous, sha256Hex(canonical)].join('\n'));
  return sameSignature(given, expected) ? undefined : mismatch(`the ${TRAILER_SIGNATURE} is not the one the chain of signatures gives`).refused;
}
