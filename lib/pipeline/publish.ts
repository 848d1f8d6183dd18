/**
 * The publisher: makes the output folder of an input show its current upload, and only complete
 * things. It runs after every fact a stage records (and after an input is deleted), reads the facts
 * of the upload that is current *now* (a HEAD of the input), and converges the output folder on
 * them:
 * - running: `status.json` with counts; no manifest and no error record in sight;
 * - done: the documents, the removal log, then the manifest (with every document's SHA-256 and
 *   size), then `status.json` "done";
 * - failed: no documents or manifest; `error.json`, then `status.json` "failed";
 * - input deleted: everything the chain put in the folder removed.
 * `status.json` is written with S3 conditional writes (If-Match / If-None-Match), so the one
 * publisher that moves a job to done or failed is the one that announces it; the final status says
 * `"announced": false` until its `Job Finished` event is on the bus, so an event lost to a crash or
 * a refused PutEvents is put by the next settle instead (at least once). Because it always
 * works towards the current upload and checks after writing that the upload is still current, a
 * late publisher of an older upload repairs what it may have overwritten instead of leaving it.
 */
import { createHash } from 'node:crypto';
import {
  completeManifest,
  DocumentFormat,
  encodeJson,
  isDocumentFileName,
  MANIFEST,
  mergeRemovalLog,
  REMOVAL_LOG,
  type FileDigest,
  type Manifest,
} from '../convert.js';
import { ReportPressError } from '../errors.js';
import { FinishedState, JobEventType, type JobEventSink, type JobFinishedDetail } from './job-events.js';
import {
  announcementOwed,
  decideJob,
  documentCounts,
  documentSlot,
  hasFact,
  isFinished,
  JobPhase,
  JobState,
  parseJobListing,
  sameStatus,
  statusFor,
  type JobDecision,
  type JobFacts,
  type JobStatus,
} from './job-status.js';
import { checkInputKey, documentKey, documentPath, errorKey, inputVersion, jobFactKey, jobFolder, JobFact, manifestKey, statusKey, type JobRef } from './keys.js';
import { inParallel } from './in-parallel.js';
import { PreconditionFailedError, type ObjectInfo, type ObjectStore, type StoredObject } from './object-store.js';
import { ContentType } from './stage-steps.js';
import { StageName, type BucketRole } from './stages.js';
import { catalogueErrorRecord, decodeErrorRecord, decodeInputFact, decodePlanFact, decodeRenderWarnings, WorkItemError } from './work-items.js';

export interface PublishDeps {
  readonly store: ObjectStore;
  /** Actual bucket names by role. */
  readonly buckets: Readonly<Record<BucketRole, string>>;
  readonly events: JobEventSink;
  readonly now?: () => Date;
  /** Documents copied (and other requests made) at once while publishing. Default 32. */
  readonly parallelism?: number;
  /**
   * How long a finished status may owe its `Job Finished` event before a publisher other than the
   * one that wrote it puts the event. Default {@link ANNOUNCE_GRACE_MS}.
   */
  readonly announceGraceMs?: number;
}

/**
 * 30 s: far longer than a healthy publisher takes from its final status write to its mark (one
 * PutEvents), shorter than the first delivery again of a failed batch (the publish queue's
 * visibility timeout, 12 minutes) and than a retry of any other failed invocation (about a minute).
 */
export const ANNOUNCE_GRACE_MS = 30_000;

/** What one settling did. */
export interface SettleOutcome {
  readonly inputKey: string;
  /** The upload settled for; absent when the input is gone. */
  readonly version?: string;
  /** `ignored`: a key the chain leaves alone (see keys.ts `checkInputKey`). */
  readonly state: JobState | 'removed' | 'ignored';
  /** True when this call put the job's `Job Finished` event (it finished the job, or found its event owed). */
  readonly finished: boolean;
  /** Output keys written and deleted. */
  readonly written: readonly string[];
  readonly deleted: readonly string[];
}

/** The input kept changing, or other publishers kept winning, for longer than one invocation should wait. */
export class PublishContentionError extends ReportPressError {
  override readonly name = 'PublishContentionError';
}

