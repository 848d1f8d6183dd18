/**
 * What the stages hand each other through the work bucket, and the error record users read. All
 * JSON; decoding validates the shape, because a work object that does not parse is a defect in the
 * chain (retry, then dead-letter queue), never a problem with the user's input.
 */
import type { CleanedDocument } from '../convert.js';
import { ReportPressError } from '../errors.js';
import type { Report } from '../model/report.js';
import type { StageName } from './stages.js';

/** `cleaned/<path>.json`: the clean stage's result and where it came from. */
export interface CleanedItem {
  /** The input object's key, e.g. `2024/report.txt`. */
  readonly inputKey: string;
  readonly cleaned: CleanedDocument;
}

/** `reports/<path>/NN.json`: one report and the document names the manifest promised for it. */
export interface ReportItem {
  readonly inputKey: string;
  /** 1-based, as in the manifest. */
  readonly index: number;
  /** File names relative to the manifest's folder. */
  readonly docx: string;
  readonly pdf: string;
  readonly report: Report;
}

/** `<path>/error.json` in the output bucket: why an input produced no (or not all) documents. */
export interface ErrorRecord {
  /** The key the failing stage read (the input key for the clean stage). */
  readonly source: string;
  readonly stage: StageName;
  /** Stable code from lib/errors.ts, e.g. `EMPTY`, `BINARY`, `NOTHING_LEFT`. */
  readonly code: string;
  readonly reason: string;
  /** ISO 8601. */
  readonly time: string;
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
  expect(isString(item.inputKey), what, 'has no inputKey');
  expect(typeof cleaned === 'object' && cleaned !== null, what, 'has no cleaned document');
  expect(isString(cleaned?.source) && isString(cleaned?.text) && Array.isArray(cleaned?.removals), what, 'has an incomplete cleaned document');
  return item as unknown as CleanedItem;
}

/** Reads a report item written by the split stage. */
export function decodeReportItem(bytes: Uint8Array): ReportItem {
  const what = 'the report work object';
  const item = parseJson(bytes, what);
  const report = item.report as Record<string, unknown> | undefined;
  expect(isString(item.inputKey) && Number.isInteger(item.index), what, 'has no inputKey or index');
  expect(isString(item.docx) && isString(item.pdf), what, 'does not name its documents');
  expect(typeof report === 'object' && report !== null && isString(report.title) && Array.isArray(report.blocks), what, 'has no report');
  return item as unknown as ReportItem;
}
