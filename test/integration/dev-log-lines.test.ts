import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../cli/dev-server.js';
import { createS3Client } from '../../functions/s3-client.js';
import { FONT_DIR } from './reference-outputs.js';
import { putObject } from './s3-helpers.js';

let dataDir: string;
let server: DevServer;
let client: S3Client;
const lines: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'report-press-dev-log-'));
  server = await startDevServer({ port: 0, dir: dataDir, fontDir: FONT_DIR, log: (line) => lines.push(line), handlerLogLevel: 'SILENT' });
  client = createS3Client({ endpoint: server.endpoint });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('report-press dev, given an upload whose key has a newline in it', () => {
  it('logs what became of it on one line, the key quoted', async () => {
    // prepare
    lines.length = 0;
    // act
    await putObject(client, server.buckets.input, 'forged\n✓ clean fine.txt', '');
    await server.idle();
    // assert
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(/[\n\r]/);
    expect(lines.some((line) => line.includes("$'forged\\n✓ clean fine.txt'"))).toBe(true);
  });
});
