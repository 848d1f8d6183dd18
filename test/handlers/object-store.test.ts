import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, type AgentOptions } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3 } from '../../cli/local-s3.js';
import { s3ObjectStore } from '../../functions/object-store.js';
import { LOCAL_CREDENTIALS } from '../../functions/s3-client.js';
import { ObjectTooLargeError } from '../../lib/pipeline/object-store.js';
import { putObject } from '../integration/s3-helpers.js';

/** An HTTP agent that remembers its sockets, so a test can tell how many bytes came over them. */
class CountingAgent extends Agent {
  private readonly opened: Socket[] = [];

  constructor(options: AgentOptions = {}) {
    super({ ...options, keepAlive: false });
  }

  override createConnection(...args: Parameters<Agent['createConnection']>): ReturnType<Agent['createConnection']> {
    const socket = super.createConnection(...args) as Socket;
    this.opened.push(socket);
    return socket;
  }

  /** Bytes received over every socket so far. */
  get bytesRead(): number {
    return this.opened.reduce((n, socket) => n + socket.bytesRead, 0);
  }
}

const MB = 1024 * 1024;

let s3: LocalS3;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'report-press-object-store-'));
  s3 = await startLocalS3({ port: 0, dir: dataDir });
});

afterAll(async () => {
  await s3?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The store over a client of the embedded S3 server whose bytes received are counted. */
function countedStore() {
  const agent = new CountingAgent();
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: LOCAL_CREDENTIALS,
    requestHandler: { httpAgent: agent },
  });
  return { store: s3ObjectStore(client), agent, client };
}

describe('the S3 object store', () => {
  it('answers an object over the reader’s maxBytes with its size and version, without downloading its body', async () => {
    // prepare: 32 MB stored, a reader that takes 1 MB
    const { store, agent, client } = countedStore();
    await putObject(client, s3.buckets.input, 'big.txt', new Uint8Array(32 * MB).fill(0x41));
    const before = agent.bytesRead;
    // act
    const refused = await store.get(s3.buckets.input, 'big.txt', { maxBytes: MB }).catch((error: unknown) => error);
    // assert
    expect(refused).toBeInstanceOf(ObjectTooLargeError);
    expect((refused as ObjectTooLargeError).object).toMatchObject({ key: 'big.txt', size: 32 * MB, etag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(agent.bytesRead - before).toBeLessThan(8 * MB);
    client.destroy();
  });

  it('reads an object within maxBytes whole', async () => {
    // prepare
    const { store, client } = countedStore();
    await putObject(client, s3.buckets.input, 'small.txt', new Uint8Array(MB).fill(0x42));
    // act
    const object = await store.get(s3.buckets.input, 'small.txt', { maxBytes: MB });
    // assert
    expect(object?.body.byteLength).toBe(MB);
    expect(object?.size).toBe(MB);
    client.destroy();
  });

  it('copies an object inside S3 whatever its key holds (+, %, spaces, Chinese), with the same bytes and ETag', async () => {
    // prepare
    const { store, client } = countedStore();
    const source = 'jobs/2024/年度 汇编+1%/01.abc.pdf';
    const written = await store.put(s3.buckets.work, source, new TextEncoder().encode('%PDF-1.7 a document'), 'application/pdf');
    const before = s3.requestCounts();
    // act
    const copied = await store.copy(s3.buckets.work, source, s3.buckets.output, '2024/年度 汇编+1%/01-报告.pdf');
    const missing = await store.copy(s3.buckets.work, 'jobs/2024/gone+1.pdf', s3.buckets.output, '2024/gone.pdf');
    // assert
    expect(copied).toEqual({ etag: written.etag });
    expect(missing).toBeUndefined();
    const object = await store.get(s3.buckets.output, '2024/年度 汇编+1%/01-报告.pdf');
    expect(new TextDecoder().decode(object?.body)).toBe('%PDF-1.7 a document');
    expect(s3.requestCounts().operations.COPY - before.operations.COPY).toBe(2);
    client.destroy();
  });
});
