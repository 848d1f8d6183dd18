/**
 * Double-spaced copies: some sites put every line of a page in a paragraph of its own, so a copy of
 * hard-wrapped text has a blank line after every line. The blank lines then say nothing about
 * where paragraphs end, and they hide the wrap from the hard-wrap pass. Found here, so that the
 * cleaner can halve every run of blank lines first.
 */
import { forEachWrapBreak } from './hard-wrap.js';
import { TUNING } from './tuning.js';
import { isBlankRange } from './white-space.js';

const { minSingleBlankShare: MIN_SINGLE_BLANK_SHARE, minTextLines: MIN_TEXT_LINES } = TUNING.doubleSpacing;

/** The blank-line runs between text lines, as cuts that halve them, and the counts that decide. */
interface BlankRuns {
  /** Start of each run's first blank line. */
  readonly starts: number[];
  /** End (after its line break) of the last blank line the halving cuts. */
  readonly cutEnds: number[];
  readonly textLines: number;
  /** Neighbouring text lines with no blank line between them. */
  readonly direct: number;
  /** Neighbouring text lines with exactly one. */
  readonly single: number;
}

function blankRuns(text: string): BlankRuns {
  const starts: number[] = [];
  const cutEnds: number[] = [];
  const ends: number[] = [];
  let textLines = 0;
  let direct = 0;
  let single = 0;
  let runStart = -1;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (isBlankRange(text, start, end)) {
      if (textLines > 0 && newline !== -1) {
        if (runStart < 0) runStart = start;
        ends.push(end);
      }
    } else {
      if (textLines > 0 && runStart < 0) direct++;
      if (runStart >= 0) {
        if (ends.length === 1) single++;
        starts.push(runStart);
        cutEnds.push((ends[Math.ceil(ends.length / 2) - 1] as number) + 1);
        runStart = -1;
        ends.length = 0;
      }
      textLines++;
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  return { starts, cutEnds, textLines, direct, single };
}

/**
 * The cuts that halve every run of blank lines between two text lines (one blank line goes, three
 * become one, two become one) when the text is double-spaced: nearly every pair of neighbouring
 * text lines has exactly one blank line between them, and the text is hard-wrapped once they are
 * halved. Text that is merely set with a blank line between paragraphs has no wrap to reveal and
 * is left alone. Each cut is `[start, end)`: whole blank lines with their line breaks.
 */
export function forEachDoubleSpacingCut(text: string, onCut: (start: number, end: number) => void): void {
  const { starts, cutEnds, textLines, direct, single } = blankRuns(text);
  const gaps = direct + starts.length;
  if (textLines < MIN_TEXT_LINES || single === 0 || single < MIN_SINGLE_BLANK_SHARE * gaps) return;
  if (!revealsWrap(text, starts, cutEnds)) return;
  for (let i = 0; i < starts.length; i++) onCut(starts[i] as number, cutEnds[i] as number);
}

function revealsWrap(text: string, starts: readonly number[], cutEnds: readonly number[]): boolean {
  const pieces: string[] = [];
  let at = 0;
  for (let i = 0; i < starts.length; i++) {
    pieces.push(text.slice(at, starts[i]));
    at = cutEnds[i] as number;
  }
  pieces.push(text.slice(at));
  let breaks = 0;
  forEachWrapBreak(pieces.join(''), () => breaks++);
  return breaks > 0;
}
