import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PayloadSigning, verifyRequestSignature, type SignedRequest } from '../../../cli/sigv4-verifier.js';

// The worked examples of the Amazon S3 API Reference ("Signature Calculations for the Authorization
// Header", "Query String Authentication", "Transferring Payload in Multiple Chunks"): their key pair,
// their time, their requests and the signatures AWS gives for them.
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const now = new Date(Date.UTC(2013, 4, 24, 0, 0, 0));
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const authorization = (signedHeaders: string, signature: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=${signedHeaders},Signature=${signature}`;

const getObject: SignedRequest = {
  method: 'GET',
  url: '/test.txt',
  headers: {
    host: 'examplebucket.s3.amazonaws.com',
    range: 'bytes=0-9',
    'x-amz-content-sha256': EMPTY,
    'x-amz-date': '20130524T000000Z',
    authorization: authorization('host;range;x-amz-content-sha256;x-amz-date', 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41'),
  },
};
const putObject: SignedRequest = {
  method: 'PUT',
  url: '/test%24file.text',
  headers: {
    host: 'examplebucket.s3.amazonaws.com',
    date: 'Fri, 24 May 2013 00:00:00 GMT',
    'x-amz-storage-class': 'REDUCED_REDUNDANCY',
    'x-amz-content-sha256': sha256('Welcome to Amazon S3.'),
    'x-amz-date': '20130524T000000Z',
    authorization: authorization('date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class', '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd'),
  },
};
const getLifecycle: SignedRequest = {
  method: 'GET',
  url: '/?lifecycle',
  headers: { host: 'examplebucket.s3.amazonaws.com', 'x-amz-content-sha256': EMPTY, 'x-amz-date': '20130524T000000Z', authorization: authorization('host;x-amz-content-sha256;x-amz-date', 'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543') },
};
const listObjects: SignedRequest = {
  method: 'GET',
  url: '/?max-keys=2&prefix=J',
  headers: { host: 'examplebucket.s3.amazonaws.com', 'x-amz-content-sha256': EMPTY, 'x-amz-date': '20130524T000000Z', authorization: authorization('host;x-amz-content-sha256;x-amz-date', '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7') },
};
const presignedGet: SignedRequest = {
  method: 'GET',
  url: '/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
  headers: { host: 'examplebucket.s3.amazonaws.com' },
};
const chunkedPut: SignedRequest = {
  method: 'PUT',
  url: '/examplebucket/chunkObject.txt',
  headers: {
    host: 's3.amazonaws.com',
    'x-amz-date': '20130524T000000Z',
    'x-amz-storage-class': 'REDUCED_REDUNDANCY',
    'content-encoding': 'aws-chunked',
    'content-length': '66824',
    'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    'x-amz-decoded-content-length': '66560',
    authorization: authorization(
      'content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class',
      '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
    ),
  },
};
const documentedChunks = [
  { signature: 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648', sha256: sha256(Buffer.alloc(65536, 'a')) },
  { signature: '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497', sha256: sha256(Buffer.alloc(1024, 'a')) },
  { signature: 'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9', sha256: EMPTY },
];

const verify = (request: SignedRequest, at = now) => verifyRequestSignature(request, { credentials, now: at });
const withHeaders = (request: SignedRequest, headers: Record<string, string | undefined>): SignedRequest => ({ ...request, headers: { ...request.headers, ...headers } });
/** The signature with its last hex digit changed. */
const offByOne = (request: SignedRequest): SignedRequest =>
  withHeaders(request, { authorization: String(request.headers.authorization).replace(/.$/, (c) => (c === '0' ? '1' : '0')) });

describe('SigV4 verification against the AWS documentation examples', () => {
  it.each([
    ['a GET with a Range header', getObject, PayloadSigning.Hashed],
    ['a PUT whose body hash is signed', putObject, PayloadSigning.Hashed],
    ['a sub-resource (?lifecycle)', getLifecycle, PayloadSigning.Hashed],
    ['a query string (?max-keys=2&prefix=J)', listObjects, PayloadSigning.Hashed],
    ['a presigned URL', presignedGet, PayloadSigning.Unsigned],
    ['a streamed upload with signed chunks', chunkedPut, PayloadSigning.StreamingSigned],
  ])('accepts %s with the signature AWS gives for it', async (_what, request, payload) => {
    const check = await verify(request);

    expect(check.refused).toBeUndefined();
    expect(check.verified?.payload).toBe(payload);
  });

  it('accepts the documented chain of chunk signatures, and refuses it with any chunk changed or unsigned', async () => {
    const { verified } = await verify(chunkedPut);
    const changed = documentedChunks.map((chunk, i) => (i === 1 ? { ...chunk, sha256: sha256(Buffer.alloc(1024, 'b')) } : chunk));
    const unsigned = documentedChunks.map((chunk, i) => (i === 2 ? { sha256: chunk.sha256 } : chunk));

    expect(verified?.verifyChunks(documentedChunks, {})).toBeUndefined();
    expect(verified?.verifyChunks(changed, {})?.code).toBe('SignatureDoesNotMatch');
    expect(verified?.verifyChunks(unsigned, {})?.code).toBe('SignatureDoesNotMatch');
    expect(verified?.verifyChunks(documentedChunks, { 'x-amz-trailer-signature': '0'.repeat(64) })?.code).toBe('SignatureDoesNotMatch');
  });

  it('gives the hash a signed body must have', async () => {
    const check = await verify(putObject);

    expect(check.verified?.payloadSha256).toBe(sha256('Welcome to Amazon S3.'));
  });
});

describe('SigV4 refusals', () => {
  it.each([
    ['a header signature one digit off', offByOne(getObject)],
    ['a signed header changed after signing', withHeaders(getObject, { range: 'bytes=0-99' })],
    ['another path', { ...getObject, url: '/other.txt' }],
    ['another method', { ...putObject, method: 'POST' }],
    ['a presigned URL used for another key', { ...presignedGet, url: presignedGet.url.replace('/test.txt', '/secret.txt') }],
    ['a presigned URL with a query parameter added', { ...presignedGet, url: `${presignedGet.url}&prefix=x` }],
  ])('refuses %s with 403 SignatureDoesNotMatch', async (_what, request) => {
    const check = await verify(request);

    expect(check.refused).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses a request signed with another secret for the same access key', async () => {
    const check = await verifyRequestSignature(getObject, { credentials: { ...credentials, secretAccessKey: 'another secret' }, now });

    expect(check.refused).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses a request with no signature at all, saying which credentials to sign with', async () => {
    const check = await verify({ method: 'PUT', url: '/input/a.txt', headers: { host: 'examplebucket.s3.amazonaws.com' } });

    expect(check.refused).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(check.refused?.message).toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('refuses another access key with 403 InvalidAccessKeyId', async () => {
    const check = await verifyRequestSignature(getObject, { credentials: { accessKeyId: 'report-press', secretAccessKey: 'report-press' }, now });

    expect(check.refused).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
  });

  it('refuses Signature Version 2, in the header and in the query', async () => {
    const header = await verify(withHeaders(getObject, { authorization: 'AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=' }));
    const query = await verify({ method: 'GET', url: '/test.txt?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1369353600&Signature=x', headers: { host: 'examplebucket.s3.amazonaws.com' } });

    expect(header.refused).toMatchObject({ status: 400, code: 'InvalidRequest' });
    expect(query.refused).toMatchObject({ status: 400, code: 'InvalidRequest' });
  });

  it('refuses a header-signed request more than 15 minutes from the clock, and a presigned URL after it expired', async () => {
    const skewed = await verify(getObject, new Date(now.getTime() + 16 * 60_000));
    const expired = await verify(presignedGet, new Date(now.getTime() + 86_401_000));

    expect(skewed.refused).toMatchObject({ status: 403, code: 'RequestTimeTooSkewed' });
    expect(expired.refused).toMatchObject({ status: 403, code: 'AccessDenied', message: 'Request has expired' });
  });

  it('refuses an x-amz-* header the signature does not cover', async () => {
    const check = await verify(withHeaders(getObject, { 'x-amz-copy-source': 'examplebucket/other.txt' }));

    expect(check.refused).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(check.refused?.message).toContain('x-amz-copy-source');
  });

  it('refuses a request signed both ways at once', async () => {
    const check = await verify({ ...presignedGet, headers: { ...presignedGet.headers, authorization: getObject.headers.authorization } });

    expect(check.refused).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });
});
