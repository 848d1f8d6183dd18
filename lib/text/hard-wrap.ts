/**
 * Hard-wrapped text (copied out of a PDF) breaks every line at the page width, mid-sentence.
 * Finds those breaks so they can be removed, without merging real paragraphs.
 */
import { startsWithHeadingNumber } from '../model/heading-number.js';
import { isReportTitle, isSubtitle, isTitleLine } from './title-detect.js';
import { stripEntryNumber } from './toc.js';

export interface HardWrapOptions {
  /** Fewest lines at the wrap width before the text is treated as wrapped (default 3). */
  readonly minWrappedLines?: number;
  /** Share of non-blank lines that must sit at the wrap width (default 0.2). */
  readonly minWrappedShare?: number;
  /**
   * Extra width each line had on the page, in half-width units, for characters already taken
   * out of `text` (an advert that filled the end of a line). Default: none.
   */
  readonly removedWidths?: readonly number[];
}

/** Narrowest and widest wrap width considered, in half-width units (a CJK character is 2). */
const MIN_WRAP_WIDTH = 20;
const MAX_WRAP_WIDTH = 200;

/** A line ending in one of these (before closing quotes and brackets) ends a sentence. */
const SENTENCE_END = /[。！？；：!?;:…]$/;
const CLOSERS = /[”’」』）)》〉]{1,4}$/;

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
  const minLines = options.minWrappedLines ?? 3;
  const minShare = options.minWrappedShare ?? 0.2;
  const lines = text.split('\n');
  const trimmed = lines.map((line) => line.trim());
  // A paragraph's first line is full including its indentation, so the indentation counts.
  // Table-of-contents entries run to the margin with leaders; they say nothing of the wrap width.
  const widths = lines.map((line, i) =>
    (trimmed[i] ?? '') === '' || isTocEntry(trimmed[i] ?? '') ? 0 : displayWidth(line.trimEnd()) + (options.removedWidths?.[i] ?? 0),
  );
  const nonBlank = widths.filter((w) => w > 0).sort((a, b) => b - a);
  const wrapWidth = findWrapWidth(nonBlank, minLines, minShare);
  if (wrapWidth === undefined) return [];

  // A line far wider than the wrap width was never wrapped (an advert line inserted later, a
  // paragraph pasted whole): it ends where its author ended it.
  const near = (i: number) => Math.abs((widths[i] ?? 0) - wrapWidth) <= nearTolerance(wrapWidth);
  // Nor does such a line continue the one above it.
  const tooWide = (i: number) => (widths[i] ?? 0) > wrapWidth + nearTolerance(wrapWidth);
  const indented = lines.map((line) => INDENT.test(line));
  const indentMarksParagraphs = marksParagraphsByIndent(trimmed, indented, near);
  const breaks: WrapBreak[] = [];
  let offset = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const raw = lines[i] ?? '';
    const line = trimmed[i] ?? '';
    const next = trimmed[i + 1] ?? '';
    if (
      next !== '' &&
      near(i) &&
      !tooWide(i + 1) &&
      !startsWithHeadingNumber(next) &&
      !titleAfterSentence(line, next, near(i + 1), trimmed[i + 2] ?? '') &&
      !(isReportTitle(next) && !near(i + 1) && !wrappedTitle(line, next)) &&
      !isSubtitle(line) &&
      !isTocEntry(line) &&
      !PIECE_NUMBER.test(next) &&
      !(isReportTitle(stripEntryNumber(line)) && isReportTitle(next)) &&
      !(startsParagraph(trimmed, i, near) && isReportTitle(line) && !endsTitle(line, next)) &&
      (indentMarksParagraphs ? !indented[i + 1] : unfinishedLine(line, next, near(i + 1)))
    ) {
      const contentEnd = offset + raw.trimEnd().length;
      const nextRaw = lines[i + 1] ?? '';
      const nextContentStart = offset + raw.length + 1 + (nextRaw.length - nextRaw.trimStart().length);
      breaks.push({ start: contentEnd, end: nextContentStart });
    }
    offset += raw.length + 1;
  }
  return breaks;
}

/**
 * Without indentation to go by, a full line continues on the next unless it ends a sentence or
 * is a numbered heading above a body line. (A full line that ends a sentence may still be
 * mid-paragraph, but merging two real paragraphs is the worse mistake.)
 */
function unfinishedLine(line: string, next: string, nextIsFull: boolean): boolean {
  return !endsSentence(line) && !isHeadingAbove(line, next, nextIsFull);
}

/**
 * A finished sentence followed by a title: a short title-shaped line, or a full one that is a
 * report title alone or with the line after it (set flush or centred, a title is unindented even
 * where paragraphs are indented). Never the tail of the paragraph above it.
 */
