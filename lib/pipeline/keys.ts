/**
 * Object keys of the chain. Every key is derived from the input key and the input's version, so a
 * retried or duplicated event rewrites the same objects and never creates extras, and the work of
 * two versions of one input never mixes.
 *
 * `<path>` is the input key without its extension: input `2024/report.txt` → output
 * `2024/report/manifest.json`, `2024/report/01-<title>.docx` …, the layout `report-press convert`
 * writes under its output folder; a Word document's keeps it (`2024/report.docx/`, see
 * {@link documentPath}). `<version>` names one upload of the input (see {@link inputVersion}).
 */
import { DocumentFormat, MANIFEST, REMOVAL_LOG, sourceStem } from '../convert.js';
import { KeyErrorCode } from './error-codes.js';
import { bareEtag, type ObjectInfo } from './object-store.js';
import { InputSuffix, isInputKey, StageName, TALLY, WorkPrefix } from './stages.js';

/** One upload of one input: where its work lives. */
export interface JobRef {
  /** The input key without extension, the output folder (`2024/report`). */
  readonly path: string;
  /** The input version (see {@link inputVersion}). */
  readonly version: string;
}

/**
 * A file name with nothing but dots before its `.txt` (once or more): `.txt`, `..txt`, `...txt`,
 * `.txt.txt`. Without the extension it would name no folder, or `.`/`..`; the chain refuses it.
 */
const NAMELESS = /^\.*(?:\.txt)+$/;
/** A Word document's name with nothing but dots before its `.docx`: refused as the nameless `.txt` are. */
const NAMELESS_DOCX = /^\.*\.docx$/;
/**
 * The paths that are whole keys: a `.docx` key's, and a `.txt` key's whose name without `.txt` would
 * end like one (`report.docx.txt`), so that no two keys share a folder.
 */
const WHOLE_KEY_PATH = /\.docx(?:\.txt)*$/;

/**
 * The document path of an input key: a `.txt` key without its extension. A `.docx` key keeps its
 * extension (`2024/report.docx` → `2024/report.docx/`), so that `report.txt` and `report.docx` side
 * by side, two uploads with their own jobs, never share a folder; so does a `.txt` key that would
 * then collide with one (`report.docx.txt`). A nameless `.txt` key (see {@link checkInputKey})
 * keeps its whole name too, so that its refusal has a folder of its own: no other key maps there,
 * and no path segment is ever `.` or `..`.
 */
export function documentPath(inputKey: string): string {
  const slash = inputKey.lastIndexOf('/');
  const name = inputKey.slice(slash + 1);
  if (NAMELESS.test(name) || inputKey.endsWith(InputSuffix.Docx)) return inputKey;
  if (!name.endsWith(InputSuffix.Text)) return inputKey.slice(0, slash + 1) + sourceStem(name);
  const stem = inputKey.slice(0, -InputSuffix.Text.length);
  return WHOLE_KEY_PATH.test(stem) ? inputKey : stem;
}

/** The input key a document path comes from: the inverse of {@link documentPath}. */
export function inputKeyOfPath(path: string): string {
  return NAMELESS.test(path.slice(path.lastIndexOf('/') + 1)) || WHOLE_KEY_PATH.test(path) ? path : `${path}${InputSuffix.Text}`;
}

/** S3's limit on the length of a key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/**
 * The longest document name in an output folder: `NN-<title>.docx`, NN at most 6 digits (one
 * report per line at most, and MAX_LINES is 500,000), the title cut to 80 UTF-16 units by
 * documentBaseName (lib/convert.ts), each at most 3 bytes of UTF-8.
 */
const MAX_DOCUMENT_NAME_BYTES = 6 + 1 + 80 * 3 + '.docx'.length;
/**
 * The longest key of all the chain derives from an input's path is that of a document in the
 * output folder; the work keys are shorter (`jobs/<path>/<version>/NN.<sha256>.docx`, with a
 * version of at most 49 bytes, is <path> + 132 bytes).
 */
const MAX_CONVERTED_PATH_BYTES = MAX_KEY_BYTES - '/'.length - MAX_DOCUMENT_NAME_BYTES;
/** The longest `.txt` key the chain converts: 775 bytes (a `.docx` key, which is its folder's name too: 771). */
export const MAX_CONVERTED_KEY_BYTES = MAX_CONVERTED_PATH_BYTES + InputSuffix.Text.length;
/** The longest path beside which `status.json` (and `error.json`) still fit under the key limit. */
const MAX_STATUS_PATH_BYTES = MAX_KEY_BYTES - '/status.json'.length;

export { KeyErrorCode } from './error-codes.js';

