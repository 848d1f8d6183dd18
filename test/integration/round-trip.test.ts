/**
 * The S3 round trip as a user sees it through `report-press dev`: status while a job runs, a
 * manifest only beside complete documents of the same upload, re-uploads replacing the previous
 * set, failures ending in error.json, deletions removing outputs, duplicates changing nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteObjectCommand, DeleteObjectsCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer, type FaultInjector } from '../../cli/dev-server.js';
import { createS3Client } from '../../functions/s3-client.js';
import { digestOf, type Manifest } from '../../lib/convert.js';
import type { JobStatus } from '../../lib/pipeline/job-status.js';
import { inputVersion } from '../../lib/pipeline/keys.js';
import type { ErrorRecord } from '../../lib/pipeline/work-items.js';
import { FONT_DIR, referenceOutputs } from './reference-outputs.js';
import { compilation, getBytes, getBytesIfAny, getJson, lastModifiedOf, listKeys, listObjects, pollUntil, putObject } from './s3-helpers.js';

const seeds = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const COMPILATION = readFileSync(join(seeds, '001_ee58601975a31a3a.txt'));
const SINGLE = readFileSync(join(seeds, '000_51d4175613d3e64f.txt'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Faults the tests switch on by key; the server consults them before every attempt. */
const faults: FaultInjector[] = [];
let dataDir: string;
let server: DevServer;
let client: S3Client;
const lines: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'report-press-round-trip-'));
  server = await startDevServer({
    port: 0,
    dir: dataDir,
    fontDir: FONT_DIR,
    log: (line) => lines.push(line),
    handlerLogLevel: 'SILENT',
    retryDelayMs: 20,
    faults: async (invocation) => {
      for (const fault of faults) await fault(invocation);
    },
  });
  client = createS3Client({ endpoint: server.endpoint });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const versionOf = async (key: string) => {
  const head = await client.send(new HeadObjectCommand({ Bucket: server.buckets.input, Key: key }));
  return inputVersion({ etag: head.ETag as string, lastModified: head.LastModified as Date });
};
const statusOf = async (path: string) => {
  const bytes = await getBytesIfAny(client, server.buckets.output, `${path}/status.json`);
  return bytes ? (JSON.parse(decode(bytes)) as JobStatus) : undefined;
};

/** Waits until the job of `path` has finished for the upload with this SHA-256, and the chain is quiet. */
async function finished(path: string, sha256: string, timeoutMs = 60_000): Promise<JobStatus> {
  const status = await pollUntil(
    `the job of ${path} to finish`,
    async () => {
      const current = await statusOf(path);
      return current && current.state !== 'running' && current.input.sha256 === sha256 ? current : undefined;
    },
    timeoutMs,
    50,
  );
  await server.idle();
  return status;
}

/** What a user polling the folder sees, checked at every look: a manifest lists only complete documents of its own upload. */
interface Watch {
  readonly statuses: { readonly at: number; readonly status: JobStatus }[];
  readonly manifestsSeen: number;
  readonly violations: string[];
  stop(): Promise<void>;
}

