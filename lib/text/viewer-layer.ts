/**
 * The text layer of a document viewer, as 文库 sites serve it under a document's preview: the
 * document in numbered chunks (`1、…`, `2、…`) cut at a fixed length, mid-word (`街` / `2、道办事处`),
 * a page footer left inside a word (`精第1页共4页神`), paragraphs flattened into one line with a
 * space where each line break was (`…协调发展。 做为…`), and a preview snippet that repeats the
 * document's opening above it. The step takes the chunk numbers and footers out (rejoining the
 * word they split), puts a line break back in place of each space that stood for one (a
 * normalisation, logged with its replacement), and cuts the snippet; each logged under its rule
 * in the `viewer-layer` family.
 */
import { CleanFamily, type PassRule, type RuleCut } from './clean-rules.js';
import { isReportTitle } from './lexicon/title-shape.js';

export const CHUNK_NUMBER_RULE_ID = 'viewer-layer/chunk-number';
export const PAGE_FOOTER_RULE_ID = 'viewer-layer/page-footer';
export const FLATTENED_BREAK_RULE_ID = 'viewer-layer/flattened-break';
export const PREVIEW_SNIPPET_RULE_ID = 'viewer-layer/preview-snippet';

/** The family's thresholds and shapes, as data. */
export const VIEWER_LAYER = {
  /** Shortest chunk a viewer cuts: a numbered line shorter than this is a list item. */
  minChunkLength: 150,
  /** Shortest line that can hold flattened paragraphs. */
  minFlattenedLength: 200,
  /** Fewest spaces after a sentence end or a heading that show a line is flattened paragraphs. */
  minFlattenedBreaks: 2,
  /** Longest heading (or title) a flattened line runs into its text after a space. */
  maxHeadingLength: 40,
  /** Fewest characters of the opening a preview snippet repeats. */
  minSnippetCopy: 30,
  /** Share of the snippet's line that must be the copy (the rest a label or a blurb). */
  minSnippetShare: 0.5,
  /** How many lines from the top a preview snippet may stand. */
  snippetReach: 12,
  /** Longest line read as a preview snippet (a page's snippet is a few hundred characters). */
  maxSnippetLength: 600,
} as const;

/** A chunk number at a line's start: `1、`, `12、`. */
const CHUNK_NUMBER = /(?<=^|\n)[ \t\u3000]{0,4}(\d{1,3})、/g;
/** A page footer inside a line (between two Chinese characters: see {@link findViewerChunks}). */
const INLINE_FOOTER = /第(\d{1,4})页共(\d{1,4})页/g;
const HAN = /\p{Script=Han}/u;
/** A line ending in one of these (before closing quotes) ends a sentence. */
const ENDS_SENTENCE = /[。！？；：!?;:…][”’」』）)》]{0,3}[ \t\u3000]*$/u;
/** Spaces that may stand for a line break (one or two of them): space, no-break and ideographic space. */
function isBreakSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0 || code === 0x3000;
}
/** A sentence end just before a space: where a flattened line had a paragraph break. */
const SENTENCE_END_BEFORE = /[。！？；：!?;:][”’」』）)》]{0,3}$/u;
/** How much of a paragraph before a space is read: more than any title or heading. */
const SEGMENT_WINDOW = 64;
/** Heading numbers: `一、`, `（一）`, `(一)`, `1.`, `1、`. */
const HEADING_NUMBER = /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}(?:、|[.．](?!\d)))/u;
const SENTENCE_MARK = /[。！？；!?;]/u;
const CHINESE_START = /^[\p{Script=Han}“‘《（(\dA-Za-z]/u;

/** Finds the viewer layer's chunk numbers, page footers and preview snippets in `text`. */
export function findViewerChunks(text: string, cut: RuleCut): void {
  const cuts: Cut[] = [];
  const push: Push = (start, end, ruleId) => cuts.push({ start, end, ruleId });
  chunkNumbers(text, push);
  for (const match of text.matchAll(INLINE_FOOTER)) {
    const end = match.index + match[0].length;
    const insideWord = HAN.test(text[match.index - 1] ?? '') && HAN.test(text[end] ?? '');
    if (insideWord && Number(match[1]) <= Number(match[2]) && lineLength(text, match.index) >= VIEWER_LAYER.minFlattenedLength) push(match.index, end, PAGE_FOOTER_RULE_ID);
  }
  previewSnippet(text, push);
  emitInOrder(cuts, cut);
}

/**
 * The spaces of flattened paragraphs that stood for line breaks in `text` (its chunks already
 * rejoined), each as a cut replaced by a line break, and the starts of the lines they were found in.
 */
export function flattenedBreakCuts(text: string): { readonly cuts: Cut[]; readonly flattenedLines: ReadonlySet<number> } {
  const cuts: Cut[] = [];
  const flattenedLines = new Set<number>();
  flattenedBreaks(text, (lineStart, breaks) => {
    flattenedLines.add(lineStart);
    for (const { start, end } of breaks) cuts.push({ start, end, ruleId: FLATTENED_BREAK_RULE_ID, replacement: '\n' });
  });
  return { cuts, flattenedLines };
}

/** A cut a finder reports: `[start, end)` under a rule, with what takes its place for a normalisation. */
export interface Cut {
  readonly start: number;
  readonly end: number;
  readonly ruleId: string;
  readonly replacement?: string;
}

/** Reports `cuts` in text order, leaving out any that overlaps one before it. */
export function emitInOrder(cuts: Cut[], cut: RuleCut): void {
  cuts.sort((a, b) => a.start - b.start);
  let end = 0;
  for (const { start, end: stop, ruleId, replacement } of cuts) {
    if (start < end) continue;
    cut(start, stop, ruleId, replacement);
    end = stop;
  }
}

type Push = (start: number, end: number, ruleId: string, replacement?: string) => void;

/**
 * Chunk numbers: a run of lines numbered 1、2、3 … in turn, each as long as a viewer's chunk, where
 * at least one chunk starts mid-sentence (the line above runs on): the proof that the numbers are
 * the viewer's, not a list's. Each number goes, with the line break before it when the line above
 * runs on.
 */
function chunkNumbers(text: string, push: Push): void {
  const run: { numberStart: number; numberEnd: number; lineStart: number }[] = [];
  const continues = (i: number) => i > 0 && !ENDS_SENTENCE.test(previousLine(text, run[i]!.lineStart));
  const flush = () => {
    if (run.length >= 2 && run.some((_, i) => continues(i))) {
      run.forEach((chunk, i) => push(continues(i) ? chunk.lineStart - 1 : chunk.numberStart, chunk.numberEnd, CHUNK_NUMBER_RULE_ID));
    }
    run.length = 0;
  };
  for (const match of text.matchAll(CHUNK_NUMBER)) {
    const lineStart = match.index;
    const digits = match[1] as string;
    const numberEnd = lineStart + match[0].length;
    const chunk = { numberStart: numberEnd - digits.length - 1, numberEnd, lineStart };
    const long = lineLength(text, lineStart) >= VIEWER_LAYER.minChunkLength || isLastLine(text, lineStart);
    const last = run.at(-1);
    const next = last !== undefined && Number(digits) === run.length + 1 && followsDirectly(text, last.lineStart, lineStart);
    if (!(long && next)) flush();
    if (long && (next || Number(digits) === 1)) run.push(chunk);
  }
  flush();
}

/** The line before the one starting at `lineStart` (empty at the text's start). */
function previousLine(text: string, lineStart: number): string {
  if (lineStart === 0) return '';
  return text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1);
}

