/**
 * The changes a person makes in the proofread view before applying them: the corrections applied
 * before (reopened from the job's corrections file) and the new ones, each undoable on its own.
 * Every operation is anchored as lib/corrections expects: the input's offset and line, and the text
 * the input holds there (a cut as the log has it, a whole input line, or a line with its break).
 */
import type { Correction, CorrectionOp, CorrectionsDocument } from '../lib/corrections/corrections-document.js';
import type { LoggedCut, ProofLine } from './proof-model.js';

export type NewCorrection = Omit<Correction, 'id'>;

/** A change as the list of changes shows it. */
export interface DraftChange {
  readonly correction: Correction;
  /** Applied before this view was opened (reopened), or made in it. */
  readonly applied: boolean;
  /** An applied one the person took back: applying drops it. */
  readonly undone: boolean;
}

export class CorrectionsDraft {
  private readonly changes: { correction: Correction; applied: boolean; undone: boolean }[];
  private counter: number;

  /** `sha256`: of the input the view read; `applied`: the operations of the job's corrections file. */
  constructor(
    readonly sha256: string,
    applied: readonly Correction[] = [],
  ) {
    this.changes = applied.map((correction) => ({ correction, applied: true, undone: false }));
    this.counter = applied.reduce((n, c) => Math.max(n, Number(/^c(\d+)$/.exec(c.id)?.[1] ?? 0)), 0);
  }

  /** Adds an operation, unless the same one is there already; returns its id. */
  add(operation: NewCorrection): string {
    const same = this.changes.find((c) => !c.undone && c.correction.op === operation.op && c.correction.offset === operation.offset);
    if (same && operation.op !== 'set-title') return same.correction.id;
    if (same) this.changes.splice(this.changes.indexOf(same), 1);
    const correction = { id: `c${++this.counter}`, ...operation };
    this.changes.push({ correction, applied: false, undone: false });
    return correction.id;
  }

  /** Takes a change back: a new one is forgotten, an applied one is marked to be dropped (undo again restores it). */
  undo(id: string): void {
    const change = this.changes.find((c) => c.correction.id === id);
    if (!change) return;
    if (change.applied) change.undone = !change.undone;
    else this.changes.splice(this.changes.indexOf(change), 1);
  }

  /** Every change, in the order made. */
  list(): readonly DraftChange[] {
    return this.changes.map((c) => ({ ...c }));
  }

  /** The new changes not yet applied, of one kind. */
  pending(op: CorrectionOp): Correction[] {
    return this.changes.filter((c) => !c.applied && c.correction.op === op).map((c) => c.correction);
  }

  /** True when applying would change anything. */
  get dirty(): boolean {
    return this.changes.some((c) => !c.applied || c.undone);
  }

  /** The corrections file to store: every applied change not taken back, and the new ones. */
  document(): CorrectionsDocument {
    return { version: 1, input: { sha256: this.sha256 }, operations: this.changes.filter((c) => !c.undone).map((c) => c.correction) };
  }
}

/** Put a cut back. */
export function restoreCut(cut: LoggedCut): NewCorrection {
  return { op: 'restore-cut', line: cut.line, offset: cut.offset, text: cut.text };
}

/** Cut a whole line, its line break with it, so the lines around it stay apart. */
export function removeLine(line: ProofLine, input: string): NewCorrection {
  const withBreak = input[line.offset + line.text.length] === '\n';
  return { op: 'remove-lines', line: line.line, offset: line.offset, text: withBreak ? `${line.text}\n` : line.text };
}

/** A report operation on a whole input line. */
export function onLine(op: 'start-report' | 'join-report' | 'set-title', line: ProofLine, title?: string): NewCorrection {
  return { op, line: line.line, offset: line.offset, text: line.text, ...(title !== undefined ? { title } : {}) };
}
