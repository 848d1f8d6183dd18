import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CopyObjectCommand, DeleteObjectsCommand, HeadObjectCommand, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3, type ObjectChange } from '../../cli/local-s3.js';
import { atomicFilesystemStore, OutsideStoreError } from '../../cli/s3rver-store.js';
import { createS3Client } from '../../functions/s3-client.js';
import { getBytes, getBytesIfAny, listKeys, putObject } from './s3-helpers.js';
import { sendRaw, sendSigned, signedHeaders } from './signed-requests.js';

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

  it('lists a folder of more than 1,000 keys page by page, as S3 does, and counts each page as a request', async () => {
    // prepare: 1,001 objects, one more than a page holds
    const keys = Array.from({ length: 1001 }, (_, i) => `paged/${String(i).padStart(4, '0')}.pdf`);
    for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((key) => putObject(client, 'work', key, key)));
    const before = s3.requestCounts();
    // act
    const listed = await listKeys(client, 'work', 'paged/');
    // assert
    expect(listed).toEqual(keys);
    const after = s3.requestCounts();
    expect(after.operations.LIST - before.operations.LIST).toBe(2);
    expect(after.listedKeys - before.listedKeys).toBe(1001);
  });

  it('gives an object copied onto itself the time of the copy, as S3 does, and announces it', async () => {
    // prepare
    await putObject(client, 'input', 'again/report.txt', '正文');
    const before = await client.send(new HeadObjectCommand({ Bucket: 'input', Key: 'again/report.txt' }));
    await new Promise((resolveWait) => setTimeout(resolveWait, 1100));
    changes.length = 0;
    // act
    await client.send(new CopyObjectCommand({ Bucket: 'input', Key: 'again/report.txt', CopySource: 'input/again/report.txt', MetadataDirective: 'REPLACE', ContentType: 'text/plain' }));
    const after = await client.send(new HeadObjectCommand({ Bucket: 'input', Key: 'again/report.txt' }));
    // assert
    expect(after.LastModified!.getTime()).toBeGreaterThan(before.LastModified!.getTime());
    expect(after.ETag).toBe(before.ETag);
    expect(changes.map((c) => [c.type, c.key])).toEqual([['created', 'again/report.txt']]);
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

describe('the embedded S3 server keeps writes inside its folder and strangers out', () => {
  /** A folder beside the data folder, and the key that reaches it from the input bucket's folder by "../". */
  function outsideFolder(): { folder: string; escape: (name: string) => string } {
    const folder = mkdtempSync(join(tmpdir(), 'report-press-outside-'));
    return { folder, escape: (name) => `../../${basename(folder)}/${name}` };
  }

  it('refuses the form POST of issue 21 (key=../../…) and writes nothing outside the data folder', async () => {
    // prepare: curl -F 'key=../../…/x.txt' -F file=@samples/compilation.txt http://127.0.0.1:4568/input
    const outside = outsideFolder();
    const form = new FormData();
    form.append('key', outside.escape('x.txt'));
    form.append('file', new Blob([readFileSync(join(process.cwd(), 'samples', 'compilation.txt'))]), 'compilation.txt');
    // act
    const response = await fetch(`${s3.endpoint}/input`, { method: 'POST', body: form });
    // assert
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
    expect(readdirSync(outside.folder)).toEqual([]);
    rmSync(outside.folder, { recursive: true, force: true });
  });

  it('refuses a signed PUT whose key leaves the bucket, and writes nothing outside the data folder', async () => {
    // prepare
    const outside = outsideFolder();
    // act
    const response = await sendSigned(s3.endpoint, { method: 'PUT', path: `/input/${encodeURIComponent(outside.escape('y.txt'))}`, body: 'written outside' });
    // assert
    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>InvalidArgument</Code>');
    expect(readdirSync(outside.folder)).toEqual([]);
    rmSync(outside.folder, { recursive: true, force: true });
  });

  it('refuses a multi-object delete naming a key outside the bucket, even spelled in entities s3rver decodes', async () => {
    // prepare: a file where s3rver would look for the object "../../<outside>/victim"
    const outside = outsideFolder();
    writeFileSync(join(outside.folder, 'victim._S3rver_object'), 'a user file');
    const spelled = outside.escape('victim').replace(/\./g, '&period;');
    const body = `<Delete><Object><Key>${spelled}</Key></Object></Delete>`;
    // act
    const response = await sendSigned(s3.endpoint, { method: 'POST', path: '/input?delete', headers: { 'content-type': 'application/xml' }, body });
    // assert
    expect(response.status).toBe(400);
    expect(readdirSync(outside.folder)).toEqual(['victim._S3rver_object']);
    rmSync(outside.folder, { recursive: true, force: true });
  });

  it('refuses a copy whose source lies outside the bucket', async () => {
    // prepare
    const outside = outsideFolder();
    writeFileSync(join(outside.folder, 'secret._S3rver_object'), 'a user file');
    // act
    const response = await sendSigned(s3.endpoint, { method: 'PUT', path: '/input/copied.txt', headers: { 'x-amz-copy-source': `input/${outside.escape('secret')}` } });
    // assert
    expect(response.status).toBe(400);
    expect(await getBytesIfAny(client, 'input', 'copied.txt')).toBeUndefined();
    rmSync(outside.folder, { recursive: true, force: true });
  });

  it('has a store that itself refuses a bucket, key or upload path outside its folder, should a name get past the HTTP layer', () => {
    // prepare
    const Store = atomicFilesystemStore();
    const store = new Store(dataDir);
    // act
    const attempts = [() => store.getResourcePath('input', '../../../tmp/x', 'object'), () => store.getBucketPath('../outside'), () => store.getResourcePath('input', 'a/../../b', 'object')];
    // assert
    for (const attempt of attempts) expect(attempt).toThrow(OutsideStoreError);
    expect(store.getResourcePath('input', '2024/a..b/..txt', 'object')).toBe(join(dataDir, 'input', '2024', 'a..b', '..txt._S3rver_object'));
  });

  it('refuses a request with no signature, a wrong signature or another key pair, and stores nothing', async () => {
    // prepare
    const put = (name: string) => ({ method: 'PUT', path: `/input/strangers/${name}`, body: 'hello' });
    const signed = await signedHeaders(s3.endpoint, put('wrong.txt'));
    // act
    const unsigned = await sendRaw(s3.endpoint, put('unsigned.txt'));
    const wrong = await sendRaw(s3.endpoint, { ...put('wrong.txt'), headers: { ...signed, authorization: signed.authorization!.replace(/Signature=[0-9a-f]/, (s) => (s.endsWith('0') ? `${s.slice(0, -1)}1` : `${s.slice(0, -1)}0`)) } });
    const otherKeys = await sendSigned(s3.endpoint, put('other.txt'), { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'any' } });
    // assert
    expect([unsigned.status, wrong.status, otherKeys.status]).toEqual([403, 403, 403]);
    expect(unsigned.body).toContain('<Code>AccessDenied</Code>');
    expect(wrong.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(otherKeys.body).toContain('<Code>InvalidAccessKeyId</Code>');
    expect(await listKeys(client, 'input', 'strangers/')).toEqual([]);
  });

  it('answers only as 127.0.0.1 or localhost, so a page on a rebound DNS name cannot list the outputs', async () => {
    // prepare
    const port = new URL(s3.endpoint).port;
    await putObject(client, 'output', 'rebinding/manifest.json', '{}');
    const list = (host: string) => sendSigned(s3.endpoint, { method: 'GET', path: '/output?list-type=2&prefix=rebinding%2F', headers: { host } });
    // act: signed as a page could sign it, knowing the local key pair
    const rebound = await list(`evil.example:${port}`);
    const local = await list(`localhost:${port}`);
    // assert
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('<Code>AccessDenied</Code>');
    expect(rebound.body).not.toContain('manifest.json');
    expect(local.status).toBe(200);
    expect(local.body).toContain('rebinding/manifest.json');
  });

  it('refuses a request from a web page at another origin, signed or not', async () => {
    // act
    const response = await sendSigned(s3.endpoint, { method: 'PUT', path: '/input/cross-site.txt', headers: { origin: 'https://evil.example' }, body: 'hello' });
    // assert
    expect(response.status).toBe(403);
    expect(response.body).toContain('<Code>AccessDenied</Code>');
    expect(await getBytesIfAny(client, 'input', 'cross-site.txt')).toBeUndefined();
  });

  it('refuses a body that does not hash to the signed x-amz-content-sha256, and keeps the object it would replace', async () => {
    // prepare
    await putObject(client, 'output', 'hashed/status.json', 'v1');
    const signed = await signedHeaders(s3.endpoint, { method: 'PUT', path: '/output/hashed/status.json', body: 'v2' });
    // act: the signed headers, another body of the same length
    const response = await sendRaw(s3.endpoint, { method: 'PUT', path: '/output/hashed/status.json', headers: signed, body: 'v3' });
    // assert
    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
    expect(new TextDecoder().decode(await getBytes(client, 'output', 'hashed/status.json'))).toBe('v1');
  });
});
