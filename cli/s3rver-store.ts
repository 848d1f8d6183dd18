/**
 * s3rver's file-system store, made to keep S3's promise that a PUT is atomic. s3rver streams an
 * upload straight into the object's file and writes its MD5 afterwards, so a reader (or a listing)
 * can meet half an object, and a process killed mid-write leaves a truncated object behind with an
 * ETag computed from the truncated bytes. Here every object is written beside its target and
 * renamed into place, its MD5 and metadata first; a killed write leaves only a `.partial` file,
 * which no listing shows and the next start sweeps away. And no path it builds leaves its folder:
 * s3rver joins bucket names, keys and upload ids into paths as given (`../` and all); the HTTP
 * layer refuses such names first (s3-request-target.ts), and the store refuses them again.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, readdirSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, posix, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { createRequire } from 'node:module';
import { AsyncLocalStorage } from 'node:async_hooks';
import { ReportPressError } from '../lib/errors.js';

/** A path s3rver built from a request's names lies outside the folder it belongs in. */
export class OutsideStoreError extends ReportPressError {
  override readonly name = 'OutsideStoreError';
  constructor(readonly path: string, readonly folder: string) {
    super(`refused to touch ${path}: it is outside ${folder}; the request named a bucket, key or upload that does not normalise to itself`);
  }
}

/** `path` itself when it lies strictly inside `folder` (at most `depth` levels down when given), else throws. */
function inside(folder: string, path: string, depth = Infinity): string {
  const rel = relative(folder, path);
  const parts = rel.split(/[\\/]/);
  if (rel === '' || isAbsolute(rel) || parts.includes('..') || parts.length > depth) throw new OutsideStoreError(path, folder);
  return path;
}

/** s3rver's modules, loaded on first use from its own install (it stays external to the CLI bundle). */
function s3rverRequire(): NodeRequire {
  return createRequire(createRequire(typeof __filename === 'string' ? __filename : import.meta.url).resolve('s3rver/lib/s3rver.js'));
}

interface S3rverErrorInstance extends Error {
  status: number;
  expose: boolean;
}

/**
 * An error s3rver answers as the S3 error `code` with `status` (it answers any other error as a
 * 500 InternalError), for failures raised while s3rver reads a body this layer checks.
 */
export function s3rverError(code: string, message: string, status: number): Error {
  const S3Error = s3rverRequire()('./models/error') as new (code: string, message: string) => S3rverErrorInstance;
  const error = new S3Error(code, message);
  error.status = status;
  error.expose = status < 500;
  return error;
}

/**
 * The keys of a DeleteObjects request body exactly as s3rver reads them (its own XML parser and
 * entity decoder, which knows `&period;` and friends), or none when s3rver would refuse the body as
 * malformed. Keys are not always strings: s3rver's parser turns `<Key>7</Key>` into a number.
 */
export function deleteObjectsKeys(body: Buffer): unknown[] {
  const local = s3rverRequire();
  const xmlParser = local('fast-xml-parser') as { validate(xml: string): true | object; parse(xml: string, options: object): unknown };
  const he = local('he') as { decode(text: string): string };
  const xml = body.toString('utf8');
  if (xmlParser.validate(xml) !== true) return [];
  const parsed = xmlParser.parse(xml, { tagValueProcessor: (value: string) => he.decode(value) }) as { Delete?: { Object?: unknown } };
  const objects = parsed.Delete?.Object;
  return objects === undefined ? [] : ([] as unknown[]).concat(objects).map((object) => (object as { Key?: unknown } | null)?.Key);
}

/** The page of a ListObjectsV2 request being answered: whether the store cut it, and its last key. */
interface ListingPage {
  truncated: boolean;
  lastKey?: string;
}
const listingPages = new AsyncLocalStorage<ListingPage>();

/** A continuation token as this server hands it out: the page's last key, opaque to clients as S3's are. */
const continuationToken = (bucket: string, lastKey: string) => Buffer.from(JSON.stringify([bucket, lastKey]), 'utf8').toString('base64url');

/** The key to list after for a token of {@link continuationToken}, or undefined for one this server did not give for `bucket`. */
function keyAfterToken(bucket: string, token: string): string | undefined {
  try {
    const [tokenBucket, lastKey] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown[];
    return tokenBucket === bucket && typeof lastKey === 'string' ? lastKey : undefined;
  } catch {
    return undefined;
  }
}

