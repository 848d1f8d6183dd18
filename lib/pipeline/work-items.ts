/**
 * What the stages hand each other through the work bucket, the facts they record for the
 * publisher, and the error record users read. All JSON; decoding validates the shape, because a
 * work object that does not parse is a defect in the chain (retry, then dead-letter queue), never
 * a problem with the user's input.
 */
import type { CleanedText, DocumentFormat, FileDigest } from '../convert.js';
import { ReportPressError, type InputError } from '../errors.js';
import { formatError, formatMessage, Lang, type MessageParams } from '../messages/index.js';
import type { Report } from '../model/report.js';
import type { Removal } from '../text/clean.js';
import type { ConversionWarning } from '../warnings.js';
import { StageErrorCode } from './error-codes.js';
import type { StageName } from './stages.js';

/**
 * `cleaned/<path>/<version>.json`: the clean stage's result and where it came from. The removal
 * log is not in it: the clean stage writes that as a job fact itself.
 */
export interface CleanedItem {
  /** The input object's key, e.g. `2024/report.txt`. */
  readonly inputKey: string;
  /** The upload it was read from (see keys.ts `inputVersion`). */
  readonly version: string;
  readonly cleaned: CleanedText;
}

/** `reports/<path>/<version>/NN.json`: one report and the document names the manifest promised for it. */
export interface ReportItem {
  readonly inputKey: string;
  readonly version: string;
  /** 1-based, as in the manifest. */
  readonly index: number;
  /** File names relative to the manifest's folder. */
  readonly docx: string;
  readonly pdf: string;
  readonly report: Report;
}

/** Job fact `input.json` (clean): which upload this job converts, and since when. */
export interface InputFact {
  readonly inputKey: string;
  readonly version: string;
  /** ETag as S3 reported it, without quotes; users can compare it with their upload's. */
  readonly etag: string;
  /** SHA-256 and size of the bytes the clean stage read. */
  readonly input: FileDigest;
  /** ISO 8601: when the clean stage first saw the upload. */
  readonly started: string;
}

/** Job fact `plan.json` (split): what the publisher waits for. */
export interface PlanFact {
  readonly inputKey: string;
  readonly version: string;
  readonly reports: number;
  readonly formats: readonly DocumentFormat[];
  /** The split's cuts (text no report holds), for the removal log; absent when there are none. */
  readonly removals?: readonly Removal[];
}

/** `NN.<format>.warnings.json` beside a rendered document: what its renderer was unsure of. */
export interface RenderWarnings {
  readonly warnings: readonly ConversionWarning[];
}

export { StageErrorCode } from './error-codes.js';

/** True for the codes of a chain that gave up, not of an input refused: a job that completes after all is done. */
export const isStageErrorCode = (code: string): boolean => (Object.values(StageErrorCode) as string[]).includes(code);

/**
 * `<path>/error.json` in the output bucket (and job fact `error.json`): why an input produced no
 * documents.
 */
export interface ErrorRecord {
  /** The key the failing stage read (the input key for the clean stage). */
  readonly source: string;
  readonly stage: StageName;
  /** Stable code from lib/errors.ts (`EMPTY`, `BINARY`, `NOTHING_LEFT` …) or `STAGE_FAILED`. */
  readonly code: string;
  /** What went wrong and what to do about it. */
  readonly reason: string;
  /** The same reason in every language of the message catalogue (a web page picks its own). */
  readonly reasons?: Readonly<Record<Lang, string>>;
  /** ISO 8601. */
  readonly time: string;
}

/**
 * The error record of an input a stage refused: the English reason as the error gives it, and
 * the reason in every language from the message catalogue, rendered from its code and facts.
 */
export function inputErrorRecord(source: string, stage: StageName, error: InputError, time: Date): ErrorRecord {
  const reasons = Object.fromEntries(Object.values(Lang).map((lang) => [lang, formatError(error, lang)])) as Record<Lang, string>;
  return { source, stage, code: error.code, reason: error.message, reasons, time: time.toISOString() };
}

/**
 * An error record from a message-catalogue code and its params, worded in every language: the
 * refusals the chain decides without an InputError (a key it cannot convert, a stalled job).
 */
