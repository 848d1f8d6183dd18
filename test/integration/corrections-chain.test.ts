import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../cli/dev-server.js';
import { createWebApiHandler, type WebApiHandler } from '../../functions/web-api.js';
import { createWebS3Client } from '../../functions/web-storage.js';
import type { Manifest } from '../../lib/convert.js';
import type { Correction } from '../../lib/corrections/corrections-document.js';
import { decodeText } from '../../lib/text/decode.js';
import { JobViewState, type JobView, type ProofView, type UploadGrant } from '../../lib/web/api-contract.js';
import { documentParagraphTexts, openDocx } from '../unit/docx/docx-package.js';
import { gatewayEvent } from '../support/gateway-event.js';
import { pollUntil } from './s3-helpers.js';

/**
 * The web API's proofreading and rules routes, answered by the Lambda handler for two users over
 * the local chain of `report-press dev`: what a user saves changes their own later conversions,
 * never another user's.
 */
const FURNITURE = '扫描件整理：县档案馆数字化中心';
const FIRST = ['2023年度机关党建工作总结', '一年来，我们坚持以党建引领各项工作，取得了明显成效。', FURNITURE, '一、强化理论学习', '全年组织集中学习十二次，覆盖全体党员。', '二、加强组织建设', '规范三会一课制度，党支部标准化建设全部达标。'].join('\n');
const SECOND = ['2024年上半年工作总结', '上半年，在县委的正确领导下，各项工作稳步推进。', FURNITURE, '一、主要工作', '完成重点项目六个，新增就业岗位三百个。'].join('\n');

let work: string;
let dev: DevServer;
let handler: WebApiHandler;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'report-press-corrections-chain-'));
  dev = await startDevServer({ port: 0, dir: join(work, 'data'), log: () => {} });
  const client = createWebS3Client({ endpoint: dev.endpoint });
  handler = createWebApiHandler({ buckets: { input: dev.buckets.input, output: dev.buckets.output }, s3For: async () => client });
});

afterAll(async () => {
  await dev?.close();
  rmSync(work, { recursive: true, force: true });
});

