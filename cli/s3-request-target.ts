/**
 * What a path-style request to the embedded S3 server names (bucket, key, query), read exactly as
 * s3rver reads it, and whether it may reach s3rver at all. s3rver joins bucket names, keys, upload
 * ids and part numbers into file paths as given, so `../` in any of them writes outside `--dir`;
 * and a key read one way here and another way there (`new URL` resolves `..`, s3rver does not)
 * would lock and check one object while s3rver writes another. So every name is read once, the
 * way s3rver reads it, and refused unless it names exactly one place inside its bucket.
 */
import { decodeQuery } from './sigv4-verifier.js';

/** The bucket and key a request addresses, and its query (decoded, in order). */
export interface S3RequestTarget {
  readonly bucket?: string;
  readonly key?: string;
  readonly query: readonly (readonly [string, string])[];
}

/** Why a request cannot be served, as S3 answers it. */
export interface TargetRefusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export type TargetCheck = { readonly target: S3RequestTarget; readonly refused?: undefined } | { readonly refused: TargetRefusal; readonly target?: undefined };

/** S3's limit on a key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/** True when the query has a parameter of this name (S3 sub-resources such as `uploads` come without a value). */
export const hasParam = (target: S3RequestTarget, name: string): boolean => target.query.some(([n]) => n === name);
const paramValues = (target: S3RequestTarget, name: string) => target.query.filter(([n]) => n === name).map(([, value]) => value);

/**
 * Why `key` cannot be stored as itself, or undefined when it can: a key is a file path below its
 * bucket's folder, so it must not be empty, start with `/`, hold an empty, `.` or `..` segment, a
 * backslash or a NUL, and it must fit S3's 1,024 bytes. Every other key normalises to itself.
 */
export function objectKeyProblem(key: string): string | undefined {
  if (key === '') return 'the key is empty';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return `the key is longer than ${MAX_KEY_BYTES} bytes of UTF-8`;
  if (key.includes('\0')) return 'the key contains a NUL character';
  if (key.includes('\\')) return 'the key contains a backslash';
  if (key.startsWith('/')) return 'the key starts with "/"';
  const segment = key.split('/').find((part) => part === '' || part === '.' || part === '..');
  if (segment !== undefined) return segment === '' ? 'the key has an empty path segment ("//" or a trailing "/")' : `the key has a "${segment}" path segment`;
  return undefined;
}

/** Why `name` is not a bucket name S3 accepts (3–63 of a–z, 0–9, `.`, `-`; letters or digits at both ends; no `..`). */
export function bucketNameProblem(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) || name.includes('..')) {
    return 'bucket names are 3 to 63 lower-case letters, digits, "." and "-", begin and end with a letter or digit, and have no ".."';
  }
  return undefined;
}

const invalidKey = (key: string, problem: string): TargetRefusal => ({
  status: 400,
  code: Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES ? 'KeyTooLongError' : 'InvalidArgument',
  message: `The local S3 server stores each key as a file below its bucket's folder, and this one does not name exactly one such file: ${problem}. Use a key without "." or ".." segments, empty segments, a leading "/", backslashes or NUL.`,
});
const invalidBucket = (problem: string): TargetRefusal => ({ status: 400, code: 'InvalidBucketName', message: `The specified bucket is not valid: ${problem}.` });
const invalidUri = (what: string): TargetRefusal => ({ status: 400, code: 'InvalidURI', message: `Couldn't parse the specified URI: ${what}.` });

/**
 * The request's target as s3rver will read it (the path decoded as its router decodes it, the
 * query as Koa parses it), or why it must be refused before anything touches the disk: a bucket
 * name or key that does not name one place inside `--dir`, an upload id or part number that is
 * not one s3rver makes, or a copy source (header or query) naming such a bucket or key.
 */
export function checkRequestTarget(url: string, headers: Readonly<Record<string, string | string[] | undefined>>): TargetCheck {
  if (!url.startsWith('/')) return { refused: invalidUri('the request target must be a path starting with "/"') };
  const queryAt = url.indexOf('?');
  const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
  let query: [string, string][];
  let bucket: string | undefined;
  let key: string | undefined;
  try {
    query = decodeQuery(queryAt < 0 ? '' : url.slice(queryAt + 1));
    const slash = rawPath.indexOf('/', 1);
    const rawBucket = slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash);
    bucket = rawBucket === '' ? undefined : decodeURIComponent(rawBucket);
    // s3rver's router takes everything after the bucket's slash as the key, then decodes it.
    const rawKey = slash < 0 ? '' : rawPath.slice(slash + 1);
    key = slash < 0 || (rawKey === '' && bucket !== undefined) ? undefined : decodeURIComponent(rawKey);
  } catch {
    return { refused: invalidUri('it is not valid percent-encoding') };
  }
  if (bucket === undefined && key !== undefined) return { refused: invalidBucket('the path has no bucket before the key') };
  if (bucket !== undefined) {
    const problem = bucketNameProblem(bucket);
    if (problem) return { refused: invalidBucket(problem) };
  }
  if (key !== undefined) {
    const problem = objectKeyProblem(key);
    if (problem) return { refused: invalidKey(key, problem) };
  }
  const target: S3RequestTarget = { bucket, key, query };

  // s3rver joins these into paths below the bucket's uploads folder.
  for (const uploadId of paramValues(target, 'uploadId')) {
    if (!/^[0-9a-f]{32}$/.test(uploadId)) return { refused: { status: 404, code: 'NoSuchUpload', message: 'The specified multipart upload does not exist: an upload id of the local server is 32 hexadecimal digits.' } };
  }
  for (const part of paramValues(target, 'partNumber')) {
    if (!/^[1-9]\d{0,4}$/.test(part) || Number(part) > 10_000) return { refused: { status: 400, code: 'InvalidArgument', message: 'Part number must be an integer between 1 and 10000, inclusive.' } };
  }
  // A copy reads its source through the same paths; s3rver takes x-amz-* query parameters as headers.
  const copySources = [headers['x-amz-copy-source'], ...query.filter(([name]) => name.toLowerCase() === 'x-amz-copy-source').map(([, value]) => value)].flat().filter((v) => v !== undefined);
  for (const source of copySources) {
    const refused = copySourceProblem(source);
    if (refused) return { refused };
  }
  return { target };
}

/**
 * Why an `x-amz-copy-source` cannot be read, decoded as S3 decodes it (every percent-escape, then
 * bucket/key; local-s3.ts hands s3rver, which decodes only as `decodeURI` does, the same name).
 */
function copySourceProblem(source: string): TargetRefusal | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(source);
  } catch {
    return { status: 400, code: 'InvalidArgument', message: 'x-amz-copy-source is not valid percent-encoding.' };
  }
  const [bucket = '', ...rest] = (decoded.startsWith('/') ? decoded.slice(1) : decoded).split('/');
  const bucketProblem = bucketNameProblem(bucket);
  if (bucketProblem) return invalidBucket(`x-amz-copy-source: ${bucketProblem}`);
  const key = rest.join('/');
  const keyProblem = objectKeyProblem(key);
  return keyProblem ? invalidKey(key, `x-amz-copy-source: ${keyProblem}`) : undefined;
}
