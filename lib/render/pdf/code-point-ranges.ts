/**
 * Sets of code points as sorted, disjoint, inclusive ranges, and a compact text form of them for
 * tables generated from a font's cmap (fallback-coverage.ts): a font's coverage can then be asked
 * without reading the font.
 */

/** Inclusive code point ranges, sorted and disjoint. */
export type CodePointRanges = readonly (readonly [first: number, last: number])[];

/** True when a range holds the code point; `ranges` must be sorted and disjoint (binary search). */
export function inRanges(codePoint: number, ranges: CodePointRanges): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const [first, last] = ranges[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return true;
  }
  return false;
}

/** The ranges of some code points, in any order, repeats allowed. */
export function rangesOf(codePoints: Iterable<number>): CodePointRanges {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const codePoint of sorted) {
    const last = ranges.at(-1);
    if (last && last[1] === codePoint - 1) last[1] = codePoint;
    else ranges.push([codePoint, codePoint]);
  }
  return ranges;
}

/** Separates the entries of the text form; also where a generated table may wrap its lines. */
export const RANGE_SEPARATOR = ',';
const LENGTH_MARK = '+';
const RADIX = 36;

/**
 * The text form of sorted, disjoint ranges, one entry per range, entries separated by `,`: the gap
 * before the range (its first code point minus the previous range's last minus one; the first range's
 * first code point), in base 36, then `+` and the range's length minus one when it is longer than
 * one code point. Small numbers because a cmap's ranges are dense: 6,204 ranges in 19 KB.
 */
export function encodeCodePointRanges(ranges: CodePointRanges): string[] {
  let previous = -1;
  return ranges.map(([first, last]) => {
    const entry = (first - previous - 1).toString(RADIX) + (last > first ? LENGTH_MARK + (last - first).toString(RADIX) : '');
    previous = last;
    return entry;
  });
}

/** The ranges of entries written by {@link encodeCodePointRanges} (a string of them joined by `,`). */
export function decodeCodePointRanges(text: string): CodePointRanges {
  const ranges: (readonly [number, number])[] = [];
  // One pass over the characters, no string per entry: the library decodes its table in a
  // process that is about to draw a rare character, and 6,000 splits and parseInts cost 4 ms.
  if (text === '') return ranges;
  let previous = -1;
  /** The gap once `+` is read, else -1: the number being read is still the gap. */
  let gap = -1;
  let number = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : SEPARATOR_CODE;
    if (code === SEPARATOR_CODE) {
      const first = previous + 1 + (gap < 0 ? number : gap);
      previous = first + (gap < 0 ? 0 : number);
      ranges.push([first, previous]);
      gap = -1;
      number = 0;
    } else if (code === LENGTH_CODE) {
      gap = number;
      number = 0;
    } else {
      number = number * RADIX + digitValue(code, text);
    }
  }
  return ranges;
}

const SEPARATOR_CODE = RANGE_SEPARATOR.charCodeAt(0);
const LENGTH_CODE = LENGTH_MARK.charCodeAt(0);
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LETTER_A = 0x61;
const LETTER_Z = 0x7a;

function digitValue(code: number, text: string): number {
  if (code >= DIGIT_0 && code <= DIGIT_9) return code - DIGIT_0;
  if (code >= LETTER_A && code <= LETTER_Z) return code - LETTER_A + 10;
  throw new Error(`code point ranges: ${JSON.stringify(String.fromCharCode(code))} is not a base-36 digit in ${JSON.stringify(text.slice(0, 40))}…; regenerate the table`);
}
