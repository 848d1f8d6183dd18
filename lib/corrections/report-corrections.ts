/**
 * The report operations of a corrections document, applied to a split: a report started at a line
 * of another's text, a report joined to the one before, a report renamed, and a cut of the split
 * itself put back (a cover line, page furniture). The split's reading of the lines stays as it is;
 * only the bounds between reports move, and only the reports whose lines or title changed are
 * built again (the others are the split's own, so their documents come out the same).
 */
import { buildReport } from '../model/build-report.js';
import type { Report } from '../model/report.js';
import type { Removal } from '../text/clean.js';
import type { OutsideText, SplitLayout, SplitWarning } from '../text/split.js';
import { WarningCode } from '../warnings.js';
import { CorrectionOp, type Correction } from './corrections-document.js';
import { applied, CORRECTION_FAMILY, CorrectionRule, dropped, DropReason, type CorrectionOutcome } from './correction-outcomes.js';

/** A place in the cleaned text: 0-based line and column. */
export interface TextPlace {
  readonly line: number;
  readonly column: number;
}

/** Where a report stands in the cleaned text: its first line (the title's, or the text's when it has no title line) and where its text starts. */
export interface ReportSpan {
  readonly start: TextPlace;
  readonly body: TextPlace;
}

/** A piece the split cut, with the removals it is logged as (a piece the cleaning cut inside is several). */
export interface OutsidePiece {
  readonly piece: OutsideText;
  readonly removals: readonly Removal[];
}

/** A cut a correction made among the split's: a replaced title's text, with the correction's id. */
export type CorrectionCut = OutsideText & { readonly correction: string };

export interface ReportCorrectionInput {
  readonly layout: SplitLayout;
  /** The split's reports, one per section of the layout. */
  readonly reports: readonly Report[];
  readonly outside: readonly OutsidePiece[];
  /** The split's warnings, their lines lines of the cleaned text. */
  readonly warnings: readonly SplitWarning[];
  /** Report operations, and restore-cuts of cuts the cleaning did not make. */
  readonly operations: readonly Correction[];
  /** The input offset of a place of the cleaned text. */
  readonly inputOffset: (place: TextPlace) => number;
}

export interface ReportCorrectionResult {
  readonly reports: readonly Report[];
  readonly spans: readonly ReportSpan[];
  /** The split's cuts less those put back. */
  readonly outside: readonly OutsideText[];
  /** Titles replaced by set-title, logged as cuts of the correction. */
  readonly titleCuts: readonly CorrectionCut[];
  readonly warnings: readonly SplitWarning[];
  readonly outcomes: readonly CorrectionOutcome[];
}

/** A line (or a piece of one) of a report: where it stands in the cleaned text and what it says. */
interface Entry extends TextPlace {
  readonly text: string;
}

/** A report being corrected. */
interface Draft {
  title: string;
  titleEntries: Entry[];
  body: Entry[];
  /** The split's report this one is, unchanged; undefined once changed. */
  origin: number | undefined;
  /** The split's report this one began as (for its warnings). */
  readonly from: number | undefined;
  renamedBy?: Correction;
}

const before = (a: TextPlace, b: TextPlace) => a.line < b.line || (a.line === b.line && a.column < b.column);

/** The drafts of a split: each report's title line(s) and text lines. */
function draftsOf(layout: SplitLayout): Draft[] {
  const { lines, sections } = layout;
  return sections.map((section, k) => {
    const titleEntries = section.titleLine === -1 ? [] : lines.slice(section.titleFrom ?? section.titleLine, section.titleLine + 1).filter((line) => line.text !== '');
    const body = lines.slice(section.start, section.end).filter((line) => line.text !== '');
    return { title: section.title, titleEntries: [...titleEntries], body: [...body], origin: k, from: k };
  });
}

/** The first line of a draft: its title's, or its text's. */
const firstOf = (draft: Draft): Entry | undefined => draft.titleEntries[0] ?? draft.body[0];

/** Where each report of a split stands, as {@link applyReportCorrections} gives them without corrections. */
export function reportSpans(layout: SplitLayout): ReportSpan[] {
  return draftsOf(layout).map(spanOf);
}

