import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../cli/dev-server.js';
import { createS3Client } from '../../functions/s3-client.js';
import type { Manifest } from '../../lib/convert.js';
import type { JobStatus } from '../../lib/pipeline/job-status.js';
import { FONT_DIR, referenceOutputs } from './reference-outputs.js';
import { getBytes, getJson, lastModifiedOf, listKeys, pollUntil, putObject } from './s3-helpers.js';

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

/** Waits until the job of `path` is done (status.json), then reads its manifest. */
async function waitForOutputs(path: string): Promise<Manifest> {
  const status = await pollUntil(
    `the job of ${path}`,
    async () => {
      const keys = await listKeys(client, server.buckets.output, `${path}/`);
      if (!keys.includes(`${path}/status.json`)) return undefined;
      const current = await getJson<JobStatus>(client, server.buckets.output, `${path}/status.json`);
      return current.state === 'running' ? undefined : current;
    },
    60_000,
  );
  if (status.state === 'failed') throw new Error(`${path} failed: ${new TextDecoder().decode(await getBytes(client, server.buckets.output, `${path}/error.json`))}`);
  return getJson<Manifest>(client, server.buckets.output, `${path}/manifest.json`);
}

describe('the local chain on the embedded S3 server', () => {
  it('turns every uploaded fixture into the manifest and documents report-press convert writes, byte for byte', async () => {
    await Promise.all(fixtures.map((file) => putObject(client, server.buckets.input, `${folder}/${file}`, readFileSync(join(seeds, file)))));

    for (const file of fixtures) {
      const path = `${folder}/${stem(file)}`;
      const manifest = await waitForOutputs(path);
      const expected = await referenceOutputs(readFileSync(join(seeds, file)), file, await lastModifiedOf(client, server.buckets.input, `${folder}/${file}`));

      expect(manifest).toEqual(expected.manifest);
      expect(await listKeys(client, server.buckets.output, `${path}/`)).toEqual(
        [`${path}/manifest.json`, `${path}/status.json`, ...[...expected.documents.keys()].map((name) => `${path}/${name}`)].sort(),
      );
      for (const [name, bytes] of expected.documents) {
        const actual = await getBytes(client, server.buckets.output, `${path}/${name}`);
        expect(Buffer.from(actual).equals(Buffer.from(bytes)), `${path}/${name}`).toBe(true);
      }
    }
    await server.idle();
    expect(server.deadLetters).toEqual([]);
    expect(server.jobEvents.map((e) => [e.inputKey, e.state]).sort()).toEqual(fixtures.map((file) => [`${folder}/${file}`, 'done']).sort());
  });

  it('keeps objects in DATA_DIR across restarts, and has nothing to resume when every job finished', async () => {
    await server.idle();
    const before = await listKeys(client, server.buckets.output);
    await server.close();
    client.destroy();

    server = await startDevServer({ port: 0, dir: dataDir, fontDir: FONT_DIR, log: () => {}, handlerLogLevel: 'SILENT' });
    client = createS3Client({ endpoint: server.endpoint });

    expect(server.resumed).toEqual([]);
    expect(await listKeys(client, server.buckets.output)).toEqual(before);
  });

  it('writes the author it is started with into the documents, as the deployed renders do', async () => {
    // prepare: a restart with an author, as `report-press dev --author …`
    await server.close();
    client.destroy();
    server = await startDevServer({ port: 0, dir: dataDir, fontDir: FONT_DIR, log: () => {}, handlerLogLevel: 'SILENT', author: 'XX县委办公室' });
    client = createS3Client({ endpoint: server.endpoint });
    const [file] = fixtures;
    // act
    await putObject(client, server.buckets.input, `authored/${file}`, readFileSync(join(seeds, file!)));
    const manifest = await waitForOutputs(`authored/${stem(file!)}`);
    // assert
    const docx = await getBytes(client, server.buckets.output, `authored/${stem(file!)}/${manifest.reports[0]!.docx}`);
    const core = new TextDecoder().decode(unzipSync(docx)['docProps/core.xml']);
    expect(core).toContain('<dc:creator>XX县委办公室</dc:creator>');
  });

  it('converts a Word document beside the .txt of the same name in a folder of its own, each a job of its own', async () => {
    // prepare: the first fixture as text and as a .docx of the same text, side by side
    const [file] = fixtures;
    const bytes = readFileSync(join(seeds, file!));
    const lines = new TextDecoder().decode(bytes).split('\n');
    const word = await Packer.toBuffer(new Document({ sections: [{ children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })) }] }));
    // act
    await Promise.all([putObject(client, server.buckets.input, 'side/report.txt', bytes), putObject(client, server.buckets.input, 'side/report.docx', word)]);
    const [fromText, fromWord] = await Promise.all([waitForOutputs('side/report'), waitForOutputs('side/report.docx')]);
    // assert: the same reports (the documents differ by their date if the uploads fell in two seconds),
    // each job announced for its own upload
    const described = (manifest: Manifest) => manifest.reports.map(({ files, ...report }) => ({ ...report, bytes: [files?.docx?.bytes, files?.pdf?.bytes] }));
    expect([fromText.source, fromWord.source]).toEqual(['report.txt', 'report.docx']);
    expect(described(fromWord)).toEqual(described(fromText));
    await server.idle();
    expect(server.jobEvents.filter((e) => e.inputKey.startsWith('side/')).map((e) => [e.inputKey, e.manifestKey, e.state]).sort()).toEqual([
      ['side/report.docx', 'side/report.docx/manifest.json', 'done'],
      ['side/report.txt', 'side/report/manifest.json', 'done'],
    ]);
  });
});
