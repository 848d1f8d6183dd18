/**
 * The sweep: the one thing that bounds a job's life. Every stage records facts and every fact
 * settles the job, but a fact whose event is lost (S3 → clean, the split notification, an
 * EventBridge delivery), a failure record-failure could not record, or a job folder expired under a
 * stuck job would leave `status.json` running for ever. The sweep, run on a clock, looks at every
 * recent upload whose job has not finished: once nothing was recorded for it for the stall time, it
 * settles the job (a lost event of the last fact is all it needed: done), and if the job still runs
 * after that, records a `STALLED` error fact and settles again: failed. It also puts `Job Finished`
 * events still owed (publish.ts `announce`). Everything it writes goes through the publisher's own
 * settling, so it may run at any time, twice at once, or beside any publisher.
 */
import { DocumentFormat, encodeJson } from '../convert.js';
import { inParallel } from './in-parallel.js';
import { announcementOwed, isFinished, JobState } from './job-status.js';
import { checkInputKey, documentPath, inputVersion, jobFactKey, jobFolder, JobFact, parseRenderedName, statusKey, type JobRef } from './keys.js';
import { PreconditionFailedError, type ObjectInfo } from './object-store.js';
import { ANNOUNCE_GRACE_MS, parseStatus, settleJob, type PublishDeps } from './publish.js';
import { ContentType } from './stage-steps.js';
import { StageName } from './stages.js';
import { DEFAULT_SWEEP_SETTINGS, type SweepSettings } from './sweep-settings.js';
import { catalogueErrorRecord, decodePlanFact, StageErrorCode, type PlanFact } from './work-items.js';

export interface SweepOptions extends PublishDeps {
  readonly settings?: Partial<SweepSettings>;
}

/** What one sweep did. */
export interface SweepOutcome {
  /** Uploads within the look-back whose status was read. */
  readonly checked: number;
  /** Input keys of stalled jobs settled from their facts alone (done, or failed by a recorded error). */
  readonly settled: readonly string[];
  /** Input keys of jobs failed `STALLED`. */
  readonly stalled: readonly string[];
  /** Input keys whose owed `Job Finished` event was put. */
  readonly announced: readonly string[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The stage a stalled job waits for, judged from its job folder: the first fact missing. */
function awaitedStage(folder: string, facts: readonly ObjectInfo[], plan: PlanFact | undefined): StageName {
  const names = new Set(facts.map((f) => f.key.slice(folder.length)));
  if (!names.has(JobFact.Input)) return StageName.Clean;
  if (!plan) return StageName.Split;
  const rendered = [...names].map(parseRenderedName);
  const missing = (format: DocumentFormat) => plan.reports - rendered.filter((r) => r?.format === format).length;
  if (missing(DocumentFormat.Docx) > 0 && missing(DocumentFormat.Docx) >= missing(DocumentFormat.Pdf)) return StageName.RenderDocx;
  if (missing(DocumentFormat.Pdf) > 0) return StageName.RenderPdf;
  return StageName.Publish;
}

/**
 * Sweeps every upload of the last `lookbackDays` once (see the module comment). Safe to run at
 * any time and concurrently with anything: it only settles, and records `STALLED` with a
 * conditional write that keeps the first error a job has.
 */
export async function sweepJobs(options: SweepOptions): Promise<SweepOutcome> {
  const { store, buckets } = options;
  const settings = { ...DEFAULT_SWEEP_SETTINGS, ...options.settings };
  const now = options.now ?? (() => new Date());
  const graceMs = options.announceGraceMs ?? ANNOUNCE_GRACE_MS;
  const started = now().getTime();
  const settled: string[] = [];
  const stalled: string[] = [];
  const announced: string[] = [];

  const uploads = (await store.list(buckets.input, '', { recursive: true })).filter(
    (o) => o.lastModified.getTime() >= started - settings.lookbackDays * DAY && checkInputKey(o.key).kind !== 'ignore',
  );

  async function sweepUpload(upload: ObjectInfo): Promise<void> {
    const path = documentPath(upload.key);
    const job: JobRef = { path, version: inputVersion(upload) };
    const status = parseStatus(await store.get(buckets.output, statusKey(path)));
    const ours = status?.input.version === job.version ? status : undefined;

    if (ours && isFinished(ours.state)) {
      if (!announcementOwed(ours) || Date.parse(ours.updated) + graceMs > now().getTime()) return;
      if ((await settleJob(upload.key, options)).finished) announced.push(upload.key);
      return;
    }

    // A refused key records no facts: its upload is its last progress.
    const folder = jobFolder(job);
    const facts = checkInputKey(upload.key).kind === 'convert' ? await store.list(buckets.work, folder) : [];
    const moved = Math.max(upload.lastModified.getTime(), ...facts.map((f) => f.lastModified.getTime()));
    if (now().getTime() - moved < settings.stallMinutes * MINUTE) return;

    const first = await settleJob(upload.key, options);
    if (first.version !== job.version) return; // uploaded again meanwhile: a new job, with its own clock
    if (first.state !== JobState.Running) {
      settled.push(upload.key);
      if (first.finished) announced.push(upload.key);
      return;
    }
    const planObject = facts.some((f) => f.key === jobFactKey(job, JobFact.Plan)) ? await store.get(buckets.work, jobFactKey(job, JobFact.Plan)) : undefined;
    const params = { minutes: settings.stallMinutes, stage: awaitedStage(folder, facts, planObject && decodePlanFact(planObject.body)) };
    const record = catalogueErrorRecord(upload.key, params.stage, StageErrorCode.Stalled, params, now());
    try {
      await store.put(buckets.work, jobFactKey(job, JobFact.Error), encodeJson(record), ContentType.Json, { ifNoneMatch: '*' });
    } catch (error) {
      // An error was recorded meanwhile (record-failure, or another sweep): that one tells the story.
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
    const second = await settleJob(upload.key, options);
    if (second.version === job.version && second.state === JobState.Failed) stalled.push(upload.key);
    if (second.finished) announced.push(upload.key);
  }

  await inParallel(uploads, options.parallelism ?? 8, sweepUpload);
  return { checked: uploads.length, settled, stalled, announced };
}
