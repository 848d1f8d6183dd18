/**
 * Line numbers of the input file for lines of the cleaned text: cleaning removes characters
 * (whole advert lines, joined hard wraps), so line k of the cleaned text is usually a later line
 * of the file the user has. The cuts hold every removed character; the line shifts keep of them
 * only what line numbers need.
 */
import type { Removal } from './clean.js';

/**
 * Where a line of the cleaned text starts in the input: from `line` (0-based, in the cleaned text)
 * on, until the next shift, cleaned line k is input line k + 1 + `removedBreaks`, and a line's first
 * character is `removedCharacters` further on in the input than in the cleaned text, `column`
 * characters into its input line (0 unless a cut took the start of that line: an indent, an advert).
 *
 * A shift `at` a column holds inside its line from that column on: it follows a cut inside the line,
 * and the characters from `at` on are `removedCharacters` further on, `column` characters into their
 * input line. Only the lines asked for get them (see {@link lineShifts}).
 */
export interface LineShift {
  readonly line: number;
  /** The column of the cleaned line from which the shift holds; absent: the line's start. */
  readonly at?: number;
  /** Line breaks cut before this line's start, less those a normalisation put in (a flattened paragraph's break): may be negative. */
  readonly removedBreaks: number;
  /** Characters cut before this line's start, less those normalisations put in their place. */
  readonly removedCharacters: number;
  /** Characters of the input line before this line's start (all of them cut). */
  readonly column: number;
}

/** Something that visits cuts in offset order (clean.ts `CleanResult.forEachRemoval`). */
export type RemovalVisitor = (visit: (removal: Pick<Removal, 'offset' | 'text' | 'replacement'>) => void) => void;

export interface LineShiftOptions {
  /**
   * Lines of the cleaned text whose inside positions are wanted too (the lines reading the page
   * cuts pieces of: zones/page-zones.ts): each cut inside them adds a shift `at` its column.
   */
  readonly inside?: ReadonlySet<number>;
}

/**
 * The line shifts of `cleaned`, given the cuts that made it from the input (in offset order):
 * one entry per cleaned line whose shift differs from the line before, so at most one per line of
 * the cleaned text and usually far fewer, and one per cut inside the few lines `inside` names. This
 * is all a position in the input needs, so the stages after cleaning carry it instead of the
 * removal log, which can be many times the input.
 */
export function lineShifts(cleaned: string, forEachRemoval: RemovalVisitor, options: LineShiftOptions = {}): LineShift[] {
  const inside = options.inside ?? new Set<number>();
  const shifts: LineShift[] = [];
  // The cleaned line whose start is being placed, where it starts, and the kept break that ends it.
  let line = 0;
  let start = 0;
  let end = cleaned.indexOf('\n');
  let settled = false;
  let removedCharacters = 0;
  let removedBreaks = 0;
  // Input offset of the last line break (kept or cut) before the current point; -1: none yet.
  let lastBreak = -1;
  // Cleaned offsets of the line breaks normalisations put in, not yet passed: they start a line
  // in the middle of an input line.
  const insertedBreaks: number[] = [];
  let previous: LineShift | undefined;
  const settle = () => {
    const shift = { line, removedBreaks, removedCharacters, column: start + removedCharacters - lastBreak - 1 };
    if (!previous || shift.removedBreaks !== previous.removedBreaks || shift.removedCharacters !== previous.removedCharacters || shift.column !== previous.column) {
      shifts.push(shift);
      previous = shift;
    }
    settled = true;
  };
  const nextLine = () => {
    if (insertedBreaks[0] === end) insertedBreaks.shift();
    else lastBreak = end + removedCharacters;
    line++;
    start = end + 1;
    end = cleaned.indexOf('\n', start);
    settled = false;
  };
  forEachRemoval((removal) => {
    // A cut moves a position of the input on only if it starts at or before that position: the
    // line start and the kept breaks before this cut are placed first.
    // A replacement at a line's start is that line's first character, not a cut before it.
    for (;;) {
      const lineStart = start + removedCharacters;
      if (!settled && (removal.offset > lineStart || (removal.offset === lineStart && removal.replacement))) settle();
      else if (settled && end !== -1 && removal.offset > end + removedCharacters) nextLine();
      else break;
    }
    const cleanedAt = removal.offset - removedCharacters;
    const replacement = removal.replacement ?? '';
    if (replacement === '\n') insertedBreaks.push(cleanedAt);
    removedCharacters += removal.text.length - replacement.length;
    const breaks = countBreaks(removal.text);
    removedBreaks += breaks - countBreaks(replacement);
    if (breaks > 0) lastBreak = removal.offset + removal.text.lastIndexOf('\n');
    // A cut inside a line asked for: the characters after it (after its replacement) are placed by a shift of their own.
    const lineEnd = end === -1 ? cleaned.length : end;
    const after = cleanedAt + replacement.length;
    // A normalisation of as many characters moves nothing (`,` → `，`).
    const moves = removal.text.length !== replacement.length || breaks > 0;
    if (moves && settled && inside.has(line) && cleanedAt > start && after < lineEnd) {
      const shift = { line, at: after - start, removedBreaks, removedCharacters, column: after + removedCharacters - lastBreak - 1 };
      if (previous?.line === line && previous.at === shift.at) shifts.pop();
      shifts.push(shift);
      previous = shift;
    }
  });
  for (;;) {
    if (!settled) settle();
    if (end === -1) break;
    nextLine();
  }
  return shifts;
}

