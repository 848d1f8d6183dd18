/**
 * Hard-wrapped text (copied out of a PDF) breaks every line at the page width, mid-sentence.
 * Finds those breaks so they can be removed, without merging real paragraphs.
 */
import { isBracketedDateLine } from './lexicon/dates.js';
import { isTocLine, UNCLOSED_TAIL } from './lexicon/furniture.js';
import { startsWithHeadingNumber, startsWithOrdinal, withoutPieceNumber } from './lexicon/numbering.js';
import {
  charClass,
  endsSentence,
  LINE_START_FORBIDDEN,
  SENTENCE_FINAL,
  SENTENCE_OR_CLAUSE_MARKS,
  TITLE_CLAUSE_MARKS,
  withoutStrayFullStop,
} from './lexicon/punctuation.js';
import { lazy } from '../lazy.js';
import { decide, type DecisionTable, type FallbackRule } from './decision.js';
import { enumerationItems, ParagraphEnumeration } from './enumeration.js';
import { isRemarkLine, isReportTitle, isSubtitle, isTitleLine, withoutTrailingRemark } from './lexicon/title-shape.js';
import { countLines } from './source-lines.js';
import { TUNING } from './tuning.js';
import { contentEnd, contentStart } from './white-space.js';

export interface HardWrapOptions {
  /** Fewest lines at the wrap width before the text is treated as wrapped (default {@link TUNING}). */
  readonly minWrappedLines?: number;
  /** Share of non-blank lines that must sit at the wrap width (default {@link TUNING}). */
  readonly minWrappedShare?: number;
  /**
   * Extra width each line had on the page, in half-width units, for characters already taken
   * out of `text` (an advert that filled the end of a line). Default: none.
   */
  readonly removedWidths?: ArrayLike<number>;
  /**
   * True for a line that is an advert on its own (the cleaner's line rules): it is never joined
   * to a report title under it, which would take the title, and the paragraph the title runs
   * into, out with the advert. Default: no line is.
   */
  readonly isAdvertLine?: (line: string) => boolean;
  /**
   * Called for every line break under a full line (the breaks the rules decide on; a break under a
   * shorter line ends a paragraph and is not asked about), in text order, with the rule that
   * decided whether to keep or join it. Default: none.
   */
  readonly onDecision?: (decision: WrapDecision) => void;
}

/** Whether a line break is kept (a paragraph or a title ends there) or joined (a wrap). */
export const BreakVerdict = { Keep: 'keep', Join: 'join' } as const;
export type BreakVerdict = (typeof BreakVerdict)[keyof typeof BreakVerdict];

/** A decision about one line break under a full line. */
export interface WrapDecision {
  /** Where the line break is in the text. */
  readonly at: number;
  /** The full line, trimmed. */
  readonly line: string;
  readonly rule: FallbackRule<BreakVerdict>;
}

const MAX_WRAP_WIDTH = TUNING.hardWrap.maxWrapWidth;

