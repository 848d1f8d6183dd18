import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../cli/dev-server.js';
import { createS3Client } from '../../functions/s3-client.js';
import type { Manifest } from '../../lib/convert.js';
import { FONT_DIR } from './reference-outputs.js';
import { getJson, listKeys, pollUntil, putObject } from './s3-helpers.js';

const UPLOADS = 100;

/** A short report, different for each upload so no two documents are alike. */
const report = (n: number) =>
  [
    `关于第${n}项重点工作推进情况的报告`,
    '一、工作进展',
    `今年以来，我们围绕第${n}项重点任务，细化措施、压实责任，完成了年度目标的${(n % 9) + 1}成。`,
    '二、存在问题',
    '部分环节衔接不够紧密，基层力量仍需加强。',
    '三、下一步打算',
    '继续强化统筹调度，确保各项任务按期完成。',
  ].join('\n');

let dataDir: string;
let server: DevServer;
let client: S3Client;
const lines: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'report-press-load-'));
  server = await startDevServer({ port: 0, dir: dataDir, fontDir: FONT_DIR, log: (line) => lines.push(line), handlerLogLevel: 'SILENT' });
  client = createS3Client({ endpoint: server.endpoint });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local chain under load', () => {
  it(`delivers every manifest and document for ${UPLOADS} simultaneous uploads, each exactly once`, async () => {
    const started = performance.now();

    await Promise.all(Array.from({ length: UPLOADS }, (_, i) => putObject(client, server.buckets.input, `load/${i + 1}.txt`, report(i + 1))));
    const uploadedMs = performance.now() - started;
    const manifests = await pollUntil(
      'all manifests',
      async () => {
        const keys = (await listKeys(client, server.buckets.output, 'load/')).filter((k) => k.endsWith('/manifest.json'));
        return keys.length === UPLOADS ? keys : undefined;
      },
      60_000,
    );
    await server.idle();
    const totalMs = performance.now() - started;

    const expected = new Set(manifests);
    let documents = 0;
    for (const key of manifests) {
      const manifest = await getJson<Manifest>(client, server.buckets.output, key);
      const folder = key.replace(/manifest\.json$/, '');
      expected.add(folder + manifest.cleaning.log);
      for (const r of manifest.reports) {
        [r.docx, r.pdf].forEach((name) => expected.add(folder + name));
        documents += 2;
      }
    }
    const outputs = await listKeys(client, server.buckets.output, 'load/');
    expect(outputs).toEqual([...expected].sort());
    expect(outputs.filter((k) => k.endsWith('error.json'))).toEqual([]);
    expect(server.deadLetters).toEqual([]);
    const invocations = lines.filter((l) => l.startsWith('✓ '));
    expect(new Set(invocations.map((l) => l.replace(/ \(\d+ ms\)$/, ''))).size).toBe(invocations.length);
    // clean + split per upload, one render per document.
    expect(invocations).toHaveLength(UPLOADS * 2 + documents);

    console.log(
      `load: ${UPLOADS} uploads in ${Math.round(uploadedMs)} ms; ${expected.size} outputs (${UPLOADS} manifests, ${UPLOADS} removal logs, ${documents} documents) ` +
        `after ${Math.round(totalMs)} ms; ${invocations.length} invocations, none repeated, no error records, no dead letters`,
    );
  });
});
