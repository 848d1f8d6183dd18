import { describe, expect, it } from 'vitest';
import { checkRequestTarget, objectKeyProblem } from '../../../cli/s3-request-target.js';

describe('object keys the embedded S3 server stores', () => {
  it.each(['report.txt', '2024 年度/述职 报告.txt', '..txt', '...txt', 'a/.hidden', 'a/..b/c', 'a+b', 'users/local/1/%2e%2e.txt', 'x'.repeat(1024)])('takes %s, which names itself', (key) => {
    expect(objectKeyProblem(key)).toBeUndefined();
  });

  it.each([
    ['', 'empty'],
    ['..', '".." path segment'],
    ['../x', '".." path segment'],
    ['a/../../../tmp/x', '".." path segment'],
    ['a/..', '".." path segment'],
    ['./a', '"." path segment'],
    ['a/./b', '"." path segment'],
    ['a//b', 'empty path segment'],
    ['a/', 'empty path segment'],
    ['/etc/passwd', 'starts with "/"'],
    ['a\\..\\b', 'backslash'],
    ['a\0b', 'NUL'],
    ['长'.repeat(342), 'longer than 1024 bytes'],
  ])('refuses %j: %s', (key, problem) => {
    expect(objectKeyProblem(key)).toContain(problem);
  });
});

describe('the target of a request, read as s3rver reads it', () => {
  it('decodes the key as s3rver’s router does: percent-escapes are bytes of UTF-8, + is itself', () => {
    const { target } = checkRequestTarget('/input/2024%20%E5%B9%B4%E5%BA%A6/a+b.txt?x-id=PutObject', {});

    expect(target).toEqual({ bucket: 'input', key: '2024 年度/a+b.txt', query: [['x-id', 'PutObject']] });
  });

  it.each([
    ['an encoded ../ in the key', '/input/..%2F..%2F..%2Ftmp%2Fpwn%2Fx.txt', 'InvalidArgument'],
    ['a raw ../ in the key', '/input/../../tmp/pwn/x.txt', 'InvalidArgument'],
    ['an encoded dot segment', '/input/a/%2e%2e/%2E%2E/x', 'InvalidArgument'],
    ['an empty segment', '/input/a//b', 'InvalidArgument'],
    ['a bucket of ..', '/../input/x', 'InvalidBucketName'],
    ['a bucket with an encoded slash', '/..%2F..%2Ftmp/x', 'InvalidBucketName'],
    ['an absolute-form target', 'http://127.0.0.1:4568/input/x', 'InvalidURI'],
    ['a broken percent-escape', '/input/%E5%B9', 'InvalidURI'],
  ])('refuses %s before anything touches the disk', (_what, url, code) => {
    const { refused } = checkRequestTarget(url, {});

    expect(refused).toMatchObject({ status: 400, code });
  });

  it('refuses upload ids and part numbers s3rver would join into a path', () => {
    const upload = checkRequestTarget('/input/a.txt?uploadId=..%2F..%2Fx&partNumber=1', {});
    const part = checkRequestTarget('/input/a.txt?uploadId=0123456789abcdef0123456789abcdef&partNumber=..%2Fx', {});
    const fine = checkRequestTarget('/input/a.txt?uploadId=0123456789abcdef0123456789abcdef&partNumber=3', {});

    expect(upload.refused?.code).toBe('NoSuchUpload');
    expect(part.refused?.code).toBe('InvalidArgument');
    expect(fine.refused).toBeUndefined();
  });

  it('refuses a copy source outside its bucket, in the header and in the query (s3rver reads both)', () => {
    const header = checkRequestTarget('/input/copy.txt', { 'x-amz-copy-source': '/input/../../../etc/passwd' });
    const query = checkRequestTarget('/input/copy.txt?X-Amz-Copy-Source=input%2F..%2F..%2Fetc%2Fpasswd', {});
    const fine = checkRequestTarget('/input/copy.txt', { 'x-amz-copy-source': '/input/2024/a%20b.txt' });

    expect(header.refused?.code).toBe('InvalidArgument');
    expect(query.refused?.code).toBe('InvalidArgument');
    expect(fine.refused).toBeUndefined();
  });
});
