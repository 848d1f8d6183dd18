/**
 * The buckets as the web API reaches them for one user, over the S3 API: presigned PUTs into the
 * input bucket and GETs out of the output bucket (AWS S3 or the embedded local server alike).
 */
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_MAX_BYTES } from '../lib/text/decode.js';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DownloadOptions, UserStorage } from '../lib/web/job-view.js';
import { s3ObjectStore } from './object-store.js';
import { LOCAL_CREDENTIALS } from './s3-client.js';
import type { SessionCredentials } from './web-credentials.js';

export interface WebBuckets {
  readonly input: string;
  readonly output: string;
}

export interface WebS3ClientOptions {
  /** A local S3-compatible server; omit for AWS. */
  readonly endpoint?: string;
  readonly region?: string;
  /** The user's scoped credentials; default the function's own (or, locally, the local ones). */
  readonly credentials?: SessionCredentials;
}

/**
 * An S3 client to presign with. Checksums only where S3 requires them: by default the SDK signs a
 * CRC32 of the (empty) body into every presigned PUT, and S3 then refuses the real upload.
 */
export function createWebS3Client(options: WebS3ClientOptions = {}): S3Client {
  const checksums = { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } as const;
  if (!options.endpoint) return new S3Client({ ...checksums, ...(options.region ? { region: options.region } : {}), ...(options.credentials ? { credentials: options.credentials } : {}) });
  return new S3Client({ ...checksums, endpoint: options.endpoint, region: options.region ?? 'us-east-1', forcePathStyle: true, credentials: options.credentials ?? LOCAL_CREDENTIALS });
}

/** RFC 6266 / 5987: an ASCII fallback name and the exact UTF-8 name, so every browser saves it right. */
export function contentDisposition(disposition: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/**
 * A {@link UserStorage} over `client` (from {@link createWebS3Client}; on AWS with credentials
 * scoped to the user, see web-credentials.ts).
 */
export function s3UserStorage(client: S3Client, buckets: WebBuckets): UserStorage {
  const store = s3ObjectStore(client);
  return {
    presignUpload(key, { contentType, bytes, expiresIn }) {
      const command = new PutObjectCommand({ Bucket: buckets.input, Key: key, ContentType: contentType, ContentLength: bytes });
      // Signing both headers makes S3 refuse any other type or size, so the size limit holds in the signature.
      return getSignedUrl(client, command, { expiresIn, signableHeaders: new Set(['content-type', 'content-length']) });
    },
    presignDownload(key, { fileName, disposition, contentType, expiresIn }: DownloadOptions) {
      const command = new GetObjectCommand({ Bucket: buckets.output, Key: key, ResponseContentDisposition: contentDisposition(disposition, fileName), ResponseContentType: contentType });
      return getSignedUrl(client, command, { expiresIn });
    },
    async readOutput(key) {
      return (await store.get(buckets.output, key))?.body;
    },
    async listInput(prefix) {
      return (await store.list(buckets.input, prefix, { recursive: true })).map((object) => object.key);
    },
    async readInput(key) {
      return (await store.get(buckets.input, key, { maxBytes: DEFAULT_MAX_BYTES }))?.body;
    },
    async writeInput(key, body, contentType) {
      await store.put(buckets.input, key, body, contentType);
    },
    presignInputDownload(key, { fileName, expiresIn }) {
      const command = new GetObjectCommand({ Bucket: buckets.input, Key: key, ResponseContentDisposition: contentDisposition('inline', fileName), ResponseContentType: 'application/octet-stream' });
      return getSignedUrl(client, command, { expiresIn });
    },
    async reannounceInput(key) {
      const object = await store.head(buckets.input, key);
      if (!object) return;
      // The chain names an upload by its last-modified second and ETag: a copy within the same
      // second as the upload would be the same version, and the chain would not convert it again.
      const wait = (Math.floor(object.lastModified.getTime() / 1000) + 1) * 1000 - Date.now();
      if (wait > 0) await sleep(wait + 20);
      await client.send(
        new CopyObjectCommand({
          Bucket: buckets.input,
          Key: key,
          CopySource: `${buckets.input}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
          // S3 refuses a copy onto itself that changes nothing: the metadata is replaced (the same type).
          MetadataDirective: 'REPLACE',
          ContentType: 'text/plain; charset=utf-8',
          Metadata: { 'report-press-announced': new Date().toISOString() },
        }),
      );
    },
  };
}
