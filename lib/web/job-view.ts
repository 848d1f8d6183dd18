/**
 * A job as the page shows it, read from what the chain published in the output bucket under the
 * user's prefix: `status.json` while it runs, then `manifest.json` (done) or `error.json` (failed).
 * The documents come with presigned GETs, so the page downloads straight from S3.
 */
import type { Manifest } from '../convert.js';
import { formatMessage, Lang } from '../messages/index.js';
import { documentKey, documentPath, errorKey, manifestKey, statusKey } from '../pipeline/keys.js';
import { JobState, type JobStatus } from '../pipeline/job-status.js';
import type { ErrorRecord } from '../pipeline/work-items.js';
import { JobViewState, URL_EXPIRY_SECONDS, type DocumentLink, type JobView, type JobViewReport } from './api-contract.js';

/** How a presigned GET should answer: as a download under `fileName`, or shown inline. */
export interface DownloadOptions {
  readonly fileName: string;
  readonly disposition: 'attachment' | 'inline';
  readonly contentType: string;
  readonly expiresIn: number;
}

/**
 * The buckets as one signed-in user may reach them. The shell builds it per user (on AWS with the
 * user-scoped role), so even a bug here could not reach another user's keys.
 */
export interface UserStorage {
  /** A presigned PUT of exactly `bytes` bytes of `contentType` to `key` in the input bucket. */
  presignUpload(key: string, options: { readonly contentType: string; readonly bytes: number; readonly expiresIn: number }): Promise<string>;
  /** A presigned GET of `key` in the output bucket. */
  presignDownload(key: string, options: DownloadOptions): Promise<string>;
  /** An object of the output bucket, or undefined when there is none. */
  readOutput(key: string): Promise<Uint8Array | undefined>;
  /** The keys in the input bucket starting with `prefix`. */
  listInput(prefix: string): Promise<string[]>;
  /** An object of the input bucket (an upload, its corrections, the user's rules), or undefined when there is none. */
  readInput(key: string): Promise<Uint8Array | undefined>;
  /** Writes an object of the input bucket: a corrections file beside an upload, the user's rules. */
  writeInput(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** A presigned GET of an upload in the input bucket (the proofread view decodes it in the page). */
  presignInputDownload(key: string, options: { readonly fileName: string; readonly expiresIn: number }): Promise<string>;
  /**
   * Announces the upload at `key` to the chain again, as a new upload of the same bytes (on S3: a
   * copy onto itself, which gives it a new last-modified time and so a new version).
   */
  reannounceInput(key: string): Promise<void>;
}

/** The input key of the job whose input folder is `jobPrefix` (`users/<userId>/<jobId>/`), if it has one. */
export async function jobInputKey(storage: UserStorage, jobPrefix: string): Promise<string | undefined> {
  return (await storage.listInput(jobPrefix)).find((key) => key.endsWith('.txt') && !key.slice(jobPrefix.length).includes('/'));
}

const MIME = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf', json: 'application/json' } as const;

const decoder = new TextDecoder();
const parse = <T>(bytes: Uint8Array | undefined): T | undefined => (bytes ? (JSON.parse(decoder.decode(bytes)) as T) : undefined);

export interface JobViewOptions {
  readonly now: Date;
}

/** The reasons of an error record in every language; older records carry only the English one. */
function errorReasons(record: ErrorRecord): Readonly<Record<string, string>> {
  if (record.reasons) return record.reasons;
  return Object.fromEntries(Object.values(Lang).map((lang) => [lang, lang === Lang.En ? record.reason : formatMessage(record.code, {}, lang)]));
}

/**
 * The view of `jobId`: undefined when the user has no such upload (another user's job is
 * "no such job" too: the keys looked at all lie under this user's prefix).
 *
 * @param jobPrefix the job's input folder, `users/<userId>/<jobId>/`.
 */
export async function jobView(jobId: string, jobPrefix: string, storage: UserStorage, options: JobViewOptions): Promise<JobView | undefined> {
  const inputKey = await jobInputKey(storage, jobPrefix);
  if (!inputKey) return undefined;
  const name = inputKey.slice(jobPrefix.length);
  const path = documentPath(inputKey);
  const expiresIn = URL_EXPIRY_SECONDS.download;
  const base = { jobId, name, expires: new Date(options.now.getTime() + expiresIn * 1000).toISOString() };
  const status = parse<JobStatus>(await storage.readOutput(statusKey(path)));
  if (!status) return { ...base, state: JobViewState.Waiting, phase: null, reports: null, documents: null, started: null, updated: null };
  const progress = { reports: status.reports, documents: status.documents, started: status.started, updated: status.updated };

  if (status.state === JobState.Running) return { ...base, state: JobViewState.Running, phase: status.phase ?? null, ...progress };
  if (status.state === JobState.Failed) {
    const record = parse<ErrorRecord>(await storage.readOutput(errorKey(path)));
    const error = record
      ? { stage: record.stage, code: record.code, reasons: errorReasons(record) }
      : { stage: 'unknown', code: 'STAGE_FAILED', reasons: Object.fromEntries(Object.values(Lang).map((lang) => [lang, formatMessage('STAGE_FAILED', {}, lang)])) };
    return { ...base, state: JobViewState.Failed, phase: null, ...progress, error };
  }

  const manifest = parse<Manifest>(await storage.readOutput(manifestKey(path)));
  // A done status is written after its manifest; without one the job is being replaced.
  if (!manifest) return { ...base, state: JobViewState.Running, phase: 'publishing', ...progress };
  const link = async (fileName: string | null, format: 'docx' | 'pdf', digest: { sha256: string; bytes: number } | undefined): Promise<DocumentLink | null> => {
    if (!fileName || !digest) return null;
    const url = await storage.presignDownload(documentKey(path, fileName), { fileName, disposition: 'attachment', contentType: MIME[format], expiresIn });
    return { name: fileName, bytes: digest.bytes, sha256: digest.sha256, url };
  };
  const reports: JobViewReport[] = await Promise.all(
    manifest.reports.map(async (report) => {
      const docx = await link(report.docx, 'docx', report.files?.docx);
      const pdfLink = await link(report.pdf, 'pdf', report.files?.pdf);
      const pdf = pdfLink
        ? { ...pdfLink, previewUrl: await storage.presignDownload(documentKey(path, pdfLink.name), { fileName: pdfLink.name, disposition: 'inline', contentType: MIME.pdf, expiresIn }) }
        : null;
      // Counted when the PDF was rendered: the API never opens a document (a 20 MB input's PDFs
      // would not fit its memory and time). A manifest written before pages were counted has none.
      const pages = pdf ? (report.pages ?? null) : null;
      return { index: report.index, title: report.title, pages, characters: report.characters, paragraphs: report.paragraphs, docx, pdf, ...(report.at ? { at: report.at } : {}) };
    }),
  );
  const removalsUrl = await storage.presignDownload(documentKey(path, manifest.cleaning.log), { fileName: manifest.cleaning.log, disposition: 'inline', contentType: MIME.json, expiresIn });
  const { removals, charactersRemoved, byFamily } = manifest.cleaning;
  const warnings = manifest.warnings.map(({ code, report, line, text, message, params }) => ({ code, report, line, text, message, ...(params ? { params } : {}) }));
  return { ...base, state: JobViewState.Done, phase: null, ...progress, result: { reports, warnings, cleaning: { removals, charactersRemoved, byFamily }, removalsUrl } };
}
