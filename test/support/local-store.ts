/**
 * An embedded S3 server for one test file: started before its tests, closed and its folder removed
 * after them, with a client and the chain's object store on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';
import { startLocalS3, type LocalS3 } from '../../cli/local-s3.js';
import { createS3Client } from '../../functions/s3-client.js';
import { s3ObjectStore } from '../../functions/object-store.js';
import type { ObjectStore } from '../../lib/pipeline/object-store.js';

export interface LocalStore {
  readonly s3: LocalS3;
  readonly client: S3Client;
  readonly store: ObjectStore;
}

/** Registers the server's start and stop with the calling file's hooks; read its fields inside tests. */
export function useLocalStore(folderPrefix: string): LocalStore {
  const local = {} as { s3: LocalS3; client: S3Client; store: ObjectStore; dir: string };
  beforeAll(async () => {
    local.dir = mkdtempSync(join(tmpdir(), folderPrefix));
    local.s3 = await startLocalS3({ port: 0, dir: local.dir });
    local.client = createS3Client({ endpoint: local.s3.endpoint });
    local.store = s3ObjectStore(local.client);
  });
  afterAll(async () => {
    local.client?.destroy();
    await local.s3?.close();
    if (local.dir) rmSync(local.dir, { recursive: true, force: true });
  });
  return local;
}
