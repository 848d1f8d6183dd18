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
/** The banner's line to paste into a shell before using the AWS CLI. */
const CREDENTIALS = /^ {4}export AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+) AWS_DEFAULT_REGION=(\S+)$/m;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('report-press dev', () => {
  it('serves the chain to a default S3 client, and stops cleanly on Ctrl-C', async () => {
    // prepare: the command as a user starts it
    const child = spawn(process.execPath, [CLI, 'dev', '--port', '0', '--web-port', '0', '--dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const endpoint = await pollUntil('the endpoint', async () => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1], 20_000);
    const [, accessKeyId, secretAccessKey, region] = await pollUntil('the credentials line', async () => CREDENTIALS.exec(stdout) ?? undefined, 5_000);
    // The SDK's defaults (flexible checksums, aws-chunked uploads), as the AWS CLI uses them, with the local credentials the banner prints.
    const client = new S3Client({ endpoint, region, forcePathStyle: true, credentials: { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey! } });

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

  it('prints its banner, with the local credentials to export, in Chinese with --lang zh', async () => {
    // act
    const child = spawn(process.execPath, [CLI, 'dev', '--lang', 'zh', '--port', '0', '--web-port', '0', '--dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await pollUntil('the web page line', async () => (/网页在 http:\/\/127\.0\.0\.1:\d+\//.test(stdout) ? true : undefined), 20_000);
    // (it may still be starting, before Ctrl-C is its own to handle: only the banner matters here)
    child.kill('SIGTERM');
    await exited;
    // assert
    expect(stdout).toMatch(/^report-press dev：S3 兼容服务在 http:\/\/127\.0\.0\.1:\d+（对象保存在 /);
    expect(stdout).toContain('  本机凭证，不是 AWS 凭证（服务只接受用它们签名的请求）；使用 AWS CLI 或 SDK 前先设置：\n');
    expect(CREDENTIALS.exec(stdout)?.slice(1)).toEqual([LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey, 'us-east-1']);
  });
});
