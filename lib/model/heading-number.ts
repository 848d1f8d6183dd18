/**
 * The numbering that opens a heading in a Chinese official document, by level:
 * `一、` → 1, `（一）` → 2, `1.` / `1、` / `1．` → 3, `（1）` / `①` → 4.
 */
import type { HeadingLevel } from './report.js';

export interface HeadingNumber {
  readonly level: HeadingLevel;
  /** Length of the number with its punctuation (`（一）` → 3). */
  readonly length: number;
}

const CHINESE_DIGITS = '一二三四五六七八九十百零〇';

const PATTERNS: readonly { readonly level: HeadingLevel; readonly pattern: RegExp }[] = [
  { level: 1, pattern: new RegExp(`^[${CHINESE_DIGITS}]{1,4}、`) },
  { level: 2, pattern: new RegExp(`^[（(][${CHINESE_DIGITS}]{1,4}[）)]`) },
  // `1.5亿元` opens a sentence with a decimal, not a heading: a `.` must not precede a digit.
  { level: 3, pattern: /^\d{1,2}(?:、|[.．](?!\d))/ },
  { level: 4, pattern: /^(?:[（(]\d{1,2}[）)]|[①-⑳])/ },
];

/** The heading number at the start of `line`, if any. */
export function matchHeadingNumber(line: string): HeadingNumber | undefined {
  for (const { level, pattern } of PATTERNS) {
    const match = pattern.exec(line);
    if (match) return { level, length: match[0].length };
  }
  return undefined;
}

/** True when `line` opens with heading numbering such as `一、` or `（二）`. */
export function startsWithHeadingNumber(line: string): boolean {
  return matchHeadingNumber(line) !== undefined;
}