/** Display width in half-width units: CJK and full-width forms count 2, everything else 1. */
export function displayWidth(line: string): number {
  let width = 0;
  for (const char of line) {
    const code = char.codePointAt(0) ?? 0;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    // Quotes, dashes and ellipses are set full width in Chinese text.
    (code >= 0x2014 && code <= 0x201f) ||
    code === 0x2026 ||
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}

/** Characters to remove to join a wrapped line to the next: `[start, end)` in the text. */
export interface WrapBreak {
  readonly start: number;
  readonly end: number;
}

/**
 * The wrap points of `text`: each line break that splits a paragraph at the page width, together
 * with the white space around it (trailing spaces, the next line's indentation). Empty unless
 * many lines share one width (the wrap width) and no more than a few are wider. When the text
 * indents every paragraph's first line, indentation decides where paragraphs start; otherwise
 * punctuation and heading numbers do.
 */
export function findWrapBreaks(text: string, options: HardWrapOptions = {}): WrapBreak[] {
  const breaks: WrapBreak[] = [];
  forEachWrapBreak(text, (start, end) => breaks.push({ start, end }), options);
  return breaks;
}

/**
 * {@link findWrapBreaks} as a callback, in text order, for callers that keep breaks in their own
 * form. Lines are visited in place: the only per-line storage is one byte of width each.
 */
export function forEachWrapBreak(text: string, onBreak: (start: number, end: number) => void, options: HardWrapOptions = {}): void {
  const minLines = options.minWrappedLines ?? TUNING.hardWrap.minWrappedLines;
  const minShare = options.minWrappedShare ?? TUNING.hardWrap.minWrappedShare;
  const isAdvertLine = options.isAdvertLine ?? (() => false);
  const { onDecision } = options;
  const widths = lineWidths(text, options.removedWidths);
  const band = findWrapBand(statisticsWidths(text, widths), minLines, minShare);
  if (band === undefined) return;

  // A line far wider than the wrap width was never wrapped (an advert line inserted later, a
  // paragraph pasted whole): it ends where its author ended it, and does not continue the line
  // above it either.
  const near = (i: number) => (widths[i] ?? 0) >= band.narrowest && (widths[i] ?? 0) <= band.widest;
  const tooWide = (i: number) => (widths[i] ?? 0) > band.widest;
  const indentMarksParagraphs = marksParagraphsByIndent(text, widths, near);
  const trimmedLine = (from: number, to: number) => text.slice(contentStart(text, from, to), contentEnd(text, from, to));
  let previousStart = -1;
  let previousEnd = -1;
  let start = 0;
  let end = lineEnd(text, start);
  // Which item of an enumeration the paragraph read so far holds last, and where (see enumeration.ts).
  const enumeration = new ParagraphEnumeration(enumerationItems(text));
  enumeration.read(start, contentStart(text, start, end), end, true);
  for (let i = 0; i < widths.length - 1; i++) {
    const nextStart = end + 1;
    const nextEnd = lineEnd(text, nextStart);
    let joined = false;
    // Cheapest tests first: trimmed copies are made only for a full line above a non-blank one.
    if ((widths[i + 1] ?? 0) > 0 && near(i) && !tooWide(i + 1)) {
      const nextContentStart = contentStart(text, nextStart, nextEnd);
      const next = text.slice(nextContentStart, contentEnd(text, nextStart, nextEnd));
      const line = trimmedLine(start, end);
      const previousLineStart = previousStart;
      const previousLineEnd = previousEnd;
      const context: BreakContext = {
        line,
        next,
        isAdvertLine,
        nextIsFull: near(i + 1),
        nextTitle: lazy(() => withoutStrayFullStop(next.replace(UNCLOSED_TAIL, ''))),
        afterNext: lazy(() => (nextEnd < text.length ? trimmedLine(nextEnd + 1, lineEnd(text, nextEnd + 1)) : '')),
        startsParagraph: lazy(() => {
          if (i === 0 || widths[i - 1] === 0 || !near(i - 1)) return true;
          const previous = trimmedLine(previousLineStart, previousLineEnd);
          return endsSentence(previous) || isTocLine(previous) || isNumberedTitle(previous) || isAdvertLine(previous);
        }),
        indentMarksParagraphs,
        nextIndented: () => isIndented(text, nextStart, nextEnd),
        nextContinuesEnumeration: () => enumeration.continuesInside(next),
      };
      const rule = decide(BREAK_RULES, context);
      onDecision?.({ at: end, line, rule });
      if (rule.verdict === BreakVerdict.Join) {
        onBreak(contentEnd(text, start, end), nextContentStart);
        joined = true;
      }
    }
    enumeration.read(nextStart, contentStart(text, nextStart, nextEnd), nextEnd, !joined);
    previousStart = start;
    previousEnd = end;
    start = nextStart;
    end = nextEnd;
  }
}

/**
 * Punctuation no line may start with (kinsoku): under a full line it is that line's end, pushed
 * over by a wrap that counted characters, even under a title.
 */
const CLOSING_START = new RegExp(`^${charClass(LINE_START_FORBIDDEN)}`, 'u');

/** A full line, the line under it and what else a decision about the break between them needs. */
export interface BreakContext {
  /** The full line and the line under it, trimmed. */
  readonly line: string;
  readonly next: string;
  readonly isAdvertLine: (line: string) => boolean;
  readonly nextIsFull: boolean;
  /** The line under it as a title: without an unclosed remark or tag a wrap left at its end, and without a stray full stop. */
  readonly nextTitle: () => string;
  readonly afterNext: () => string;
  /** The line opens a paragraph: first, after a blank, short or advert line, or after a finished sentence. */
  readonly startsParagraph: () => boolean;
  /** Indentation marks where paragraphs start in this text (see marksParagraphsByIndent). */
  readonly indentMarksParagraphs: boolean;
  readonly nextIndented: () => boolean;
  /** The next line opens the item after the last one the paragraph so far holds inside it (`…一是…。` above `二是…`; see enumeration.ts). */
  readonly nextContinuesEnumeration: () => boolean;
}

/**
 * Whether the line break under a full line is kept or joined, by the first rule that fires. Breaks
 * around titles, subtitles and table-of-contents entries, which a wrapped paragraph's lines never
 * are, are kept whatever the widths say; then indentation decides where paragraphs start when the
 * text indents them, and punctuation and heading numbers do when it does not.
 */
export const BREAK_RULES: DecisionTable<BreakContext, BreakVerdict> = {
  rules: [
    {
      id: 'wrap/next-heading-number',
      why: 'the next line opens with a heading number (一、, （一）, 1.), and a heading starts a line of its own',
      verdict: BreakVerdict.Keep,
      test: ({ next }) => startsWithHeadingNumber(next),
    },
    {
      id: 'wrap/closing-mark-starts-next',
      why: 'the next line starts with punctuation no line may start with: the wrap pushed the full line\'s last mark over',
      verdict: BreakVerdict.Join,
      test: ({ next }) => CLOSING_START.test(next),
    },
    {
      id: 'wrap/title-after-sentence',
      why: 'a finished sentence is followed by a title (a short title-shaped line, or a full report title), never by its own tail',
      verdict: BreakVerdict.Keep,
      test: ({ line, next, nextIsFull, afterNext }) => titleAfterSentence(line, next, nextIsFull, afterNext),
    },
    {
      id: 'wrap/title-under-advert',
      why: 'a report title stands under an advert line, which must not take the title with it when it is cut',
      verdict: BreakVerdict.Keep,
      test: ({ line, nextTitle, isAdvertLine }) => isReportTitle(nextTitle()) && isAdvertLine(line),
    },
    {
      id: 'wrap/short-title-under-full-line',
      why: 'a short report title stands under a full line, and the two are not the halves of one title',
      verdict: BreakVerdict.Keep,
      test: ({ line, next, nextIsFull }) => isReportTitle(next) && !nextIsFull && !wrappedTitle(line, next),
    },
    {
      id: 'wrap/subtitle',
      why: 'the full line is a subtitle (——在…上的讲话), a line of its own',
      verdict: BreakVerdict.Keep,
      test: ({ line }) => isSubtitle(line),
    },
    {
      id: 'wrap/table-of-contents-entry',
      why: 'the full line is a table-of-contents entry, which fills the line with leaders by design',
      verdict: BreakVerdict.Keep,
      test: ({ line }) => isTocLine(line),
    },
    {
      id: 'wrap/ordinal-starts-next',
      why: 'the next line opens with an ordinal (第三篇, 第二章): the next part of a compilation starts there',
      verdict: BreakVerdict.Keep,
      test: ({ next }) => startsWithOrdinal(next),
    },
    {
      // A table-of-contents entry above a body title, that one perhaps wrapped inside an advert tag
      // after it, or wrapped full before its last words.
      id: 'wrap/two-titles',
      why: 'two report titles stand one above the other (an entry above a body title): two lines, not one wrapped',
      verdict: BreakVerdict.Keep,
      test: ({ line, next, nextIsFull, nextTitle, afterNext }) =>
        isReportTitle(withoutPieceNumber(line)) &&
        !endsTitle(line, next) &&
        (isReportTitle(nextTitle()) || (nextIsFull && (endsTitle(next, afterNext()) || wrappedTitle(next, afterNext())))),
    },
    {
      // Prose rarely runs a whole line without a comma and ends in a genre word exactly at the
      // margin; a document named alone in 《》 may look full because an advert was cut from its end.
      id: 'wrap/title-alone-at-paragraph-start',
      why: 'a report title, or a document named alone in 《》, fills the line where a paragraph starts: a line of its own',
      verdict: BreakVerdict.Keep,
      test: ({ line, next, startsParagraph }) =>
        ((isReportTitle(withoutPieceNumber(line)) && !endsTitle(line, next)) || BOOK_TITLE_LINE.test(line)) && startsParagraph(),
    },
    {
      id: 'wrap/indented-paragraph-start',
      why: 'the text indents its paragraphs, and the next line is indented: a paragraph starts there',
      verdict: BreakVerdict.Keep,
      test: ({ indentMarksParagraphs, nextIndented }) => indentMarksParagraphs && nextIndented(),
    },
    {
      id: 'wrap/flush-continuation',
      why: 'the text indents its paragraphs, and the next line is not indented: it goes on with the full line',
      verdict: BreakVerdict.Join,
      test: ({ indentMarksParagraphs }) => indentMarksParagraphs,
    },
    {
      id: 'wrap/inline-enumeration',
      why: 'the full line ends a sentence, and the next opens the next item of an enumeration whose item before stood inside the paragraph (…一是…。 / 二是…): the paragraph runs its items inline',
      verdict: BreakVerdict.Join,
      test: ({ nextContinuesEnumeration }) => nextContinuesEnumeration(),
    },
    {
      // A full line that ends a sentence may still be mid-paragraph, but merging two real
      // paragraphs is the worse mistake; the one sign taken is an enumeration run inline (above).
      id: 'wrap/sentence-end',
      why: 'the full line ends a sentence, and without indentation to go by a paragraph may end there',
      verdict: BreakVerdict.Keep,
      test: ({ line }) => endsSentence(line),
    },
    {
      id: 'wrap/numbered-heading-above',
      why: 'the full line is a numbered heading that happens to fill the width, above a line of body',
      verdict: BreakVerdict.Keep,
      test: ({ line, next, nextIsFull }) => isHeadingAbove(line, next, nextIsFull),
    },
  ],
  otherwise: {
    id: 'wrap/unfinished-line',
    why: 'the full line stops mid-sentence at the wrap width: the next line goes on with it',
    verdict: BreakVerdict.Join,
  },
};

/** A line that is one book title in 《》 and nothing else. */
const BOOK_TITLE_LINE = /^《[^《》\n]{2,60}》$/u;

/**
 * A finished sentence followed by a title: a short title-shaped line, or a full one that is a
 * report title alone or with the line after it (set flush or centred, a title is unindented even
 * where paragraphs are indented). Never the tail of the paragraph above it.
 */
function titleAfterSentence(line: string, next: string, nextIsFull: boolean, afterNext: () => string): boolean {
  if (!endsSentence(line)) return false;
  // A title wrapped inside its trailing remark or advert tag (`…述职报告（范` / `文）`,
  // `…总结*【更多素材` / `搜索…】`) is still a title.
  const title = next.replace(UNCLOSED_TAIL, '');
  if (!isTitleLine(title)) return false;
  return !nextIsFull || isReportTitle(withoutStrayFullStop(title)) || wrappedTitle(next, afterNext());
}

/** `line` and `next` are the two halves of one wrapped title: no clause marks, a title together. */
function wrappedTitle(line: string, next: string): boolean {
  // A piece number (`3、`) is no clause mark.
  const title = withoutPieceNumber(line);
  return !TITLE_CLAUSE.test(title) && isTitleLine(title) && isReportTitle(title + withoutStrayFullStop(next));
}

const TITLE_CLAUSE = new RegExp(charClass(TITLE_CLAUSE_MARKS));
const SENTENCE_OR_CLAUSE = new RegExp(charClass(SENTENCE_OR_CLAUSE_MARKS));
const SENTENCE_FINAL_MARK = new RegExp(charClass(SENTENCE_FINAL));

/** `next` is the rest of the title `line` wrapped early: a remark, or a short tail it ends with. */
function endsTitle(line: string, next: string): boolean {
  // A date in brackets is the line under a speech's title, never the title's wrapped tail.
  if (isRemarkLine(next)) return !isBracketedDateLine(next);
  // The tail is judged without the stray full stop copied titles carry (`讲稿。`) and without a
  // remark it ends with: `材料（范文）` is not a title of its own.
  const bare = withoutStrayFullStop(next);
  const tail = withoutTrailingRemark(bare);
  return (
    bare.length <= TUNING.title.maxWrappedTail && !isTitleLine(tail) && !SENTENCE_OR_CLAUSE.test(bare) && isReportTitle(withoutPieceNumber(line) + bare)
  );
}

/** A numbered title (`3、…述职报告`): the last entry of a table of contents, never a paragraph's line. */
function isNumberedTitle(line: string): boolean {
  const title = withoutPieceNumber(line);
  return title !== line && isReportTitle(title);
}


/**
 * Widths for finding the wrap width: table-of-contents entries run to the margin with leaders and
 * say nothing of it, so they count as blank there (and only there).
 */
function statisticsWidths(text: string, widths: Uint8Array): Uint8Array {
  let copy: Uint8Array | undefined;
  let start = 0;
  for (let i = 0; i < widths.length; i++) {
    const end = lineEnd(text, start);
    if ((widths[i] ?? 0) > 0 && isTocLine(text.slice(Math.max(start, end - 16), end).trimEnd())) {
      copy ??= widths.slice();
      copy[i] = 0;
    }
    start = end + 1;
  }
  return copy ?? widths;
}

/** End of the line starting at `start`: its `\n`, or the end of the text. */
function lineEnd(text: string, start: number): number {
  const newline = text.indexOf('\n', start);
  return newline === -1 ? text.length : newline;
}

/** Widest width stored per line: every width above MAX_WRAP_WIDTH compares alike. */
const WIDTH_CAP = 255;

/**
 * The display width of every line without its trailing white space, capped at WIDTH_CAP; 0 for
 * a blank line (a line's indentation counts: a paragraph's first line is full including it).
 */
function lineWidths(text: string, removedWidths?: ArrayLike<number>): Uint8Array {
  const count = countLines(text);
  const widths = new Uint8Array(count);
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = lineEnd(text, start);
    const trimmedEnd = contentEnd(text, start, end);
    // Only an all-blank line trims down to nothing.
    widths[i] = trimmedEnd === start ? 0 : Math.min(WIDTH_CAP, rangeWidth(text, start, trimmedEnd) + (removedWidths?.[i] ?? 0));
    start = end + 1;
  }
  return widths;
}

