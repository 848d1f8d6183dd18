/**
 * Warnings: what report-press could not be sure of. They go into the manifest (and one stderr line
 * each from the CLI) so users read them instead of checking every document by hand. A clean,
 * confident conversion has none.
 */

/** Why a conversion may need a look. Stable for programs; the message is for people. */
export const WarningCode = {
  /** A table-of-contents entry whose report was not found in the body. */
  TocEntryMissing: 'TOC_ENTRY_MISSING',
  /** A line shaped like a report title left inside a report's body: perhaps two reports merged. */
  TitleInBody: 'TITLE_IN_BODY',
  /** A report far longer than its siblings: perhaps several reports merged. */
  OversizedReport: 'OVERSIZED_REPORT',
  /** A title with no body text under it: left out, not made a report of its own. */
  EmptyReport: 'EMPTY_REPORT',
  /** A report whose text has no title: it is named after the input file. */
  NoTitle: 'NO_TITLE',
  /** Characters drawn without a glyph (no embedded font has them); the text layer still holds them. */
  MissingGlyph: 'MISSING_GLYPH',
  /** A report too long for one document, written in parts (`title（1）`, `title（2）` …). */
  ReportInParts: 'REPORT_IN_PARTS',
  /** A correction (lib/corrections) not applied: its text is no longer where it says, or it no longer fits the reports. */
  CorrectionDropped: 'CORRECTION_DROPPED',
  /** Corrections made on other bytes than the input's: each was applied only where its text still stands. */
  CorrectionsOtherInput: 'CORRECTIONS_OTHER_INPUT',
  /** A corrections file beside the input that cannot be used (not JSON, too large, overlapping): none applied. */
  CorrectionsUnusable: 'CORRECTIONS_UNUSABLE',
  /** The user's rules file cannot be used: no user rule applied. */
  UserRulesUnusable: 'USER_RULES_UNUSABLE',
} as const;
export type WarningCode = (typeof WarningCode)[keyof typeof WarningCode];

import type { MessageParams } from './messages/types.js';

/** One warning, naming the report and the input line it is about. */
export interface ConversionWarning {
  readonly code: WarningCode;
  /** 1-based index of the report concerned (as in the manifest), when there is one. */
  readonly report?: number;
  /** 1-based line of the input file the warning is about, when there is one. */
  readonly line?: number;
  /** The text concerned: the entry, the line, the characters. */
  readonly text?: string;
  /** What to look at, in words a user can act on: the catalogue's English sentence for the code and facts. */
  readonly message: string;
  /**
   * The facts the sentence is built from beyond `text`, `report` and `line` (a report's title, its
   * size), so that it can be rendered again in any language (`formatMessage(code, { text, ...params })`).
   */
  readonly params?: MessageParams;
}

/** A warning as a stage finds it: its code and facts only; the sentence comes from the catalogue. */
export type WarningFacts = Omit<ConversionWarning, 'message'>;
