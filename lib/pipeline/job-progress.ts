/**
 * The publisher's count of a job's documents, kept without reading the job folder. A full settle
 * (publish.ts `settleJob`) lists the whole job folder: 2N documents for N reports. Settling once
 * per rendered document made the publisher's work grow with N² (a job of 480 reports ran one
 * publish past its 120 s timeout). So a batch of events that announces only rendered documents of
 * the upload a running status is about is counted instead of settled: their slots (report and
 * format) go into the job's tally, a bitmap in `tally.json` in the job folder, written with
 * conditional writes so that concurrent publishers add to it rather than over it, and the tally's
 * count goes into `status.json`. A document announced twice is one slot: the count is exact. When
 * the tally holds every planned document, or the batch holds anything else for the input (the
 * upload, a removal, the plan, an error), the job is settled in full as before.
 */
import { DocumentFormat, encodeJson } from '../convert.js';
import { JobPhase, JobState, type JobStatus } from './job-status.js';
import { documentPath, errorKey, inputKeyOfPath, manifestKey, parseJobKey, parseRenderedName, statusKey, tallyKey, type JobRef } from './keys.js';
import type { ObjectRef } from './object-events.js';
import { PreconditionFailedError } from './object-store.js';
import { parseStatus, settleJob, type PublishDeps, type SettleOutcome } from './publish.js';
import { ContentType } from './stage-steps.js';
import { BucketRole, ObjectEvent, WorkPrefix } from './stages.js';

/** What one batch of events says about one input. */
export interface InputNews {
  readonly inputKey: string;
  /** Rendered documents announced, as slot numbers (see {@link slotNumber}), by the version of the upload they belong to. */
  readonly rendered: ReadonlyMap<string, ReadonlySet<number>>;
  /** True when the batch holds anything else for this input: an upload, a removal, another fact. */
  readonly other: boolean;
  /** The queue messages that brought it (to deliver again should it fail); none for events that came straight. */
  readonly messageIds: ReadonlySet<string>;
}

/** An object event with the role of its bucket, and the queue message it came in, if any. */
export interface RoledRef extends ObjectRef {
  readonly role: BucketRole;
  readonly messageId?: string;
}

const FORMATS: readonly DocumentFormat[] = Object.values(DocumentFormat);

/** A document's place in a job's tally: report by report, each report's formats in their order. */
export const slotNumber = (index: number, format: DocumentFormat): number => (index - 1) * FORMATS.length + FORMATS.indexOf(format);

/**
 * The news of a batch by input key, from the refs of its events with their buckets' roles (events
 * from buckets outside the chain, or keys outside its folders, are the caller's to refuse first).
 */
export function newsByInput(refs: readonly RoledRef[]): Map<string, InputNews> {
  const news = new Map<string, { inputKey: string; rendered: Map<string, Set<number>>; other: boolean; messageIds: Set<string> }>();
  const entry = (inputKey: string, messageId: string | undefined) => {
    let found = news.get(inputKey);
    if (!found) news.set(inputKey, (found = { inputKey, rendered: new Map(), other: false, messageIds: new Set() }));
    if (messageId !== undefined) found.messageIds.add(messageId);
    return found;
  };
  for (const ref of refs) {
    const job = ref.role === BucketRole.Work && ref.key.startsWith(WorkPrefix.Jobs) ? parseJobKey(ref.key) : undefined;
    if (!job) {
      if (ref.role === BucketRole.Input) entry(ref.key, ref.messageId).other = true;
      continue;
    }
    const item = entry(inputKeyOfPath(job.path), ref.messageId);
    const document = ref.event === ObjectEvent.Created ? parseRenderedName(job.name) : undefined;
    if (!document) {
      item.other = true;
      continue;
    }
    let slots = item.rendered.get(job.version);
    if (!slots) item.rendered.set(job.version, (slots = new Set()));
    slots.add(slotNumber(document.index, document.format));
  }
  return news;
}

/** `tally.json`: the slots of the documents the publisher has heard of, one bit each, base64. */
interface Tally {
  readonly rendered: string;
}

const decodeTally = (bytes: Uint8Array | undefined): Uint8Array => {
  if (!bytes) return new Uint8Array();
  try {
    const tally = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Tally>;
    return typeof tally.rendered === 'string' ? new Uint8Array(Buffer.from(tally.rendered, 'base64')) : new Uint8Array();
  } catch {
    // Not ours to read: counted again from the events to come, and a full settle lists the truth.
    return new Uint8Array();
  }
};

