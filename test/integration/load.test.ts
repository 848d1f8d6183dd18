import { describe, expect, it } from 'vitest';
import { digestOf, type Manifest } from '../../lib/convert.js';
import type { JobStatus } from '../../lib/pipeline/job-status.js';
import { compilation, getBytesIfAny, getJson, listObjects, pollUntil, putObject } from './s3-helpers.js';
import { useLocalChain } from '../support/local-chain.js';

const UPLOADS = 100;

/** What one upload should end as. */
interface Case {
  readonly key: string;
  /** Uploaded one after the other; the last one counts. */
  readonly versions: readonly Uint8Array[];
  readonly state: 'done' | 'failed';
}

const encode = (text: string) => new TextEncoder().encode(text);

/**
 * A mix as users send it: mostly single reports, some compilations, some inputs that cannot be
 * converted, and some keys uploaded again while the first upload is still being converted.
 */
function cases(): Case[] {
  return Array.from({ length: UPLOADS }, (_, i): Case => {
    const n = i + 1;
    if (n % 10 === 0) return { key: `load/empty-${n}.txt`, versions: [new Uint8Array()], state: 'failed' };
    if (n % 10 === 5) return { key: `load/advert-${n}.txt`, versions: [encode('*【更多素材搜索哒哒文库】')], state: 'failed' };
    if (n % 10 === 3) return { key: `load/compilation-${n}.txt`, versions: [encode(compilation(2 + (n % 3), `合集${n}`))], state: 'done' };
    if (n % 10 === 7) return { key: `load/again-${n}.txt`, versions: [encode(compilation(3, `初稿${n}`)), encode(compilation(1, `定稿${n}`))], state: 'done' };
    return { key: `load/${n}.txt`, versions: [encode(compilation(1, `第${n}份`))], state: 'done' };
  });
}

const chain = useLocalChain('report-press-load-');

const folderOf = (key: string) => key.replace(/\.txt$/, '');

describe('the local chain under load', () => {
  it(`finishes ${UPLOADS} simultaneous uploads of mixed inputs: none lost, duplicated, stale or left running`, async () => {
    const all = cases();
    const started = performance.now();

    await Promise.all(all.map(async (c) => {
      for (const version of c.versions) await putObject(chain.client, chain.server.buckets.input, c.key, version);
    }));
    const uploadedMs = performance.now() - started;
    await pollUntil(
      'every job to finish',
      async () => {
        const statuses = (await listObjects(chain.client, chain.server.buckets.output, 'load/')).filter((o) => o.key.endsWith('/status.json'));
        return statuses.length === UPLOADS ? true : undefined;
      },
      200_000,
      250,
    );
    await chain.server.idle();
    const totalMs = performance.now() - started;

    const tally = { done: 0, failed: 0, lost: 0, running: 0, wrongState: 0, stale: 0, extra: 0, corrupt: 0, duplicateEvents: 0, missingEvents: 0 };
    const everything = await listObjects(chain.client, chain.server.buckets.output, 'load/');
    let documents = 0;
    for (const c of all) {
      const folder = folderOf(c.key);
      const last = c.versions.at(-1) as Uint8Array;
      const inFolder = everything.filter((o) => o.key.startsWith(`${folder}/`));
      const statusBytes = await getBytesIfAny(chain.client, chain.server.buckets.output, `${folder}/status.json`);
      if (!statusBytes) {
        tally.lost += 1;
        continue;
      }
      const status = JSON.parse(new TextDecoder().decode(statusBytes)) as JobStatus;
      if (status.state === 'running') tally.running += 1;
      else tally[status.state] += 1;
      if (status.state !== c.state) tally.wrongState += 1;
      if (status.state === 'done') {
        const manifest = await getJson<Manifest>(chain.client, chain.server.buckets.output, `${folder}/manifest.json`);
        if (manifest.input?.sha256 !== digestOf(last).sha256) tally.stale += 1;
        const wanted = new Set([`${folder}/manifest.json`, `${folder}/status.json`, `${folder}/removals.json`]);
        for (const report of manifest.reports) {
          for (const format of ['docx', 'pdf'] as const) {
            const key = `${folder}/${report[format]}`;
            wanted.add(key);
            documents += 1;
            if (inFolder.find((o) => o.key === key)?.size !== report.files?.[format]?.bytes) tally.corrupt += 1;
          }
        }
        tally.extra += inFolder.filter((o) => !wanted.has(o.key)).length;
      } else if (status.state === 'failed') {
        tally.extra += inFolder.filter((o) => !o.key.endsWith('/error.json') && !o.key.endsWith('/status.json')).length;
      }
      const events = chain.server.jobEvents.filter((e) => e.inputKey === c.key && e.version === status.input.version);
      if (events.length > 1) tally.duplicateEvents += 1;
      if (events.length === 0) tally.missingEvents += 1;
    }

    expect(tally).toEqual({
      done: all.filter((c) => c.state === 'done').length,
      failed: all.filter((c) => c.state === 'failed').length,
      lost: 0,
      running: 0,
      wrongState: 0,
      stale: 0,
      extra: 0,
      corrupt: 0,
      duplicateEvents: 0,
      missingEvents: 0,
    });
    expect(chain.server.deadLetters).toEqual([]);
    console.log(
      `load: ${all.reduce((n, c) => n + c.versions.length, 0)} uploads of ${UPLOADS} keys in ${Math.round(uploadedMs)} ms; ` +
        `${tally.done} done (${documents} documents), ${tally.failed} failed as expected, 0 lost, 0 duplicated, 0 stale, 0 running, ` +
        `after ${Math.round(totalMs)} ms; ${chain.server.jobEvents.length} Job Finished events`,
    );
  }, 240_000);
});
