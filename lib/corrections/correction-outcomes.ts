/**
 * What became of each correction of a conversion: applied, or dropped and why. The clean stage
 * decides the text operations, the split stage the report operations; the manifest records them
 * all (`corrections`), and every dropped one is a `CORRECTION_DROPPED` warning.
 */
import { formatMessage } from '../messages/format.js';
import { Lang } from '../messages/lang.js';
import { WarningCode, type ConversionWarning } from '../warnings.js';
import type { Correction, CorrectionOp } from './corrections-document.js';

/** The removal-log family of what a correction cut (a passage removed, a title replaced). */
export const CORRECTION_FAMILY = 'correction';

/** The rule ids of the cuts corrections make. */
export const CorrectionRule = {
  /** A line or passage a person removed. */
  RemoveLines: 'correction/remove-lines',
  /** A report's title line, replaced by the title a person gave it. */
  SetTitle: 'correction/set-title',
} as const;
export type CorrectionRule = (typeof CorrectionRule)[keyof typeof CorrectionRule];

/** Why an operation was not applied. */
export const DropReason = {
  /** The input does not hold the operation's text where it says (another input, or a hand-edited file). */
  Stale: 'stale',
  /** restore-cut: the conversion no longer makes that cut. */
  CutGone: 'cut-gone',
  /** A report operation on a line that is in no report's text (cut, or outside every report). */
  NotInReport: 'not-in-report',
  /** start-report on a line that already opens a report. */
  AlreadyStarts: 'already-starts',
  /** start-report on the first line under a title: the report above would be a title alone. */
  NoTextAbove: 'no-text-above',
  /** join-report on the first report: there is none before it. */
  FirstReport: 'first-report',
  /** join-report or set-title on a line that does not open a report. */
  NotReportStart: 'not-report-start',
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

/** One operation as the manifest records it. */
export interface CorrectionOutcome {
  readonly id: string;
  readonly op: CorrectionOp;
  /** The operation's input line. */
  readonly line: number;
  readonly applied: boolean;
  /** When dropped: why. */
  readonly why?: DropReason;
  /** restore-cut: the rule and family of the cut put back. */
  readonly restored?: { readonly ruleId: string; readonly family: string };
  /** remove-lines: how many cuts it made (0 when everything in the passage was cut already). */
  readonly cuts?: number;
  /** set-title: the title given. */
  readonly title?: string;
}

/** The manifest's `corrections`: which document was applied and what became of every operation. */
export interface CorrectionsRecord {
  /** SHA-256 of the input the corrections were made on. */
  readonly madeFor: string;
  /** True when that is not the input converted: each operation was applied only where its text still stood. */
  readonly otherInput: boolean;
  readonly operations: readonly CorrectionOutcome[];
}

/**
 * Corrections on their way from the clean stage to the split: what was decided about the text
 * operations, and the operations the split decides (report operations, and restore-cuts of cuts
 * the cleaning did not make, which may be the split's own).
 */
export interface PendingCorrections {
  readonly madeFor: string;
  readonly otherInput: boolean;
  readonly decided: readonly CorrectionOutcome[];
  readonly pending: readonly Correction[];
}

/** An operation applied. */
export function applied(op: Correction, facts: Omit<CorrectionOutcome, 'id' | 'op' | 'line' | 'applied'> = {}): CorrectionOutcome {
  return { id: op.id, op: op.op, line: op.line, applied: true, ...facts };
}

/** An operation dropped, and why. */
export function dropped(op: Correction, why: DropReason): CorrectionOutcome {
  return { id: op.id, op: op.op, line: op.line, applied: false, why };
}

/** The record of a finished conversion: every operation, in input order. */
export function correctionsRecord(pending: PendingCorrections, decided: readonly CorrectionOutcome[]): CorrectionsRecord {
  const operations = [...pending.decided, ...decided].sort((a, b) => a.line - b.line || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { madeFor: pending.madeFor, otherInput: pending.otherInput, operations };
}

/** One `CORRECTION_DROPPED` warning per dropped operation, and `CORRECTIONS_OTHER_INPUT` when they were made on another input. */
export function correctionWarnings(record: CorrectionsRecord): ConversionWarning[] {
  const warnings: ConversionWarning[] = [];
  if (record.otherInput) {
    const params = { madeFor: record.madeFor.slice(0, 12) };
    warnings.push({ code: WarningCode.CorrectionsOtherInput, message: formatMessage(WarningCode.CorrectionsOtherInput, params, Lang.En), params });
  }
  for (const outcome of record.operations) {
    if (outcome.applied) continue;
    const params = { id: outcome.id, op: outcome.op, why: outcome.why ?? DropReason.Stale };
    warnings.push({ code: WarningCode.CorrectionDropped, line: outcome.line, message: formatMessage(WarningCode.CorrectionDropped, params, Lang.En), params });
  }
  return warnings;
}
