// Helpers for tests that talk to the embedded S3 server through the real SDK client.
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Every key in `bucket` (optionally under `prefix`), sorted. */
export async function listKeys(client: S3Client, bucket: string, prefix?: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key as string));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

/** Every object in `bucket` under `prefix` with its size and ETag (bare), in key order. */
export async function listObjects(client: S3Client, bucket: string, prefix?: string): Promise<{ key: string; size: number; etag: string }[]> {
  const objects: { key: string; size: number; etag: string }[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    objects.push(...(page.Contents ?? []).map((o) => ({ key: o.Key as string, size: o.Size ?? 0, etag: (o.ETag ?? '').replace(/"/g, '') })));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects.sort((a, b) => (a.key < b.key ? -1 : 1));
}

export async function getBytes(client: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await response.Body?.transformToByteArray()) ?? new Uint8Array();
}

export async function getJson<T = unknown>(client: S3Client, bucket: string, key: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await getBytes(client, bucket, key))) as T;
}

/** The object's LastModified: the date the chain gives its documents. */
export async function lastModifiedOf(client: S3Client, bucket: string, key: string): Promise<Date> {
  const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return head.LastModified as Date;
}

export async function putObject(client: S3Client, bucket: string, key: string, body: Uint8Array | string): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

/** Polls `check` until it returns a value other than `undefined`, or fails after `timeoutMs`. */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}


/** The object's bytes, or undefined when the key does not exist. */
export async function getBytesIfAny(client: S3Client, bucket: string, key: string): Promise<Uint8Array | undefined> {
  try {
    return await getBytes(client, bucket, key);
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
    throw error;
  }
}

/** A compilation of `reports` short reports, different for every `variant`, that split finds one by one. */
export function compilation(reports: number, variant: string): string {
  return Array.from({ length: reports }, (_, i) =>
    [
      `关于${variant}第${i + 1}项重点工作推进情况的报告`,
      '一、工作进展',
      `今年以来，我们围绕${variant}第${i + 1}项重点任务，细化措施、压实责任，完成了年度目标的${(i % 9) + 1}成。`,
      '二、存在问题',
      '部分环节衔接不够紧密，基层力量仍需加强。',
      '三、下一步打算',
      '继续强化统筹调度，确保各项任务按期完成。',
    ].join('\n'),
  ).join('\n\n');
}
