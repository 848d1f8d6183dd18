/**
 * The storage the handlers need (lib/pipeline/object-store.ts) over an S3 client, so the same
 * handler code runs against AWS S3, the embedded local server, or anything else S3-shaped.
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import { bareEtag, ObjectTooLargeError, PreconditionFailedError, type ObjectInfo, type ObjectStore } from '../lib/pipeline/object-store.js';
import { stageMayDelete, stageMayList, stageMayRead, stageMayWrite, type BucketRole, type StageDefinition } from '../lib/pipeline/stages.js';

export type { ObjectStore } from '../lib/pipeline/object-store.js';

const status = (error: unknown): number | undefined => (error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined);
const isMissing = (error: unknown) => status(error) === 404;

/** An {@link ObjectStore} over an S3 client (see `createS3Client`). */
export function s3ObjectStore(client: S3Client): ObjectStore {
  return {
    async get(bucket, key, options = {}) {
      try {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!response.Body) throw new Error(`s3://${bucket}/${key} came back without a body`);
        const info = { key, etag: bareEtag(response.ETag ?? ''), lastModified: response.LastModified ?? new Date(0) };
        const { maxBytes } = options;
        if (maxBytes !== undefined && response.ContentLength !== undefined && response.ContentLength > maxBytes) {
          // Closes the connection instead of downloading the body: the caller is sized for maxBytes.
          (response.Body as { destroy?: () => void }).destroy?.();
          throw new ObjectTooLargeError({ ...info, size: response.ContentLength }, maxBytes);
        }
        const body = await response.Body.transformToByteArray();
        if (maxBytes !== undefined && body.byteLength > maxBytes) throw new ObjectTooLargeError({ ...info, size: body.byteLength }, maxBytes);
        return { ...info, body, size: body.byteLength };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async head(bucket, key) {
      try {
        const response = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { key, size: response.ContentLength ?? 0, etag: bareEtag(response.ETag ?? ''), lastModified: response.LastModified ?? new Date(0) };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async put(bucket, key, body, contentType, condition) {
      try {
        const response = await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, IfMatch: condition?.ifMatch, IfNoneMatch: condition?.ifNoneMatch }),
        );
        return { etag: bareEtag(response.ETag ?? '') };
      } catch (error) {
        // 412: the condition did not hold; 409: a concurrent conditional write won; 404: If-Match on a key since deleted.
        const code = status(error);
        if (condition && (code === 412 || code === 409 || code === 404)) {
          throw new PreconditionFailedError(`s3://${bucket}/${key} changed since it was read (HTTP ${code}); read it again`);
        }
        throw error;
      }
    },
    async copy(sourceBucket, sourceKey, bucket, key) {
      // S3 takes the source URL-encoded; segment by segment keeps its slashes.
      const source = `${sourceBucket}/${sourceKey.split('/').map(encodeURIComponent).join('/')}`;
      try {
        const response = await client.send(new CopyObjectCommand({ Bucket: bucket, Key: key, CopySource: source }));
        return { etag: bareEtag(response.CopyObjectResult?.ETag ?? '') };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async delete(bucket, key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async list(bucket, prefix, options = {}) {
      const objects: ObjectInfo[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: options.recursive ? undefined : '/', ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) {
          objects.push({ key: o.Key as string, size: o.Size ?? 0, etag: bareEtag(o.ETag ?? ''), lastModified: o.LastModified ?? new Date(0) });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
  };
}

/**
 * The store as the deployed stage sees it: reads, writes, deletes and listings outside the stage's
 * grants in the stage table fail as S3 would refuse them under the function's IAM policy. The local
 * chain uses it so that a missing grant shows up on this machine, not first on AWS.
 */
export function scopedObjectStore(store: ObjectStore, stage: StageDefinition, buckets: Readonly<Record<BucketRole, string>>): ObjectStore {
  const roleOf = (bucket: string) => (Object.keys(buckets) as BucketRole[]).find((r) => buckets[r] === bucket);
  const patterns = (targets: StageDefinition['targets']) => targets.map((t) => `${buckets[t.bucket]}/${t.keyPattern}`).join(', ') || 'nothing';
  const check = (allowed: boolean, action: string, resource: string, grants: string) => {
    if (!allowed) {
      throw new Error(`AccessDenied: the ${stage.name} stage may not ${action} s3://${resource}; its policy allows ${action} on ${grants} only (add it to the stage in lib/pipeline/stages.ts)`);
    }
  };
  const may = (test: (stage: StageDefinition, role: BucketRole, key: string) => boolean, bucket: string, key: string) => {
    const role = roleOf(bucket);
    return role !== undefined && test(stage, role, key);
  };
  return {
    get(bucket, key, options) {
      check(may(stageMayRead, bucket, key), 'read', `${bucket}/${key}`, patterns(stage.reads));
      return store.get(bucket, key, options);
    },
    head(bucket, key) {
      check(may(stageMayRead, bucket, key), 'read', `${bucket}/${key}`, patterns(stage.reads));
      return store.head(bucket, key);
    },
    put(bucket, key, body, contentType, condition) {
      check(may(stageMayWrite, bucket, key), 'write', `${bucket}/${key}`, patterns(stage.targets));
      return store.put(bucket, key, body, contentType, condition);
    },
    copy(sourceBucket, sourceKey, bucket, key) {
      // S3 authorises a copy as a read of the source and a write of the copy.
      check(may(stageMayRead, sourceBucket, sourceKey), 'read', `${sourceBucket}/${sourceKey}`, patterns(stage.reads));
      check(may(stageMayWrite, bucket, key), 'write', `${bucket}/${key}`, patterns(stage.targets));
      return store.copy(sourceBucket, sourceKey, bucket, key);
    },
    delete(bucket, key) {
      check(may(stageMayDelete, bucket, key), 'delete', `${bucket}/${key}`, patterns(stage.deletes));
      return store.delete(bucket, key);
    },
    list(bucket, prefix, options) {
      const role = roleOf(bucket);
      check(role !== undefined && stageMayList(stage, role), 'list', bucket, stage.lists.map((r) => buckets[r]).join(', ') || 'no bucket');
      return store.list(bucket, prefix, options);
    },
  };
}
