/**
 * Line breaks a document viewer's text layer lost without leaving a space: the whole document on
 * one line, its head run together (`劳动模范表彰大会主持词同志们：伴着…`, `…表态发言遂昌县县长童森军
 * （2026 年 2 月 6 日）各位代表，同志们：今天，…`), and its numbered headings run on from the sentence
 * before (`…我郑重表态：一、永葆忠诚之心…`). The step puts a line break back where the text itself
 * marks one, logged as a normalisation (an empty text, the replacement a line break) under
 * `viewer-layer/lost-break`: after the title, around the author and the bracketed date, after the
 * salutation, before each heading of a run 一、 二、 … that follows a sentence end. Only on a line
 * long enough to hold a document and only where the line proves itself flattened — a head of that
 * shape at its start, or spaces standing for breaks (viewer-layer.ts) — so a paragraph that
 * enumerates `…如下：一、…` in a document with its line breaks keeps it.
 */
import type { PassRule, RuleCut } from './clean-rules.js';
import { CleanFamily } from './clean-rules.js';
import { GENRE_ENDING, isReportTitle, numeralValue, salutationLength } from './lexicon/index.js';
import { CHINESE_COUNTING } from './lexicon/numerals.js';
import { TUNING } from './tuning.js';
import { emitInOrder, flattenedBreakCuts, VIEWER_LAYER } from './viewer-layer.js';

export const LOST_BREAK_RULE_ID = 'viewer-layer/lost-break';

/** The step's reach and limits, as data. */
export const LOST_BREAKS = {
  /** How many lines from the top the flattened document may start (below a site line or two). */
  headReach: 12,
  /** Most characters of page furniture before the title on the same line (`-精品合同推荐- `, a site's name and URL). */
  maxPrefix: 48,
  /** Most characters of an author line between the title and the date or salutation (`遂昌县县长童森军`). */
  maxAuthor: 20,
} as const;

/** A speech's date in brackets: `（2026 年 2 月 6 日）`, `(二〇二四年三月五日)`. */
const BRACKETED_DATE = new RegExp(String.raw`^[（(]\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[${CHINESE_COUNTING}〇○零]{4}年[${CHINESE_COUNTING}]{1,2}月[${CHINESE_COUNTING}]{1,3}日)\s*[）)]`, 'u');
/** An author line's characters: a unit, a post and a name. */
const AUTHOR = /^[\p{Script=Han}·]+$/u;
/** A web address a site's furniture ends with (`www.mishuzj.com`). */
const ADDRESS = /(?:https?:\/\/)?(?:[a-z0-9-]+\.)+(?:com|cn|net|org|top|cc|vip|info)(?:\/[\w./-]*)?/giu;
/** A first-level heading number: `一、`. */
const HEADING = new RegExp(`([${CHINESE_COUNTING}]{1,3})、`, 'gu');
/** Marks a heading follows when the break before it was lost: a sentence end or a colon, perhaps with closing quotes. */
const BEFORE_HEADING = /[。！？：:!?][”’」』）)]{0,2}[ \u3000]*$/u;
const HAN_OR_DIGIT = /^[\p{Script=Han}\d]/u;
/**
 * What shows the text before a title on its line to be a site's, not the title's first words: a web
 * address (`秘书之家—全网资源每日更新 www.mishuzj.com`) or a decoration opening it (`-精品合同推荐-`, `【…】`).
 */
