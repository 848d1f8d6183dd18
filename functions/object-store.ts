/**
 * The storage the handlers need, behind a small interface so the same handler code runs against
 * AWS S3, the embedded local server, or anything else S3-shaped.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

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
