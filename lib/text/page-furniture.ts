/**
 * Running headers and footers of a PDF copy: the same line (a compilation's title, a unit's or a
 * site's name) printed on every page, which a copy of the text leaves next to every page number.
 * Found by the company it keeps: a line that stands beside page-number lines again and again
 * with the same text. The same text elsewhere (the cover, a heading) is not page furniture and stays.
 */
import { decide, type DecisionTable, type FallbackRule } from './decision.js';
import { isPageNumberLine, textBesidePageNumber } from './lexicon/furniture.js';
import { TUNING } from './tuning.js';
import { isBlankRange } from './white-space.js';

const { maxLength: MAX_HEADER_LENGTH, minLetters: MIN_HEADER_LETTERS } = TUNING.runningHeader;

/** Whether a line seen beside page numbers is page furniture. */
export const FurnitureVerdict = { Furniture: 'furniture', Text: 'text' } as const;
export type FurnitureVerdict = (typeof FurnitureVerdict)[keyof typeof FurnitureVerdict];

/** A text seen beside page numbers, and how often. */
export interface FurnitureContext {
  /** Pages it was seen on (the text's first and last line count for the pages without a number above or below). */
  readonly pages: number;
  /** Page numbers it stands beside (or lines it shares with one). */
  readonly beside: number;
  /** Page numbers in the text (with the lines that print one beside text, for those). */
  readonly pageNumbers: number;
}

/**
 * Whether the same text seen beside page numbers is a running header or footer: seen on enough
 * pages, and beside enough of the page numbers. The same text elsewhere (a cover, a heading) is
 * not page furniture.
 */
export const RUNNING_HEADER: DecisionTable<FurnitureContext, FurnitureVerdict> = {
  rules: [
    {
      id: 'furniture/seen-on-too-few-pages',
      why: `the line stands beside a page number on fewer than ${TUNING.runningHeader.minPages} pages: it may be any line`,
      verdict: FurnitureVerdict.Text,
      test: ({ pages }) => pages < TUNING.runningHeader.minPages,
    },
    {
      id: 'furniture/beside-too-few-page-numbers',
      why: 'the line stands beside fewer than half the page numbers, and a running header comes with every page',
      verdict: FurnitureVerdict.Text,
      test: ({ beside, pageNumbers }) => beside < TUNING.runningHeader.minShare * pageNumbers,
    },
  ],
  otherwise: {
    id: 'furniture/running-header',
    why: 'the same line stands beside the page numbers on page after page: a running header or footer',
    verdict: FurnitureVerdict.Furniture,
  },
};

/** A decision about one text seen beside page numbers, for a trace. */
export interface FurnitureDecision {
  /** Where the lines with this text start. */
  readonly starts: readonly number[];
  readonly text: string;
  readonly rule: FallbackRule<FurnitureVerdict>;
}

const LETTERS = /\p{L}/gu;

/** Where a line stands to the page number it is beside: a footer above it, a header below it. */
const Side = { Above: 0, Below: 1 } as const;
type Side = (typeof Side)[keyof typeof Side];

/**
 * The cuts `[start, end)` of the running headers and footers in `text`: each line, with its line
 * break, that is the nearest text line above (a footer) or below (a header) a page-number line and
 * whose text (trimmed) stands so, on the same side, on enough pages and beside enough of the page
 * numbers ({@link RUNNING_HEADER}). The text's first line counts as a header seen, its last line as
 * a footer (the first page's header has no page number above it, the last page's footer none below). The
 * first line stays: it is the cover's title as often as a header. A line that prints the same
 * text beside its page number (`2024年度党建工作材料汇编  第3页`) on as many pages goes whole.
 */
export function forEachRunningHeaderCut(text: string, onCut: (start: number, end: number) => void, onDecision?: (decision: FurnitureDecision) => void): void {
  // Line starts beside a page number, by side and trimmed text.
  const beside = [new Map<string, number[]>(), new Map<string, number[]>()] as const;
  let pages = 0;
  let previous: { start: number; end: number; isPage: boolean; taken: boolean } | undefined;
  let first: { start: number; key: string } | undefined;
  let last: { start: number; key: string } | undefined;
  // Lines that print the same text beside their page number, by that text.
  const withNumber = new Map<string, number[]>();
  const names = (key: string) => key.length <= MAX_HEADER_LENGTH && (key.match(LETTERS)?.length ?? 0) >= MIN_HEADER_LETTERS;
  const add = (map: Map<string, number[]>, key: string, start: number) => {
    const starts = map.get(key) ?? [];
    starts.push(start);
    map.set(key, starts);
  };
  const take = (side: Side, start: number, end: number) => {
    const key = text.slice(start, end).trim();
    if (names(key)) add(beside[side], key, start);
  };
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (!isBlankRange(text, start, end)) {
      const line = text.slice(start, end);
      first ??= { start, key: line.trim() };
      last = { start, key: line.trim() };
      const isPage = isPageNumberLine(line);
      const printed = isPage ? undefined : textBesidePageNumber(line);
      if (printed !== undefined && names(printed)) add(withNumber, printed, start);
      let taken = false;
      if (isPage) {
        pages++;
        if (previous && !previous.isPage && !previous.taken) take(Side.Above, previous.start, previous.end);
      } else if (previous?.isPage) {
        take(Side.Below, start, end);
        taken = true;
      }
      previous = { start, end, isPage, taken };
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  const cuts: number[] = [];
  for (const side of [Side.Above, Side.Below]) {
    // The first page's header has no page number above it, the last page's footer none below.
    const edge = side === Side.Below ? first : last;
    for (const [key, starts] of beside[side]) {
      const inner = starts.filter((start) => start !== first?.start);
      const seen = inner.length + (edge && edge.key === key && !inner.includes(edge.start) ? 1 : 0);
      const rule = decide(RUNNING_HEADER, { pages: seen, beside: starts.length, pageNumbers: pages });
      onDecision?.({ starts, text: key, rule });
      if (rule.verdict === FurnitureVerdict.Furniture) cuts.push(...inner);
    }
  }
  // A header or footer that carries the page number on its own line goes whole.
  const numbered = [...withNumber.values()].reduce((sum, starts) => sum + starts.length, 0);
  for (const [key, starts] of withNumber) {
    const edges = new Set([first, last].filter((edge) => edge?.key === key && !starts.includes(edge.start)));
    const rule = decide(RUNNING_HEADER, { pages: starts.length + edges.size, beside: starts.length, pageNumbers: pages + numbered });
    onDecision?.({ starts, text: key, rule });
    if (rule.verdict === FurnitureVerdict.Furniture) cuts.push(...starts);
  }
  for (const start of [...new Set(cuts)].sort((a, b) => a - b)) {
    const newline = text.indexOf('\n', start);
    onCut(start, newline === -1 ? text.length : newline + 1);
  }
}