function titleAfterSentence(line: string, next: string, nextIsFull: boolean, afterNext: string): boolean {
  if (!endsSentence(line)) return false;
  // A title wrapped inside its trailing remark or advert tag (`…述职报告（范` / `文）`,
  // `…总结*【更多素材` / `搜索…】`) is still a title.
  const title = next.replace(/[#$%&*@^~|_=+!·•]{0,3}[（(【][^）)】]{0,20}$/, '');
  if (!isTitleLine(title)) return false;
  return !nextIsFull || isReportTitle(title.replace(/[。.]$/, '')) || wrappedTitle(next, afterNext);
}

/**
 * A line after a blank line or after a line that ended short. A report title that happens to fill
 * the width there is a line of its own: prose rarely runs a whole line without a comma and ends
 * in a genre word (报告, 总结, 讲话 …) exactly at the margin.
 */
function startsParagraph(trimmed: readonly string[], i: number, near: (i: number) => boolean): boolean {
  return i === 0 || (trimmed[i - 1] ?? '') === '' || !near(i - 1) || endsSentence(trimmed[i - 1] ?? '');
}

/** Dot leaders (or a gap) and a page number: a table-of-contents entry, which fills the line by design. */
const TOC_ENTRY_END = /(?:[.．·…_]{3}|\s{2})\s{0,4}\d{1,4}$/;

/** Tested on the line's end only, so that a line of a million dots costs no more than a short one. */
function isTocEntry(line: string): boolean {
  return TOC_ENTRY_END.test(line.slice(-12));
}

/** A bracketed remark on its own (`（范文）`, `（2篇）`): the end of a title wrapped just before it. */
const REMARK_LINE = /^[（(【][^（）()【】]{1,12}[）)】]$/;
/** Longest tail of a title a wrap may leave on the next line (`讲稿`, `材料`, `（范文）`). */
const MAX_TITLE_TAIL = 8;

/** `line` and `next` are the two halves of one wrapped title: no clause marks, a title together. */
function wrappedTitle(line: string, next: string): boolean {
  return !/[，、,]/.test(line) && isTitleLine(line) && isReportTitle(line + next);
}

/** `next` is the rest of the title `line` wrapped early: a remark, or a short tail it ends with. */
function endsTitle(line: string, next: string): boolean {
  if (REMARK_LINE.test(next)) return true;
  return next.length <= MAX_TITLE_TAIL && !isTitleLine(next) && !/[。！？，；：]/.test(next) && isReportTitle(line + next);
}

/** `第三篇`, `第二章`, `第一部分`: the next entry or part of a compilation starts here. */
const PIECE_NUMBER = /^第[一二三四五六七八九十\d]{1,3}(?:篇|章|部分)/;

/** Indentation of a paragraph's first line: an ideographic space, a tab or two spaces. */
const INDENT = /^(?:\u3000|\t| {2})/;

/**
 * True when indentation reliably marks paragraph starts: most full lines that clearly start a
 * paragraph (after a blank or short line, which ended the one before) are indented, and far fewer
 * of the lines that follow a full line are.
 */
function marksParagraphsByIndent(
  trimmed: readonly string[],
  indented: readonly boolean[],
  near: (i: number) => boolean,
): boolean {
  let starts = 0;
  let indentedStarts = 0;
  let continuations = 0;
  let flushContinuations = 0;
  for (let i = 0; i < trimmed.length; i++) {
    if ((trimmed[i] ?? '') === '') continue;
    const previous = i === 0 ? '' : (trimmed[i - 1] ?? '');
    if (previous === '' || !near(i - 1)) {
      // Only the first lines of wrapped paragraphs count: titles and headings are often flush.
      if (!near(i)) continue;
      starts++;
      if (indented[i]) indentedStarts++;
    } else if (near(i - 1)) {
      continuations++;
      if (!indented[i]) flushContinuations++;
    }
  }
  if (starts < 3 || continuations === 0) return false;
  const indentedStartShare = indentedStarts / starts;
  const indentedContinuationShare = 1 - flushContinuations / continuations;
  return indentedStartShare >= 0.6 && indentedStartShare - indentedContinuationShare >= 0.5;
}

/**
 * A numbered heading that happens to fill the width, above a body line: a heading of its own,
 * not the first half of a wrapped one (whose continuation would be short and unfinished).
 */
function isHeadingAbove(line: string, next: string, nextIsFull: boolean): boolean {
  return startsWithHeadingNumber(line) && !/[。！？]/.test(line) && (nextIsFull || /[。！？]/.test(next));
}

function nearTolerance(width: number): number {
  return Math.max(4, Math.round(width * 0.1));
}

function endsSentence(line: string): boolean {
  return SENTENCE_END.test(line.replace(CLOSERS, ''));
}

function findWrapWidth(widthsDesc: readonly number[], minLines: number, minShare: number): number | undefined {
  const n = widthsDesc.length;
  // Allow some lines wider than the wrap width: a run of Latin letters, a pasted URL, advert
  // lines a site inserted into the text after it was wrapped.
  const maxWider = Math.floor(n * 0.1);
  for (let k = 0; k <= maxWider && k < n; k++) {
    const candidate = widthsDesc[k] ?? 0;
    if (candidate > MAX_WRAP_WIDTH) continue;
    if (candidate < MIN_WRAP_WIDTH) return undefined;
    const floor = candidate - nearTolerance(candidate);
    let near = 0;
    for (let j = k; j < n && (widthsDesc[j] ?? 0) >= floor; j++) near++;
    if (near >= minLines && near >= n * minShare) return candidate;
  }
  return undefined;
}
