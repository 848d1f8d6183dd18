/**
 * The lines the splitter reads, as pieces of the cleaned text's lines. Reading a page may take
 * furniture lines out, cut pieces off a line (a title's piece label, a preview's mark) or split one
 * line in two (a title glued to its first sentence); each line the splitter sees still knows the
 * line and column it came from, so that what no report holds is logged where it stood.
 */
import type { FurnitureFamily, FurnitureRule } from './furniture-family.js';

/** A line as the splitter sees it: trimmed text, and where it starts in the cleaned text. */
export interface PageLine {
  readonly text: string;
  /** 0-based line of the cleaned text. */
  readonly line: number;
  /** 0-based column of that line where `text` starts. */
  readonly column: number;
}

/** A piece of the cleaned text that reading the page took out: page furniture, with the rule that cut it. */
export interface ZoneCut {
  readonly ruleId: FurnitureRule;
  readonly family: FurnitureFamily;
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

/** A page read: the lines for the splitter, what was cut, and which lines are the documents' titles. */
export interface PageReading {
  readonly lines: readonly PageLine[];
  readonly cuts: readonly ZoneCut[];
  /** Indices into `lines` of the titles the page gives its documents (the splitter opens a report at each). */
  readonly titles: ReadonlySet<number>;
  /** Indices into `lines` of title-shaped lines that belong to the document above them (a notice's attachment). */
  readonly notTitles: ReadonlySet<number>;
}

/** The lines of `raw` as they are: one trimmed line each, nothing cut. */
export function identityReading(raw: readonly string[]): PageReading {
  return { lines: raw.map((text, line) => trimmedPiece(text, line, 0, text.length)), cuts: [], titles: new Set(), notTitles: new Set() };
}

/** `raw.slice(from, to)` of line `line`, trimmed, with the column where the trimmed text starts. */
export function trimmedPiece(raw: string, line: number, from: number, to: number): PageLine {
  const piece = raw.slice(from, to);
  const text = piece.trim();
  return { text, line, column: from + (text === '' ? 0 : piece.length - piece.trimStart().length) };
}
