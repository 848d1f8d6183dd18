import { describe, expect, it } from 'vitest';
import { encodeJson, type Manifest } from '../../../lib/convert.js';
import { JobViewState, LOCAL_USER_ID, WebErrorCode, type JobView, type UploadGrant } from '../../../lib/web/api-contract.js';
import { handleWebApiRequest, type WebApiOptions } from '../../../lib/web/web-api.js';
import { memoryBuckets, memoryStorage } from './memory-storage.js';

function api(input = new Map<string, Uint8Array>(), output = new Map<string, Uint8Array>(), reads: string[] = []): WebApiOptions {
  let jobs = 0;
  const buckets = { ...memoryBuckets(input, output), reads };
  return {
    storageFor: (userId) => memoryStorage(buckets, userId),
    newJobId: () => `job-${(jobs += 1)}`,
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
}

const json = (value: unknown) => encodeJson(value);

const status = (state: string, extra: Record<string, unknown> = {}) => ({
  state,
  input: { key: 'users/local/j1/述职.txt', version: 'v', etag: 'e', sha256: null, bytes: 10 },
  reports: 1,
  documents: { done: 1, total: 2 },
  started: '2026-01-01T00:00:00.000Z',
  updated: '2026-01-01T00:00:01.000Z',
  ...extra,
});

describe('the web API', () => {
  it('answers 401 without a user, on every route', async () => {
    // act
    const upload = await handleWebApiRequest({ method: 'POST', path: '/api/uploads', userId: undefined, body: '{"name":"a.txt","bytes":1}' }, api());
    const job = await handleWebApiRequest({ method: 'GET', path: '/api/jobs/j1', userId: undefined }, api());
    // assert
    expect([upload.status, job.status]).toEqual([401, 401]);
    expect(upload.body).toMatchObject({ code: WebErrorCode.SignInRequired });
  });

  it('answers 404 for a path it does not have and 405 for a method a path does not take', async () => {
    // act
    const unknown = await handleWebApiRequest({ method: 'GET', path: '/api/secrets', userId: LOCAL_USER_ID }, api());
    const method = await handleWebApiRequest({ method: 'DELETE', path: '/api/jobs/j1', userId: LOCAL_USER_ID }, api());
    // assert
    expect([unknown.status, method.status]).toEqual([404, 405]);
  });

  it('grants an upload under the user’s prefix, signed for the size asked and plain text', async () => {
    // act
    const response = await handleWebApiRequest({ method: 'POST', path: '/api/uploads', userId: 'u1', body: JSON.stringify({ name: 'a/述职.txt', bytes: 1234, contentType: 'text/plain' }) }, api());
    // assert
    expect(response.status).toBe(201);
    const grant = response.body as UploadGrant;
    expect(grant).toMatchObject({ jobId: 'job-1', key: 'users/u1/job-1/述职.txt', method: 'PUT', headers: { 'content-type': 'text/plain; charset=utf-8' }, expires: '2026-01-01T00:05:00.000Z' });
    expect(grant.url).toBe('put://users/u1/job-1/述职.txt?type=text/plain; charset=utf-8&bytes=1234&expires=300');
  });

  it('refuses to sign a non-.txt or oversize upload', async () => {
    // act
    const docx = await handleWebApiRequest({ method: 'POST', path: '/api/uploads', userId: 'u1', body: JSON.stringify({ name: 'a.docx', bytes: 10, contentType: '' }) }, api());
    const big = await handleWebApiRequest({ method: 'POST', path: '/api/uploads', userId: 'u1', body: JSON.stringify({ name: 'a.txt', bytes: 21 * 1024 * 1024, contentType: '' }) }, api());
    // assert
    expect([docx.status, big.status]).toEqual([400, 413]);
    expect([(docx.body as { code: string }).code, (big.body as { code: string }).code]).toEqual([WebErrorCode.NotTxt, WebErrorCode.UploadTooLarge]);
  });

  it('answers 404 for another user’s job, and for an id that could steer a key', async () => {
    // prepare
    const input = new Map([['users/u2/j1/a.txt', new Uint8Array(1)]]);
    // act
    const other = await handleWebApiRequest({ method: 'GET', path: '/api/jobs/j1', userId: 'u1' }, api(input));
    const steering = await handleWebApiRequest({ method: 'GET', path: '/api/jobs/..%2Fu2%2Fj1', userId: 'u1' }, api(input));
    const own = await handleWebApiRequest({ method: 'GET', path: '/api/jobs/j1', userId: 'u2' }, api(input));
    // assert
    expect([other.status, steering.status, own.status]).toEqual([404, 404, 200]);
    expect(other.body).toMatchObject({ code: WebErrorCode.NoSuchJob, params: { jobId: 'j1' } });
  });

  it('shows an upload the chain has not reached as waiting, and a running job with its progress', async () => {
    // prepare
    const input = new Map([['users/local/j1/述职.txt', new Uint8Array(1)]]);
    const output = new Map<string, Uint8Array>();
    const options = api(input, output);
    // act
    const waiting = (await handleWebApiRequest({ method: 'GET', path: '/api/jobs/j1', userId: 'local' }, options)).body as JobView;
    output.set('users/local/j1/述职/status.json', json(status('running', { phase: 'rendering' })));
    const running = (await handleWebApiRequest({ method: 'GET', path: '/api/jobs/j1', userId: 'local' }, options)).body as JobView;
    // assert
    expect(waiting).toMatchObject({ jobId: 'j1', name: '述职.txt', state: JobViewState.Waiting, documents: null });
    expect(running).toMatchObject({ state: JobViewState.Running, phase: 'rendering', reports: 1, documents: { done: 1, total: 2 } });
  });

  it('gives a failed job the error record’s reason in every language', async () => {
    // prepare
    const input = new Map([['users/local/j1/述职.txt', new Uint8Array(1)]]);
    const reasons = { en: 'the file contains NUL bytes…', 'zh-CN': '文件中含有 NUL 字节…' };
    const output = new Map([
      ['users/local/j1/述职/status.json', json(status('failed', { error: 'users/local/j1/述职/error.json' }))],
      ['users/local/j1/述职/error.json', json({ source: 'users/local/j1/述职.txt', stage: 'clean', code: 'BINARY', reason: reasons.en, reasons, time: '2026-01-01T00:00:00.000Z' })],
    ]);
    // act
    const view = (await handleWebApiRequest({ method: 'GET', path: '/api/jobs/j1', userId: 'local' }, api(input, output))).body as JobView;
    // assert
    expect(view).toMatchObject({ state: JobViewState.Failed, error: { stage: 'clean', code: 'BINARY', reasons } });
  });

  it('words an older error record without reasons from the catalogue', async () => {
    // prepare
    const input = new Map([['users/local/j1/a.txt', new Uint8Array(1)]]);
    const output = new Map([
      ['users/local/j1/a/status.json', json(status('failed'))],
      ['users/local/j1/a/error.json', json({ source: 'users/local/j1/a.txt', stage: 'render-pdf', code: 'STAGE_FAILED', reason: 'render-pdf failed 3 times', time: '2026-01-01T00:00:00.000Z' })],
    ]);
    // act
    const view = (await handleWebApiRequest({ method: 'GET', path: '/api/jobs/j1', userId: 'local' }, api(input, output))).body as JobView;
    // assert
    expect(view.error?.reasons.en).toBe('render-pdf failed 3 times');
    expect(view.error?.reasons['zh-CN']).toContain('重试');
  });

  /** A done job of one report whose PDF is `pdfBytes` long; `pages` as its manifest records them, if at all. */
  function doneJob(pages: number | undefined) {
    const pdfBytes = 337_018;
    const manifest: Manifest = {
      source: '述职.txt',
      generator: 'report-press',
      profile: 'gbt9704',
      reports: [
        {
          index: 1,
          title: '述职报告',
          docx: '01-述职报告.docx',
          pdf: '01-述职报告.pdf',
          paragraphs: 9,
          characters: 2100,
          headings: 3,
          ...(pages !== undefined ? { pages } : {}),
          files: { docx: { sha256: 'd'.repeat(64), bytes: 100 }, pdf: { sha256: 'p'.repeat(64), bytes: pdfBytes } },
        },
      ],
      cleaning: { log: 'removals.json', removals: 2, charactersRemoved: 30, byFamily: { 'bracketed-advert': 2 } },
      warnings: [{ code: 'TOC_ENTRY_MISSING', line: 5, text: '二、工作总结', message: 'the table of contents lists …' }],
    };
    const input = new Map([['users/local/j1/述职.txt', new Uint8Array(1)]]);
    const output = new Map([
      ['users/local/j1/述职/status.json', json(status('done', { manifest: 'users/local/j1/述职/manifest.json' }))],
      ['users/local/j1/述职/manifest.json', json(manifest)],
      // Not a PDF: a view that opened it to count its pages would fail.
      ['users/local/j1/述职/01-述职报告.pdf', new Uint8Array(pdfBytes)],
    ]);
    return { input, output, pdfBytes };
  }

  it('lists a done job’s reports with their pages, downloads, a preview and the removal log', async () => {
    // prepare
    const { input, output, pdfBytes } = doneJob(3);
    // act
    const view = (await handleWebApiRequest({ method: 'GET', path: '/api/jobs/j1', userId: 'local' }, api(input, output))).body as JobView;
    // assert
    expect(view.state).toBe(JobViewState.Done);
    expect(view.result?.reports).toEqual([
      {
        index: 1,
        title: '述职报告',
        pages: 3,
        characters: 2100,
        paragraphs: 9,
        docx: { name: '01-述职报告.docx', bytes: 100, sha256: 'd'.repeat(64), url: 'get://users/local/j1/述职/01-述职报告.docx?attachment=01-述职报告.docx' },
        pdf: { name: '01-述职报告.pdf', bytes: pdfBytes, sha256: 'p'.repeat(64), url: 'get://users/local/j1/述职/01-述职报告.pdf?attachment=01-述职报告.pdf', previewUrl: 'get://users/local/j1/述职/01-述职报告.pdf?inline=01-述职报告.pdf' },
      },
    ]);
    expect(view.result?.removalsUrl).toBe('get://users/local/j1/述职/removals.json?inline=removals.json');
    expect(view.result?.warnings).toEqual([{ code: 'TOC_ENTRY_MISSING', line: 5, text: '二、工作总结', message: 'the table of contents lists …' }]);
    expect(view.expires).toBe('2026-01-01T00:15:00.000Z');
  });

  it.each([
    ['the pages its manifest records', 3, 3],
    ['no pages for a manifest written before pages were counted', undefined, null],
  ])('shows a done job with %s, reading its status and manifest and never a document', async (_what, recorded, shown) => {
    // prepare
    const { input, output } = doneJob(recorded);
    const reads: string[] = [];
    // act
    const view = (await handleWebApiRequest({ method: 'GET', path: '/api/jobs/j1', userId: 'local' }, api(input, output, reads))).body as JobView;
    // assert
    expect(view.result?.reports.map((r) => r.pages)).toEqual([shown]);
    expect(reads).toEqual(['users/local/j1/述职/status.json', 'users/local/j1/述职/manifest.json']);
  });
});