/** True when the line at `next` is the line right after the one at `from`. */
function followsDirectly(text: string, from: number, next: number): boolean {
  return text.indexOf('\n', from) === next - 1;
}

function isLastLine(text: string, lineStart: number): boolean {
  return text.indexOf('\n', lineStart) === -1;
}

/** Length of the line holding `at`. */
function lineLength(text: string, at: number): number {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  return (end === -1 ? text.length : end) - start;
}

/**
 * Flattened paragraphs: in a long line, a space after a sentence end, or after a heading (or a
 * title) that runs into its text, stood for a line break; the line is taken for flattened
 * paragraphs when it has enough of them, and each becomes a line break again. A space inside a
 * sentence (`距乡政府 22 公里`) stays.
 */
function flattenedBreaks(text: string, found: (lineStart: number, breaks: readonly { start: number; end: number }[]) => void): void {
  for (let lineStart = 0; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (lineEnd - lineStart >= VIEWER_LAYER.minFlattenedLength) {
      const breaks = breaksInLine(text, lineStart, lineEnd);
      if (breaks.filter((b) => b.strong).length >= VIEWER_LAYER.minFlattenedBreaks) found(lineStart, breaks);
    }
    lineStart = lineEnd + 1;
  }
}

/**
 * The spaces of a line that stand for line breaks: after a sentence end (strong evidence), after a
 * numbered heading that starts the line or follows a sentence end (`一、基本现状 `), or after report
 * titles at the line's start (`…调研报告 建设…调研报告 为了…`). Each break takes its run of spaces;
 * its replacement is one line break.
 */
