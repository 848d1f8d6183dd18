/**
 * `kill -9` of the local chain mid-job, then a restart on the same data folder: the job must end as
 * `report-press convert` would have made it, neither lost nor half-published. The runner is the
 * built bundle in a real child process, as `report-press dev` runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../functions/s3-client.js';
import { digestOf, type Manifest } from '../../lib/convert.js';
import type { JobStatus } from '../../lib/pipeline/job-status.js';
import { FONT_DIR, referenceOutputs } from './reference-outputs.js';
import { getBytes, getBytesIfAny, getJson, lastModifiedOf, listKeys, pollUntil, putObject } from './s3-helpers.js';

const BUNDLE = fileURLToPath(new URL('../../dist/dev-server.cjs', import.meta.url));
const INPUT = readFileSync(fileURLToPath(new URL('../fixtures/seeds/001_ee58601975a31a3a.txt', import.meta.url)));
const dataDir = mkdtempSync(join(tmpdir(), 'report-press-crash-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the dev runner bundle in a child process; `renderDelayMs` slows every render, to have a job to interrupt. */
async function startRunner(renderDelayMs: number): Promise<{ child: ChildProcess; endpoint: string; output: () => string }> {
  const script = `
    const { startDevServer } = require(${JSON.stringify(BUNDLE)});
    const delay = ${renderDelayMs};
    startDevServer({
      port: 0, dir: ${JSON.stringify(dataDir)}, fontDir: ${JSON.stringify(FONT_DIR)}, handlerLogLevel: 'SILENT',
      faults: ({ stage }) => (delay && stage.startsWith('render') ? new Promise((resolve) => setTimeout(resolve, delay)) : undefined),
    });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = await pollUntil('the runner’s endpoint', async () => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1], 30_000, 50);
  return { child, endpoint, output: () => output };
}

const statusOf = async (client: S3Client) => {
  const bytes = await getBytesIfAny(client, 'output', 'crash/compilation/status.json');
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as JobStatus) : undefined;
};

describe('the local chain after a crash', () => {
  it('resumes a job killed halfway on the next start, and ends with exactly the documents report-press convert writes', async () => {
    // prepare: a job well under way (renders slow enough that the publisher, which counts rendered
    // documents about once a second, shows some done before the last ones are)
    const first = await startRunner(2500);
    let client = createS3Client({ endpoint: first.endpoint });
    await putObject(client, 'input', 'crash/compilation.txt', INPUT);
    const halfway = await pollUntil(
      'the job to be halfway',
      async () => {
        const status = await statusOf(client);
        return status?.state === 'running' && status.documents.done >= 2 ? status : undefined;
      },
      60_000,
      20,
    );

    // act: kill -9, then start again on the same folder
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    client.destroy();
    const second = await startRunner(0);
    client = createS3Client({ endpoint: second.endpoint });
    const done = await pollUntil(
      'the resumed job to finish',
      async () => {
        const status = await statusOf(client);
        return status && status.state !== 'running' ? status : undefined;
      },
      90_000,
      100,
    );

    // assert
    expect(halfway.documents.done).toBeLessThan(halfway.documents.total ?? 0);
    expect(second.output()).toMatch(/resuming 1 unfinished job: crash\/compilation\.txt/);
    expect(done).toMatchObject({ state: 'done', input: { sha256: digestOf(INPUT).sha256 }, documents: { done: 10, total: 10 } });
    const expected = await referenceOutputs(INPUT, 'compilation.txt', await lastModifiedOf(client, 'input', 'crash/compilation.txt'));
    expect(await getJson<Manifest>(client, 'output', 'crash/compilation/manifest.json')).toEqual(expected.manifest);
    expect(await listKeys(client, 'output', 'crash/compilation/')).toEqual(
      ['crash/compilation/manifest.json', 'crash/compilation/status.json', ...[...expected.documents.keys()].map((name) => `crash/compilation/${name}`)].sort(),
    );
    for (const [name, bytes] of expected.documents) {
      expect(Buffer.from(await getBytes(client, 'output', `crash/compilation/${name}`)).equals(Buffer.from(bytes)), name).toBe(true);
    }
    client.destroy();
    second.child.kill('SIGINT');
    await new Promise((resolve) => second.child.once('exit', resolve));
  }, 180_000);
});