function spanOf(draft: Draft): ReportSpan {
  const start = firstOf(draft) ?? { line: 0, column: 0 };
  return { start: { line: start.line, column: start.column }, body: draft.body[0] ? { line: draft.body[0].line, column: draft.body[0].column } : start };
}

/**
 * Applies report operations to a split, in this order: cuts of the split put back, reports
 * started, reports joined, reports renamed. Each is anchored by the input line it names: the line
 * of the reports' text that starts within it. An operation that does not fit (a line in no
 * report, a report started where one starts already, the first report joined) is dropped with its
 * reason; a report operation is never applied to another line.
 */
export function applyReportCorrections(input: ReportCorrectionInput): ReportCorrectionResult {
  const drafts = draftsOf(input.layout);
  const outcomes: CorrectionOutcome[] = [];
  const byKind = (op: CorrectionOp) => input.operations.filter((o) => o.op === op).sort((a, b) => a.offset - b.offset);

  const restored = new Set<OutsidePiece>();
  for (const op of byKind(CorrectionOp.RestoreCut)) {
    const found = input.outside.find((o) => !restored.has(o) && o.removals.some((r) => r.offset === op.offset && r.text === op.text));
    if (!found) {
      outcomes.push(dropped(op, DropReason.CutGone));
      continue;
    }
    restored.add(found);
    putBack(drafts, found.piece);
    outcomes.push(applied(op, { restored: { ruleId: found.piece.ruleId, family: found.piece.family } }));
  }

  const offsetOf = (entry: Entry) => input.inputOffset(entry);
  // The entry a report operation names: the first line of the reports that starts within its input line.
  const target = (op: Correction): { draft: number; inTitle: boolean; index: number } | undefined => {
    let best: { draft: number; inTitle: boolean; index: number; entry: Entry } | undefined;
    drafts.forEach((draft, d) => {
      for (const [inTitle, list] of [[true, draft.titleEntries], [false, draft.body]] as const) {
        list.forEach((entry, index) => {
          const at = offsetOf(entry);
          if (at < op.offset || at >= op.offset + op.text.length) return;
          if (!best || before(entry, best.entry)) best = { draft: d, inTitle, index, entry };
        });
      }
    });
    return best && { draft: best.draft, inTitle: best.inTitle, index: best.index };
  };

  for (const op of byKind(CorrectionOp.StartReport)) {
    const at = target(op);
    if (!at) {
      outcomes.push(dropped(op, DropReason.NotInReport));
      continue;
    }
    const draft = drafts[at.draft]!;
    if (at.inTitle) {
      outcomes.push(dropped(op, DropReason.AlreadyStarts));
      continue;
    }
    const line = draft.body[at.index]!;
    if (at.index === 0 && draft.titleEntries.length === 0) {
      // A report with no title line of its own: the line becomes its title.
      Object.assign(draft, { title: line.text, titleEntries: [line], body: draft.body.slice(1), origin: undefined });
    } else if (at.index === 0) {
      outcomes.push(dropped(op, DropReason.NoTextAbove));
      continue;
    } else {
      const opened: Draft = { title: line.text, titleEntries: [line], body: draft.body.slice(at.index + 1), origin: undefined, from: undefined };
      draft.body = draft.body.slice(0, at.index);
      draft.origin = undefined;
      drafts.splice(at.draft + 1, 0, opened);
    }
    outcomes.push(applied(op));
  }

  for (const op of byKind(CorrectionOp.JoinReport)) {
    const at = target(op);
    const starts = at !== undefined && at.index === 0 && (at.inTitle || drafts[at.draft]!.titleEntries.length === 0);
    if (!at || !starts) {
      outcomes.push(dropped(op, at ? DropReason.NotReportStart : DropReason.NotInReport));
      continue;
    }
    if (at.draft === 0) {
      outcomes.push(dropped(op, DropReason.FirstReport));
      continue;
    }
    const [joined] = drafts.splice(at.draft, 1);
    const previous = drafts[at.draft - 1]!;
    previous.body = [...previous.body, ...joined!.titleEntries, ...joined!.body];
    previous.origin = undefined;
    outcomes.push(applied(op));
  }

  for (const op of byKind(CorrectionOp.SetTitle)) {
    const at = target(op);
    const starts = at !== undefined && at.index === 0 && (at.inTitle || drafts[at.draft]!.titleEntries.length === 0);
    if (!at || !starts) {
      outcomes.push(dropped(op, at ? DropReason.NotReportStart : DropReason.NotInReport));
      continue;
    }
    const draft = drafts[at.draft]!;
    Object.assign(draft, { title: op.title ?? draft.title, origin: undefined, renamedBy: op });
    outcomes.push(applied(op, { title: op.title }));
  }

  const keptOutside = input.outside.filter((o) => !restored.has(o)).map((o) => o.piece);
  return {
    reports: drafts.map((draft) => (draft.origin !== undefined ? input.reports[draft.origin]! : buildReport(draft.title, draft.body.map((entry) => entry.text)))),
    spans: drafts.map(spanOf),
    outside: keptOutside,
    titleCuts: drafts.flatMap((draft) => (draft.renamedBy ? replacedTitle(draft, draft.renamedBy, keptOutside) : [])),
    warnings: remapWarnings(input.warnings, drafts),
    outcomes,
  };
}