function breaksInLine(text: string, lineStart: number, lineEnd: number): { start: number; end: number; strong: boolean }[] {
  const breaks: { start: number; end: number; strong: boolean }[] = [];
  // Where the current paragraph (as restored so far) starts, and whether only titles stand before it.
  let segmentStart = lineStart;
  let titlesOnly = true;
  for (let start = lineStart + 1; start < lineEnd; start++) {
    if (!isBreakSpace(text.charCodeAt(start))) continue;
    // The run of spaces: at most two stand for a line break.
    let end = start + 1;
    while (end < lineEnd && isBreakSpace(text.charCodeAt(end))) end++;
    const run = end - start;
    const from = start;
    start = end;
    if (run > 2 || end >= lineEnd) continue;
    const after = text.slice(end, Math.min(lineEnd, end + 8));
    if (!CHINESE_START.test(after)) continue;
    // Only the paragraph's last characters count (a title or a heading is short): a line of a
    // million spaces costs no more per space than a short one.
    const whole = from - segmentStart <= SEGMENT_WINDOW;
    const before = text.slice(Math.max(segmentStart, from - SEGMENT_WINDOW), from);
    const strong = SENTENCE_END_BEFORE.test(before);
    const title: boolean = !strong && titlesOnly && whole && /^\p{Script=Han}/u.test(after) && isReportTitle(before);
    const lastSentence = lastSentenceOf(before);
    const heading = !strong && !title && (whole || lastSentence !== before) && isHeading(lastSentence);
    if (strong || heading || title) {
      breaks.push({ start: from, end, strong });
      segmentStart = end;
      titlesOnly &&= title;
    }
  }
  return breaks;
}

/** The text after the last sentence end in `segment` (all of it when there is none). */
function lastSentenceOf(segment: string): string {
  let at = -1;
  for (let i = segment.length - 1; i >= 0; i--) {
    if (SENTENCE_MARK.test(segment[i] as string) || segment[i] === '：' || segment[i] === ':') {
      at = i;
      break;
    }
  }
  return segment.slice(at + 1);
}

/** A numbered heading run into its text: `一、基本现状`, `一、加大环境整治力度,绿化美化社区` (short, no sentence mark). */
function isHeading(segment: string): boolean {
  return segment.length <= VIEWER_LAYER.maxHeadingLength && !SENTENCE_MARK.test(segment) && HEADING_NUMBER.test(segment);
}

/**
 * A preview snippet: near the top, a line that holds a copy of the text's opening (the text from
 * the next non-blank line on, white space aside), cut short, with at most a label or a blurb
 * beside it (`推荐阅读:…`, a meta description glued to `下面是小编…`). The line goes whole.
 */
function previewSnippet(text: string, push: Push): void {
  let lineStart = 0;
  for (let n = 0; n < VIEWER_LAYER.snippetReach && lineStart < text.length; n++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (newline === -1) return;
    const line = lineEnd - lineStart <= VIEWER_LAYER.maxSnippetLength ? withoutSpaces(text.slice(lineStart, lineEnd)) : '';
    if (line.length >= VIEWER_LAYER.minSnippetCopy) {
      const following = withoutSpaces(text.slice(lineEnd + 1, lineEnd + 1 + 4 * line.length + 200));
      const copy = longestOpeningCopy(line, following);
      // The copy runs on past the next line: the opening's text, not a title printed twice (a table
      // of contents' entry above its report).
      const nextLine = withoutSpaces(text.slice(lineEnd + 1, lineEnd + 1 + 4 * line.length + 200).match(/^\s*[^\n]*/u)?.[0] ?? '');
      if (copy >= VIEWER_LAYER.minSnippetCopy && copy >= line.length * VIEWER_LAYER.minSnippetShare && copy >= nextLine.length + VIEWER_LAYER.minSnippetCopy / 2) {
        push(lineStart, lineEnd + 1, PREVIEW_SNIPPET_RULE_ID);
      }
    }
    lineStart = lineEnd + 1;
  }
}

/** The longest run of `line` that is a prefix of `following`, wherever in `line` it starts. */
function longestOpeningCopy(line: string, following: string): number {
  let best = 0;
  const head = following.slice(0, VIEWER_LAYER.minSnippetCopy);
  if (head.length < VIEWER_LAYER.minSnippetCopy) return 0;
  for (let at = line.indexOf(head); at !== -1; at = line.indexOf(head, at + 1)) {
    let k = head.length;
    while (at + k < line.length && line[at + k] === following[k]) k++;
    best = Math.max(best, k);
  }
  return best;
}

function withoutSpaces(text: string): string {
  return text.replace(/\s+/gu, '');
}

/** The rules of the viewer-layer pass that goes first, before any rule judges lines (which a viewer's chunks are not). */
export const VIEWER_CHUNK_RULES: readonly PassRule[] = [
  { id: CHUNK_NUMBER_RULE_ID, family: CleanFamily.ViewerLayer, description: "a document viewer's chunk number (1、 2、 …) at the start of a chunk, with the line break when the chunk splits a word" },
  { id: PAGE_FOOTER_RULE_ID, family: CleanFamily.ViewerLayer, description: 'a page footer (第1页共4页) left inside a word of a flattened text layer' },
  { id: PREVIEW_SNIPPET_RULE_ID, family: CleanFamily.ViewerLayer, description: "a preview snippet above the text that repeats the text's opening (推荐阅读:…, a meta description)" },
];

/** The rule of the flattened-paragraphs pass, which runs next: its breaks are counted over the rejoined chunks. */
export const FLATTENED_PARAGRAPH_RULES: readonly PassRule[] = [{ id: FLATTENED_BREAK_RULE_ID, family: CleanFamily.ViewerLayer, description: 'a space that stood for a line break in paragraphs flattened into one line, made a line break again' }];