/** displayWidth of `text.slice(start, end)`, counting code points the way `for…of` does. */
function rangeWidth(text: string, start: number, end: number): number {
  let width = 0;
  for (let i = start; i < end; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    width += isWide(code) ? 2 : 1;
    if (width > WIDTH_CAP) return width;
  }
  return width;
}

/** Indentation of a paragraph's first line: an ideographic space, a tab or two narrower spaces (ASCII, no-break, typographic). */
function isIndented(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  return start < end && (first === 0x3000 || first === 0x09 || (isNarrowSpace(first) && start + 1 < end && isNarrowSpace(text.charCodeAt(start + 1))));
}

function isNarrowSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f;
}

/**
 * True when indentation reliably marks paragraph starts: most full lines that clearly start a
 * paragraph (after a blank or short line, which ended the one before) are indented, and far fewer
 * of the lines that follow a full line are.
 */
function marksParagraphsByIndent(text: string, widths: Uint8Array, near: (i: number) => boolean): boolean {
  let starts = 0;
  let indentedStarts = 0;
  let continuations = 0;
  let flushContinuations = 0;
  let start = 0;
  for (let i = 0; i < widths.length; i++) {
    const end = lineEnd(text, start);
    if ((widths[i] ?? 0) > 0) {
      const previousBlank = i === 0 || widths[i - 1] === 0;
      if (previousBlank || !near(i - 1)) {
        // Only the first lines of wrapped paragraphs count: titles and headings are often flush.
        if (near(i)) {
          starts++;
          if (isIndented(text, start, end)) indentedStarts++;
        }
      } else {
        continuations++;
        if (!isIndented(text, start, end)) flushContinuations++;
      }
    }
    start = end + 1;
  }
  if (starts < TUNING.hardWrap.minIndentedStarts || continuations === 0) return false;
  const indentedStartShare = indentedStarts / starts;
  const indentedContinuationShare = 1 - flushContinuations / continuations;
  return (
    indentedStartShare >= TUNING.hardWrap.minIndentedStartShare && indentedStartShare - indentedContinuationShare >= TUNING.hardWrap.minIndentShareGap
  );
}

