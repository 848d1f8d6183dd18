import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3, type StoredObject } from '../../cli/local-s3.js';
import { LOCAL_CREDENTIALS } from '../../functions/s3-client.js';
import { getBytes } from './s3-helpers.js';
import { sendRaw, signedChunks, signedHeaders, signingKey, type RawResponse } from './signed-requests.js';

const text = '述职报告\n\n一、工作回顾\n（一）强化理论武装。认真学习习近平新时代中国特色社会主义思想，*公司全年召开x次会议。\n';
const bytes = Buffer.from(text, 'utf8');
const bucket = 'input';

let dataDir: string;
let s3: LocalS3;
/** Configured as a user's default AWS SDK is: streamed uploads are sent aws-chunked with a CRC32 trailer. */
let defaultClient: S3Client;
/** Checksums only where required: plain bodies, the behaviour the dev server always supported. */
let plainClient: S3Client;
const created: StoredObject[] = [];

function client(checksums: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED'): S3Client {
  return new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    requestChecksumCalculation: checksums,
    responseChecksumValidation: checksums,
    credentials: LOCAL_CREDENTIALS,
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'report-press-aws-chunked-'));
  s3 = await startLocalS3({ port: 0, dir: dataDir });
  s3.onObjectCreated((object) => created.push(object));
  defaultClient = client('WHEN_SUPPORTED');
  plainClient = client('WHEN_REQUIRED');
});

afterAll(async () => {
  defaultClient?.destroy();
  plainClient?.destroy();
  await s3?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function put(with_: S3Client, key: string, body: PutObjectCommandInput['Body'], contentLength?: number): Promise<void> {
  await with_.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: contentLength, ContentType: 'text/plain; charset=utf-8' }));
}

/** What a raw HTTP PUT of `body` with `headers`, signed with the local credentials, gets back from the server. */
async function rawPut(key: string, headers: Record<string, string>, body: Buffer): Promise<RawResponse> {
  const raw = { method: 'PUT', path: `/${bucket}/${encodeURIComponent(key)}`, headers, body };
  const signed = await signedHeaders(s3.endpoint, raw, { payloadHash: headers['x-amz-content-sha256'] });
  return sendRaw(s3.endpoint, { ...raw, headers: signed });
}

