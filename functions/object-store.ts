/**
 * The storage the handlers need, behind a small interface so the same handler code runs against
 * AWS S3, the embedded local server, or anything else S3-shaped.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { stageMayWrite, type BucketRole, type StageDefinition } from '../lib/pipeline/stages.js';

export interface ObjectStore {
  get(bucket: string, key: string): Promise<Uint8Array>;
  put(bucket: string, key: string, body: Uint8Array, contentType: string): Promise<void>;
}

/** An {@link ObjectStore} over an S3 client (see `createS3Client`). */
export function s3ObjectStore(client: S3Client): ObjectStore {
  return {
    async get(bucket, key) {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!response.Body) throw new Error(`s3://${bucket}/${key} came back without a body`);
      return response.Body.transformToByteArray();
    },
    async put(bucket, key, body, contentType) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
  };
}

/**
 * The store as the deployed stage sees it: writes outside the stage's targets in the stage table
 * fail as S3 would refuse them under the function's IAM policy. The local chain uses it so that a
 * missing grant shows up on this machine, not first on AWS.
 */
export function scopedObjectStore(store: ObjectStore, stage: StageDefinition, buckets: Readonly<Record<BucketRole, string>>): ObjectStore {
  return {
    get: (bucket, key) => store.get(bucket, key),
    async put(bucket, key, body, contentType) {
      const role = (Object.keys(buckets) as BucketRole[]).find((r) => buckets[r] === bucket);
      if (!role || !stageMayWrite(stage, role, key)) {
        const allowed = stage.targets.map((t) => `${buckets[t.bucket]}/${t.keyPattern}`).join(', ');
        throw new Error(`AccessDenied: the ${stage.name} stage may not write s3://${bucket}/${key}; its policy allows only ${allowed} (add a target to lib/pipeline/stages.ts)`);
      }
      await store.put(bucket, key, body, contentType);
    },
  };
}
