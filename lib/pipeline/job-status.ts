/**
 * Where a job stands, decided from facts alone. The stages record facts in the upload's job folder
 * (input read, reports planned, documents rendered, an error); the publisher reads them and the
 * current status, and these pure functions say what the job's state is and what `status.json`
 * must say. Facts only ever accumulate, so any publisher that reads them later decides the same or
 * further: that is what makes racing, retried and duplicated publishers agree.
 */
import { DocumentFormat } from '../convert.js';
import type { ObjectInfo } from './object-store.js';
import { parseRenderedName, parseRenderWarningsName, JobFact } from './keys.js';
import { isStageErrorCode, type ErrorRecord, type InputFact, type PlanFact } from './work-items.js';

/** A job's state in `status.json`. */
export const JobState = { Running: 'running', Done: 'done', Failed: 'failed' } as const;
export type JobState = (typeof JobState)[keyof typeof JobState];

/** How far a running job is. */
export const JobPhase = {
  /** Reading, cleaning and splitting the input: the number of reports is not known yet. */
  Cleaning: 'cleaning',
  /** Rendering the documents. */
  Rendering: 'rendering',
  /** Every document rendered; writing them, then the manifest, to the output folder. */
  Publishing: 'publishing',
} as const;
export type JobPhase = (typeof JobPhase)[keyof typeof JobPhase];

/** `<path>/status.json`. */
export interface JobStatus {
  readonly state: JobState;
  /** Only while running. */
  readonly phase?: JobPhase;
  /** The upload this status is about; compare `etag` with your upload's. */
  readonly input: {
    readonly key: string;
    readonly version: string;
    readonly etag: string;
    /** Known once the clean stage has read the input. */
    readonly sha256: string | null;
    readonly bytes: number | null;
  };
  /** Known once the input is split. */
  readonly reports: number | null;
  readonly documents: { readonly done: number; readonly total: number | null };
  /** ISO 8601: when the upload landed. */
  readonly started: string;
  /** ISO 8601: when this status was written. */
  readonly updated: string;
  /** The manifest's key, once done. */
  readonly manifest?: string;
  /** The error record's key, once failed. */
  readonly error?: string;
  /**
   * Once finished: `false` until the `Job Finished` event is on the bus, then `true`. A status of
   * an older report-press without the field counts as announced.
   */
  readonly announced?: boolean;
}

/** A rendered document in a job folder. */
export interface RenderedFact {
  readonly index: number;
  readonly format: DocumentFormat;
  readonly sha256: string;
  /** Pages of a PDF, from its name (keys.ts `renderedName`). */
  readonly pages?: number;
  readonly object: ObjectInfo;
}

/** What a job folder holds, parsed from its listing (and the small facts read). */
export interface JobFacts {
  /** Every object in the job folder by file name. */
  readonly objects: ReadonlyMap<string, ObjectInfo>;
  readonly input?: InputFact;
  readonly plan?: PlanFact;
  readonly error?: ErrorRecord;
  /** By `documentSlot`. */
  readonly rendered: ReadonlyMap<string, RenderedFact>;
  /** Renderer warnings files, in report and format order. */
  readonly warnings: readonly { readonly index: number; readonly format: DocumentFormat; readonly object: ObjectInfo }[];
}

/** Key of a report's document of one format among a job's rendered documents. */
export const documentSlot = (index: number, format: DocumentFormat): string => `${index}.${format}`;

const FORMAT_ORDER: readonly DocumentFormat[] = Object.values(DocumentFormat);

/** Groups a job folder's listing (`jobs/<path>/<version>/`) into rendered documents and warnings. */
export function parseJobListing(folder: string, objects: readonly ObjectInfo[]): Pick<JobFacts, 'objects' | 'rendered' | 'warnings'> {
  const byName = new Map<string, ObjectInfo>();
  const rendered = new Map<string, RenderedFact>();
  const warnings: { index: number; format: DocumentFormat; object: ObjectInfo }[] = [];
  for (const object of objects) {
    if (!object.key.startsWith(folder)) continue;
    const name = object.key.slice(folder.length);
    byName.set(name, object);
    const document = parseRenderedName(name);
    if (document) {
      const slot = documentSlot(document.index, document.format);
      const other = rendered.get(slot);
      // Renderers are deterministic; should two digests ever exist, every publisher picks the same one.
      if (!other || object.key < other.object.key) rendered.set(slot, { ...document, object });
      continue;
    }
    const sidecar = parseRenderWarningsName(name);
    if (sidecar) warnings.push({ ...sidecar, object });
  }
  warnings.sort((a, b) => a.index - b.index || FORMAT_ORDER.indexOf(a.format) - FORMAT_ORDER.indexOf(b.format));
  return { objects: byName, rendered, warnings };
}

