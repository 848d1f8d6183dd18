/**
 * The shapes of a line that say what it is on a page: a sentence, a salutation, a date, a line of
 * marks, a subtitle. Pure functions of one line; the zones are found from them (page-zones.ts).
 */
import { startsWithHeadingNumber } from '../lexicon/numbering.js';

/**
 * Sentence punctuation. An ASCII `?` or `!` inside a word is not one: mojibake writes `?` for a
 * character it could not decode (`思想?yún)R報`).
 */
const SENTENCE = /[。！？；;]|[!?](?=\s|$|["”’」』)）])/u;
const CLAUSE = /[，,、]/u;
const COLON_END = /[:：]$/u;
const SUBTITLE_DASHES = /^[—–\-－─]{1,6}/u;
const LETTERS = /[\p{L}\p{N}]/gu;
const HAN = /\p{Script=Han}/u;
const DATE_DIGIT = '[\\d〇零一二三四五六七八九十OＯ０-９]';
const DATE_ONLY = new RegExp(
  `^${DATE_DIGIT}{2,4}\\s{0,2}(?:年\\s{0,2}${DATE_DIGIT}{1,2}\\s{0,2}月\\s{0,2}${DATE_DIGIT}{1,3}\\s{0,2}日|[-/.]\\d{1,2}[-/.]\\d{1,2})$`,
  'u',
);
const BRACKETS = /^[（(]|[）)]$/gu;
/** Mojibake's `?` and the half of a bracket pair it ate (`思想?yún)R報`). */
const MOJIBAKE = /[?](?=[^\s?!"”’」』)）])|[()]/gu;

/** Fewest letters of a sentence. */
const MIN_SENTENCE = 8;
/** Fewest letters of a line that a clause mark alone makes a sentence (shorter ones may be titles). */
const MIN_CLAUSE_SENTENCE = 16;
/** Longest salutation. */
const MAX_SALUTATION = 40;

/** How many letters and digits `text` has (punctuation and white space do not count). */
export function letterCount(text: string): number {
  return text.match(LETTERS)?.length ?? 0;
}

/** True when `text` holds a Chinese character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** A sentence: sentence punctuation, or a clause mark in a line too long for a title. */
export function isProse(text: string): boolean {
  const letters = letterCount(text);
  return letters >= MIN_SENTENCE && (SENTENCE.test(text) || (CLAUSE.test(text) && letters >= MIN_CLAUSE_SENTENCE));
}

/** `同志们：`, `尊敬的各位领导、同志们：`, `县统计局：`: a short line ending with a colon. */
export function isSalutation(text: string): boolean {
  return text.length <= MAX_SALUTATION && COLON_END.test(text) && !SENTENCE.test(text) && !startsWithHeadingNumber(text);
}

/**
 * A date alone on its line (in brackets or not), as pages write one: `2011/9/24`, `2024-07-30`,
 * `二00六年四月二十日`, `（2023年1月21日）`.
 */
export function isDateLine(text: string): boolean {
  return DATE_ONLY.test(text) || DATE_ONLY.test(text.replace(BRACKETS, ''));
}

/**
 * True for a date alone on its line, not in brackets: a document's closing date (成文日期). A date
 * in brackets stands under a speech's title, so it opens a document rather than ends one.
 */
export function isClosingDateLine(text: string): boolean {
  return DATE_ONLY.test(text);
}

/** True for a line of marks only (`-`, `>`, `|`, `……`): nothing a document says. */
export function isMarksOnly(text: string): boolean {
  return text !== '' && letterCount(text) === 0;
}

/** A subtitle's opening dashes (`——在…上的讲话`, `----××镇工作情况汇报`): the document's own line. */
export function opensWithDashes(text: string): boolean {
  return SUBTITLE_DASHES.test(text);
}

/** `text` as its shape is judged: without the marks mojibake leaves inside a title. */
export function withoutMojibake(text: string): string {
  return text.replace(MOJIBAKE, '');
}
