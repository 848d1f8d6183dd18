/**
 * Reports too long for one document, cut into parts. What a renderer holds while it writes a
 * document grows with the document: pdf-lib keeps every page, content stream and structure element
 * of a PDF as objects until it serialises them, docx every paragraph of a DOCX. A report of 450,000
 * one-sentence lines (7 MB, inside the input limits) is 20,000 PDF pages and took 1.9 GB to render.
 * Cutting such a report into parts of at most {@link MAX_PART_LINES} lines bounds what one render
 * holds, whatever the input, so the render functions are sized from the largest part
 * (cdk/stage-sizing.ts). No real report comes near the limit; a run of text that no title splits
 * (a compilation without recognisable titles, a file of one sentence repeated) does.
 *
 * Lines are counted as the GB/T 9704 grid sets them, 28 characters to a line, every character a
 * full one: a half-width Latin letter counts as a whole character, so a part never holds more
 * characters than the lines it is counted as (the other cost of a render) could set.
 */
import { charClass, CUTTABLE_AFTER_MARKS } from '../text/lexicon/punctuation.js';
import type { Block, Report } from './report.js';

/** Characters counted to a line: the GB/T 9704 grid's. */
export const PART_LINE_CHARS = 28;

/**
 * Most lines (of {@link PART_LINE_CHARS} characters) in one document: about 2,270 pages of 22
 * lines. The render functions' memory is sized for a part of this many lines (cdk/stage-sizing.ts).
 */
export const MAX_PART_LINES = 50_000;

/** About how many pages a part of {@link MAX_PART_LINES} lines is, at 22 lines a page (GB/T 9704). */
export const MAX_PART_PAGES = Math.floor(MAX_PART_LINES / 22);

/** Lines the title and its blank line take, in every part (the title carries the part number). */
const TITLE_LINES = 4;

/** A cut inside an over-long paragraph looks this far back (a share of the piece) for a sentence end. */
const SENTENCE_SEARCH_SHARE = 0.1;

/** A part may end early, at a heading, when that keeps at least this share of the lines it could hold. */
const HEADING_CUT_SHARE = 0.8;

/** Marks after which a paragraph may be cut: sentence ends (a cut never falls inside a sentence when there is one near). */
const SENTENCE_END = new RegExp(charClass(CUTTABLE_AFTER_MARKS));

/** Lines a block is counted as: its characters and a first-line indent of two, in lines of 28, at least one. */
export function blockLines(block: Block): number {
  return Math.max(1, Math.ceil((block.text.length + 2) / PART_LINE_CHARS));
}

/** Lines a report is counted as: its title and every block (see {@link blockLines}). */
export function reportLines(report: Report): number {
  return report.blocks.reduce((lines, block) => lines + blockLines(block), TITLE_LINES);
}

/** The title of part `number` of a report titled `title`: `title（1）`, `title（2）` … */
export function partTitle(title: string, number: number): string {
  return `${title}（${number}）`;
}

/** A report as it is rendered: the whole report, or one part of it. */
export interface ReportPart {
  readonly report: Report;
  /** Set when the report is in more than one part: this part's number (1-based) and how many there are. */
  readonly part?: { readonly number: number; readonly count: number };
}

export interface ReportPartsOptions {
  /** Most lines in one part (default {@link MAX_PART_LINES}). */
  readonly maxLines?: number;
}

/**
 * `report` as the documents it is rendered to: itself when it fits in {@link MAX_PART_LINES}
 * lines, otherwise parts of at most that many, titled `title（1）`, `title（2）` …, in order and
 * together holding every character of the report. A part ends before a heading where one falls in
 * its last fifth, otherwise between paragraphs; never inside the closing signature and date; inside
 * a paragraph only when the paragraph alone is longer than a part, then after a sentence where one
 * ends near the cut.
 */