/** Where a line of the cleaned text starts in the input: 1-based line and column, 0-based offset. */
export interface InputPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** The shift in force at a 0-based cleaned line and a column of it (the last at or before it; shifts are sorted by line and column). */
function shiftAt(shifts: readonly LineShift[], cleanedLine: number, column = 0): LineShift | undefined {
  let low = 0;
  let high = shifts.length - 1;
  let found: LineShift | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const shift = shifts[middle] as LineShift;
    if (shift.line < cleanedLine || (shift.line === cleanedLine && (shift.at ?? 0) <= column)) {
      found = shift;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** A function from a 0-based line of the cleaned text to the 1-based line of the input it starts on. */
export function inputLineOf(shifts: readonly LineShift[]): (cleanedLine: number) => number {
  return (cleanedLine) => Math.max(cleanedLine, 0) + (shiftAt(shifts, cleanedLine)?.removedBreaks ?? 0) + 1;
}

/**
 * Where a character of the cleaned text stands in the input: `column` characters into cleaned line
 * `cleanedLine`, which starts at `lineStart` in the cleaned text. Exact at a line's start, and inside
 * the lines whose shifts were asked for; elsewhere as if nothing was cut inside the line.
 */
export function inputPositionAt(shifts: readonly LineShift[], cleanedLine: number, lineStart: number, column: number): InputPosition {
  const shift = shiftAt(shifts, cleanedLine, column);
  // A shift of an earlier line holds from this line's start on (one that differed there would be this line's).
  const from = shift?.line === cleanedLine ? (shift.at ?? 0) : 0;
  return {
    line: cleanedLine + (shift?.removedBreaks ?? 0) + 1,
    column: (shift?.column ?? 0) + (column - from) + 1,
    offset: lineStart + column + (shift?.removedCharacters ?? 0),
  };
}

/** The columns of cleaned line `cleanedLine` where a cut inside it was (its shifts `at` a column), in order. */
export function cutsInside(shifts: readonly LineShift[], cleanedLine: number): number[] {
  const columns: number[] = [];
  for (const shift of shifts) if (shift.line === cleanedLine && shift.at !== undefined) columns.push(shift.at);
  return columns;
}

/** Line breaks in `text`. */
export function countBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Lines of `text` (one more than its line breaks; an empty text is one empty line). */
export function countLines(text: string): number {
  return countBreaks(text) + 1;
}