interface KoaContext {
  query: Record<string, string>;
  params: { bucket: string };
  body: { ListBucketResult?: Record<string, unknown> } | undefined;
}

let listingsPatched = false;

/**
 * Makes s3rver's ListObjectsV2 page past 1,000 keys. s3rver enciphers its continuation tokens with
 * DES, which OpenSSL 3 (Node 17 on) no longer offers: every listing longer than one page failed
 * with 500 InternalError, so a job folder of more than 1,000 objects (a compilation of some 500
 * reports) could never be listed, and its job never finished. Here the store reports a cut page
 * to this wrapper instead of to s3rver, and the wrapper hands out and reads tokens of its own.
 * Patches s3rver's bucket controller once per process; the routes look it up on every request.
 */
export function pageListingsPastOneThousandKeys(): void {
  if (listingsPatched) return;
  listingsPatched = true;
  const local = s3rverRequire();
  const controller = local('./controllers/bucket') as { getBucket(ctx: KoaContext): Promise<void> };
  const S3Error = local('./models/error') as new (code: string, message: string, detail?: Record<string, unknown>) => Error;
  const listObjects = controller.getBucket.bind(controller);
  controller.getBucket = async (ctx) => {
    if (ctx.query['list-type'] !== '2') return listObjects(ctx);
    const token = ctx.query['continuation-token'];
    const query = { ...ctx.query };
    if (token !== undefined) {
      const after = keyAfterToken(ctx.params.bucket, token);
      if (after === undefined) throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token' });
      delete query['continuation-token'];
      query['start-after'] = after;
      ctx.query = query;
    }
    const page: ListingPage = { truncated: false };
    await listingPages.run(page, () => listObjects(ctx));
    const result = ctx.body?.ListBucketResult;
    if (!result) return;
    if (token !== undefined) {
      result.StartAfter = undefined;
      result.ContinuationToken = token;
    }
    if (page.truncated && page.lastKey !== undefined) {
      result.IsTruncated = true;
      result.NextContinuationToken = continuationToken(ctx.params.bucket, page.lastKey);
    }
  };
}

/** The parts of s3rver's store API this subclass overrides or calls. */
interface FilesystemStoreBase {
  readonly rootDirectory: string;
  getBucketPath(bucket: string): string;
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
}
type FilesystemStoreClass = new (rootDirectory: string) => FilesystemStoreBase;

/** An object as s3rver's controllers hand it to the store. */
interface S3rverObject {
  readonly bucket: string;
  readonly key: string;
  readonly content: Buffer | Readable;
  readonly metadata: Record<string, unknown>;
}
type S3ObjectClass = (new (bucket: string, key: string, content: null, metadata: Record<string, unknown>) => unknown) & {
  /** The headers s3rver keeps as an object's metadata (besides x-amz-meta-*). */
  readonly ALLOWED_METADATA: readonly string[];
};

/** Writes a file whole or not at all: beside its target, then renamed into place. */
async function writeAtomically(target: string, data: string | Buffer): Promise<void> {
  const partial = partialName(target);
  try {
    await writeFile(partial, data);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

const PARTIAL = '.partial';
const OBJECT_SUFFIX = '._S3rver_object';

let sequence = 0;
const partialName = (target: string) => `${target}.${process.pid}-${(sequence += 1)}${PARTIAL}`;

/**
 * The files under `dir` a listing needs, without a stat per entry (directory entries say what they
 * are) and tolerating files that vanish mid-walk (a rename or delete in flight).
 */
function* walk(dir: string, descend: (dirPath: string) => boolean): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = posix.join(dir, entry.name);
    if (!entry.isDirectory()) yield path;
    else if (descend(path)) yield* walk(path, descend);
  }
}

/** Removes `.partial` files a killed process left behind. */
async function sweepPartials(dir: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sweepPartials(path);
      return entry.name.endsWith(PARTIAL) ? rm(path, { force: true }) : undefined;
    }),
  );
}

/**
 * The store class to hand s3rver: its own FilesystemStore with atomic writes, a listing that
 * survives concurrent writes, and no lazily written MD5 files.
 */
