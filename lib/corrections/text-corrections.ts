/**
 * The text operations of a corrections document, applied to a cleaning: a cut put back
 * (`restore-cut`), a passage cut (`remove-lines`). The result is again a cleaning: the input, and
 * every removed character in exactly one removal, so the cleaned text is the input with every
 * removal taken out (or replaced by its replacement) and the removal log still accounts for every
 * character. The report operations wait for the split (report-corrections.ts).
 */
import type { Removal } from '../text/clean.js';
import { CorrectionOp, type Correction, type CorrectionsDocument } from './corrections-document.js';
import { applied, CORRECTION_FAMILY, CorrectionRule, dropped, DropReason, type CorrectionOutcome, type PendingCorrections } from './correction-outcomes.js';
import { anchorHolds, lineStarts, placeOf } from './input-lines.js';

/** A cut of the removal log, perhaps made by a correction (`correction`: its id). */
export type CorrectedRemoval = Removal & { readonly correction?: string };

export interface TextCorrectionResult {
  /** The cleaned text with the corrections applied. */
  readonly text: string;
  /** Every removal, in offset order: the cleaning's less those put back, with the corrections' cuts. */
  readonly removals: readonly CorrectedRemoval[];
  readonly corrections: PendingCorrections;
}

export interface TextCorrectionOptions {
  /** SHA-256 (hex) of the input's bytes: corrections made on other bytes are applied only where their text still stands. */
  readonly inputSha256: string;
}

/**
 * Applies the text operations of `document` to a cleaning of `input` (its removals in offset
 * order). An operation whose text the input does not hold where it says is dropped (`stale`);
 * a restore-cut whose cut the cleaning did not make goes on to the split, whose cuts it may name.
 */
export function applyTextCorrections(input: string, removals: readonly Removal[], document: CorrectionsDocument, options: TextCorrectionOptions): TextCorrectionResult {
  const starts = lineStarts(input);
  const decided: CorrectionOutcome[] = [];
  const pending: Correction[] = [];
  const restores = new Map<string, Correction>();
  const passages: Correction[] = [];
  for (const op of document.operations) {
    if (!anchorHolds(input, starts, op)) decided.push(dropped(op, DropReason.Stale));
    else if (op.op === CorrectionOp.RestoreCut) restores.set(cutKey(op.offset, op.text), op);
    else if (op.op === CorrectionOp.RemoveLines) passages.push(op);
    else pending.push(op);
  }

  const kept: CorrectedRemoval[] = [];
  for (const removal of removals) {
    const restore = restores.get(cutKey(removal.offset, removal.text));
    if (!restore) {
      kept.push(removal);
      continue;
    }
    restores.delete(cutKey(removal.offset, removal.text));
    decided.push(applied(restore, { restored: { ruleId: removal.ruleId, family: removal.family } }));
  }
  // Not a cut of the cleaning: perhaps one of the split's (a cover line, page furniture).
  pending.push(...restores.values());

  const { removals: corrected, outcomes } = cutPassages(input, starts, kept, passages);
  decided.push(...outcomes);
  return {
    text: textWithout(input, corrected),
    removals: corrected,
    corrections: { madeFor: document.input.sha256, otherInput: document.input.sha256 !== options.inputSha256, decided, pending },
  };
}

const cutKey = (offset: number, text: string) => `${offset}:${text}`;

/**
 * Cuts every character of each passage that the cleaning kept. A normalisation inside a passage
 * (`,` → `，`) becomes a cut of what it replaced, and a line break the cleaning put back inside it
 * (an insertion: no text, a replacement) goes, so the passage leaves nothing behind.
 */
function cutPassages(input: string, starts: Int32Array, removals: readonly CorrectedRemoval[], passages: readonly Correction[]): { removals: CorrectedRemoval[]; outcomes: CorrectionOutcome[] } {
  if (passages.length === 0) return { removals: [...removals], outcomes: [] };
  const added: CorrectedRemoval[] = [];
  const replaced = new Map<CorrectedRemoval, CorrectedRemoval>();
  const gone = new Set<CorrectedRemoval>();
  const outcomes = passages.map((op) => {
    const end = op.offset + op.text.length;
    let cuts = 0;
    const cut = (from: number, to: number) => {
      if (to <= from) return;
      const { line, column } = placeOf(starts, from);
      added.push({ ruleId: CorrectionRule.RemoveLines, family: CORRECTION_FAMILY, line, column, offset: from, text: input.slice(from, to), correction: op.id });
      cuts++;
    };
    let at = op.offset;
    for (let i = firstEndingAfter(removals, op.offset); i < removals.length && removals[i]!.offset < end; i++) {
      const removal = removals[i]!;
      if (removal.text === '') {
        // A line break the cleaning put back inside the passage goes with it.
        if (removal.offset > op.offset) gone.add(removal);
        continue;
      }
      cut(at, removal.offset);
      const removalEnd = removal.offset + removal.text.length;
      if (removal.replacement !== undefined && removal.offset >= op.offset && removalEnd <= end) {
        const { replacement: _, ...plain } = removal;
        replaced.set(removal, { ...plain, ruleId: CorrectionRule.RemoveLines, family: CORRECTION_FAMILY, correction: op.id });
        cuts++;
      }
      at = Math.max(at, removalEnd);
    }
    cut(at, end);
    return applied(op, { cuts });
  });
  const all = [...removals.filter((removal) => !gone.has(removal)).map((removal) => replaced.get(removal) ?? removal), ...added].sort((a, b) => a.offset - b.offset || a.text.length - b.text.length);
  return { removals: all, outcomes };
}

/** The index of the first removal that ends after `offset` (removals in offset order, never overlapping). */
function firstEndingAfter(removals: readonly Removal[], offset: number): number {
  let low = 0;
  let high = removals.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const removal = removals[middle]!;
    if (removal.offset + removal.text.length <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** `input` with every removal's text taken out, or replaced by its replacement. */
export function textWithout(input: string, removals: readonly Removal[]): string {
  const pieces: string[] = [];
  let at = 0;
  for (const removal of removals) {
    pieces.push(input.slice(at, removal.offset), removal.replacement ?? '');
    at = removal.offset + removal.text.length;
  }
  pieces.push(input.slice(at));
  return pieces.join('');
}
