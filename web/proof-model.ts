/**
 * The proofread view's reading of a finished job: the input (decoded as the chain decodes it), the
 * removal log and each report's place in the input (manifest `at`), as the lines of the input in
 * reports. Each line is pieces of text the documents keep and pieces that were cut, each cut with
 * its family and rule, so the page can show every cut inline where it was made.
 */
import type { CorrectedRemoval } from '../lib/corrections/text-corrections.js';
import type { UserRuleRemoval } from '../lib/corrections/user-rules.js';

/** A cut as removals.json records it (offsets in the decoded input): a user rule's with its rule, a correction's with its id. */
export type LoggedCut = UserRuleRemoval & CorrectedRemoval;

/** A report as the job view lists it, with its place in the input. */
export interface ProofReport {
  readonly index: number;
  readonly title: string;
  readonly at?: { readonly line: number; readonly offset: number; readonly bodyOffset: number };
}

export type Piece =
  | { readonly kind: 'kept'; readonly offset: number; readonly text: string }
  /** A piece of a cut (a cut over several lines is a piece on each); `cut` is the whole cut, as restoring names it. */
  | { readonly kind: 'cut'; readonly offset: number; readonly text: string; readonly cut: LoggedCut };

export interface ProofLine {
  /** 1-based line of the input. */
  readonly line: number;
  /** Offset of the line's first character in the input. */
  readonly offset: number;
  /** The line as the input has it, without its line break. */
  readonly text: string;
  readonly pieces: readonly Piece[];
  /** True for a line of a report's title. */
  readonly title: boolean;
  /** True when some of the line's text reaches a document. */
  readonly kept: boolean;
}

/** The lines of one report, or (without `report`) those before the first report. */
export interface ProofSection {
  readonly report?: ProofReport;
  readonly lines: readonly ProofLine[];
}

/**
 * The input's lines in sections by report: the lines from a report's first line up to the next
 * report's belong to it; those before the first report to a section of their own. Lines with no
 * text at all are left out.
 */
export function proofSections(input: string, cuts: readonly LoggedCut[], reports: readonly ProofReport[]): ProofSection[] {
  const sorted = cuts.filter((cut) => cut.text !== '').sort((a, b) => a.offset - b.offset);
  const placed = reports.filter((report) => report.at !== undefined).sort((a, b) => a.at!.offset - b.at!.offset);
  const sections: { report?: ProofReport; lines: ProofLine[] }[] = [{ lines: [] }, ...placed.map((report) => ({ report, lines: [] as ProofLine[] }))];
  let next = 0;
  let offset = 0;
  let section = 0;
  const lines = input.split('\n');
  lines.forEach((text, i) => {
    const line = i + 1;
    const start = offset;
    // The line's own line break is part of it: a cut that took it shows at the line's end.
    const end = start + text.length + (i < lines.length - 1 ? 1 : 0);
    offset = end;
    while (section < placed.length && placed[section]!.at!.line <= line) section++;
    while (next < sorted.length && sorted[next]!.offset + sorted[next]!.text.length <= start) next++;
    if (text === '') return;
    const pieces: Piece[] = [];
    let at = start;
    for (let k = next; k < sorted.length && sorted[k]!.offset < end; k++) {
      const cut = sorted[k]!;
      const from = Math.max(cut.offset, start);
      const to = Math.min(cut.offset + cut.text.length, end);
      if (from > at) pieces.push({ kind: 'kept', offset: at, text: input.slice(at, from) });
      if (to > from) pieces.push({ kind: 'cut', offset: from, text: input.slice(from, to), cut });
      at = Math.max(at, to);
    }
    const lineEnd = start + text.length;
    if (lineEnd > at) pieces.push({ kind: 'kept', offset: at, text: input.slice(at, lineEnd) });
    const report = sections[section]!.report;
    const title = report?.at !== undefined && line >= report.at.line && start < report.at.bodyOffset;
    sections[section]!.lines.push({ line, offset: start, text, pieces, title, kept: pieces.some((piece) => piece.kind === 'kept' && piece.text.trim() !== '') });
  });
  return sections.filter((s) => s.report !== undefined || s.lines.length > 0);
}