async function call<T>(sub: string, method: string, route: string, options: { jobId?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const response = await handler(gatewayEvent(method, `${method} ${route}`, sub, { ...(body ? { body } : {}), ...(options.jobId ? { pathParameters: { jobId: options.jobId } } : {}) }));
  return { status: response.statusCode ?? 0, body: JSON.parse(response.body as string) as T };
}

async function upload(sub: string, name: string, text: string, jobKey?: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  if (jobKey) {
    // Again under the same key, as a script re-uploads with the AWS CLI: in a later second than the
    // upload it replaces, since two uploads of the same bytes within one second are one version.
    const client = createWebS3Client({ endpoint: dev.endpoint });
    const { HeadObjectCommand, PutObjectCommand } = await import('@aws-sdk/client-s3');
    const earlier = (await client.send(new HeadObjectCommand({ Bucket: dev.buckets.input, Key: jobKey }))).LastModified!;
    await new Promise((resolveWait) => setTimeout(resolveWait, Math.max(0, earlier.getTime() + 1100 - Date.now())));
    await client.send(new PutObjectCommand({ Bucket: dev.buckets.input, Key: jobKey, Body: bytes, ContentType: 'text/plain; charset=utf-8' }));
    client.destroy();
    return jobKey.split('/')[2]!;
  }
  const { body: grant } = await call<UploadGrant>(sub, 'POST', '/api/uploads', { body: { name, bytes: bytes.byteLength, contentType: 'text/plain' } });
  const put = await fetch(grant.url, { method: 'PUT', headers: grant.headers, body: bytes });
  expect(put.status).toBe(200);
  return grant.jobId;
}

/** The job once done, after `since` (an earlier view's start) when given: a re-render is a new job. */
async function done(sub: string, jobId: string, since?: string): Promise<JobView> {
  return pollUntil(`job ${jobId} to finish`, async () => {
    const { body } = await call<JobView>(sub, 'GET', '/api/jobs/{jobId}', { jobId });
    const finished = body.state === JobViewState.Done || body.state === JobViewState.Failed;
    return finished && (since === undefined || body.started !== since) ? body : undefined;
  }, 100_000);
}

const fetchJson = async <T>(url: string) => (await (await fetch(url)).json()) as T;
const fetchDocxText = async (url: string) => documentParagraphTexts(openDocx(new Uint8Array(await (await fetch(url)).arrayBuffer()))).join('\n');
const manifestOf = async (sub: string, jobId: string) => {
  const { PutObjectCommand: _, GetObjectCommand } = await import('@aws-sdk/client-s3');
  const client = createWebS3Client({ endpoint: dev.endpoint });
  const key = (await call<ProofView>(sub, 'GET', '/api/jobs/{jobId}/proof', { jobId })).body.name.replace(/\.txt$/, '');
  const object = await client.send(new GetObjectCommand({ Bucket: dev.buckets.output, Key: `users/${sub}/${jobId}/${key}/manifest.json` }));
  client.destroy();
  return JSON.parse(await object.Body!.transformToString()) as Manifest;
};

describe('a user’s rules through the API and the chain', () => {
  it('remove the same furniture from a second, different upload of that user, and not from another user’s', { timeout: 120_000 }, async () => {
    // prepare
    const saved = await call('alice', 'PUT', '/api/rules', { body: { version: 1, rules: [{ id: 'r1', kind: 'line-starts-with', phrase: '扫描件整理：' }] } });
    // act
    const aliceFirst = await done('alice', await upload('alice', '总结.txt', FIRST));
    const aliceSecond = await done('alice', await upload('alice', '上半年.txt', SECOND));
    const bobSecond = await done('bob', await upload('bob', '上半年.txt', SECOND));
    const bobRules = await call<{ rules: unknown[] }>('bob', 'GET', '/api/rules');
    // assert
    expect(saved.status).toBe(200);
    for (const job of [aliceFirst, aliceSecond]) {
      expect(await fetchDocxText(job.result!.reports[0]!.docx!.url)).not.toContain(FURNITURE);
      const log = await fetchJson<{ removals: { family: string; text: string; rule?: unknown }[] }>(job.result!.removalsUrl);
      expect(log.removals).toContainEqual(expect.objectContaining({ family: 'user-rule', text: `${FURNITURE}\n`, rule: { kind: 'line-starts-with', phrase: '扫描件整理：' } }));
    }
    expect(await fetchDocxText(bobSecond.result!.reports[0]!.docx!.url)).toContain(FURNITURE);
    expect(bobSecond.result!.cleaning.byFamily['user-rule']).toBeUndefined();
    expect(bobRules.body.rules).toEqual([]);
  });
});

describe('corrections through the API and the chain', () => {
  let jobId: string;
  let first: JobView;
  let proof: ProofView;
  let input: string;

  /** An operation on the whole input line that starts with `start`, as the proofread view makes it. */
  const atLine = (id: string, op: Correction['op'], start: string, extra: Partial<Correction> = {}): Correction => {
    const lines = input.split('\n');
    const index = lines.findIndex((line) => line.startsWith(start));
    return { id, op, line: index + 1, offset: lines.slice(0, index).reduce((n, l) => n + l.length + 1, 0), text: lines[index]!, ...extra };
  };

  beforeAll(async () => {
    jobId = await upload('carol', '总结.txt', FIRST);
    first = await done('carol', jobId);
    proof = (await call<ProofView>('carol', 'GET', '/api/jobs/{jobId}/proof', { jobId })).body;
    input = decodeText(new Uint8Array(await (await fetch(proof.inputUrl)).arrayBuffer()));
  }, 120_000);

  it('re-render the job with the corrections, replacing its documents and manifest, and reopen them', { timeout: 120_000 }, async () => {
    // prepare
    const sha256 = createHash('sha256').update(FIRST).digest('hex');
    const corrections = {
      version: 1,
      input: { sha256 },
      operations: [
        { ...atLine('c1', 'remove-lines', FURNITURE), text: `${FURNITURE}\n` },
        atLine('c2', 'start-report', '二、加强组织建设'),
        atLine('c3', 'set-title', '二、加强组织建设', { title: '组织建设情况' }),
      ],
    };
    // act
    const applied = await call('carol', 'PUT', '/api/jobs/{jobId}/corrections', { jobId, body: corrections });
    const again = await done('carol', jobId, first.started!);
    const reopened = (await call<ProofView>('carol', 'GET', '/api/jobs/{jobId}/proof', { jobId })).body;
    // assert
    expect(proof.corrections).toBeNull();
    expect(applied).toEqual({ status: 202, body: { jobId, operations: 3 } });
    expect(again.result!.reports.map((r) => r.title)).toEqual(['2023年度机关党建工作总结', '组织建设情况']);
    expect(await fetchDocxText(again.result!.reports[0]!.docx!.url)).not.toContain(FURNITURE);
    expect((await fetchDocxText(again.result!.reports[1]!.docx!.url)).split('\n')).toEqual(['组织建设情况', '规范三会一课制度，党支部标准化建设全部达标。']);
    const manifest = await manifestOf('carol', jobId);
    expect(manifest.corrections?.operations.map((o) => [o.id, o.applied])).toEqual([['c1', true], ['c2', true], ['c3', true]]);
    expect(reopened.corrections).toEqual(corrections);
  });

  it('keep the corrections when the same input is uploaded again under its key', { timeout: 120_000 }, async () => {
    // prepare
    const before = await done('carol', jobId);
    // act
    await upload('carol', '总结.txt', FIRST, `users/carol/${jobId}/总结.txt`);
    const after = await done('carol', jobId, before.started!);
    // assert
    expect(after.result!.reports.map((r) => r.title)).toEqual(['2023年度机关党建工作总结', '组织建设情况']);
  });

  it.each([
    ['a stale anchor', (sha256: string) => ({ version: 1, input: { sha256 }, operations: [{ id: 'x', op: 'remove-lines', line: 2, offset: 0, text: '别的文字' }] }), 400, 'CORRECTIONS_ANCHOR'],
    ['overlapping operations', (sha256: string) => ({ version: 1, input: { sha256 }, operations: [atLine('a', 'start-report', '一、强化'), atLine('b', 'join-report', '一、强化')] }), 400, 'CORRECTIONS_OVERLAP'],
    ['10 MB of JSON', () => `{"version":1,"x":"${'x'.repeat(10 * 1024 * 1024)}"}`, 413, 'CORRECTIONS_TOO_LARGE'],
  ])('refuse %s, leaving the job’s documents as they were', async (_, make, status, code) => {
    // prepare
    const sha256 = createHash('sha256').update(FIRST).digest('hex');
    const before = await done('carol', jobId);
    // act
    const refused = await call<{ code: string }>('carol', 'PUT', '/api/jobs/{jobId}/corrections', { jobId, body: make(sha256) });
    await dev.idle();
    const after = await done('carol', jobId);
    // assert
    expect([refused.status, refused.body.code]).toEqual([status, code]);
    expect(after.started).toBe(before.started);
    expect(after.result!.reports.map((r) => r.pdf!.sha256)).toEqual(before.result!.reports.map((r) => r.pdf!.sha256));
  });

  it('refuse corrections for another user’s job and for a job with no input, as no such job', async () => {
    // act
    const other = await call<{ code: string }>('dave', 'PUT', '/api/jobs/{jobId}/corrections', { jobId, body: { version: 1, input: { sha256: 'a'.repeat(64) }, operations: [] } });
    const missing = await call<{ code: string }>('carol', 'PUT', '/api/jobs/{jobId}/corrections', { jobId: 'no-such-job', body: { version: 1, input: { sha256: 'a'.repeat(64) }, operations: [] } });
    const proofOfOther = await call<{ code: string }>('dave', 'GET', '/api/jobs/{jobId}/proof', { jobId });
    // assert
    expect([other.status, other.body.code]).toEqual([404, 'NO_SUCH_JOB']);
    expect([missing.status, missing.body.code]).toEqual([404, 'NO_SUCH_JOB']);
    expect([proofOfOther.status, proofOfOther.body.code]).toEqual([404, 'NO_SUCH_JOB']);
  });
});