export function reportParts(report: Report, options: ReportPartsOptions = {}): ReportPart[] {
  const maxLines = options.maxLines ?? MAX_PART_LINES;
  if (reportLines(report) <= maxLines) return [{ report }];
  const budget = maxLines - TITLE_LINES;
  if (budget < 1) throw new RangeError(`a part must hold more than the ${TITLE_LINES} lines of its title; got maxLines ${maxLines}`);
  const blocks = report.blocks.flatMap((block) => cutBlock(block, budget));
  const groups = packBlocks(blocks, budget);
  return groups.map((group, i) => ({
    report: { title: partTitle(report.title, i + 1), blocks: group },
    part: { number: i + 1, count: groups.length },
  }));
}

/** Blocks of at most `budget` lines each: `block` itself, or its text cut after sentences. */
function cutBlock(block: Block, budget: number): Block[] {
  if (blockLines(block) <= budget) return [block];
  const maxChars = budget * PART_LINE_CHARS - 2;
  const pieces: Block[] = [];
  let at = 0;
  while (at < block.text.length) {
    const end = cutPoint(block.text, at, maxChars);
    const text = block.text.slice(at, end);
    pieces.push(at === 0 ? firstPiece(block, text) : continuation(block, text));
    at = end;
  }
  return pieces;
}

/** Where the piece of `text` starting at `from` ends: after a sentence near `maxChars`, never inside a surrogate pair. */
function cutPoint(text: string, from: number, maxChars: number): number {
  const limit = from + maxChars;
  if (limit >= text.length) return text.length;
  const earliest = limit - Math.floor(maxChars * SENTENCE_SEARCH_SHARE);
  for (let end = limit; end > earliest; end -= 1) {
    if (SENTENCE_END.test(text[end - 1] ?? '')) return end;
  }
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** The first piece of a cut block keeps what the block opens with (a run-in heading). */
function firstPiece(block: Block, text: string): Block {
  if (block.kind === 'heading' || !block.runIn) return { ...block, text };
  return { ...block, text, runIn: { ...block.runIn, length: Math.min(block.runIn.length, text.length) } };
}

/** A later piece of a cut block: the same kind of block, without the opening run-in heading. */
function continuation(block: Block, text: string): Block {
  if (block.kind === 'heading') return { ...block, text };
  const { runIn: _runIn, ...rest } = block;
  return { ...rest, text };
}

/** True for a block a part may start with: not the signature or date of a closing block, which stay together. */
function mayStartPart(block: Block): boolean {
  return block.kind === 'heading' || block.role === undefined || block.role === 'byline';
}

/** True for a block that opens a section: a heading, or a paragraph opening with a run-in heading. */
const opensSection = (block: Block): boolean => block.kind === 'heading' || (block.runIn?.length ?? 0) > 0;

/** Groups `blocks` (each of at most `budget` lines) into parts of at most `budget` lines, cut where {@link reportParts} says. */
function packBlocks(blocks: readonly Block[], budget: number): Block[][] {
  const groups: Block[][] = [];
  let start = 0;
  while (start < blocks.length) {
    // The blocks that fit.
    let end = start;
    let lines = 0;
    while (end < blocks.length && lines + blockLines(blocks[end]!) <= budget) lines += blockLines(blocks[end++]!);
    if (end < blocks.length) end = betterEnd(blocks, start, end, budget);
    groups.push(blocks.slice(start, end));
    start = end;
  }
  return groups;
}

/**
 * Where a full part from `start` ends, given that `blocks[start, end)` fit: before the last heading
 * that still leaves the part {@link HEADING_CUT_SHARE} of `budget`, else at `end` moved back so the
 * next part does not start inside a closing block. Always past `start`.
 */
function betterEnd(blocks: readonly Block[], start: number, end: number, budget: number): number {
  let lines = 0;
  let heading = -1;
  for (let i = start; i < end; i += 1) {
    if (i > start && lines >= budget * HEADING_CUT_SHARE && opensSection(blocks[i]!)) heading = i;
    lines += blockLines(blocks[i]!);
  }
  if (heading > start) return heading;
  let cut = end;
  while (cut > start + 1 && !mayStartPart(blocks[cut]!)) cut -= 1;
  return cut;
}