/** What the chain does with an object put in the input bucket. */
export type InputKeyCheck =
  | { readonly kind: 'convert' }
  /** Not converted: the publisher ends its job failed with this code, in the key's own folder. */
  | { readonly kind: 'refuse'; readonly code: typeof KeyErrorCode.NoName; readonly params: { readonly name: string } }
  | { readonly kind: 'refuse'; readonly code: typeof KeyErrorCode.TooLong; readonly params: { readonly bytes: number; readonly limit: number } }
  /**
   * Left alone, with no status: the key does not end in `.txt` or `.docx` (S3's event filters are
   * case-sensitive, so `REPORT.TXT` never reaches the chain), or it is so long that not even its
   * `status.json` key would fit under S3's limit.
   */
  | { readonly kind: 'ignore' };

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** What the chain does with an object put at `inputKey` (see {@link InputKeyCheck}). */
export function checkInputKey(inputKey: string): InputKeyCheck {
  const path = documentPath(inputKey);
  if (!isInputKey(inputKey) || utf8Bytes(path) > MAX_STATUS_PATH_BYTES) return { kind: 'ignore' };
  const name = inputFileName(inputKey);
  if (NAMELESS.test(name) || NAMELESS_DOCX.test(name)) return { kind: 'refuse', code: KeyErrorCode.NoName, params: { name } };
  const bytes = utf8Bytes(inputKey);
  // What the key may hold beyond its folder's name (`.txt`, or nothing) counts on top of the folder's limit.
  const limit = MAX_CONVERTED_PATH_BYTES + bytes - utf8Bytes(path);
  if (bytes > limit) return { kind: 'refuse', code: KeyErrorCode.TooLong, params: { bytes, limit } };
  return { kind: 'convert' };
}

/** The input's file name without folders, as the CLI records it in the manifest (`report.txt`). */
export function inputFileName(inputKey: string): string {
  return inputKey.slice(inputKey.lastIndexOf('/') + 1);
}

/**
 * The version of an upload: its last-modified second and ETag, e.g. `1714557600-9e107d9d372bb6826bd81d3542a419d6`.
 * The ETag alone would give a re-upload of the same bytes the same version, and with it the
 * finished (perhaps failed) job of the earlier upload; the time makes every upload a new job.
 * Both come with every GET and HEAD, on S3 and on the local server alike, and need no bucket
 * versioning. Two uploads of the same bytes within one second share a version, and their documents.
 */
export function inputVersion(object: Pick<ObjectInfo, 'etag' | 'lastModified'>): string {
  return `${Math.floor(object.lastModified.getTime() / 1000)}-${bareEtag(object.etag)}`;
}

/**
 * The upload's last-modified time that a version names (to the second), or `undefined` for a
 * string that is not a version. Every stage of a job can date its documents by it.
 */
export function inputVersionTime(version: string): Date | undefined {
  const match = /^(\d+)-/.exec(version);
  return match ? new Date(Number(match[1]) * 1000) : undefined;
}

const nn = (index: number) => String(index).padStart(2, '0');

/** Work bucket: the cleaned text and removal log of one upload. */
export function cleanedKey(job: JobRef): string {
  return `${WorkPrefix.Cleaned}${job.path}/${job.version}.json`;
}

/** Work bucket: the model of report `index` (1-based) of one upload. */
export function reportKey(job: JobRef, index: number): string {
  return `${WorkPrefix.Reports}${job.path}/${job.version}/${nn(index)}.json`;
}

/** Work bucket: the folder of one upload's facts, read by the publisher (see publish.ts). */
export function jobFolder(job: JobRef): string {
  return `${WorkPrefix.Jobs}${job.path}/${job.version}/`;
}

/** The facts the stages record about a job, in its job folder. */
export const JobFact = {
  /** The upload: key, version, SHA-256, size, when the job started (clean). */
  Input: 'input.json',
  /** How many reports, so how many documents to wait for (split). */
  Plan: 'plan.json',
  /** The manifest as split describes it, before the documents' digests are known (split). */
  Manifest: MANIFEST,
  /** The removal log, published beside the manifest (clean). */
  Removals: REMOVAL_LOG,
  /** Why the job cannot finish: bad input (any stage) or a stage that failed on every retry. */
  Error: 'error.json',
} as const;
export type JobFact = (typeof JobFact)[keyof typeof JobFact];

/** Work bucket: one fact of one upload. */
export function jobFactKey(job: JobRef, fact: JobFact): string {
  return `${jobFolder(job)}${fact}`;
}

/** Work bucket: the publisher's tally of the documents it has heard of in one job (job-progress.ts). */
export function tallyKey(job: JobRef): string {
  return `${jobFolder(job)}${TALLY}`;
}

/**
 * A rendered document in the job folder: `NN.<sha256>.<format>`, or `NN.<sha256>.<pages>p.pdf` for
 * a PDF whose pages are counted, so that one listing tells the publisher each document's digest and
 * pages (the manifest's `pages`) without reading any document.
 */
export function renderedName(index: number, format: DocumentFormat, sha256: string, pages?: number): string {
  return `${nn(index)}.${sha256}${pages !== undefined ? `.${pages}p` : ''}.${format}`;
}