function isFurniturePrefix(prefix: string): boolean {
  return /^[-—–_=*#【[]/u.test(prefix) || new RegExp(ADDRESS.source, 'iu').test(prefix);
}

type Insert = (at: number) => void;

/**
 * Finds the line breaks of a flattened text layer in `text`: those a space stands for
 * (viewer-layer.ts) and those lost without one, read on the same text and reported in order.
 */
export function findFlattenedLineBreaks(text: string, cut: RuleCut): void {
  const { cuts, flattenedLines } = flattenedBreakCuts(text);
  lostBreaks(text, flattenedLines, (start, end) => cuts.push({ start, end, ruleId: LOST_BREAK_RULE_ID, replacement: '\n' }));
  emitInOrder(cuts, cut);
}

/** Finds the line breaks `text`'s flattened document lost, and reports each as an insertion (or as the spaces it stands in). */
function lostBreaks(text: string, flattenedLines: ReadonlySet<number>, cut: (start: number, end: number) => void): void {
  const positions = new Set<number>();
  const insert: Insert = (at) => positions.add(at);
  let lineStart = 0;
  for (let n = 0; lineStart < text.length; n++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const inHead = n < LOST_BREAKS.headReach;
    if (inHead && isReportTitle(text.slice(lineStart, lineEnd))) break;
    if (lineEnd - lineStart >= VIEWER_LAYER.minFlattenedLength) {
      const flattened = flattenedLines.has(lineStart);
      const head = inHead ? gluedHead(text, lineStart, lineEnd, flattened) : undefined;
      head?.forEach(insert);
      if (head || flattened) headingBreaks(text, lineStart, lineEnd, insert);
      if (head) break;
    }
    lineStart = lineEnd + 1;
  }
  for (const at of [...positions].sort((a, b) => a - b)) emitBreak(text, at, cut);
}

/** A break at `at`: the spaces around it become the line break, or one is put in where there are none. */
function emitBreak(text: string, at: number, cut: (start: number, end: number) => void): void {
  let start = at;
  let end = at;
  while (start > 0 && isSpace(text[start - 1])) start--;
  while (end < text.length && isSpace(text[end])) end++;
  cut(start, end);
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\u3000' || char === '\u00a0';
}

/**
 * The breaks of a head run together at the start of the line `[lineStart, lineEnd)`: page furniture,
 * then a report title, then an author, a bracketed date and a salutation (any of them), then the
 * text. Without a date or a salutation the title alone proves nothing (`本人述职报告如下`), unless
 * the line is already known to be flattened.
 */
function gluedHead(text: string, lineStart: number, lineEnd: number, flattened: boolean): number[] | undefined {
  for (const start of titleStarts(text, lineStart, lineEnd).reverse()) {
    for (let end = start + TUNING.title.minLength; end <= Math.min(lineEnd, start + TUNING.title.maxLength); end++) {
      const title = text.slice(start, end);
      // A space inside would stand for a break of its own (viewer-layer.ts): the title ends before it.
      if (/\s/u.test(title)) break;
      if (!GENRE_ENDING.test(title) || continuesGenre(text, start, end) || !isReportTitle(title)) continue;
      const breaks = headAfterTitle(text, end, lineEnd, flattened);
      if (breaks) return start > lineStart ? [start, end, ...breaks] : [end, ...breaks];
    }
  }
  return undefined;
}

/** Where the title may start: the line's start, after spaces or after a web address near it. */
function titleStarts(text: string, lineStart: number, lineEnd: number): number[] {
  const reach = Math.min(lineEnd, lineStart + LOST_BREAKS.maxPrefix);
  const starts = [lineStart];
  for (let at = lineStart + 1; at < reach; at++) if (isSpace(text[at - 1]) && !isSpace(text[at])) starts.push(at);
  for (const match of text.slice(lineStart, reach).matchAll(ADDRESS)) starts.push(lineStart + match.index + match[0].length);
  return [...new Set(starts)].filter((at) => at === lineStart || isFurniturePrefix(text.slice(lineStart, at))).sort((a, b) => a - b);
}

/** True when a longer genre word ends after `end` (`心得` of `心得体会`): the title runs on. */
function continuesGenre(text: string, start: number, end: number): boolean {
  for (let more = 1; more <= 3; more++) if (GENRE_ENDING.test(text.slice(start, end + more)) && isReportTitle(text.slice(start, end + more))) return true;
  return false;
}

/** The breaks after a title ending at `at`: author, date and salutation; undefined when the text after it does not open a document. */
function headAfterTitle(text: string, at: number, lineEnd: number, flattened: boolean): number[] | undefined {
  const breaks: number[] = [];
  let position = at;
  const opener = (from: number) => BRACKETED_DATE.exec(text.slice(from, from + 24))?.[0].length ?? salutationLength(text.slice(from, lineEnd));
  if (opener(position) === 0) {
    // An author between the title and the date or salutation.
    for (let length = 2; length <= LOST_BREAKS.maxAuthor; length++) {
      if (!AUTHOR.test(text.slice(position, position + length))) break;
      if (opener(position + length) > 0) {
        position += length;
        breaks.push(position);
        break;
      }
    }
  }
  const date = BRACKETED_DATE.exec(text.slice(position, position + 24));
  if (date) {
    position += date[0].length;
    breaks.push(position);
  }
  const salutation = salutationLength(text.slice(position, lineEnd));
  if (salutation > 0) {
    position += salutation;
    breaks.push(position);
  }
  if (breaks.length === 0 && !(flattened && HAN_OR_DIGIT.test(text.slice(at, at + 1)))) return undefined;
  return breaks.filter((at) => at < lineEnd);
}

/** Before each first-level heading of the run 一、 二、 … in turn that follows a sentence end or a colon directly. */
function headingBreaks(text: string, lineStart: number, lineEnd: number, insert: Insert): void {
  let expected = 1;
  for (const match of text.slice(lineStart, lineEnd).matchAll(HEADING)) {
    const at = lineStart + match.index;
    if (numeralValue(match[1] as string) !== expected) continue;
    if (at === lineStart) {
      expected++;
      continue;
    }
    if (!BEFORE_HEADING.test(text.slice(Math.max(lineStart, at - 8), at))) continue;
    insert(at);
    expected++;
  }
}

/** The rule of the lost breaks, read with the flattened paragraphs' spaces (viewer-layer.ts) in one pass. */
export const LOST_BREAK_RULES: readonly PassRule[] = [
  {
    id: LOST_BREAK_RULE_ID,
    family: CleanFamily.ViewerLayer,
    description: "a line break a document viewer's text layer lost with no space in its place (after the title, the author, the date or the salutation; before a heading), put back",
  },
];