export function catalogueErrorRecord(source: string, stage: StageName, code: string, params: MessageParams, time: Date): ErrorRecord {
  const reasons = Object.fromEntries(Object.values(Lang).map((lang) => [lang, formatMessage(code, params, lang)])) as Record<Lang, string>;
  return { source, stage, code, reason: reasons[Lang.En], reasons, time: time.toISOString() };
}

/** A work object that does not have the shape its stage expects. */
export class WorkItemError extends ReportPressError {
  override readonly name = 'WorkItemError';
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (error) {
    throw new WorkItemError(`${what} is not valid UTF-8 JSON (${(error as Error).message}); it was not written by this version of report-press`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WorkItemError(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function expect(condition: boolean, what: string, problem: string): void {
  if (!condition) throw new WorkItemError(`${what} ${problem}; it was not written by this version of report-press`);
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** Reads a cleaned item written by the clean stage. */
export function decodeCleanedItem(bytes: Uint8Array): CleanedItem {
  const what = 'the cleaned-text work object';
  const item = parseJson(bytes, what);
  const cleaned = item.cleaned as Record<string, unknown> | undefined;
  expect(isString(item.inputKey) && isString(item.version), what, 'has no inputKey or version');
  expect(typeof cleaned === 'object' && cleaned !== null, what, 'has no cleaned document');
  expect(isString(cleaned?.source) && isString(cleaned?.text) && Array.isArray(cleaned?.lineShifts), what, 'has an incomplete cleaned document');
  const summary = cleaned?.summary as Record<string, unknown> | undefined;
  expect(typeof summary === 'object' && summary !== null && Number.isInteger(summary.removals) && Number.isInteger(summary.charactersRemoved), what, 'has no cleaning summary');
  return item as unknown as CleanedItem;
}

/** Reads a report item written by the split stage. */
export function decodeReportItem(bytes: Uint8Array): ReportItem {
  const what = 'the report work object';
  const item = parseJson(bytes, what);
  const report = item.report as Record<string, unknown> | undefined;
  expect(isString(item.inputKey) && isString(item.version) && Number.isInteger(item.index), what, 'has no inputKey, version or index');
  expect(isString(item.docx) && isString(item.pdf), what, 'does not name its documents');
  expect(typeof report === 'object' && report !== null && isString(report.title) && Array.isArray(report.blocks), what, 'has no report');
  return item as unknown as ReportItem;
}

const isDigest = (value: unknown): value is FileDigest =>
  typeof value === 'object' && value !== null && isString((value as FileDigest).sha256) && Number.isInteger((value as FileDigest).bytes);

/** Reads job fact `input.json`. */
export function decodeInputFact(bytes: Uint8Array): InputFact {
  const what = 'the job fact input.json';
  const fact = parseJson(bytes, what);
  expect(isString(fact.inputKey) && isString(fact.version) && isString(fact.etag), what, 'does not name its upload');
  expect(isDigest(fact.input) && isString(fact.started), what, 'has no digest or start time');
  return fact as unknown as InputFact;
}

/** Reads job fact `plan.json`. */
export function decodePlanFact(bytes: Uint8Array): PlanFact {
  const what = 'the job fact plan.json';
  const fact = parseJson(bytes, what);
  expect(isString(fact.inputKey) && isString(fact.version), what, 'does not name its upload');
  expect(Number.isInteger(fact.reports) && Array.isArray(fact.formats), what, 'has no report count or formats');
  return fact as unknown as PlanFact;
}

/** Reads an error record (job fact or output `error.json`). */
export function decodeErrorRecord(bytes: Uint8Array): ErrorRecord {
  const what = 'the error record';
  const record = parseJson(bytes, what);
  expect(isString(record.source) && isString(record.stage) && isString(record.code) && isString(record.reason), what, 'is incomplete');
  return record as unknown as ErrorRecord;
}

/** Reads a renderer's warnings about one document. */
export function decodeRenderWarnings(bytes: Uint8Array): RenderWarnings {
  const what = 'the render warnings';
  const item = parseJson(bytes, what);
  expect(Array.isArray(item.warnings), what, 'has no warnings list');
  return item as unknown as RenderWarnings;
}
