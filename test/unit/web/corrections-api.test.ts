import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProofView } from '../../../lib/web/api-contract.js';
import { handleWebApiRequest, type WebApiOptions } from '../../../lib/web/web-api.js';
import { memoryBuckets, memoryStorage, type MemoryBuckets } from './memory-storage.js';

const INPUT = '2023年度述职报告\n今年以来，我认真履行职责。\n首页 > 范文\n明年继续努力。';
const BYTES = new TextEncoder().encode(INPUT);
const SHA = createHash('sha256').update(BYTES).digest('hex');
const INPUT_KEY = 'users/u1/j1/述职.txt';
const CORRECTIONS_KEY = 'users/u1/j1/述职.corrections.json';

function setUp(): { buckets: MemoryBuckets; api: WebApiOptions } {
  const buckets = memoryBuckets(new Map([[INPUT_KEY, BYTES]]));
  return { buckets, api: { storageFor: (userId) => memoryStorage(buckets, userId), newJobId: () => 'new', now: () => new Date('2026-01-01T00:00:00Z') } };
}

const removal = { id: 'c1', op: 'remove-lines', line: 3, offset: INPUT.indexOf('首页'), text: '首页 > 范文\n' };
const document = (operations: unknown[] = [removal], sha256 = SHA) => JSON.stringify({ version: 1, input: { sha256 }, operations });
const put = (api: WebApiOptions, body: string, userId = 'u1', jobId = 'j1') => handleWebApiRequest({ method: 'PUT', path: `/api/jobs/${jobId}/corrections`, userId, body }, api);

describe('the web API for proofreading', () => {
  it('gives the proofread view the input to read and no corrections before any are made', async () => {
    // prepare
    const { api } = setUp();
    // act
    const response = await handleWebApiRequest({ method: 'GET', path: '/api/jobs/j1/proof', userId: 'u1' }, api);
    // assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ jobId: 'j1', name: '述职.txt', inputUrl: `get-input://${INPUT_KEY}?inline=述职.txt&expires=900`, corrections: null, expires: '2026-01-01T00:15:00.000Z' } satisfies ProofView);
  });

  it('stores corrections beside the input and announces the input again, then gives them back to reopen', async () => {
    // prepare
    const { api, buckets } = setUp();
    // act
    const stored = await put(api, document());
    const proof = await handleWebApiRequest({ method: 'GET', path: '/api/jobs/j1/proof', userId: 'u1' }, api);
    // assert
    expect(stored).toEqual({ status: 202, body: { jobId: 'j1', operations: 1 } });
    expect(buckets.reannounced).toEqual([INPUT_KEY]);
    expect(JSON.parse(new TextDecoder().decode(buckets.input.get(CORRECTIONS_KEY)))).toEqual({ version: 1, input: { sha256: SHA }, operations: [removal] });
    expect((proof.body as ProofView).corrections?.operations).toEqual([removal]);
  });

  it.each([
    ['another user’s job', () => put(setUp().api, document(), 'u2'), 404, 'NO_SUCH_JOB'],
    ['a job with no input', () => put(setUp().api, document(), 'u1', 'j2'), 404, 'NO_SUCH_JOB'],
    ['10 MB of JSON', () => put(setUp().api, `{"version":1,"operations":[],"x":"${'x'.repeat(10 * 1024 * 1024)}"}`), 413, 'CORRECTIONS_TOO_LARGE'],
    ['text that is not JSON', () => put(setUp().api, 'remove line 3'), 400, 'CORRECTIONS_NOT_JSON'],
    ['overlapping operations', () => put(setUp().api, document([removal, { ...removal, id: 'c2', offset: removal.offset + 2, text: '> 范文' }])), 400, 'CORRECTIONS_OVERLAP'],
    ['a stale anchor', () => put(setUp().api, document([{ ...removal, text: '尾页 > 范文\n' }])), 400, 'CORRECTIONS_ANCHOR'],
    ['another version of the input', () => put(setUp().api, document([removal], 'b'.repeat(64))), 409, 'CORRECTIONS_INPUT_CHANGED'],
  ])('refuses corrections for %s, writing and announcing nothing', async (_, send, status, code) => {
    // act
    const response = await send();
    // assert
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code, reasons: { en: expect.any(String), 'zh-CN': expect.stringMatching(/\p{Script=Han}/u) } });
  });

  it('leaves the job as it was when corrections are refused', async () => {
    // prepare
    const { api, buckets } = setUp();
    // act
    await put(api, document([{ ...removal, text: '尾页 > 范文\n' }]));
    // assert
    expect([...buckets.input.keys()]).toEqual([INPUT_KEY]);
    expect(buckets.reannounced).toEqual([]);
  });
});