const countBits = (bits: Uint8Array): number => {
  let count = 0;
  for (let byte of bits) {
    for (; byte !== 0; byte &= byte - 1) count += 1;
  }
  return count;
};

/** `bits` with `slots` set, or undefined when every one of them was set already. */
function withSlots(bits: Uint8Array, slots: ReadonlySet<number>): Uint8Array | undefined {
  const highest = Math.max(...slots);
  const next = new Uint8Array(Math.max(bits.length, (highest >> 3) + 1));
  next.set(bits);
  let changed = false;
  for (const slot of slots) {
    const mask = 1 << (slot & 7);
    if ((next[slot >> 3]! & mask) !== 0) continue;
    next[slot >> 3]! |= mask;
    changed = true;
  }
  return changed ? next : undefined;
}

/** Conditional writes lost in a row before the work is handed back (the batch is delivered again). */
const MAX_ATTEMPTS = 16;

/**
 * Adds `slots` to the job's tally and returns how many documents it holds now. Conditional, so two
 * publishers adding at once both land: the one that loses reads the tally again and adds to that.
 */
export async function recordRendered(job: JobRef, slots: ReadonlySet<number>, deps: Pick<PublishDeps, 'store' | 'buckets'>): Promise<number> {
  const { store, buckets } = deps;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const object = await store.get(buckets.work, tallyKey(job));
    const bits = decodeTally(object?.body);
    const next = withSlots(bits, slots);
    if (!next) return countBits(bits);
    const tally: Tally = { rendered: Buffer.from(next).toString('base64') };
    try {
      await store.put(buckets.work, tallyKey(job), encodeJson(tally), ContentType.Json, object ? { ifMatch: object.etag } : { ifNoneMatch: '*' });
      return countBits(next);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  }
  throw new PreconditionFailedError(`${tallyKey(job)} kept changing for ${MAX_ATTEMPTS} attempts; the batch will be delivered again`);
}

/**
 * Shows `count` documents in the running status of upload `version`, unless only a full settle
 * may decide: the status is about another upload, finished, or not split yet; the count reaches
 * the total (the job may be complete); or a manifest or error record is in sight, which a late
 * publisher of an older upload may have left (a full settle removes it). Returns whether it did.
 */
export async function showCount(inputKey: string, version: string, count: number, deps: PublishDeps): Promise<boolean> {
  const { store, buckets } = deps;
  const path = documentPath(inputKey);
  const now = deps.now ?? (() => new Date());
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const [statusObject, manifest, error] = await Promise.all([
      store.get(buckets.output, statusKey(path)),
      store.head(buckets.output, manifestKey(path)),
      store.head(buckets.output, errorKey(path)),
    ]);
    const status = parseStatus(statusObject);
    const total = status?.documents.total ?? null;
    if (!statusObject || !status || status.input.version !== version || status.state !== JobState.Running || total === null) return false;
    if (count >= total || manifest || error) return false;
    // Never backwards: a full settle may have counted documents whose events come later.
    if (count <= status.documents.done) return true;
    const next: JobStatus = { ...status, phase: JobPhase.Rendering, documents: { done: count, total }, updated: now().toISOString() };
    try {
      await store.put(buckets.output, statusKey(path), encodeJson(next), ContentType.Json, { ifMatch: statusObject.etag });
      return true;
    } catch (failure) {
      if (!(failure instanceof PreconditionFailedError)) throw failure;
    }
  }
  return false;
}

/** What the publisher did with one input's news. */
export type NewsOutcome =
  | { readonly kind: 'counted'; readonly inputKey: string; readonly version: string; readonly documents: number }
  | { readonly kind: 'settled'; readonly outcome: SettleOutcome };

/**
 * Takes one input's news from a batch: records the documents announced in their jobs' tallies,
 * then shows the count, or settles the job in full when the count cannot tell (see the module
 * comment). Safe to run for any news, any number of times, beside any other publisher.
 */
export async function publishNews(news: InputNews, deps: PublishDeps): Promise<NewsOutcome> {
  const path = documentPath(news.inputKey);
  const counts = new Map<string, number>();
  for (const [version, slots] of news.rendered) counts.set(version, await recordRendered({ path, version }, slots, deps));
  const [only] = counts;
  if (!news.other && counts.size === 1 && only && (await showCount(news.inputKey, only[0], only[1], deps))) {
    return { kind: 'counted', inputKey: news.inputKey, version: only[0], documents: only[1] };
  }
  return { kind: 'settled', outcome: await settleJob(news.inputKey, deps) };
}