/** The warnings a renderer had about one document, written before the document: `NN.<format>.warnings.json`. */
export function renderWarningsName(index: number, format: DocumentFormat): string {
  return `${nn(index)}.${format}.warnings.json`;
}

const FORMATS = Object.values(DocumentFormat).join('|');
const RENDERED = new RegExp(`^(\\d+)\\.([0-9a-f]{64})(?:\\.(\\d+)p)?\\.(${FORMATS})$`);
const WARNINGS = new RegExp(`^(\\d+)\\.(${FORMATS})\\.warnings\\.json$`);

/** The report, digest, format and (when the name gives them) pages of a rendered document's name. */
export function parseRenderedName(
  name: string,
): { readonly index: number; readonly sha256: string; readonly format: DocumentFormat; readonly pages?: number } | undefined {
  const match = RENDERED.exec(name);
  if (!match) return undefined;
  const found = { index: Number(match[1]), sha256: match[2]!, format: match[4] as DocumentFormat };
  return match[3] === undefined ? found : { ...found, pages: Number(match[3]) };
}

/** The report and format of a render-warnings name. */
export function parseRenderWarningsName(name: string): { readonly index: number; readonly format: DocumentFormat } | undefined {
  const match = WARNINGS.exec(name);
  return match ? { index: Number(match[1]), format: match[2] as DocumentFormat } : undefined;
}

/** Output bucket: the manifest, the same file `report-press convert` writes. */
export function manifestKey(path: string): string {
  return `${path}/${MANIFEST}`;
}

/** Output bucket: a document named as in the manifest (`01-<title>.docx`), or the removal log. */
export function documentKey(path: string, fileName: string): string {
  return `${path}/${fileName}`;
}

/** Output bucket: why an input could not be converted. */
export function errorKey(path: string): string {
  return `${path}/error.json`;
}

/** Output bucket: where a job stands (running, done, failed). */
export function statusKey(path: string): string {
  return `${path}/status.json`;
}

/**
 * Work bucket: where the split of one upload goes on, its first `done` report objects written:
 * `cleaned/<path>/<version>.from-<done>.json`. A split that cannot write all its report objects
 * within its share of one invocation writes this, and its own trigger runs the rest.
 */
export function splitContinuationKey(job: JobRef, done: number): string {
  return `${WorkPrefix.Cleaned}${job.path}/${job.version}.from-${done}.json`;
}

// A version never holds a dot (keys.ts `inputVersion`: seconds, a dash, an ETag), so `.from-N` is not part of one.
const CLEANED = /^cleaned\/(.+)\/([^/.]+)(?:\.from-(\d+))?\.json$/;

/** The job of a cleaned-text key (`cleaned/<path>/<version>.json`), or of a split's continuation. */
export function parseCleanedKey(key: string): JobRef | undefined {
  const match = CLEANED.exec(key);
  return match ? { path: match[1]!, version: match[2]! } : undefined;
}

/** What a split's source key says: the cleaned text to split, and how many report objects are written already (0 but for a continuation). */
export function parseSplitSource(key: string): { readonly sourceKey: string; readonly done: number } | undefined {
  const match = CLEANED.exec(key);
  if (!match) return undefined;
  const job = { path: match[1]!, version: match[2]! };
  return { sourceKey: cleanedKey(job), done: match[3] === undefined ? 0 : Number(match[3]) };
}

/** The job and report index of a report key (`reports/<path>/<version>/NN.json`). */
export function parseReportKey(key: string): (JobRef & { readonly index: number }) | undefined {
  const match = /^reports\/(.+)\/([^/]+)\/(\d+)\.json$/.exec(key);
  return match ? { path: match[1]!, version: match[2]!, index: Number(match[3]) } : undefined;
}

/** The job and fact name of a key in a job folder (`jobs/<path>/<version>/<name>`). */
export function parseJobKey(key: string): (JobRef & { readonly name: string }) | undefined {
  const match = /^jobs\/(.+)\/([^/]+)\/([^/]+)$/.exec(key);
  return match ? { path: match[1]!, version: match[2]!, name: match[3]! } : undefined;
}

/**
 * The job a stage's source object belongs to, where its error record goes. The clean stage's
 * source is the upload itself, so its version comes from the object read; later stages carry it
 * in their keys.
 */
export function jobOfSource(stage: StageName, sourceKey: string, source?: Pick<ObjectInfo, 'etag' | 'lastModified'>): JobRef | undefined {
  switch (stage) {
    case StageName.Clean:
      return source ? { path: documentPath(sourceKey), version: inputVersion(source) } : undefined;
    case StageName.Split:
      return parseCleanedKey(sourceKey);
    case StageName.RenderDocx:
    case StageName.RenderPdf:
      return parseReportKey(sourceKey);
    case StageName.Publish:
      return parseJobKey(sourceKey);
    case StageName.RecordFailure:
    case StageName.Sweep:
      return undefined;
  }
}