function watch(path: string): Watch {
  const started = performance.now();
  const statuses: Watch['statuses'][number][] = [];
  const violations: string[] = [];
  // SHA-256 of each document version already downloaded, by key and ETag: each is fetched once.
  const verified = new Map<string, string>();
  let manifestsSeen = 0;
  let running = true;
  const look = async () => {
    const status = await statusOf(path);
    if (status && JSON.stringify(statuses.at(-1)?.status) !== JSON.stringify(status)) statuses.push({ at: Math.round(performance.now() - started), status });
    // As a script would: take the manifest, then fetch what it lists and verify every digest.
    const manifestBytes = await getBytesIfAny(client, server.buckets.output, `${path}/manifest.json`);
    if (manifestBytes) {
      manifestsSeen += 1;
      const manifest = JSON.parse(decode(manifestBytes)) as Manifest;
      const listed = new Map((await listObjects(client, server.buckets.output, `${path}/`)).map((o) => [o.key, o]));
      for (const report of manifest.reports) {
        for (const format of ['docx', 'pdf'] as const) {
          const key = `${path}/${report[format]}`;
          const object = listed.get(key);
          const expected = report.files?.[format];
          // A newer upload may replace the folder after the manifest was read: a document that is
          // missing or different only counts while the same manifest is still there.
          const stillListed = async () => {
            const now = await getBytesIfAny(client, server.buckets.output, `${path}/manifest.json`);
            return now !== undefined && decode(now) === decode(manifestBytes);
          };
          if (!object) {
            if (await stillListed()) violations.push(`${report[format]}, listed by the manifest of upload ${manifest.input?.sha256}, is missing`);
            continue;
          }
          const id = `${key} ${object.etag}`;
          if (!verified.has(id)) {
            const bytes = await getBytesIfAny(client, server.buckets.output, key);
            if (bytes) verified.set(id, digestOf(bytes).sha256);
          }
          if ((verified.get(id) !== expected?.sha256 || object.size !== expected?.bytes) && (await stillListed())) {
            violations.push(`${report[format]} does not match the manifest beside it`);
          }
        }
      }
    }
  };
  const loop = (async () => {
    while (running) {
      await look();
      await sleep(50);
    }
  })();
  return {
    statuses,
    violations,
    get manifestsSeen() {
      return manifestsSeen;
    },
    /** Stops after one last look, so the final state is among those seen. */
    async stop() {
      running = false;
      await loop;
      await look();
    },
  };
}

/** Every key under the folder, with the bytes of each document and the manifest, against what `report-press convert` writes. */
async function expectConvertOutputs(path: string, bytes: Uint8Array, fileName: string): Promise<void> {
  const expected = await referenceOutputs(bytes, fileName, await lastModifiedOf(client, server.buckets.input, `${path}.txt`));
  expect(await getJson<Manifest>(client, server.buckets.output, `${path}/manifest.json`)).toEqual(expected.manifest);
  expect(await listKeys(client, server.buckets.output, `${path}/`)).toEqual(
    [`${path}/manifest.json`, `${path}/status.json`, ...[...expected.documents.keys()].map((name) => `${path}/${name}`)].sort(),
  );
  for (const [name, reference] of expected.documents) {
    expect(Buffer.from(await getBytes(client, server.buckets.output, `${path}/${name}`)).equals(Buffer.from(reference)), `${path}/${name}`).toBe(true);
  }
}

