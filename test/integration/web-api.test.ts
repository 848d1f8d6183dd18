import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../cli/dev-server.js';
import { startLocalS3, type LocalS3 } from '../../cli/local-s3.js';
import { createWebApiHandler, type WebApiHandler } from '../../functions/web-api.js';
import { BucketEnv, S3_ENDPOINT_ENV } from '../../functions/environment.js';
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { userCredentials } from '../../functions/web-credentials.js';
import { createWebS3Client, s3UserStorage } from '../../functions/web-storage.js';
import { JobViewState, WebApiEnv, WebErrorCode, type JobView, type UploadGrant, type WebConfig } from '../../lib/web/api-contract.js';
import { STSClient } from '@aws-sdk/client-sts';
import { pollUntil } from './s3-helpers.js';
import { sendRaw } from './signed-requests.js';
import { gatewayEvent } from '../support/gateway-event.js';

const SEED = join(process.cwd(), 'test', 'fixtures', 'seeds', '000_51d4175613d3e64f.txt');

let work: string;
let dev: DevServer;
let token: string;
let base: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'report-press-web-api-'));
  dev = await startDevServer({ port: 0, dir: join(work, 'data'), web: { port: 0 }, log: () => {} });
  base = dev.web!.url.replace(/\/$/, '');
  token = dev.web!.token;
});

afterAll(async () => {
  await dev?.close();
  rmSync(work, { recursive: true, force: true });
});

const authorised = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });

async function askUpload(body: unknown, headers: Record<string, string> = authorised()): Promise<Response> {
  return fetch(`${base}/api/uploads`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function upload(name: string, bytes: Uint8Array): Promise<UploadGrant> {
  const grant = (await (await askUpload({ name, bytes: bytes.byteLength, contentType: 'text/plain' })).json()) as UploadGrant;
  const put = await fetch(grant.url, { method: 'PUT', headers: grant.headers, body: bytes });
  expect(put.status).toBe(200);
  return grant;
}

const view = async (jobId: string) => (await (await fetch(`${base}/api/jobs/${jobId}`, { headers: authorised() })).json()) as JobView;

describe('the web API of report-press dev', () => {
  it('serves the page and a config with its local token', async () => {
    // act
    const page = await fetch(`${base}/`);
    const config = (await (await fetch(`${base}/config.json`)).json()) as WebConfig;
    // assert
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="app.js">');
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${dev.endpoint}`);
    expect(config).toEqual({ api: '', auth: { kind: 'local', token: dev.web!.token } });
  });

  it('answers 401 without the token or with another one', async () => {
    // act
    const none = await askUpload({ name: 'a.txt', bytes: 1, contentType: '' }, {});
    const wrong = await fetch(`${base}/api/jobs/x`, { headers: { authorization: 'Bearer not-the-token' } });
    // assert
    expect([none.status, wrong.status]).toEqual([401, 401]);
    expect(((await none.json()) as { code: string }).code).toBe(WebErrorCode.SignInRequired);
  });

  it('refuses requests that name another host, so a rebound DNS name cannot read the token', async () => {
    // act: fetch cannot set Host, a browser on a rebound name sends it
    const status = await new Promise<number | undefined>((resolveStatus, reject) => {
      request(`${base}/config.json`, { headers: { host: 'attacker.example' } }, (res) => (res.resume(), resolveStatus(res.statusCode))).on('error', reject).end();
    });
    // assert
    expect(status).toBe(403);
  });

  it('refuses to sign a non-.txt or an oversize upload', async () => {
    // act
    const docx = await askUpload({ name: 'report.docx', bytes: 100, contentType: '' });
    const big = await askUpload({ name: 'report.txt', bytes: 20 * 1024 * 1024 + 1, contentType: 'text/plain' });
    // assert
    expect([docx.status, big.status]).toEqual([400, 413]);
    expect(((await big.json()) as { reasons: Record<string, string> }).reasons['zh-CN']).toContain('超过了 20 MB 的上限');
  });

  it('takes an upload through its presigned URL to a finished job with downloads that match the manifest', async () => {
    // prepare
    const text = readFileSync(SEED);
    // act
    const grant = await upload('述职 报告.txt', text);
    const done = await pollUntil('the job to finish', async () => {
      const current = await view(grant.jobId);
      return current.state === JobViewState.Done || current.state === JobViewState.Failed ? current : undefined;
    }, 30_000);
    const report = done.result!.reports[0]!;
    const pdf = new Uint8Array(await (await fetch(report.pdf!.url)).arrayBuffer());
    const preview = await fetch(report.pdf!.previewUrl);
    // assert
    expect(grant.key).toBe(`users/local/${grant.jobId}/述职 报告.txt`);
    expect(done).toMatchObject({ name: '述职 报告.txt', state: JobViewState.Done });
    expect(report.pages).toBeGreaterThan(0);
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(report.pdf!.sha256);
    expect(preview.headers.get('content-disposition')).toMatch(/^inline; filename=/);
    expect(preview.headers.get('content-type')).toBe('application/pdf');
  });

  it('shows an upload of another account’s job id as no such job', async () => {
    // act
    const response = await fetch(`${base}/api/jobs/00000000-0000-4000-8000-000000000000`, { headers: authorised() });
    // assert
    expect(response.status).toBe(404);
  });

  it('has the embedded server refuse a presigned PUT used for another key, size or type', async () => {
    // prepare
    const grant = (await (await askUpload({ name: 'a.txt', bytes: 5, contentType: 'text/plain' })).json()) as UploadGrant;
    const elsewhere = grant.url.replace(`/users/local/${grant.jobId}/`, '/users/someone-else/');
    // act
    const otherKey = await fetch(elsewhere, { method: 'PUT', headers: grant.headers, body: 'hello' });
    const otherSize = await fetch(grant.url, { method: 'PUT', headers: grant.headers, body: 'hello, world' });
    const otherType = await fetch(grant.url, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: 'hello' });
    const asSigned = await fetch(grant.url, { method: 'PUT', headers: grant.headers, body: 'hello' });
    // assert
    expect([otherKey.status, otherSize.status, otherType.status]).toEqual([403, 403, 403]);
    expect(await otherKey.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(asSigned.status).toBe(200);
  });

  it('lets the page’s origin through the CORS preflight and upload on the embedded server, and no other origin', async () => {
    // prepare: the requests a browser sends for the page's upload, from the page and from elsewhere
    const grant = (await (await askUpload({ name: 'cors.txt', bytes: 5, contentType: 'text/plain' })).json()) as UploadGrant;
    const target = new URL(grant.url);
    const preflight = (origin: string) =>
      sendRaw(dev.endpoint, { method: 'OPTIONS', path: target.pathname + target.search, headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' } });
    const put = (origin: string) => sendRaw(dev.endpoint, { method: 'PUT', path: target.pathname + target.search, headers: { ...grant.headers, origin }, body: 'hello' });
    // act
    const pagePreflight = await preflight(base);
    const otherPreflight = await preflight('https://evil.example');
    const otherPut = await put('https://evil.example');
    const pagePut = await put(base);
    // assert
    expect(pagePreflight.status).toBe(200);
    expect(pagePreflight.headers['access-control-allow-methods']).toContain('PUT');
    expect([otherPreflight.status, otherPut.status]).toEqual([403, 403]);
    expect(pagePut.status).toBe(200);
    expect(pagePut.headers['access-control-allow-origin']).toBe(base);
  });
});

describe('the web API Lambda handler', () => {
  let s3: LocalS3;
  let sts: Server;
  const assumed: string[] = [];

  beforeAll(async () => {
    s3 = await startLocalS3({ port: 0, dir: join(work, 'lambda-s3') });
    // Stands in for STS (AWS itself is the one thing faked): records each AssumeRole's form.
    sts = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        assumed.push(body);
        const user = new URLSearchParams(body).get('Tags.member.1.Value');
        const expiration = new Date(Date.now() + 3600_000).toISOString();
        res.writeHead(200, { 'content-type': 'text/xml' }).end(
          `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIA${user}</AccessKeyId><SecretAccessKey>secret-${user}</SecretAccessKey><SessionToken>token-${user}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/web-user/web-${user}</Arn><AssumedRoleId>AROA:web-${user}</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>`,
        );
      });
    });
    await new Promise<void>((resolveListen) => sts.listen(0, '127.0.0.1', () => resolveListen()));
  });

  afterAll(async () => {
    await s3?.close();
    sts?.close();
  });

  const buckets = () => ({ input: s3.buckets.input, output: s3.buckets.output });

  it('answers 401 when the authorizer passed no sub, and 404 for another user’s job', async () => {
    // prepare
    const client = createWebS3Client({ endpoint: s3.endpoint });
    const handler = createWebApiHandler({ buckets: buckets(), s3For: async () => client });
    const granted = await handler(gatewayEvent('POST', 'POST /api/uploads', 'alice', { body: JSON.stringify({ name: 'a.txt', bytes: 5, contentType: '' }) }));
    const { jobId, url, headers } = JSON.parse(granted.body as string) as UploadGrant;
    await fetch(url, { method: 'PUT', headers, body: 'hello' });
    // act
    const anonymous = await handler(gatewayEvent('GET', 'GET /api/jobs/{jobId}', undefined, { pathParameters: { jobId } }));
    const alice = await handler(gatewayEvent('GET', 'GET /api/jobs/{jobId}', 'alice', { pathParameters: { jobId } }));
    const bob = await handler(gatewayEvent('GET', 'GET /api/jobs/{jobId}', 'bob', { pathParameters: { jobId } }));
    // assert
    expect([granted.statusCode, anonymous.statusCode, alice.statusCode, bob.statusCode]).toEqual([201, 401, 200, 404]);
    client.destroy();
  });

  it('routes a request of a named stage as the same route', async () => {
    // prepare
    const client = createWebS3Client({ endpoint: s3.endpoint });
    const handler = createWebApiHandler({ buckets: buckets(), s3For: async () => client });
    // act
    const response = await handler(gatewayEvent('POST', 'POST /api/uploads', 'alice', { stage: 'prod', body: JSON.stringify({ name: 'a.docx', bytes: 5, contentType: '' }) }));
    // assert: refused as a .docx, so routed as an upload request
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body as string)).toMatchObject({ code: WebErrorCode.NotTxt });
    client.destroy();
  });

  it('sends CORS headers to the site’s origin only', async () => {
    // prepare
    const client = createWebS3Client({ endpoint: s3.endpoint });
    const handler = createWebApiHandler({ buckets: buckets(), s3For: async () => client, allowedOrigin: 'https://site.example' });
    // act
    const site = await handler(gatewayEvent('GET', 'GET /api/jobs/{jobId}', 'alice', { pathParameters: { jobId: 'x' }, origin: 'https://site.example' }));
    const other = await handler(gatewayEvent('GET', 'GET /api/jobs/{jobId}', 'alice', { pathParameters: { jobId: 'x' }, origin: 'https://evil.example' }));
    // assert
    expect(site.headers?.['access-control-allow-origin']).toBe('https://site.example');
    expect(other.headers?.['access-control-allow-origin']).toBeUndefined();
    client.destroy();
  });

  it('runs bundled, with nothing beside it, from the environment the stack sets', async () => {
    // prepare: bundled as cdk/bundling.ts bundles the stages (everything inside, ES module builds preferred)
    const dir = join(work, 'web-api-bundle');
    await build({ entryPoints: ['functions/web-api.ts'], outfile: join(dir, 'index.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, keepNames: true, mainFields: ['module', 'main'], logLevel: 'silent' });
    const env = { [BucketEnv.input]: s3.buckets.input, [BucketEnv.output]: s3.buckets.output, [S3_ENDPOINT_ENV]: s3.endpoint, AWS_REGION: 'us-east-1', [WebApiEnv.allowedOrigin]: 'https://site.example' };
    Object.assign(process.env, env);
    try {
      const { handler } = createRequire(join(dir, 'index.js'))('./index.js') as { handler: WebApiHandler };
      // act
      const granted = await handler(gatewayEvent('POST', 'POST /api/uploads', 'carol', { body: JSON.stringify({ name: 'b.txt', bytes: 5, contentType: 'text/plain' }), origin: 'https://site.example' }));
      const grant = JSON.parse(granted.body as string) as UploadGrant;
      const put = await fetch(grant.url, { method: 'PUT', headers: grant.headers, body: 'hello' });
      const job = await handler(gatewayEvent('GET', 'GET /api/jobs/{jobId}', 'carol', { pathParameters: { jobId: grant.jobId } }));
      // assert
      expect([granted.statusCode, put.status, job.statusCode]).toEqual([201, 200, 200]);
      expect(granted.headers?.['access-control-allow-origin']).toBe('https://site.example');
      expect(JSON.parse(job.body as string)).toMatchObject({ jobId: grant.jobId, name: 'b.txt', state: JobViewState.Waiting });
    } finally {
      for (const name of Object.keys(env)) delete process.env[name];
    }
  });

  it('signs with the user-scoped role, assumed once per user with the session tag user=<sub>', async () => {
    // prepare
    const credentials = userCredentials({
      sts: new STSClient({ endpoint: `http://127.0.0.1:${(sts.address() as AddressInfo).port}`, region: 'us-east-1', credentials: { accessKeyId: 'lambda', secretAccessKey: 'lambda' } }),
      roleArn: 'arn:aws:iam::123456789012:role/web-user',
      minRemainingSeconds: 960,
    });
    const storageFor = async (sub: string) => s3UserStorage(createWebS3Client({ endpoint: s3.endpoint, credentials: await credentials(sub) }), buckets());
    // act
    const first = await (await storageFor('alice')).presignUpload('users/alice/j/a.txt', { contentType: 'text/plain', bytes: 5, expiresIn: 300 });
    await storageFor('alice');
    await storageFor('bob');
    const query = new URL(first).searchParams;
    // assert
    expect(assumed).toHaveLength(2);
    expect(new URLSearchParams(assumed[0]).get('Tags.member.1.Key')).toBe('user');
    expect(new URLSearchParams(assumed[0]).get('Tags.member.1.Value')).toBe('alice');
    expect(query.get('X-Amz-Credential')).toMatch(/^ASIAalice\//);
    expect(query.get('X-Amz-Security-Token')).toBe('token-alice');
    expect(query.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
  });
});
