/**
 * The local chain (`report-press dev`'s S3 server and stage runner) for one test file: started
 * before its tests, closed and its folder removed after them, with a client on its S3 server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';
import { startDevServer, type DevServer } from '../../cli/dev-server.js';
import { createS3Client } from '../../functions/s3-client.js';
import { FONT_DIR } from '../integration/reference-outputs.js';

export interface LocalChain {
  readonly server: DevServer;
  readonly client: S3Client;
}

/** Registers the chain's start and stop with the calling file's hooks; read its fields inside tests. */
export function useLocalChain(folderPrefix: string): LocalChain {
  const local = {} as { server: DevServer; client: S3Client; dir: string };
  beforeAll(async () => {
    local.dir = mkdtempSync(join(tmpdir(), folderPrefix));
    local.server = await startDevServer({ port: 0, dir: local.dir, fontDir: FONT_DIR, log: () => {}, handlerLogLevel: 'SILENT' });
    local.client = createS3Client({ endpoint: local.server.endpoint });
  });
  afterAll(async () => {
    local.client?.destroy();
    await local.server?.close();
    if (local.dir) rmSync(local.dir, { recursive: true, force: true });
  });
  return local;
}
