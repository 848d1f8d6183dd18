/**
 * The work of each converting stage as a step: the source object in, the objects to write out.
 * Handlers (functions/) do the reading and writing; the steps call the same lib/convert.ts stages as
 * `report-press convert`, so both produce the same bytes. Every step records what it learnt as a
 * fact in the upload's job folder (keys.ts `jobFolder`), from which the publisher decides what users
 * see (publish.ts); no step writes to the output bucket.
 */
import {
  cleanedText,
  cleanStage,
  digestOf,
  DocumentFormat,
  encodeJson,
  encodeRemovalLog,
  renderDocument,
  splitStage,
  type CleanStageOptions,
  type Manifest,
  type RenderedDocument,
  type RenderStageOptions,
  type SplitStageOptions,
} from '../convert.js';
import { InputError, InputErrorCode } from '../errors.js';
import { readInputText, type DocxReader } from '../input-text.js';
import type { Report } from '../model/report.js';
import {
  cleanedKey,
  documentPath,
  inputFileName,
  inputVersion,
  inputVersionTime,
  jobFactKey,
  jobFolder,
  JobFact,
  parseCleanedKey,
  parseReportKey,
  renderedName,
  renderWarningsName,
  reportKey,
} from './keys.js';
import { bareEtag, type StoredObject } from './object-store.js';
import { readCorrectionFiles } from '../corrections/correction-files.js';
import { BucketRole } from './stages.js';
import {
  WorkItemError,
  decodeCleanedItem,
  decodeReportItem,
  type CleanedItem,
  type InputFact,
  type PlanFact,
  type RenderWarnings,
  type ReportItem,
} from './work-items.js';

/** One object to write. Keys are deterministic, so writing them again changes nothing. */
export interface ObjectWrite {
  readonly bucket: BucketRole;
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType: string;
}

/** The object that triggered a stage. */
export interface StepInput {
  /** Decoded key in the stage's source bucket. */
  readonly key: string;
  /** The object as read: bytes, ETag, last-modified time. */
  readonly object: StoredObject;
  /**
   * Writes one object at once, before the step returns: for a fact users should see early (the
   * clean stage's `input.json` puts the job's status up before a 20 MB input is cleaned).
   */
  readonly write: (write: ObjectWrite) => Promise<void>;
  /**
   * Reads another object the stage may read (the clean stage: the upload's corrections and its
   * user's rules beside it): its bytes, `undefined` when there is none, `'too-large'` over
   * `maxBytes`. Without it, a step reads nothing but its source.
   */
  readonly read?: (bucket: BucketRole, key: string, maxBytes: number) => Promise<Uint8Array | undefined | 'too-large'>;
}

/** Figures worth a log field or a metric. */
export interface StepFacts {
  readonly reports?: number;
  readonly removals?: number;
  readonly charactersRemoved?: number;
  readonly bytesWritten?: number;
}

export interface StepResult {
  /** Written in order after the step; the last write is the one that starts the next stage. */
  readonly writes: readonly ObjectWrite[];
  /**
   * Written after `writes`, many at once and in no particular order: objects each of which starts
   * work of its own (the split's report items, one per render), so that a compilation of thousands
   * of reports is not written one PUT after another.
   */
  readonly fanOut?: readonly ObjectWrite[];
  readonly facts: StepFacts;
}

export type StageStep = (input: StepInput) => Promise<StepResult>;

/** Everything a step's result writes: `writes` in order, then its fan-out. */
export const allWrites = (result: StepResult): ObjectWrite[] => [...result.writes, ...(result.fanOut ?? [])];

export const ContentType = {
  Json: 'application/json; charset=utf-8',
  Docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  Pdf: 'application/pdf',
} as const;

/** The content type of a document format. */
export const documentContentType = (format: DocumentFormat): string => (format === DocumentFormat.Docx ? ContentType.Docx : ContentType.Pdf);

const totalBytes = (writes: readonly ObjectWrite[]): number => writes.reduce((n, w) => n + w.body.byteLength, 0);
const json = (bucket: BucketRole, key: string, value: unknown): ObjectWrite => ({ bucket, key, body: encodeJson(value), contentType: ContentType.Json });

export interface CleanStepOptions extends CleanStageOptions {
  /** How a Word document (.docx) is read (the shell's, see lib/input-text.ts); without one, a .docx is refused. */
  readonly readDocx?: DocxReader;
}

/**
 * Clean: input `<path>.txt` or `.docx` → job fact `input.json` at once (the job has started), then
 * job fact `removals.json` and work `cleaned/<path>/<version>.json` (text, figures, line shifts;
 * not the log, so that split never holds it). Throws InputError for unusable input. The version is
 * that of the object read, which may be newer than the event announced: then this is the newer
 * upload's job. The upload's corrections (`<path>.corrections.json`) and its user's rules
 * (`users/<sub>/rules.json`) are read beside it and applied (lib/corrections/correction-files.ts).
 */
