/**
 * Lines of a decoded input, for anchoring corrections: where each line starts, which line an offset
 * lies on, and whether the input still holds a given text at a given place. Offsets count UTF-16
 * code units of the decoded text, as removals.json does.
 */

/** The offsets at which the lines of `text` start (the first is 0). */
export function lineStarts(text: string): Int32Array {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  const starts = new Int32Array(count);
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
  return starts;
}

/** The 1-based line that `offset` lies on. */
export function lineOfOffset(starts: Int32Array, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** Where something stands in the input: 1-based line and column, 0-based offset. */
export interface InputPlace {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** The line and column of `offset`. */
export function placeOf(starts: Int32Array, offset: number): InputPlace {
  const line = lineOfOffset(starts, offset);
  return { line, column: offset - (starts[line - 1] as number) + 1, offset };
}

/** What an anchor says the input holds: `text` from `offset`, which lies on `line`. */
export interface Anchor {
  readonly line: number;
  readonly offset: number;
  readonly text: string;
}

/** True when the input still holds the anchor's text at its offset, on its line. */
export function anchorHolds(input: string, starts: Int32Array, anchor: Anchor): boolean {
  if (anchor.offset < 0 || anchor.offset + anchor.text.length > input.length) return false;
  return lineOfOffset(starts, anchor.offset) === anchor.line && input.startsWith(anchor.text, anchor.offset);
}