/** A PUT of `pieces` as signed aws-chunked chunks, the seed signature the request's own; `tamper` changes the framed body after signing. */
async function signedChunkedPut(key: string, pieces: Buffer[], tamper: (framed: Buffer) => Buffer = (framed) => framed): Promise<RawResponse> {
  const payload = Buffer.concat(pieces);
  // The chunk framing's length is known before signing: sizes in hex, 81 bytes of ";chunk-signature=…\r\n", data, CRLF.
  const framedLength = [...pieces, Buffer.alloc(0)].reduce((sum, piece) => sum + piece.length.toString(16).length + 17 + 64 + 2 + piece.length + 2, 0);
  const raw = {
    method: 'PUT',
    path: `/${bucket}/${encodeURIComponent(key)}`,
    headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(payload.length), 'content-length': String(framedLength) },
  };
  const headers = await signedHeaders(s3.endpoint, raw, { payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' });
  const amzDate = headers['x-amz-date']!;
  const signature = /Signature=([0-9a-f]{64})/.exec(headers.authorization!)![1]!;
  const framed = tamper(signedChunks(pieces, { signature, amzDate, key: signingKey(LOCAL_CREDENTIALS.secretAccessKey, amzDate.slice(0, 8)) }));
  return sendRaw(s3.endpoint, { ...raw, headers: { ...headers, 'content-length': String(framed.length) }, body: framed });
}

function crc32Base64(payload: Buffer): string {
  const value = Buffer.alloc(4);
  value.writeUInt32BE(crc32(payload) >>> 0);
  return value.toString('base64');
}

describe('uploads with the AWS SDK default checksums', () => {
  it('stores a streamed upload as the bytes sent, not the aws-chunked framing', async () => {
    await put(defaultClient, 'stream/报告.txt', Readable.from([bytes]), bytes.length);

    const stored = await getBytes(plainClient, bucket, 'stream/报告.txt');

    expect(Buffer.from(stored).equals(bytes)).toBe(true);
  });

  it('stores a stream that the SDK frames as several chunks, split inside Chinese characters', async () => {
    const large = Buffer.from(text.repeat(2000), 'utf8');
    const pieces = [large.subarray(0, 1), large.subarray(1, 70_001), large.subarray(70_001)];

    await put(defaultClient, 'stream/large.txt', Readable.from(pieces), large.length);
    const stored = await getBytes(plainClient, bucket, 'stream/large.txt');

    expect(Buffer.from(stored).equals(large)).toBe(true);
  });

  it('stores Buffer and string bodies, which the SDK sends with the checksum in a header', async () => {
    await put(defaultClient, 'buffer.txt', bytes);
    await put(defaultClient, 'string.txt', text);

    const fromBuffer = await getBytes(plainClient, bucket, 'buffer.txt');
    const fromString = await getBytes(plainClient, bucket, 'string.txt');

    expect(Buffer.from(fromBuffer).equals(bytes)).toBe(true);
    expect(Buffer.from(fromString).equals(bytes)).toBe(true);
  });

  it('keeps no trace of aws-chunked in the stored object: size, length and encoding are the payload’s', async () => {
    await put(defaultClient, 'head.txt', Readable.from([bytes]), bytes.length);

    const head = await plainClient.send(new HeadObjectCommand({ Bucket: bucket, Key: 'head.txt' }));
    const event = created.find((object) => object.key === 'head.txt');

    expect(head.ContentLength).toBe(bytes.length);
    expect(head.ContentEncoding).toBeUndefined();
    expect(head.ContentType).toBe('text/plain; charset=utf-8');
    expect(event?.size).toBe(bytes.length);
  });

  it('serves the object back to a client that validates response checksums by default', async () => {
    await put(defaultClient, 'roundtrip.txt', Readable.from([bytes]), bytes.length);

    const response = await defaultClient.send(new GetObjectCommand({ Bucket: bucket, Key: 'roundtrip.txt' }));

    expect(await response.Body?.transformToString('utf-8')).toBe(text);
  });
});

describe('uploads with checksums only when required', () => {
  it('stores streamed and Buffer bodies unchanged, as before', async () => {
    await put(plainClient, 'plain/stream.txt', Readable.from([bytes]), bytes.length);
    await put(plainClient, 'plain/buffer.txt', bytes);

    const streamed = await getBytes(plainClient, bucket, 'plain/stream.txt');
    const buffered = await getBytes(plainClient, bucket, 'plain/buffer.txt');

    expect(Buffer.from(streamed).equals(bytes)).toBe(true);
    expect(Buffer.from(buffered).equals(bytes)).toBe(true);
  });
});

describe('aws-chunked uploads from other clients', () => {
  it('stores a body with signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), as the AWS CLI and older SDKs send it', async () => {
    const response = await signedChunkedPut('signed.txt', [bytes.subarray(0, 10), bytes.subarray(10)]);
    const stored = await getBytes(plainClient, bucket, 'signed.txt');

    expect(response.status).toBe(200);
    expect(Buffer.from(stored).equals(bytes)).toBe(true);
  });

  it('refuses signed chunks whose data was changed after signing with 403 SignatureDoesNotMatch, and stores nothing', async () => {
    // One byte of the first chunk's data changed: same framing, same length, a chain that no longer holds.
    const flipped = (framed: Buffer) => {
      const copy = Buffer.from(framed);
      const at = copy.indexOf('\r\n') + 2;
      copy[at] = copy[at]! ^ 1;
      return copy;
    };

    const response = await signedChunkedPut('tampered.txt', [bytes.subarray(0, 10), bytes.subarray(10)], flipped);
    const head = plainClient.send(new HeadObjectCommand({ Bucket: bucket, Key: 'tampered.txt' }));

    expect(response.status).toBe(403);
    expect(response.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    await expect(head).rejects.toThrow();
  });

  it('answers a malformed body with 400 and stores nothing', async () => {
    const response = await rawPut('malformed.txt', { 'content-encoding': 'aws-chunked', 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' }, Buffer.from(`zz\r\n${text}\r\n0\r\n\r\n`));
    const head = plainClient.send(new HeadObjectCommand({ Bucket: bucket, Key: 'malformed.txt' }));

    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>InvalidRequest</Code>');
    expect(response.body).toContain('chunk size in hex');
    await expect(head).rejects.toThrow();
  });

  it('answers a body whose CRC32 trailer does not match with 400 BadDigest and stores nothing', async () => {
    const framed = Buffer.from(`${bytes.length.toString(16)}\r\n${text}\r\n0\r\nx-amz-checksum-crc32:${crc32Base64(Buffer.from('other'))}\r\n\r\n`);

    const response = await rawPut('corrupt.txt', { 'content-encoding': 'aws-chunked', 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-trailer': 'x-amz-checksum-crc32' }, framed);
    const head = plainClient.send(new HeadObjectCommand({ Bucket: bucket, Key: 'corrupt.txt' }));

    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>BadDigest</Code>');
    await expect(head).rejects.toThrow();
  });
});
