/**
 * A corrections document: what a person changed in the machine's reading of one input, kept as a
 * short list of operations anchored to the input, never as a second copy of the text. Each
 * operation names the place (line and offset of the decoded input) and the text it expects there,
 * so an operation whose text the input no longer holds is dropped, never applied to other text.
 *
 * ```json
 * { "version": 1, "input": { "sha256": "f48d…" },
 *   "operations": [ { "id": "c1", "op": "restore-cut", "line": 12, "offset": 480, "text": "…" } ] }
 * ```
 *
 * The CLI reads it from `--corrections FILE`, the chain from `<path>.corrections.json` beside the
 * input; the web API writes it. All three parse it here, with the same limits.
 */
import { ReportPressError } from '../errors.js';
import { ENTRY_ID, parseLimitedJson } from './limited-json.js';
import { formatMessage } from '../messages/format.js';
import type { MessageParams } from '../messages/types.js';
import { anchorHolds, lineStarts } from './input-lines.js';

/** What an operation does. */
export const CorrectionOp = {
  /** Put back a cut of the removal log (it was real content): `text` is the cut as the log has it. */
  RestoreCut: 'restore-cut',
  /** Cut a line or a passage the tool left in: `text` is the passage, line breaks included. */
  RemoveLines: 'remove-lines',
  /** Open a new report at a line of a report's text, that line its title: `text` is the whole input line. */
  StartReport: 'start-report',
  /** Join a report to the one before it (its title becomes a line of text): `text` is the report's first input line. */
  JoinReport: 'join-report',
  /** Give a report another title (`title`): `text` is the report's first input line. */
  SetTitle: 'set-title',
} as const;
export type CorrectionOp = (typeof CorrectionOp)[keyof typeof CorrectionOp];

/** The operations that change the text (applied after cleaning), as opposed to the reports (after splitting). */
export const TEXT_OPS: ReadonlySet<CorrectionOp> = new Set([CorrectionOp.RestoreCut, CorrectionOp.RemoveLines]);

/** One operation, anchored: the input holds `text` from `offset`, on `line`. */
export interface Correction {
  /** Names the operation in the manifest, the removal log and warnings (`c1`, `c2` …). */
  readonly id: string;
  readonly op: CorrectionOp;
  /** 1-based line of the input on which `offset` lies. */
  readonly line: number;
  /** 0-based offset in the decoded input, in UTF-16 code units (as removals.json counts). */
  readonly offset: number;
  readonly text: string;
  /** `set-title` only: the new title. */
  readonly title?: string;
}

export interface CorrectionsDocument {
  readonly version: 1;
  /** The input the corrections were made on (SHA-256 of its bytes, hex). */
  readonly input: { readonly sha256: string };
  /** Applied in this order within each kind; text operations before report operations. */
  readonly operations: readonly Correction[];
}

/** What one corrections document may hold: small, because it is data about the text, not the text. */
export const CORRECTIONS_LIMITS = {
  /** Bytes of the JSON. */
  bytes: 256 * 1024,
  operations: 500,
  /** Characters of one operation's `text` (a passage to remove). */
  text: 20_000,
  /** Characters of a new title. */
  title: 200,
} as const;

/** Why a corrections document was refused. */
export const CorrectionsErrorCode = {
  TooLarge: 'CORRECTIONS_TOO_LARGE',
  NotJson: 'CORRECTIONS_NOT_JSON',
  Malformed: 'CORRECTIONS_MALFORMED',
  TooMany: 'CORRECTIONS_TOO_MANY',
  Overlap: 'CORRECTIONS_OVERLAP',
  /** An operation's text is not where it says in the input (checked strictly where the input is at hand: the API). */
  Anchor: 'CORRECTIONS_ANCHOR',
  /** Made on other bytes than the job's input now holds (the API refuses; the chain applies by anchors and warns). */
  InputChanged: 'CORRECTIONS_INPUT_CHANGED',
  /** The job has no input to correct (the API). */
  NoInput: 'CORRECTIONS_NO_INPUT',
} as const;
export type CorrectionsErrorCode = (typeof CorrectionsErrorCode)[keyof typeof CorrectionsErrorCode];

/** A corrections document that cannot be used; the message says what to change. */
export class CorrectionsError extends ReportPressError {
  override readonly name = 'CorrectionsError';
  constructor(
    readonly code: CorrectionsErrorCode,
    readonly params: MessageParams = {},
  ) {
    super(formatMessage(code, params));
  }
}

const SHA256 = /^[0-9a-f]{64}$/;
const OPS = new Set<string>(Object.values(CorrectionOp));

const malformed = (where: string, problem: string) => new CorrectionsError(CorrectionsErrorCode.Malformed, { where, problem });

/**
 * Reads and checks a corrections document: its size, JSON, shape, count, unique ids, and that no
 * two operations overlap (see {@link findOverlap}). Anchors are checked against an input by
 * {@link staleOperations}. Throws {@link CorrectionsError}.
 */