/**
 * A cut of the split put back where it stood: before a title on the title's line (a piece number),
 * the title takes it; otherwise it is a line of the report it stands in (the first report for what
 * stood before all of them).
 */
function putBack(drafts: Draft[], piece: OutsideText): void {
  const entry: Entry = { line: piece.line, column: piece.column, text: piece.text };
  const titled = drafts.find((draft) => draft.titleEntries.some((title) => title.line === piece.line && piece.column < title.column));
  if (titled) {
    titled.title = `${piece.text}${titled.title}`;
    titled.origin = undefined;
    return;
  }
  let holder = drafts[0];
  for (const draft of drafts) {
    const first = firstOf(draft);
    if (first && !before(entry, first)) holder = draft;
  }
  if (!holder) return;
  const at = holder.body.findIndex((line) => before(entry, line));
  holder.body.splice(at === -1 ? holder.body.length : at, 0, entry);
  holder.origin = undefined;
}

/** A renamed report's old title lines as cuts of the correction, less what the split had cut of them already (a piece number). */
function replacedTitle(draft: Draft, op: Correction, outside: readonly OutsideText[]): CorrectionCut[] {
  return draft.titleEntries.flatMap((entry) => {
    let from = 0;
    for (const piece of outside) {
      if (piece.line === entry.line && piece.column <= entry.column + from && piece.column + piece.text.length > entry.column + from) {
        from = piece.column + piece.text.length - entry.column;
      }
    }
    const text = entry.text.slice(from);
    return text.trim() === '' ? [] : [{ ruleId: CorrectionRule.SetTitle, family: CORRECTION_FAMILY, line: entry.line, column: entry.column + from, text, correction: op.id }];
  });
}

/**
 * The split's warnings about the corrected reports: renumbered to the report that now holds what
 * they name; a title left in a text that now opens a report, a missing title that was given, and
 * the size of a report whose bounds moved are said no more.
 */
function remapWarnings(warnings: readonly SplitWarning[], drafts: readonly Draft[]): SplitWarning[] {
  const titleLines = new Set(drafts.flatMap((draft) => draft.titleEntries.map((entry) => entry.line)));
  const holderOfLine = (line: number) => drafts.findIndex((draft) => [...draft.titleEntries, ...draft.body].some((entry) => entry.line === line));
  return warnings.flatMap((warning): SplitWarning[] => {
    if (warning.report === undefined) return [warning];
    if (warning.code === WarningCode.TitleInBody && warning.line !== undefined && titleLines.has(warning.line)) return [];
    const by = warning.line !== undefined ? holderOfLine(warning.line) : -1;
    const holder = by !== -1 ? by : drafts.findIndex((draft) => draft.from === warning.report! - 1);
    if (holder === -1) return [];
    const draft = drafts[holder]!;
    if (draft.origin === undefined && (warning.code === WarningCode.OversizedReport || warning.code === WarningCode.NoTitle)) return [];
    return [{ ...warning, report: holder + 1 }];
  });
}
