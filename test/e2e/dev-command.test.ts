import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS } from '../../functions/s3-client.js';
import { afterAll, describe, expect, it } from 'vitest';
import { getJson, listKeys, pollUntil, putObject } from '../integration/s3-helpers.js';

const CLI = join(process.cwd(), 'bin', 'report-press.js');
const SEED = join(process.cwd(), 'test', 'fixtures', 'seeds', '000_51d4175613d3e64f.txt');
const dataDir = mkdtempSync(join(tmpdir(), 'report-press-dev-command-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('report-press dev', () => {
  it('serves the chain to a default S3 client, and stops cleanly on Ctrl-C', async () => {
    // prepare: the command as a user starts it
    const child = spawn(process.execPath, [CLI, 'dev', '--port', '0', '--web-port', '0', '--dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const endpoint = await pollUntil('the endpoint', async () => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1], 20_000);
    // The SDK's defaults (flexible checksums, aws-chunked uploads), as the AWS CLI uses them, with the local credentials the banner prints.
    const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: LOCAL_CREDENTIALS });

    // act
    await putObject(client, 'input', '2024/述职 报告.txt', readFileSync(SEED));
    const manifest = await pollUntil('the manifest', async () => {
      const keys = await listKeys(client, 'output', '2024/述职 报告/');
      const documents = keys.filter((k) => /\.(docx|pdf)$/.test(k));
      return keys.includes('2024/述职 报告/manifest.json') && documents.length === 2 ? getJson<{ reports: unknown[] }>(client, 'output', '2024/述职 报告/manifest.json') : undefined;
    }, 30_000);
    const announced = await pollUntil('the Job Finished line', async () => /^⚑ report-press Job Finished (\{.*\})$/m.exec(stdout)?.[1], 10_000);
    child.kill('SIGINT');

    // assert
    expect(manifest.reports).toHaveLength(1);
    expect(JSON.parse(announced)).toMatchObject({ state: 'done', inputKey: '2024/述职 报告.txt', manifestKey: '2024/述职 报告/manifest.json', reports: 1, documents: 2 });
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/stopped; objects are kept in/);
    client.destroy();
  });
});