export function atomicFilesystemStore(): new (rootDirectory: string) => FilesystemStoreBase & { sweep(): Promise<void>; readonly keysListed: number } {
  // s3rver stays external to the CLI bundle; its store and object model are loaded from it.
  const require = s3rverRequire();
  const FilesystemStore = require('./stores/filesystem') as FilesystemStoreClass;
  const S3Object = require('./models/object') as S3ObjectClass;

  class AtomicFilesystemStore extends FilesystemStore {
    /**
     * Each object's metadata as last read or written, by `bucket/key`. This store is the only writer
     * of its folder, so it can answer a listing from memory instead of three file reads per object
     * (every publish lists a job folder: for a 630-report compilation, 1,260 objects each time).
     */
    private readonly described = new Map<string, Record<string, unknown>>();
    /** Objects named in listing pages since the store opened (the request counts of local-s3.ts). */
    keysListed = 0;
    /** Bumped by every write and delete of a key, so a read that raced one is not remembered. */
    private readonly generations = new Map<string, number>();

    private changed(bucket: string, key: string): void {
      const id = `${bucket}/${key}`;
      this.described.delete(id);
      this.generations.set(id, (this.generations.get(id) ?? 0) + 1);
    }

    /** As s3rver's, but only ever a folder directly inside the store's root. */
    override getBucketPath(bucket: string): string {
      return inside(this.rootDirectory, super.getBucketPath(bucket), 1);
    }

    /** As s3rver's, but only ever a path inside the bucket's folder. */
    override getResourcePath(bucket: string, key: string | undefined, resource: string): string {
      return inside(this.getBucketPath(bucket), super.getResourcePath(bucket, key, resource));
    }

    /**
     * As s3rver's, but inside the bucket's folder only, and through `pipeline`, so a body that fails
     * mid-way (a client gone, a payload hash that does not match) fails the request instead of
     * leaving it waiting forever (s3rver pipes without listening for the source's errors).
     */
    async putPart(bucket: string, uploadId: string, partNumber: number | string, content: Readable): Promise<{ size: number; md5: string }> {
      const uploads = this.getResourcePath(bucket, undefined, 'uploads');
      const partPath = inside(uploads, join(uploads, uploadId, String(partNumber)), 2);
      await mkdir(dirname(partPath), { recursive: true });
      const md5 = createHash('md5');
      let size = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          md5.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      await pipeline(content, measure, createWriteStream(partPath));
      const digest = md5.digest('hex');
      await writeFile(`${partPath}.md5`, digest);
      return { size, md5: digest };
    }

    /** Sweeps what an earlier, killed process left half-written. */
    sweep(): Promise<void> {
      return sweepPartials(this.rootDirectory);
    }

    /** As s3rver's, but each file is replaced whole (s3rver truncates, then writes: a reader could see it empty). */
    async putMetadata(bucket: string, key: string, metadata: Record<string, unknown>, md5?: string): Promise<void> {
      const kept = Object.fromEntries(Object.entries(metadata).filter(([name]) => S3Object.ALLOWED_METADATA.includes(name) || name.startsWith('x-amz-meta-')));
      this.changed(bucket, key);
      if (md5) await writeAtomically(this.getResourcePath(bucket, key, 'object.md5'), md5);
      await writeAtomically(this.getResourcePath(bucket, key, 'metadata.json'), JSON.stringify(kept, null, 2));
      this.changed(bucket, key);
    }

    /** As s3rver's, but never persists an MD5 computed while the object might be changing. */
    async getMetadata(bucket: string, key: string): Promise<Record<string, unknown>> {
      const id = `${bucket}/${key}`;
      const known = this.described.get(id);
      if (known) return { ...known };
      const generation = this.generations.get(id) ?? 0;
      const objectPath = this.getResourcePath(bucket, key, 'object');
      const info = await stat(objectPath); // rejects with ENOENT for a missing object, as s3rver's callers expect
      const [stored, md5] = await Promise.all([
        readFile(this.getResourcePath(bucket, key, 'metadata.json'), 'utf8').then(
          (text) => JSON.parse(text) as Record<string, unknown>,
          () => ({}),
        ),
        readFile(`${objectPath}.md5`, 'utf8').catch(async () => createHash('md5').update(await readFile(objectPath)).digest('hex')),
      ]);
      const metadata = { ...stored, etag: JSON.stringify(md5), 'last-modified': info.mtime.toUTCString(), 'content-length': info.size };
      if ((this.generations.get(id) ?? 0) === generation) this.described.set(id, metadata);
      return { ...metadata };
    }

    async deleteObject(bucket: string, key: string): Promise<void> {
      this.changed(bucket, key);
      await (FilesystemStore.prototype as unknown as { deleteObject(bucket: string, key: string): Promise<void> }).deleteObject.call(this, bucket, key);
      this.changed(bucket, key);
    }

    async copyObject(srcBucket: string, srcKey: string, destBucket: string, destKey: string, replacement: Record<string, unknown> | null): Promise<Record<string, unknown>> {
      this.changed(destBucket, destKey);
      const copy = (FilesystemStore.prototype as unknown as { copyObject(...args: unknown[]): Promise<Record<string, unknown>> }).copyObject;
      await copy.call(this, srcBucket, srcKey, destBucket, destKey, replacement);
      // S3 gives a copy the time it was made; s3rver leaves a copy onto itself (a metadata
      // replacement, which is how an upload is announced again) with the time of the original.
      const now = new Date();
      await utimes(this.getResourcePath(destBucket, destKey, 'object'), now, now);
      this.changed(destBucket, destKey);
      return this.getMetadata(destBucket, destKey);
    }

    async putObject(object: S3rverObject): Promise<{ size: number; md5: string }> {
      const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
      await mkdir(dirname(objectPath), { recursive: true });
      const partial = partialName(objectPath);
      const md5 = createHash('md5');
      let size = 0;
      try {
        if (Buffer.isBuffer(object.content)) {
          md5.update(object.content);
          size = object.content.length;
          await writeFile(partial, object.content);
        } else {
          const measure = new Transform({
            transform(chunk: Buffer, _encoding, callback) {
              md5.update(chunk);
              size += chunk.length;
              callback(null, chunk);
            },
          });
          await pipeline(object.content, measure, createWriteStream(partial));
        }
        const digest = md5.digest('hex');
        // MD5 and metadata first: once the object is in place, its ETag and type are too.
        await this.putMetadata(object.bucket, object.key, object.metadata, digest);
        await rename(partial, objectPath);
        this.changed(object.bucket, object.key);
        return { size, md5: digest };
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    }

    /**
     * s3rver's listing, walking only the folders that can hold matching keys (s3rver compares folder
     * paths without their trailing slash, so listing `load/10/` also walked `load/1/`, and stats
     * every entry synchronously: a listing grew slower with every job stored beside it).
     */
    async listObjects(
      bucket: string,
      options: { delimiter?: string; startAfter?: string; prefix?: string; maxKeys?: number },
    ): Promise<{ objects: unknown[]; commonPrefixes: string[]; isTruncated: boolean }> {
      const { delimiter = '', startAfter = '', prefix = '', maxKeys = Infinity } = options;
      const bucketPath = this.getBucketPath(bucket);
      // The keys under a folder all start with its path and a slash.
      const descend = (dirPath: string): boolean => {
        const folder = `${dirPath.slice(bucketPath.length + 1)}/`;
        if (startAfter && folder < startAfter && !startAfter.startsWith(folder)) return false;
        if (!folder.startsWith(prefix)) return prefix.startsWith(folder);
        // One level below the prefix still holds the keys that make up common prefixes.
        return !(delimiter && folder.slice(prefix.length, -1).includes(delimiter));
      };
      const commonPrefixes = new Set<string>();
      let keys: string[] = [];
      for (const filePath of walk(bucketPath, descend)) {
        if (!filePath.endsWith(OBJECT_SUFFIX)) continue;
        const key = filePath.slice(bucketPath.length + 1, -OBJECT_SUFFIX.length);
        if (key <= startAfter || !key.startsWith(prefix)) continue;
        if (delimiter) {
          const at = key.slice(prefix.length).indexOf(delimiter);
          if (at !== -1) {
            commonPrefixes.add(key.slice(0, prefix.length + at + 1));
            continue;
          }
        }
        keys.push(key);
      }
      // In key order, as S3 lists, before cutting the page (the tree's walk order is not key order).
      keys.sort();
      const isTruncated = keys.length > maxKeys;
      if (isTruncated) keys = keys.slice(0, maxKeys);
      // A ListObjectsV2 page: its cut is told to the wrapper that makes the continuation token (see pageListingsPastOneThousandKeys).
      const page = listingPages.getStore();
      if (page) {
        page.truncated = isTruncated;
        page.lastKey = keys.at(-1);
      }
      const described = await Promise.all(keys.map((key) => this.getMetadata(bucket, key).then((m) => [key, m] as const, () => undefined)));
      this.keysListed += keys.length;
      return {
        objects: described.filter((d) => d !== undefined).map(([key, metadata]) => new S3Object(bucket, key, null, metadata)),
        commonPrefixes: [...commonPrefixes].sort(),
        isTruncated: isTruncated && !page,
      };
    }
  }
  return AtomicFilesystemStore;
}
