/**
 * The chain's stages without their handlers or events: each pure step run on an object in a real
 * store, its writes stored as the stage's handler stores them. Tests drive a job this way one fact
 * at a time, to interleave publishers exactly where they mean to.
 */
import { fileURLToPath } from 'node:url';
import { fontLibraryFrom } from '../../functions/fonts.js';
import { DocumentFormat } from '../../lib/convert.js';
import type { ObjectStore } from '../../lib/pipeline/object-store.js';
import { allWrites, cleanStep, renderStep, splitStep, type ObjectWrite, type StageStep } from '../../lib/pipeline/stage-steps.js';
import type { BucketRole } from '../../lib/pipeline/stages.js';
import { GBT9704 } from '../../lib/render/style.js';

const FONT_DIR = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));

/** Runs `step` on the object at `key` in `bucket`, storing what it writes; returns the writes. */
export async function runStep(store: ObjectStore, buckets: Readonly<Record<BucketRole, string>>, step: StageStep, bucket: string, key: string): Promise<ObjectWrite[]> {
  const object = await store.get(bucket, key);
  if (!object) throw new Error(`${bucket}/${key} is missing`);
  const write = async (w: ObjectWrite) => void (await store.put(buckets[w.bucket], w.key, w.body, w.contentType));
  const writes = allWrites(await step({ key, object, write }));
  for (const w of writes) await write(w);
  return writes;
}

/** Every fact of the current upload of `inputKey`: clean, split, then both renders of every report. */
export async function recordAllFacts(store: ObjectStore, buckets: Readonly<Record<BucketRole, string>>, inputKey: string): Promise<void> {
  const cleaned = (await runStep(store, buckets, cleanStep(), buckets.input, inputKey)).find((w) => w.key.startsWith('cleaned/'));
  if (!cleaned) throw new Error(`the clean step wrote no cleaned text for ${inputKey}`);
  const reports = (await runStep(store, buckets, splitStep({ profile: GBT9704.id }), buckets.work, cleaned.key)).filter((w) => w.key.startsWith('reports/'));
  const fonts = fontLibraryFrom(FONT_DIR);
  for (const report of reports) {
    await runStep(store, buckets, renderStep(DocumentFormat.Docx, () => ({ profile: GBT9704 })), buckets.work, report.key);
    await runStep(store, buckets, renderStep(DocumentFormat.Pdf, () => ({ profile: GBT9704, fonts })), buckets.work, report.key);
  }
}