export function cleanStep(options: CleanStepOptions = {}): StageStep {
  const { readDocx, ...stage } = options;
  return async ({ key, object, write, read }) => {
    const job = { path: documentPath(key), version: inputVersion(object) };
    // The upload's own time, not the clock's: a duplicate delivery rewrites the same bytes.
    const fact: InputFact = { inputKey: key, version: job.version, etag: bareEtag(object.etag), input: digestOf(object.body), started: object.lastModified.toISOString() };
    const started = json(BucketRole.Work, jobFactKey(job, JobFact.Input), fact);
    await write(started);
    const files = read ? await readCorrectionFiles(key, job.path, (fileKey, maxBytes) => read(BucketRole.Input, fileKey, maxBytes)) : undefined;
    const { warnings = [], ...applying } = files ?? {};
    const text = await readInputText(object.body, { ...(stage.decode ? { decode: stage.decode } : {}), ...(readDocx ? { readDocx } : {}) });
    const cleaned = cleanStage(text, inputFileName(key), { ...stage, ...applying, ...(warnings.length > 0 ? { warnings } : {}) });
    const item: CleanedItem = { inputKey: key, version: job.version, cleaned: cleanedText(cleaned) };
    const writes = [
      { bucket: BucketRole.Work, key: jobFactKey(job, JobFact.Removals), body: encodeRemovalLog(cleaned), contentType: ContentType.Json },
      json(BucketRole.Work, cleanedKey(job), item),
    ];
    const { removals, charactersRemoved } = cleaned.summary;
    return { writes, facts: { removals, charactersRemoved, bytesWritten: totalBytes([started, ...writes]) } };
  };
}

/**
 * The most reports one upload to the chain converts. The split writes one work object per report
 * and the publisher copies two documents per report, each within its function's timeout: at 5,000
 * reports that is 5,000 PUTs and 10,000 copies, a few seconds each at the stages' parallelism
 * (docs/chain.md). A 20 MB compilation of ordinary reports holds about 2,400. Larger inputs are
 * refused up front with TOO_MANY_REPORTS, before anything is written; the CLI has no such limit.
 */
export const MAX_REPORTS_PER_UPLOAD = 5000;

export interface SplitStepOptions extends SplitStageOptions {
  /** Default {@link MAX_REPORTS_PER_UPLOAD}. */
  readonly maxReports?: number;
}

/**
 * Split: work `cleaned/<path>/<version>.json` → split's manifest and the plan as job facts, then
 * `reports/<path>/<version>/NN.json` per report, many at once (each starts the renders of its
 * report). The facts come first, so that once every document is rendered the publisher has all it
 * needs. More reports than `maxReports` are refused (TOO_MANY_REPORTS) before anything is written.
 */
export function splitStep(options: SplitStepOptions = {}): StageStep {
  const { maxReports = MAX_REPORTS_PER_UPLOAD, ...stageOptions } = options;
  return async ({ key, object }) => {
    const job = parseCleanedKey(key);
    if (job === undefined) throw new WorkItemError(`"${key}" is not a cleaned-text key (cleaned/<path>/<version>.json)`);
    const { inputKey, version, cleaned } = decodeCleanedItem(object.body);
    const { reports, manifest, removals } = splitStage(cleaned, stageOptions);
    if (reports.length > maxReports) throw new InputError(InputErrorCode.TooManyReports, { reports: reports.length, limit: maxReports });
    // The split's own cuts travel with the plan: the publisher merges them into the cleaning's log.
    const plan: PlanFact = { inputKey, version, reports: reports.length, formats: Object.values(DocumentFormat), ...(removals.length > 0 ? { removals } : {}) };
    const writes: ObjectWrite[] = [json(BucketRole.Work, jobFactKey(job, JobFact.Manifest), manifest), json(BucketRole.Work, jobFactKey(job, JobFact.Plan), plan)];
    const fanOut = reports.map((report, i) => {
      const entry = manifest.reports[i] as Manifest['reports'][number];
      const item: ReportItem = { inputKey, version, index: entry.index, docx: entry.docx, pdf: entry.pdf, report };
      return json(BucketRole.Work, reportKey(job, entry.index), item);
    });
    return {
      writes,
      fanOut,
      facts: {
        reports: reports.length,
        removals: manifest.cleaning.removals,
        charactersRemoved: manifest.cleaning.charactersRemoved,
        bytesWritten: totalBytes(writes) + totalBytes(fanOut),
      },
    };
  };
}

/**
 * How a render step renders: the document and its renderer's warnings (missing glyphs from the
 * PDF renderer), which the step stores beside the document and the publisher merges into the
 * manifest's `warnings`. Replaceable in tests.
 */
export type DocumentRenderer = (report: Report, index: number, format: DocumentFormat, options: RenderStageOptions) => Promise<RenderedDocument>;

/**
 * Render: work `reports/<path>/<version>/NN.json` → job fact `NN.<sha256>.<format>` (a PDF:
 * `NN.<sha256>.<pages>p.pdf`), after its warnings, if any. The publisher copies it to `<path>/NN-<title>.<format>` once all are there.
 * The documents are dated by the upload's LastModified, which the version names, as the CLI dates
 * them by the file's mtime.
 */
export function renderStep(format: DocumentFormat, options: () => RenderStageOptions, renderer: DocumentRenderer = renderDocument): StageStep {
  return async ({ key, object }) => {
    const parsed = parseReportKey(key);
    if (!parsed) throw new WorkItemError(`"${key}" is not a report key (reports/<path>/<version>/NN.json)`);
    const item = decodeReportItem(object.body);
    const timestamp = inputVersionTime(parsed.version);
    const { bytes, warnings, pages } = await renderer(item.report, item.index, format, { ...options(), ...(timestamp ? { timestamp } : {}) });
    const folder = jobFolder(parsed);
    const writes: ObjectWrite[] = [];
    if (warnings.length > 0) {
      const sidecar: RenderWarnings = { warnings };
      writes.push(json(BucketRole.Work, `${folder}${renderWarningsName(item.index, format)}`, sidecar));
    }
    const name = renderedName(item.index, format, digestOf(bytes).sha256, pages);
    writes.push({ bucket: BucketRole.Work, key: `${folder}${name}`, body: bytes, contentType: documentContentType(format) });
    return { writes, facts: { reports: 1, bytesWritten: totalBytes(writes) } };
  };
}
