/**
 * The two buckets in memory, as one user may reach them: the web API's core is given only this, so
 * what it can touch is what the tests see. Presigned URLs are spelled out so their options are
 * visible; every key read from the output bucket is added to `reads`, every upload announced again
 * to `reannounced`.
 */
import type { DownloadOptions, UserStorage } from '../../../lib/web/job-view.js';

export interface MemoryBuckets {
  readonly input: Map<string, Uint8Array>;
  readonly output: Map<string, Uint8Array>;
  readonly reads: string[];
  readonly reannounced: string[];
}

export function memoryBuckets(input = new Map<string, Uint8Array>(), output = new Map<string, Uint8Array>()): MemoryBuckets {
  return { input, output, reads: [], reannounced: [] };
}

export function memoryStorage(buckets: MemoryBuckets, userId: string): UserStorage {
  const { input, output, reads, reannounced } = buckets;
  const mine = (key: string) => {
    if (!key.startsWith(`users/${userId}/`)) throw new Error(`outside the user's prefix: ${key}`);
    return key;
  };
  return {
    async presignUpload(key, o) {
      return `put://${mine(key)}?type=${o.contentType}&bytes=${o.bytes}&expires=${o.expiresIn}`;
    },
    async presignDownload(key, o: DownloadOptions) {
      return `get://${mine(key)}?${o.disposition}=${o.fileName}`;
    },
    async readOutput(key) {
      reads.push(key);
      return output.get(mine(key));
    },
    async listInput(prefix) {
      return [...input.keys()].filter((key) => key.startsWith(mine(prefix)));
    },
    async readInput(key) {
      return input.get(mine(key));
    },
    async writeInput(key, body) {
      input.set(mine(key), body);
    },
    async presignInputDownload(key, o) {
      return `get-input://${mine(key)}?inline=${o.fileName}&expires=${o.expiresIn}`;
    },
    async reannounceInput(key) {
      reannounced.push(mine(key));
    },
  };
}
