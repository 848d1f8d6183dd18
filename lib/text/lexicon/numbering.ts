/**
 * The numbers that open a line: a heading's (`一、`, `（一）`, `1.`, `（1）`, levels 1–4 of a
 * Chinese official document) and a piece's, as compilations number the reports they hold in their
 * table of contents and over the titles (`1.`, `三、`, `第五篇`, `材料六：`).
 */
import type { HeadingLevel } from '../../model/report.js';
import { CHINESE_COUNTING, CHINESE_HEADING_NUMERALS, numeralValue } from './numerals.js';

// ── Heading numbers ──────────────────────────────────────────────────────────────────────────

export interface HeadingNumber {
  readonly level: HeadingLevel;
  /** Length of the number with its punctuation (`（一）` → 3). */
  readonly length: number;
}

const HEADING_NUMBERS: readonly { readonly level: HeadingLevel; readonly pattern: RegExp }[] = [
  { level: 1, pattern: new RegExp(`^[${CHINESE_HEADING_NUMERALS}]{1,4}、`) },
  { level: 2, pattern: new RegExp(`^[（(][${CHINESE_HEADING_NUMERALS}]{1,4}[）)]`) },
  // `1.5亿元` opens a sentence with a decimal, not a heading: a `.` must not precede a digit.
  { level: 3, pattern: /^\d{1,2}(?:、|[.．](?!\d))/ },
  { level: 4, pattern: /^(?:[（(]\d{1,2}[）)]|[①-⑳])/ },
];

/** The heading number at the start of `line`, if any: `一、` → 1, `（一）` → 2, `1.` / `1、` / `1．` → 3, `（1）` / `①` → 4. */
export function matchHeadingNumber(line: string): HeadingNumber | undefined {
  for (const { level, pattern } of HEADING_NUMBERS) {
    const match = pattern.exec(line);
    if (match) return { level, length: match[0].length };
  }
  return undefined;
}

/** True when `line` opens with heading numbering such as `一、` or `（二）`. */
export function startsWithHeadingNumber(line: string): boolean {
  return matchHeadingNumber(line) !== undefined;
}

/** `一是`, `二是` … open the enumerated sentences of a body (`一是加强学习，…`): not headings, not titles. */
const ENUMERATED_SENTENCE = new RegExp(`^[${CHINESE_COUNTING}]{1,3}是`);

/** True for a line that opens an enumerated sentence (`一是…`). */
export function startsEnumeratedSentence(line: string): boolean {
  return ENUMERATED_SENTENCE.test(line);
}

// ── Piece numbers ────────────────────────────────────────────────────────────────────────────

/** A counting number as pieces are numbered: Chinese up to 九十九 or Arabic up to 9999. */
const PIECE_VALUE = `([${CHINESE_COUNTING}]{1,3}|\\d{1,4})`;

/** The words a piece's ordinal ends with: `第三篇`, `第二章`, `第一部分`. */
const ORDINAL_UNIT = '(?:篇|章|部分)';

/**
 * How a compilation numbers its pieces, by style (a style is the pattern's position here), each
 * capturing the number's value; matched after NFKC (`１．` reads as `1.`).
 */
const PIECE_NUMBERS = [
  /^(\d{1,4})\.\s{0,4}/u,
  /^(\d{1,4})、\s{0,4}/u,
  new RegExp(`^([${CHINESE_COUNTING}]{1,3})、\\s{0,4}`, 'u'),
  new RegExp(`^[（(]${PIECE_VALUE}[）)]\\s{0,4}`, 'u'),
  new RegExp(`^第${PIECE_VALUE}${ORDINAL_UNIT}\\s{0,4}`, 'u'),
  // The document sites' own: `材料一：`, `范文3：`.
  new RegExp(`^(?:材料|范文|文章)${PIECE_VALUE}\\s{0,2}[：:、.]\\s{0,4}`, 'u'),
] as const;

/** The style of `第N篇` / `第N章` / `第N部分`, the ordinal that opens a part of a compilation. */
export const ORDINAL_PIECE_STYLE = 4;

/** The characters a piece number can start with, before NFKC (`１` and `（` included). */
const PIECE_START = new RegExp(`^[\\d０-９${CHINESE_COUNTING}（(第材范文]`, 'u');

/** A piece number read: its style, its value and the line without it. */
export interface PieceNumber {
  /** Which numbering ({@link PIECE_NUMBERS}' position), another for each in full-width digits. */
  readonly style: number;
  readonly value: number;
  /** The line after the number, trimmed. */
  readonly rest: string;
}

/**
 * The piece number `line` starts with: its style (which pattern, in ASCII or full-width digits),
 * its value, and the line without it.
 */
export function pieceNumber(line: string): PieceNumber | undefined {
  // Most lines start with none of these: they need no normalising (hard wraps ask of every line).
  if (!PIECE_START.test(line)) return undefined;
  const normal = line.normalize('NFKC');
  for (const [style, pattern] of PIECE_NUMBERS.entries()) {
    const match = pattern.exec(normal);
    // NFKC keeps the length of these characters, so the match length applies to the original.
    // Full-width digits (`１．`) are a style of their own: a compilation numbers all its pieces alike.
    if (match) return { style: /^[０-９]/u.test(line) ? style + PIECE_NUMBERS.length : style, value: numeralValue(match[1]!), rest: line.slice(match[0].length).trim() };
  }
  return undefined;
}

/** `line` without the piece number it starts with (`1.`, `一、`, `第一篇`), trimmed. */
export function withoutPieceNumber(line: string): string {
  return pieceNumber(line)?.rest ?? line.trim();
}

/** True for a line that opens with an ordinal (`第三篇`, `第二章`, `第一部分`): a part of a compilation starts here. */
export function startsWithOrdinal(line: string): boolean {
  return pieceNumber(line)?.style === ORDINAL_PIECE_STYLE;
}

/**
 * A number at a title's start in any of the looser forms a table of contents or a body may use
 * where the other has a piece number (`1，`, `1）`, `①`, `第1篇章`), for comparing titles only.
 */
export const LOOSE_TITLE_NUMBER = new RegExp(
  `^(?:第[${CHINESE_COUNTING}\\d]{1,4}[篇章部分]{1,2}|[（(]?[${CHINESE_COUNTING}\\d]{1,4}[）)]|[${CHINESE_COUNTING}\\d]{1,4}[、.．,，]|[①-⑳])\\s{0,4}`,
  'u',
);