/**
 * A numbered heading that happens to fill the width, above a body line: a heading of its own,
 * not the first half of a wrapped one (whose continuation would be short and unfinished).
 */
function isHeadingAbove(line: string, next: string, nextIsFull: boolean): boolean {
  // A numbered piece's title wrapped before its last word is one title (`2.…的实施` / `方案。`).
  return (
    startsWithHeadingNumber(line) &&
    !SENTENCE_FINAL_MARK.test(line) &&
    (nextIsFull || SENTENCE_FINAL_MARK.test(next)) &&
    !endsTitle(line, next) &&
    !wrappedTitle(line, next)
  );
}

function nearTolerance(width: number): number {
  return Math.max(TUNING.hardWrap.minTolerance, Math.round(width * TUNING.hardWrap.toleranceShare));
}

/** The widths of a full line: at the wrap width, or within its tolerance. */
interface WrapBand {
  readonly narrowest: number;
  readonly widest: number;
}

/** Width of one CJK character, in half-width units. */
const WIDE_CHAR = 2;

/**
 * The band of full-line widths: around the wrap width, taking widths from the widest down, skipping
 * up to 10% (see below), the first width that enough lines reach within the tolerance. Counted from
 * a histogram of widths, which gives the same answer as walking the widths sorted, without sorting.
 *
 * A few lines a little wider than most full lines (an advert cut from a line's end and counted
 * back, a run of Latin letters) can make that width a few units wider than the one most lines
 * stop at; a line that a wide character ended one character short of the latter is still full.
 */
