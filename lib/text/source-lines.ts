/**
 * Line numbers of the input file for lines of the cleaned text: cleaning removes characters
 * (whole advert lines, joined hard wraps), so line k of the cleaned text is usually a later line
 * of the file the user has. The removal log holds every removed character, which is enough.
 */
import type { Removal } from './clean.js';

/**
 * A function from a 0-based line index of `cleaned` to the 1-based line of the input that line
 * starts on. `removals` are the cuts that turned the input into `cleaned`, sorted by offset.
 */
export function inputLineMapper(cleaned: string, removals: readonly Removal[]): (cleanedLine: number) => number {
  const lineStarts = [0];
  for (let i = cleaned.indexOf('\n'); i !== -1; i = cleaned.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (cleanedLine) => {
    const cleanedOffset = lineStarts[Math.min(Math.max(cleanedLine, 0), lineStarts.length - 1)] ?? 0;
    // Walk the cuts in input order: each one that starts at or before the current input position
    // shifts it on by its length (and by the line breaks it removed).
    let inputOffset = cleanedOffset;
    let removedBreaks = 0;
    for (const removal of removals) {
      if (removal.offset > inputOffset) break;
      inputOffset += removal.text.length;
      removedBreaks += countBreaks(removal.text);
    }
    return Math.min(Math.max(cleanedLine, 0), lineStarts.length - 1) + removedBreaks + 1;
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