const MAX_PASSES = 16;
const NO_FACTS: JobFacts = { objects: new Map(), rendered: new Map(), warnings: [] };
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const decoder = new TextDecoder();

/** The names the chain owns in an output folder; anything else there is the user's and is left alone. */
const isChainOutput = (name: string) => [MANIFEST, REMOVAL_LOG, 'error.json', 'status.json'].includes(name) || isDocumentFileName(name);

/** The status users read, or `undefined` for none or one this version cannot read. */
export function parseStatus(object: StoredObject | undefined): JobStatus | undefined {
  if (!object) return undefined;
  try {
    const value = JSON.parse(decoder.decode(object.body)) as JobStatus;
    return typeof value?.state === 'string' && typeof value.input?.version === 'string' ? value : undefined;
  } catch {
    // Not one of ours (or from an older version): treated as absent, and replaced.
    return undefined;
  }
}

/**
 * Makes the output folder of `inputKey` show its current upload (see the module comment). Safe
 * to call any number of times, concurrently, for any reason: it converges on the same result.
 * Throws (so Lambda retries) when the input keeps changing under it.
 */
export async function settleJob(inputKey: string, deps: PublishDeps): Promise<SettleOutcome> {
  const { store, buckets } = deps;
  const path = documentPath(inputKey);
  const check = checkInputKey(inputKey);
  if (check.kind === 'ignore') return { inputKey, state: 'ignored', finished: false, written: [], deleted: [] };
  const written: string[] = [];
  const deleted: string[] = [];
  const now = deps.now ?? (() => new Date());
  const parallelism = deps.parallelism ?? 32;
  const announceGraceMs = deps.announceGraceMs ?? ANNOUNCE_GRACE_MS;

  const put = async (key: string, body: Uint8Array, contentType: string) => {
    await store.put(buckets.output, key, body, contentType);
    written.push(key);
  };
  const remove = async (key: string) => {
    await store.delete(buckets.output, key);
    deleted.push(key);
  };

  /** The chain's objects in the output folder, by file name. */
  async function outputs(): Promise<Map<string, ObjectInfo>> {
    const listed = await store.list(buckets.output, `${path}/`);
    return new Map(listed.map((o) => [o.key.slice(path.length + 1), o] as const).filter(([name]) => isChainOutput(name)));
  }

  /** The job's facts; what this upload's status already says about its input is not read again. */
  async function readFacts(job: JobRef, inputKey: string, status: JobStatus | undefined): Promise<JobFacts> {
    const folder = jobFolder(job);
    const get = async <T>(fact: JobFact, decode: (bytes: Uint8Array) => T): Promise<T | undefined> => {
      const object = await store.get(buckets.work, jobFactKey(job, fact));
      return object ? decode(object.body) : undefined;
    };
    const known = status?.input.version === job.version && status.input.sha256 !== null && status.input.bytes !== null ? status : undefined;
    // Read alongside the listing: the plan exists for almost every settle (renders trigger most).
    const [listed, plan, knownInput] = await Promise.all([
      store.list(buckets.work, folder),
      get(JobFact.Plan, decodePlanFact),
      known ? { inputKey, version: job.version, etag: known.input.etag, input: { sha256: known.input.sha256 as string, bytes: known.input.bytes as number }, started: known.started } : undefined,
    ]);
    const listing = parseJobListing(folder, listed);
    const [input, error] = await Promise.all([
      knownInput ?? (hasFact(listing, JobFact.Input) ? get(JobFact.Input, decodeInputFact) : undefined),
      hasFact(listing, JobFact.Error) ? get(JobFact.Error, decodeErrorRecord) : undefined,
    ]);
    return { ...listing, input, plan, error };
  }

  /** What this publisher last saw of `status.json`: its ETag (for the next conditional write) and content. */
  interface StatusSeen {
    readonly etag?: string;
    readonly value?: JobStatus;
  }

  /**
   * Writes `next` unless it says what was seen; the write is conditional on nobody having written
   * since (throws PreconditionFailedError when someone has). Returns what is there now.
   */
  /** The last status this call tried to write, to judge a lost conditional write by. */
  let attempted: JobStatus | undefined;

  async function writeStatus(next: JobStatus, seen: StatusSeen): Promise<StatusSeen> {
    if (seen.value && sameStatus(seen.value, next)) return seen;
    attempted = next;
    const condition = seen.etag !== undefined ? { ifMatch: seen.etag } : { ifNoneMatch: '*' as const };
    const { etag } = await store.put(buckets.output, statusKey(path), encodeJson(next), ContentType.Json, condition);
    written.push(statusKey(path));
    return { etag, value: next };
  }

  /** Documents, removal log and manifest of a complete job; the manifest strictly last. */
  async function publishDocuments(job: JobRef, facts: JobFacts, present: Map<string, ObjectInfo>, beginPublishing: () => Promise<void>): Promise<Manifest> {
    const [draftObject, inputObject] = await Promise.all([store.get(buckets.work, jobFactKey(job, JobFact.Manifest)), store.get(buckets.work, jobFactKey(job, JobFact.Input))]);
    const removals = facts.objects.get(JobFact.Removals);
    if (!draftObject || !removals || !inputObject) {
      throw new WorkItemError(`the job folder ${jobFolder(job)} has a plan but no manifest, removal log or input fact; the split stage writes them first`);
    }
    const draft = JSON.parse(decoder.decode(draftObject.body)) as Manifest;
    // Read at once, kept in report and format order.
    const sidecars = await Promise.all(facts.warnings.map((sidecar) => store.get(buckets.work, sidecar.object.key)));
    const rendererWarnings = sidecars.flatMap((object) => (object ? decodeRenderWarnings(object.body).warnings : []));
    const manifest = completeManifest(draft, {
      // The input's digest as the clean stage recorded it, not as a status repeats it.
      input: decodeInputFact(inputObject.body).input,
      document: (index, format): FileDigest | undefined => {
        const rendered = facts.rendered.get(documentSlot(index, format));
        return rendered ? { sha256: rendered.sha256, bytes: rendered.object.size } : undefined;
      },
      warnings: rendererWarnings,
      pages: (index) => facts.rendered.get(documentSlot(index, DocumentFormat.Pdf))?.pages,
    });
    const manifestBytes = encodeJson(manifest);

    // What the folder must hold: each name with the work object it comes from (same bytes, same ETag).
    const wanted = new Map<string, { source: ObjectInfo }>();
    wanted.set(REMOVAL_LOG, { source: removals });
    for (const report of draft.reports) {
      for (const format of facts.plan?.formats ?? []) {
        const rendered = facts.rendered.get(documentSlot(report.index, format));
        if (rendered) wanted.set(report[format], { source: rendered.object });
      }
    }
    // With cuts of its own, the split's are merged into the cleaning's log: written, not copied.
    const splitCuts = facts.plan?.removals ?? [];
    let mergedLog: Uint8Array | undefined;
    if (splitCuts.length > 0) {
      const log = await store.get(buckets.work, removals.key);
      if (!log) throw new WorkItemError(`${removals.key} vanished while publishing; the work bucket must keep job folders until the job is done`);
      mergedLog = mergeRemovalLog(log.body, splitCuts);
      wanted.delete(REMOVAL_LOG);
    }
    const toCopy = [...wanted].filter(([name, { source }]) => present.get(name)?.etag !== source.etag || present.get(name)?.size !== source.size);
    const stale = [...present.keys()].filter((name) => !wanted.has(name) && name !== MANIFEST && name !== 'status.json' && !(mergedLog && name === REMOVAL_LOG));
    const logCurrent = mergedLog === undefined || present.get(REMOVAL_LOG)?.etag === md5(mergedLog);
    const manifestCurrent = present.get(MANIFEST)?.etag === md5(manifestBytes);
    if (toCopy.length === 0 && stale.length === 0 && logCurrent && manifestCurrent) return manifest;

    await beginPublishing();
    // Hide the old manifest first: while documents change, no manifest may list them.
    if (present.has(MANIFEST)) await remove(manifestKey(path));
    // Copied inside S3: one request per document, and no document passes through this function.
    await inParallel(toCopy, parallelism, async ([name, { source }]) => {
      const copied = await store.copy(buckets.work, source.key, buckets.output, documentKey(path, name));
      if (!copied) throw new WorkItemError(`${source.key} vanished while publishing; the work bucket must keep job folders until the job is done`);
      written.push(documentKey(path, name));
    });
    if (mergedLog && !logCurrent) await put(documentKey(path, REMOVAL_LOG), mergedLog, ContentType.Json);
    await inParallel(stale, parallelism, (name) => remove(documentKey(path, name)));
    await put(manifestKey(path), manifestBytes, ContentType.Json);
    return manifest;
  }

  /** One pass for the upload that was current when the pass began, with the status read then. */
  async function settleVersion(current: ObjectInfo | undefined, statusObject: StoredObject | undefined): Promise<Pick<SettleOutcome, 'state' | 'finished' | 'version'>> {
    const status: StatusSeen = { etag: statusObject?.etag, value: parseStatus(statusObject) };

    if (!current) {
      const present = await outputs();
      // Manifest first, status last: at no point does a manifest list documents already gone.
      for (const name of [MANIFEST, ...[...present.keys()].filter((n) => n !== MANIFEST && n !== 'status.json'), 'status.json']) {
        if (present.has(name)) await remove(documentKey(path, name));
      }
      return { state: 'removed', finished: false };
    }

    const version = inputVersion(current);
    const job = { path, version };
    // A key the chain refuses has no work facts (their keys might not even fit under S3's limit):
    // its job is decided from the key alone, dated by the upload so every publisher writes the same.
    const facts: JobFacts =
      check.kind === 'refuse'
        ? { ...NO_FACTS, error: catalogueErrorRecord(inputKey, StageName.Clean, check.code, check.params, current.lastModified) }
        : await readFacts(job, inputKey, status.value);
    const decision: JobDecision = decideJob(version, facts, status.value);
    if (decision.kind === 'keep') return { state: status.value?.state ?? JobState.Running, finished: false, version };
    // Listed on every pass, even when the status already shows this upload running: a publisher of
    // an older upload may have written its manifest or error record after that status (held up
    // between its HEAD and its write), and one that died right after such a write never re-settles.
    const present = await outputs();

    const statusOptions = {
      inputKey,
      version,
      etag: current.etag,
      lastModified: current.lastModified,
      manifestKey: manifestKey(path),
      errorKey: errorKey(path),
      now: now(),
    };
    // Each write is conditional on the previous one (ours or the one read), so of two publishers
    // racing for the same transition exactly one succeeds; the other reads again and finds it done.
    let seen = status;
    const setStatus = async (next: JobStatus) => {
      seen = await writeStatus(next, seen);
    };

    let manifest: Manifest | undefined;
    switch (decision.kind) {
      case JobState.Running:
        if (present.has(MANIFEST)) await remove(manifestKey(path));
        if (present.has('error.json')) await remove(errorKey(path));
        await setStatus(statusFor(decision, facts, statusOptions));
        return { state: JobState.Running, finished: false, version };
      case JobState.Failed: {
        if (present.has(MANIFEST)) await remove(manifestKey(path));
        const leftovers = [...present.keys()].filter((n) => n !== MANIFEST && n !== 'status.json' && n !== 'error.json');
        await inParallel(leftovers, parallelism, (name) => remove(documentKey(path, name)));
        const record = encodeJson(decision.error);
        if (present.get('error.json')?.etag !== md5(record)) await put(errorKey(path), record, ContentType.Json);
        break;
      }
      case JobState.Done: {
        // A finished job never shows running again: repairing its folder happens under "done".
        const alreadyDone = status.value?.input.version === version && status.value.state === JobState.Done;
        manifest = await publishDocuments(job, facts, present, async () => {
          if (!alreadyDone) await setStatus(statusFor({ kind: JobState.Running, phase: JobPhase.Publishing }, facts, statusOptions));
        });
        break;
      }
    }

    const next = statusFor(decision, facts, statusOptions);
    const after = await writeStatus(next, seen);
    const before = status.value;
    const movedHere = after !== seen && !(before?.input.version === version && before.state === next.state);
    const finished = await announce(after, movedHere, (value) => jobFinishedDetail(value, facts, manifest, decision));
    return { state: next.state, finished, version };
  }

  /**
   * Puts the `Job Finished` event a finished status still owes, then marks the status announced
   * (If-Match: a status replaced meanwhile needs no mark). The publisher that moved the status to
   * its final state sends at once; any other only once that status is older than the grace, so its
   * writer has died or failed to put the event (its invocation is then retried, and the sweep
   * settles the job too). An event is lost never; it is sent twice only when the finishing
   * publisher takes longer than the grace between its status write and its mark.
   */
  async function announce(status: StatusSeen, movedHere: boolean, detail: (status: JobStatus) => JobFinishedDetail): Promise<boolean> {
    const value = status.value;
    if (!value || !announcementOwed(value)) return false;
    const abandoned = Date.parse(value.updated) + announceGraceMs <= now().getTime();
    if (!movedHere && !abandoned) return false;
    await deps.events.publish(JobEventType.Finished, detail(value));
    const marked: JobStatus = { ...value, announced: true, updated: now().toISOString() };
    const condition = status.etag !== undefined ? { ifMatch: status.etag } : { ifNoneMatch: '*' as const };
    try {
      await store.put(buckets.output, statusKey(path), encodeJson(marked), ContentType.Json, condition);
      written.push(statusKey(path));
    } catch (error) {
      // Marked by another announcer, or replaced by a newer upload's job: the event is out either way.
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
    return true;
  }

  function jobFinishedDetail(status: JobStatus, facts: JobFacts, manifest: Manifest | undefined, decision: JobDecision): JobFinishedDetail {
    const error = decision.kind === JobState.Failed ? decision.error : undefined;
    return {
      state: status.state === JobState.Done ? FinishedState.Done : FinishedState.Failed,
      inputBucket: buckets.input,
      inputKey,
      version: status.input.version,
      outputBucket: buckets.output,
      statusKey: statusKey(path),
      manifestKey: status.state === JobState.Done ? manifestKey(path) : null,
      errorKey: status.state === JobState.Failed ? errorKey(path) : null,
      reports: facts.plan?.reports ?? null,
      documents: status.state === JobState.Done ? documentCounts(facts).done : 0,
      warnings: manifest?.warnings.length ?? 0,
      error: error ? { stage: error.stage, code: error.code, reason: error.reason } : null,
    };
  }

  for (let pass = 1; ; pass += 1) {
    if (pass > MAX_PASSES) {
      throw new PublishContentionError(`${inputKey} kept changing (or other publishers kept writing its status) for ${MAX_PASSES} passes; the invocation will be retried`);
    }
    const [current, statusObject] = await Promise.all([store.head(buckets.input, inputKey), store.get(buckets.output, statusKey(path))]);
    const changes = written.length + deleted.length;
    attempted = undefined;
    let outcome: Pick<SettleOutcome, 'state' | 'finished' | 'version'>;
    try {
      outcome = await settleVersion(current, statusObject);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      // Another publisher wrote the status first. If it says as much as ours would have (the same
      // upload, finished, or running with no fewer documents), it saw no fewer facts: nothing left to do.
      const winner = parseStatus(await store.get(buckets.output, statusKey(path)));
      const ours = attempted as JobStatus | undefined;
      const covered =
        ours !== undefined &&
        winner?.input.version === ours.input.version &&
        (isFinished(winner.state) || (ours.state === JobState.Running && winner.documents.done >= ours.documents.done && winner.phase === ours.phase));
      if (!covered) continue;
      outcome = { state: winner.state, finished: false, version: winner.input.version };
    }
    // A pass that changed nothing cannot have shown an older upload: done.
    if (written.length + deleted.length === changes) return { inputKey, ...outcome, written, deleted };
    // Still the same upload? Otherwise what was just written may belong to an older one: settle again.
    const after = await store.head(buckets.input, inputKey);
    if ((after && inputVersion(after)) === (current && inputVersion(current))) return { inputKey, ...outcome, written, deleted };
  }
}