export function parseCorrections(source: Uint8Array | string): CorrectionsDocument {
  const limit = CORRECTIONS_LIMITS.bytes;
  return checkCorrections(
    parseLimitedJson(source, limit, {
      tooLarge: (bytes) => new CorrectionsError(CorrectionsErrorCode.TooLarge, { bytes, limit }),
      notJson: () => new CorrectionsError(CorrectionsErrorCode.NotJson),
    }),
  );
}

/** Checks a parsed value as {@link parseCorrections} does (everything but the byte size). */
export function checkCorrections(value: unknown): CorrectionsDocument {
  if (!isObject(value)) throw malformed('the document', 'is not a JSON object');
  if (value.version !== 1) throw malformed('version', 'must be 1');
  if (!isObject(value.input) || typeof value.input.sha256 !== 'string' || !SHA256.test(value.input.sha256)) {
    throw malformed('input.sha256', 'must be the SHA-256 of the input, 64 lower-case hex digits');
  }
  if (!Array.isArray(value.operations)) throw malformed('operations', 'must be a list');
  if (value.operations.length > CORRECTIONS_LIMITS.operations) {
    throw new CorrectionsError(CorrectionsErrorCode.TooMany, { count: value.operations.length, limit: CORRECTIONS_LIMITS.operations });
  }
  const ids = new Set<string>();
  const operations = value.operations.map((raw: unknown, i: number): Correction => {
    const where = `operations[${i}]`;
    if (!isObject(raw)) throw malformed(where, 'is not an object');
    const { id, op, line, offset, text, title } = raw;
    if (typeof id !== 'string' || !ENTRY_ID.test(id)) throw malformed(`${where}.id`, 'must be 1–40 letters, digits, - or _');
    if (ids.has(id)) throw malformed(`${where}.id`, `repeats the id ${id}`);
    ids.add(id);
    if (typeof op !== 'string' || !OPS.has(op)) throw malformed(`${where}.op`, `must be one of ${[...OPS].join(', ')}`);
    if (!Number.isSafeInteger(line) || (line as number) < 1) throw malformed(`${where}.line`, 'must be a line number from 1');
    if (!Number.isSafeInteger(offset) || (offset as number) < 0) throw malformed(`${where}.offset`, 'must be an offset from 0');
    if (typeof text !== 'string' || text.length === 0 || text.length > CORRECTIONS_LIMITS.text) {
      throw malformed(`${where}.text`, `must be the input's text at the offset, 1–${CORRECTIONS_LIMITS.text} characters`);
    }
    const base = { id, op: op as CorrectionOp, line: line as number, offset: offset as number, text };
    if (op !== CorrectionOp.SetTitle) {
      if (title !== undefined) throw malformed(`${where}.title`, 'belongs to set-title only');
      return base;
    }
    if (typeof title !== 'string' || title.trim() === '' || title.length > CORRECTIONS_LIMITS.title || /[\u0000-\u001f\u007f]/.test(title)) {
      throw malformed(`${where}.title`, `must be a title of 1–${CORRECTIONS_LIMITS.title} characters on one line`);
    }
    return { ...base, title: title.trim() };
  });
  const overlap = findOverlap(operations);
  if (overlap) throw new CorrectionsError(CorrectionsErrorCode.Overlap, { first: overlap[0].id, second: overlap[1].id });
  return { version: 1, input: { sha256: value.input.sha256 }, operations };
}

/**
 * Two operations that contradict each other, if any: text operations whose spans share a
 * character (a passage removed twice, a cut restored inside a removed passage), two report
 * operations on the same line (but a new report and its title), or a report operation on a line
 * a passage removal takes away.
 */
export function findOverlap(operations: readonly Correction[]): readonly [Correction, Correction] | undefined {
  const spans = operations.filter((op) => TEXT_OPS.has(op.op)).sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < spans.length; i++) {
    const before = spans[i - 1]!;
    const after = spans[i]!;
    if (after.offset < before.offset + before.text.length) return [before, after];
  }
  const removed = spans.filter((op) => op.op === CorrectionOp.RemoveLines);
  const byLine = new Map<number, Correction>();
  for (const op of operations) {
    if (TEXT_OPS.has(op.op)) continue;
    const cut = removed.find((r) => op.offset < r.offset + r.text.length && r.offset < op.offset + op.text.length);
    if (cut) return [cut, op];
    const other = byLine.get(op.offset);
    if (other && !isNamedStart(other, op)) return [other, op];
    byLine.set(op.offset, other ?? op);
  }
  return undefined;
}

/** A report opened at a line and titled there: the one pair of report operations that share a line. */
function isNamedStart(a: Correction, b: Correction): boolean {
  const kinds = new Set([a.op, b.op]);
  return kinds.size === 2 && kinds.has(CorrectionOp.StartReport) && kinds.has(CorrectionOp.SetTitle);
}

/** The operations of `document` whose text the input no longer holds where they say. */
export function staleOperations(document: Pick<CorrectionsDocument, 'operations'>, input: string): Correction[] {
  const starts = lineStarts(input);
  return document.operations.filter((op) => !anchorHolds(input, starts, op));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
