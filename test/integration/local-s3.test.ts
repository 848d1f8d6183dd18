import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectsCommand, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3, type ObjectChange } from '../../cli/local-s3.js';
import { createS3Client } from '../../functions/s3-client.js';
import { getBytes, listKeys, putObject } from './s3-helpers.js';

let dataDir: string;
let s3: LocalS3;
let client: S3Client;
const changes: ObjectChange[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'report-press-local-s3-'));
  s3 = await startLocalS3({ port: 0, dir: dataDir });
  s3.onObjectChange((change) => changes.push(change));
  client = createS3Client({ endpoint: s3.endpoint });
});

afterAll(async () => {
  client?.destroy();
  await s3?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The HTTP status a PUT ends with (200 when it was stored). */
async function putStatus(key: string, body: string, condition: { IfMatch?: string; IfNoneMatch?: string }): Promise<number> {
  try {
    await client.send(new PutObjectCommand({ Bucket: 'output', Key: key, Body: body, ...condition }));
    return 200;
  } catch (error) {
    if (error instanceof S3ServiceException) return error.$metadata.httpStatusCode ?? 0;
    throw error;
  }
}

describe('the embedded S3 server', () => {
  it('creates with If-None-Match: * only while the key is free, as S3 does', async () => {
    expect(await putStatus('cas/new.json', 'first', { IfNoneMatch: '*' })).toBe(200);
    expect(await putStatus('cas/new.json', 'second', { IfNoneMatch: '*' })).toBe(412);
    expect(new TextDecoder().decode(await getBytes(client, 'output', 'cas/new.json'))).toBe('first');
  });

  it('replaces with If-Match only the version whose ETag it names, and answers 404 for a missing key', async () => {
    const first = await client.send(new PutObjectCommand({ Bucket: 'output', Key: 'cas/status.json', Body: 'v1' }));

    expect(await putStatus('cas/status.json', 'v2', { IfMatch: first.ETag })).toBe(200);
    expect(await putStatus('cas/status.json', 'v3', { IfMatch: first.ETag })).toBe(412);
    expect(await putStatus('cas/never.json', 'v1', { IfMatch: first.ETag })).toBe(404);
    expect(new TextDecoder().decode(await getBytes(client, 'output', 'cas/status.json'))).toBe('v2');
  });

  it('lets exactly one of many simultaneous conditional creates win', async () => {
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => putStatus('cas/race.json', `writer ${i}`, { IfNoneMatch: '*' })));

    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(11);
  });

  it('never shows a reader half an object while it is rewritten', async () => {
    const versions = ['a', 'b'].map((c) => Buffer.alloc(3 * 1024 * 1024, c));
    await putObject(client, 'output', 'atomic/big.bin', versions[0]!);

    const reads: Buffer[] = [];
    await Promise.all([
      (async () => {
        for (let i = 1; i <= 6; i += 1) await putObject(client, 'output', 'atomic/big.bin', versions[i % 2]!);
      })(),
      (async () => {
        for (let i = 0; i < 12; i += 1) reads.push(Buffer.from(await getBytes(client, 'output', 'atomic/big.bin')));
      })(),
    ]);

    for (const read of reads) expect(versions.some((v) => v.equals(read))).toBe(true);
  });

  it('announces every key a multi-object delete removed (aws s3 rm --recursive), and no others', async () => {
    await putObject(client, 'input', 'batch/a & b.txt', 'a');
    await putObject(client, 'input', 'batch/c.txt', 'c');
    changes.length = 0;

    await client.send(new DeleteObjectsCommand({ Bucket: 'input', Delete: { Objects: [{ Key: 'batch/a & b.txt' }, { Key: 'batch/c.txt' }, { Key: 'batch/never.txt' }] } }));

    expect(await listKeys(client, 'input', 'batch/')).toEqual([]);
    expect(changes.map((c) => [c.type, c.key]).sort()).toEqual([
      ['removed', 'batch/a & b.txt'],
      ['removed', 'batch/c.txt'],
    ]);
  });

  it('forgets what a killed process left half-written', async () => {
    await putObject(client, 'output', 'killed/kept.txt', 'kept');
    const folder = join(dataDir, 'output', 'killed');
    writeFileSync(join(folder, 'half.pdf._S3rver_object.4242-1.partial'), 'half of a document');
    await s3.close();

    s3 = await startLocalS3({ port: 0, dir: dataDir });
    client.destroy();
    client = createS3Client({ endpoint: s3.endpoint });

    expect(await listKeys(client, 'output', 'killed/')).toEqual(['killed/kept.txt']);
    expect(readdirSync(folder).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});