describe('the S3 round trip through the local chain', () => {
  it('shows a job running with growing counts, then done, and never a manifest before every document it lists', async () => {
    // prepare: one render of the five-report compilation is slow
    faults.push(async ({ stage, key, attempt }) => {
      if (stage === 'render-pdf' && key.startsWith('reports/slow/compilation/') && key.endsWith('/02.json') && attempt === 0) await sleep(1500);
    });
    const watching = watch('slow/compilation');
    const uploaded = performance.now();

    // act
    await putObject(client, server.buckets.input, 'slow/compilation.txt', COMPILATION);
    const status = await finished('slow/compilation', digestOf(COMPILATION).sha256);
    await watching.stop();

    // assert
    expect(watching.violations).toEqual([]);
    expect(watching.manifestsSeen).toBeGreaterThan(0);
    const states = watching.statuses.map((s) => s.status.state);
    expect(states[0]).toBe('running');
    // Once done, only done: the status is rewritten once more when its Job Finished event is sent (`announced`).
    expect(states.indexOf('done')).toBeGreaterThan(0);
    expect(new Set(states.slice(states.indexOf('done')))).toEqual(new Set(['done']));
    const counts = watching.statuses.map((s) => s.status.documents.done);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(watching.statuses.some((s) => s.status.state === 'running' && s.status.documents.total === 10 && s.status.documents.done < 10)).toBe(true);
    expect(status).toMatchObject({ state: 'done', reports: 5, documents: { done: 10, total: 10 }, manifest: 'slow/compilation/manifest.json' });
    await expectConvertOutputs('slow/compilation', COMPILATION, 'compilation.txt');
    expect(server.jobEvents.filter((e) => e.inputKey === 'slow/compilation.txt')).toEqual([
      expect.objectContaining({ state: 'done', manifestKey: 'slow/compilation/manifest.json', reports: 5, documents: 10 }),
    ]);
    console.log(
      `status transitions after upload (ms): ${watching.statuses.map((s) => `${s.status.state}${s.status.phase ? `/${s.status.phase}` : ''} ${s.status.documents.done}/${s.status.documents.total ?? '?'} @${s.at}`).join(' → ')}; ` +
        `done seen ${Math.round(performance.now() - uploaded)} ms after upload`,
    );
  });

  it('ends every burst of re-uploads with exactly the last upload’s documents and a manifest of its SHA-256', async () => {
    const key = 'reupload/report.txt';
    let latest = '';
    // Older uploads render late: their documents land after the newer upload's.
    faults.push(async ({ stage, key: object }) => {
      if (stage.startsWith('render') && object.startsWith('reports/reupload/report/') && !object.includes(`/${latest}/`)) await sleep(600);
    });
    const bursts = [
      [compilation(4, '甲'), compilation(1, '乙'), compilation(3, '丙')],
      [compilation(2, '丁'), compilation(3, '戊'), compilation(1, '己')],
    ];
    for (const burst of bursts) {
      const watching = watch('reupload/report');
      for (const text of burst) {
        await putObject(client, server.buckets.input, key, text);
        latest = await versionOf(key);
      }
      const last = new TextEncoder().encode(burst.at(-1));
      const status = await finished('reupload/report', digestOf(last).sha256);
      await watching.stop();

      expect(watching.violations).toEqual([]);
      expect(status).toMatchObject({ state: 'done', input: { version: latest, sha256: digestOf(last).sha256 } });
      expect((await getJson<Manifest>(client, server.buckets.output, 'reupload/report/manifest.json')).input).toEqual(digestOf(last));
      await expectConvertOutputs('reupload/report', last, 'report.txt');
      expect(server.jobEvents.filter((e) => e.inputKey === key).at(-1)).toMatchObject({ state: 'done', version: latest });
    }
  });

  it('turns a render that fails on every retry into a failed job with error.json, and leaves no documents', async () => {
    faults.push(({ stage, key }) => {
      if (stage === 'render-docx' && key.startsWith('reports/broken/report/') && key.endsWith('/02.json')) throw new Error('Runtime.OutOfMemory: the render ran out of memory');
    });
    const text = new TextEncoder().encode(compilation(3, '庚'));

    await putObject(client, server.buckets.input, 'broken/report.txt', text);
    const status = await finished('broken/report', digestOf(text).sha256);

    expect(status).toMatchObject({ state: 'failed', reports: 3, error: 'broken/report/error.json' });
    const record = await getJson<ErrorRecord>(client, server.buckets.output, 'broken/report/error.json');
    expect(record).toMatchObject({ stage: 'render-docx', code: 'STAGE_FAILED' });
    expect(record.reason).toMatch(/render-docx stage failed 3 times on report 2 \(Runtime\.OutOfMemory.*upload the file again/);
    expect(await listKeys(client, server.buckets.output, 'broken/report/')).toEqual(['broken/report/error.json', 'broken/report/status.json']);
    expect(server.deadLetters).toEqual([expect.objectContaining({ stage: 'render-docx', key: expect.stringMatching(/^reports\/broken\/report\/.+\/02\.json$/) })]);
    expect(server.jobEvents.filter((e) => e.inputKey === 'broken/report.txt')).toEqual([
      expect.objectContaining({ state: 'failed', errorKey: 'broken/report/error.json', error: expect.objectContaining({ stage: 'render-docx' }) }),
    ]);
  });

  it('answers bad input with a failed status and an error record instead of documents', async () => {
    await putObject(client, server.buckets.input, 'bad/only an advert.txt', '*【更多素材搜索哒哒文库】');

    const status = await pollUntil('the failed status', async () => ((await statusOf('bad/only an advert'))?.state === 'failed' ? statusOf('bad/only an advert') : undefined), 20_000);
    await server.idle();

    expect(status).toMatchObject({ state: 'failed', reports: null, error: 'bad/only an advert/error.json' });
    expect(await listKeys(client, server.buckets.output, 'bad/only an advert/')).toEqual(['bad/only an advert/error.json', 'bad/only an advert/status.json']);
    expect(await getJson(client, server.buckets.output, 'bad/only an advert/error.json')).toMatchObject({ source: 'bad/only an advert.txt', stage: 'clean' });
  });

  it('removes an input’s outputs when the input is deleted, one at a time or many at once, and keeps what users put there', async () => {
    for (const name of ['a', 'b', 'c']) await putObject(client, server.buckets.input, `deleted/${name}.txt`, compilation(1, name));
    await Promise.all(['a', 'b', 'c'].map((name) => finished(`deleted/${name}`, digestOf(new TextEncoder().encode(compilation(1, name))).sha256)));
    await putObject(client, server.buckets.output, 'deleted/a/my notes.txt', 'mine');

    await client.send(new DeleteObjectCommand({ Bucket: server.buckets.input, Key: 'deleted/a.txt' }));
    await client.send(new DeleteObjectsCommand({ Bucket: server.buckets.input, Delete: { Objects: [{ Key: 'deleted/b.txt' }, { Key: 'deleted/c.txt' }] } }));
    await server.idle();

    expect(await listKeys(client, server.buckets.output, 'deleted/')).toEqual(['deleted/a/my notes.txt']);
  });
});

describe('the local chain with every event delivered twice', () => {
  let twiceDir: string;
  let twice: DevServer;
  let twiceClient: S3Client;

  beforeAll(async () => {
    twiceDir = mkdtempSync(join(tmpdir(), 'report-press-twice-'));
    twice = await startDevServer({ port: 0, dir: twiceDir, fontDir: FONT_DIR, log: () => {}, handlerLogLevel: 'SILENT', deliveries: 2 });
    twiceClient = createS3Client({ endpoint: twice.endpoint });
  });

  afterAll(async () => {
    twiceClient?.destroy();
    await twice?.close();
    rmSync(twiceDir, { recursive: true, force: true });
  });

  it('writes no object more than once delivered events would, and announces the job once', async () => {
    await putObject(twiceClient, twice.buckets.input, 'twice/report.txt', SINGLE);
    await pollUntil('the job to finish', async () => ((await listKeys(twiceClient, twice.buckets.output, 'twice/report/')).includes('twice/report/manifest.json') ? true : undefined), 60_000);
    await twice.idle();

    const expected = await referenceOutputs(SINGLE, 'report.txt', await lastModifiedOf(twiceClient, twice.buckets.input, 'twice/report.txt'));
    expect(await listKeys(twiceClient, twice.buckets.output, 'twice/')).toEqual(
      ['twice/report/manifest.json', 'twice/report/status.json', ...[...expected.documents.keys()].map((name) => `twice/report/${name}`)].sort(),
    );
    const work = await listKeys(twiceClient, twice.buckets.work, 'jobs/twice/');
    // Document facts are named by their SHA-256 (a PDF's by its pages too), so their order in a listing varies: compare them as names with the digest blanked.
    expect(work.map((k) => k.replace(/^jobs\/twice\/report\/[^/]+\//, '').replace(/^(\d\d)\.[0-9a-f]{64}\./, '$1.<sha>.')).sort()).toEqual(
      [`01.<sha>.${expected.manifest.reports[0]?.pages}p.pdf`, '01.<sha>.docx', 'input.json', 'manifest.json', 'plan.json', 'removals.json', 'tally.json'],
    );
    expect(twice.jobEvents).toEqual([expect.objectContaining({ state: 'done', inputKey: 'twice/report.txt' })]);
    expect(twice.deadLetters).toEqual([]);
  });
});
