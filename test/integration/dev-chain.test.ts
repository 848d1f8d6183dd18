import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../cli/dev-server.js';
import { createS3Client } from '../../functions/s3-client.js';
import type { Manifest } from '../../lib/convert.js';
import { FONT_DIR, referenceOutputs } from './reference-outputs.js';
import { getBytes, getJson, listKeys, pollUntil, putObject } from './s3-helpers.js';

const seeds = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const fixtures = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort();
// Uploaded under a folder with a space and Chinese, as users do.
const folder = '2024 年度';
const stem = (file: string) => file.replace(/\.txt$/, '');

let dataDir: string;
let server: DevServer;
let client: S3Client;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'report-press-dev-'));
  server = await startDevServer({ port: 0, dir: dataDir, fontDir: FONT_DIR, log: () => {}, handlerLogLevel: 'SILENT' });
  client = createS3Client({ endpoint: server.endpoint });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Waits until the manifest and every document it lists are in the output bucket. */
async function waitForOutputs(path: string): Promise<Manifest> {
  return pollUntil(
    `the manifest and documents of ${path}`,
    async () => {
      const keys = new Set(await listKeys(client, server.buckets.output, `${path}/`));
      if (keys.has(`${path}/error.json`)) throw new Error(`${path} was rejected: ${new TextDecoder().decode(await getBytes(client, server.buckets.output, `${path}/error.json`))}`);
      if (!keys.has(`${path}/manifest.json`)) return undefined;
      const manifest = await getJson<Manifest>(client, server.buckets.output, `${path}/manifest.json`);
      const complete = manifest.reports.every((r) => keys.has(`${path}/${r.docx}`) && keys.has(`${path}/${r.pdf}`));
      return complete ? manifest : undefined;
    },
    60_000,
  );
}

describe('the local chain on the embedded S3 server', () => {
  it('turns every uploaded fixture into the manifest and documents report-press convert writes, byte for byte', async () => {
    await Promise.all(fixtures.map((file) => putObject(client, server.buckets.input, `${folder}/${file}`, readFileSync(join(seeds, file)))));

    for (const file of fixtures) {
      const path = `${folder}/${stem(file)}`;
      const manifest = await waitForOutputs(path);
      const expected = await referenceOutputs(readFileSync(join(seeds, file)), file);

      expect(manifest).toEqual(expected.manifest);
      expect(await listKeys(client, server.buckets.output, `${path}/`)).toEqual(
        [`${path}/manifest.json`, ...[...expected.documents.keys()].map((name) => `${path}/${name}`)].sort(),
      );
      for (const [name, bytes] of expected.documents) {
        const actual = await getBytes(client, server.buckets.output, `${path}/${name}`);
        expect(Buffer.from(actual).equals(Buffer.from(bytes)), `${path}/${name}`).toBe(true);
      }
    }
    await server.idle();
    expect(server.deadLetters).toEqual([]);
  });

  it('answers bad input with an error record instead of documents', async () => {
    await putObject(client, server.buckets.input, 'bad/only an advert.txt', '*【更多素材搜索哒哒文库】');

    const record = await pollUntil('the error record', async () => (await listKeys(client, server.buckets.output, 'bad/only an advert/')).at(0), 20_000);

    expect(record).toBe('bad/only an advert/error.json');
    expect(await getJson(client, server.buckets.output, record)).toMatchObject({ source: 'bad/only an advert.txt', stage: 'clean' });
  });

  it('keeps objects in DATA_DIR across restarts', async () => {
    await server.idle();
    const before = await listKeys(client, server.buckets.output);
    await server.close();
    client.destroy();

    server = await startDevServer({ port: 0, dir: dataDir, fontDir: FONT_DIR, log: () => {}, handlerLogLevel: 'SILENT' });
    client = createS3Client({ endpoint: server.endpoint });

    expect(await listKeys(client, server.buckets.output)).toEqual(before);
  });
});