function findWrapBand(widths: Uint8Array, minLines: number, minShare: number): WrapBand | undefined {
  // atLeast[w]: lines at least w wide (all lines wider than MAX_WRAP_WIDTH counted at MAX_WRAP_WIDTH + 1).
  const atLeast = new Int32Array(MAX_WRAP_WIDTH + 3);
  for (const width of widths) {
    if (width === 0) continue;
    const bucket = Math.min(width, MAX_WRAP_WIDTH + 1);
    atLeast[bucket] = (atLeast[bucket] as number) + 1;
  }
  for (let w = MAX_WRAP_WIDTH; w >= 0; w--) atLeast[w] = (atLeast[w] as number) + (atLeast[w + 1] as number);
  const width = wrapWidth(atLeast, minLines, minShare);
  if (width === undefined) return undefined;
  const tolerance = nearTolerance(width);
  return { narrowest: Math.min(width - tolerance, commonWidth(atLeast, width) - WIDE_CHAR), widest: width + tolerance };
}

function wrapWidth(atLeast: Int32Array, minLines: number, minShare: number): number | undefined {
  const n = atLeast[1] as number;
  // Some lines may be wider than the wrap width: a run of Latin letters, a pasted URL, advert
  // lines a site inserted into the text after it was wrapped.
  const maxWider = Math.floor(n * TUNING.hardWrap.maxWiderShare);
  // k: how many lines are wider than the candidate, i.e. its first position in the widths sorted widest first.
  let k = atLeast[MAX_WRAP_WIDTH + 1] as number;
  for (let candidate = MAX_WRAP_WIDTH; candidate >= 1; candidate--) {
    const count = (atLeast[candidate] as number) - (atLeast[candidate + 1] as number);
    if (count === 0) continue;
    if (k > maxWider || k >= n) return undefined;
    if (candidate < TUNING.hardWrap.minWrapWidth) return undefined;
    // Later positions of the same width reach fewer lines, so the first one decides.
    const near = (atLeast[candidate - nearTolerance(candidate)] as number) - k;
    if (near >= minLines && near >= n * minShare) return candidate;
    k += count;
  }
  return undefined;
}


/** The widest width within the tolerance under `width` held by at least a quarter as many lines as the most common one there. */
function commonWidth(atLeast: Int32Array, width: number): number {
  const lines = (w: number) => (atLeast[w] as number) - (atLeast[w + 1] as number);
  const lowest = Math.max(1, width - nearTolerance(width));
  let most = 0;
  for (let w = width; w >= lowest; w--) most = Math.max(most, lines(w));
  let common = width;
  while (common > lowest && lines(common) < most * TUNING.hardWrap.commonWidthShare) common--;
  return common;
}
