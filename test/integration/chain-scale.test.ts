/**
 * The chain's work per document does not grow with the number of documents: a compilation ten
 * times larger costs about as many S3 requests per document, and makes the server list about as
 * many keys per document. Counted at the embedded S3 server, never timed; the large runs (1,000
 * reports, 500 uploads at once) are `npm run bench`'s (scripts/bench-chain.ts).
 */
import { describe, expect, it } from 'vitest';
import { compilation, pollUntil, putObject } from './s3-helpers.js';
import { useLocalChain } from '../support/local-chain.js';

const chain = useLocalChain('report-press-chain-scale-');

/** What one upload of a compilation of `reports` reports cost the server, from upload to the chain at rest, per document. */
async function costOf(key: string, reports: number) {
  const before = chain.server.s3Requests();
  const invocationsBefore = chain.server.invocationStats().publish.invocations;
  await putObject(chain.client, chain.server.buckets.input, key, compilation(reports, key));
  await pollUntil(`${key} to finish`, async () => (chain.server.jobEvents.some((e) => e.inputKey === key) ? true : undefined), 120_000, 50);
  await chain.server.idle();
  const after = chain.server.s3Requests();
  const documents = reports * 2;
  expect(chain.server.jobEvents.filter((e) => e.inputKey === key)).toEqual([expect.objectContaining({ state: 'done', documents })]);
  return {
    requests: (after.total - before.total) / documents,
    listedKeys: (after.listedKeys - before.listedKeys) / documents,
    publishInvocations: chain.server.invocationStats().publish.invocations - invocationsBefore,
  };
}

describe('the local chain at scale', () => {
  it('makes about as many S3 requests, and lists about as many keys, per document for 50 reports as for 5', async () => {
    // act
    const small = await costOf('scale/five.txt', 5);
    const large = await costOf('scale/fifty.txt', 50);

    // assert
    console.log(`per document, 5 → 50 reports: S3 requests ${small.requests.toFixed(1)} → ${large.requests.toFixed(1)}, keys listed ${small.listedKeys.toFixed(1)} → ${large.listedKeys.toFixed(1)}; publish invocations ${small.publishInvocations} → ${large.publishInvocations}`);
    expect(large.requests).toBeLessThanOrEqual(2 * small.requests);
    // A settle lists the whole job folder: once per fact, this grew tenfold with ten times the reports.
    expect(large.listedKeys).toBeLessThanOrEqual(2 * small.listedKeys);
  }, 240_000);
});