/** True when the job folder names this fact. */
export const hasFact = (facts: Pick<JobFacts, 'objects'>, fact: JobFact): boolean => facts.objects.has(fact);

/** The rendered documents the plan asks for that exist, and how many it asks for. */
export function documentCounts(facts: JobFacts): { readonly done: number; readonly total: number | null } {
  if (!facts.plan) return { done: facts.rendered.size, total: null };
  let done = 0;
  for (let index = 1; index <= facts.plan.reports; index += 1) {
    for (const format of facts.plan.formats) if (facts.rendered.has(documentSlot(index, format))) done += 1;
  }
  return { done, total: facts.plan.reports * facts.plan.formats.length };
}

/** What the publisher must make visible for the current upload. */
export type JobDecision =
  | { readonly kind: typeof JobState.Running; readonly phase: JobPhase }
  | { readonly kind: typeof JobState.Done }
  | { readonly kind: typeof JobState.Failed; readonly error: ErrorRecord }
  /** A finished job whose facts have expired from the work bucket: leave what users see as it is. */
  | { readonly kind: 'keep' };

/**
 * The state of the job of upload `version`, from its facts and the status users see now.
 * - Bad input (an error from a stage reading the input) fails the job at once.
 * - Every planned document rendered: done, even if one attempt of a render failed (a duplicate
 *   delivery may have rendered it after all).
 * - An error otherwise (a stage that failed on every retry, a job the sweep found stalled): failed.
 * - A finished status for this very upload is final: a job never goes back to running, and is
 *   announced once.
 */
export function decideJob(version: string, facts: JobFacts, status: JobStatus | undefined): JobDecision {
  const counts = documentCounts(facts);
  const complete = facts.plan !== undefined && counts.done === counts.total;
  const finished = status?.input.version === version && status.state !== JobState.Running ? status.state : undefined;
  if (finished === JobState.Done) return complete ? { kind: JobState.Done } : { kind: 'keep' };
  if (finished === JobState.Failed) return facts.error ? { kind: JobState.Failed, error: facts.error } : { kind: 'keep' };
  if (facts.error && !isStageErrorCode(facts.error.code)) return { kind: JobState.Failed, error: facts.error };
  if (complete) return { kind: JobState.Done };
  if (facts.error) return { kind: JobState.Failed, error: facts.error };
  return { kind: JobState.Running, phase: facts.plan ? JobPhase.Rendering : JobPhase.Cleaning };
}

export interface StatusOptions {
  readonly inputKey: string;
  readonly version: string;
  /** The upload's ETag, bare. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly manifestKey: string;
  readonly errorKey: string;
  readonly now: Date;
}

/** The status users should see for a decision (not for `keep`). */
export function statusFor(decision: Exclude<JobDecision, { kind: 'keep' }>, facts: JobFacts, options: StatusOptions): JobStatus {
  const counts = documentCounts(facts);
  const input = {
    key: options.inputKey,
    version: options.version,
    etag: options.etag,
    sha256: facts.input?.input.sha256 ?? null,
    bytes: facts.input?.input.bytes ?? null,
  };
  const base = { input, reports: facts.plan?.reports ?? null, started: facts.input?.started ?? options.lastModified.toISOString(), updated: options.now.toISOString() };
  switch (decision.kind) {
    case JobState.Running: {
      const phase = counts.total !== null && counts.done === counts.total ? JobPhase.Publishing : decision.phase;
      return { state: JobState.Running, phase, ...base, documents: counts };
    }
    case JobState.Done:
      return { state: JobState.Done, ...base, documents: counts, manifest: options.manifestKey, announced: false };
    case JobState.Failed:
      return { state: JobState.Failed, ...base, documents: { done: 0, total: counts.total }, error: options.errorKey, announced: false };
  }
}

/** True when two statuses say the same about the job, whenever they were written and whether or not its end was announced yet. */
export function sameStatus(a: JobStatus, b: JobStatus): boolean {
  const { updated: _a, announced: _x, ...restA } = a;
  const { updated: _b, announced: _y, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

/** True when a finished status still owes its `Job Finished` event (see {@link JobStatus.announced}). */
export const announcementOwed = (status: JobStatus): boolean => isFinished(status.state) && status.announced === false;

/** True for the states a job ends in. */
export const isFinished = (state: JobState): state is typeof JobState.Done | typeof JobState.Failed => state !== JobState.Running;