describe('the web API for uploading the same file again', () => {
  const ask = (api: WebApiOptions, userId: string, body: Record<string, unknown>) =>
    handleWebApiRequest({ method: 'POST', path: '/api/uploads', userId, body: JSON.stringify({ bytes: BYTES.byteLength, contentType: 'text/plain', ...body }) }, api);

  it('grants an upload into the same job, under the same key, so its corrections stay', async () => {
    // act
    const response = await ask(setUp().api, 'u1', { name: '述职.txt', jobId: 'j1' });
    // assert
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ jobId: 'j1', key: INPUT_KEY });
  });

  it.each([
    ['another user’s job', 'u2', { name: '述职.txt', jobId: 'j1' }],
    ['another file name', 'u1', { name: '总结.txt', jobId: 'j1' }],
    ['a job that does not exist', 'u1', { name: '述职.txt', jobId: 'j9' }],
    ['an id that could steer a key', 'u1', { name: '述职.txt', jobId: '../u2/j1' }],
  ])('refuses it into %s, as no such job', async (_, userId, body) => {
    // act
    const response = await ask(setUp().api, userId, body);
    // assert
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'NO_SUCH_JOB' });
  });
});

describe('the web API for a user’s rules', () => {
  const rules = { version: 1, rules: [{ id: 'r1', kind: 'line-starts-with', phrase: '首页 >' }] };

  it('keeps each user’s rules under their own prefix, unseen by another user', async () => {
    // prepare
    const { api, buckets } = setUp();
    // act
    const saved = await handleWebApiRequest({ method: 'PUT', path: '/api/rules', userId: 'u1', body: JSON.stringify(rules) }, api);
    const mine = await handleWebApiRequest({ method: 'GET', path: '/api/rules', userId: 'u1' }, api);
    const theirs = await handleWebApiRequest({ method: 'GET', path: '/api/rules', userId: 'u2' }, api);
    // assert
    expect(saved).toEqual({ status: 200, body: rules });
    expect(mine.body).toEqual(rules);
    expect(theirs.body).toEqual({ version: 1, rules: [] });
    expect(buckets.input.has('users/u1/rules.json')).toBe(true);
  });

  it.each([
    ['a regular expression', { version: 1, rules: [{ id: 'r', kind: 'regex', phrase: '.*' }] }, 400, 'RULES_MALFORMED'],
    ['a phrase of one character', { version: 1, rules: [{ id: 'r', kind: 'phrase', phrase: '网' }] }, 400, 'RULE_PHRASE'],
    ['more than 32 KB', { version: 1, rules: [], note: 'x'.repeat(40 * 1024) }, 413, 'RULES_TOO_LARGE'],
  ])('refuses rules with %s, writing nothing', async (_, body, status, code) => {
    // prepare
    const { api, buckets } = setUp();
    // act
    const response = await handleWebApiRequest({ method: 'PUT', path: '/api/rules', userId: 'u1', body: JSON.stringify(body) }, api);
    // assert
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code });
    expect(buckets.input.has('users/u1/rules.json')).toBe(false);
  });
});
