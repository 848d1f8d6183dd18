/**
 * Line numbers of the input file for lines of the cleaned text: cleaning removes characters
 * (whole advert lines, joined hard wraps), so line k of the cleaned text is usually a later line
 * of the file the user has. The cuts hold every removed character; the line shifts keep of them
 * only what line numbers need.
 */
import type { Removal } from './clean.js';

/**
 * Where a line of the cleaned text starts in the input: from `line` (0-based, in the cleaned text)
 * on, until the next shift, cleaned line k is input line k + 1 + `removedBreaks`.
 */
export interface LineShift {
  readonly line: number;
  /** Line breaks cut before this line's start. */
  readonly removedBreaks: number;
}

/** Something that visits cuts in offset order (clean.ts `CleanResult.forEachRemoval`). */
export type RemovalVisitor = (visit: (removal: Pick<Removal, 'offset' | 'text'>) => void) => void;

/**
 * The line shifts of `cleaned`, given the cuts that made it from the input (in offset order):
 * one entry per cleaned line whose shift differs from the line before, so at most one per line of
 * the cleaned text and usually far fewer. This is all a line number of the input needs, so the
 * stages after cleaning carry it instead of the removal log, which can be many times the input.
 */
export function lineShifts(cleaned: string, forEachRemoval: RemovalVisitor): LineShift[] {
  const shifts: LineShift[] = [];
  // The first cleaned line whose shift is not settled yet, and where it starts (-1: none left).
  let line = 0;
  let start = 0;
  let removedCharacters = 0;
  let removedBreaks = 0;
  let previous = -1;
  const settle = () => {
    if (removedBreaks !== previous) shifts.push({ line, removedBreaks });
    previous = removedBreaks;
    const end = cleaned.indexOf('\n', start);
    start = end === -1 ? -1 : end + 1;
    line++;
  };
  forEachRemoval((removal) => {
    // A cut moves a line's input position on only if it starts at or before that position: lines
    // that start before this cut are settled.
    while (start !== -1 && removal.offset > start + removedCharacters) settle();
    removedCharacters += removal.text.length;
    removedBreaks += countBreaks(removal.text);
  });
  if (start !== -1 && removedBreaks !== previous) shifts.push({ line, removedBreaks });
  return shifts;
}

/** A function from a 0-based line of the cleaned text to the 1-based line of the input it starts on. */
export function inputLineOf(shifts: readonly LineShift[]): (cleanedLine: number) => number {
  return (cleanedLine) => {
    // The last shift at or before the line (binary search; shifts are sorted by line).
    let low = 0;
    let high = shifts.length - 1;
    let removedBreaks = 0;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const shift = shifts[middle] as LineShift;
      if (shift.line <= cleanedLine) {
        removedBreaks = shift.removedBreaks;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return Math.max(cleanedLine, 0) + removedBreaks + 1;
  };
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
