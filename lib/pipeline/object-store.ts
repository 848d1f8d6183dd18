/**
 * The storage the chain needs, as an interface: the handlers pass in one over AWS S3 (or the
 * embedded local server), so the coordination logic here stays pure and runs unchanged on both.
 * Only operations S3 itself offers are used: GET, HEAD, PUT (optionally conditional), COPY, DELETE
 * and a one-level listing.
 */
import { ReportPressError } from '../errors.js';

/** What a HEAD or a listing tells about a stored object. */
export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  /** The entity tag without quotes (an MD5 of the bytes for single-part uploads without KMS). */
  readonly etag: string;
  /** S3 keeps this to the second. */
  readonly lastModified: Date;
}

/** An object read whole. */
export interface StoredObject extends ObjectInfo {
  readonly body: Uint8Array;
}

/**
 * A conditional write (S3 conditional writes, 2024): `ifNoneMatch: '*'` creates only when the key
 * is free, `ifMatch` replaces only the version whose ETag it names. A refused condition throws
 * {@link PreconditionFailedError}.
 */
export interface PutCondition {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: '*';
}

/** How to read an object. */
export interface GetOptions {
  /**
   * Largest body to read: a larger object throws {@link ObjectTooLargeError} from its size as the
   * response headers give it, its body left unread, so a reader sized for the limit never holds it.
   */
  readonly maxBytes?: number;
}

export interface ObjectStore {
  /** The object, or `undefined` when the key does not exist. */
  get(bucket: string, key: string, options?: GetOptions): Promise<StoredObject | undefined>;
  /** The object's metadata, or `undefined` when the key does not exist. */
  head(bucket: string, key: string): Promise<ObjectInfo | undefined>;
  /** Resolves to the new object's ETag (bare). */
  put(bucket: string, key: string, body: Uint8Array, contentType: string, condition?: PutCondition): Promise<{ readonly etag: string }>;
  /**
   * Copies an object inside S3 (CopyObject), content type and all: no bytes pass through the
   * caller. Resolves to the copy's ETag (bare; for objects under 5 GB written whole, the source's),
   * or `undefined` when the source does not exist.
   */
  copy(sourceBucket: string, sourceKey: string, bucket: string, key: string): Promise<{ readonly etag: string } | undefined>;
  /** Deleting a missing key succeeds, as in S3. */
  delete(bucket: string, key: string): Promise<void>;
  /**
   * The objects directly under `prefix` (keys with no further `/` after it), all pages, in key
   * order. With `recursive`, every key starting with `prefix`.
   */
  list(bucket: string, prefix: string, options?: { readonly recursive?: boolean }): Promise<ObjectInfo[]>;
}

/** A conditional write lost: someone else changed the object first. Read again and retry. */
export class PreconditionFailedError extends ReportPressError {
  override readonly name = 'PreconditionFailedError';
}

/** An ETag as S3 sends it in headers (`"…"`) or events (bare), always bare. */
export function bareEtag(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
}

/** An object larger than a read's `maxBytes` (see {@link GetOptions}): what its headers said; its body was not read. */
export class ObjectTooLargeError extends ReportPressError {
  override readonly name = 'ObjectTooLargeError';
  constructor(
    readonly object: ObjectInfo,
    readonly maxBytes: number,
  ) {
    super(`${object.key} is ${object.size} bytes, over the ${maxBytes} bytes this reader takes; its body was left unread`);
  }
}
