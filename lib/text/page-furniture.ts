/**
 * Running headers and footers of a PDF copy: the same line (a compilation's title, a unit's or a
 * site's name) printed on every page, which a copy of the text leaves next to every page number.
 * Found by that company: a line that stands beside page-number lines again and again with the
 * same text. The same text elsewhere (the cover, a heading) is not page furniture and stays.
 */
import { isPageNumberLine } from './clean-rules.js';
import { isBlankRange } from './white-space.js';

/** Fewest pages a header must be seen on. */
const MIN_PAGES = 2;
/** Share of the page numbers it must stand beside. */
const MIN_SHARE = 0.5;
/** Longest line taken for a running header. */
const MAX_HEADER_LENGTH = 60;
/**
 * A header names something: at least this many letters or ideographs. A paragraph's tail that
 * falls beside two page numbers (`。`, `作。`) is not one.
 */
const MIN_HEADER_LETTERS = 4;
const LETTERS = /\p{L}/gu;

/**
 * The cuts `[start, end)` of the running headers and footers in `text`: each line, with its line
 * break, that is the nearest text line above or below a page-number line and whose text (trimmed)
 * is seen so on at least {@link MIN_PAGES} pages and beside half the page numbers. The text's
 * first and last lines count as seen with the same text (the first page's header has no page
 * number above it, the last page's footer none below). The first line stays: it is the cover's
 * title as often as a header.
 */
export function forEachRunningHeaderCut(text: string, onCut: (start: number, end: number) => void): void {
  // Text lines beside a page number, by their trimmed text: each line's start once.
  const beside = new Map<string, number[]>();
  let pages = 0;
  let previous = -1;
  let previousEnd = -1;
  let previousIsPage = false;
  let previousTaken = false;
  let firstStart = -1;
  let lastStart = -1;
  const take = (start: number, end: number) => {
    const key = text.slice(start, end).trim();
    if (key.length > MAX_HEADER_LENGTH || (key.match(LETTERS)?.length ?? 0) < MIN_HEADER_LETTERS) return;
    const starts = beside.get(key) ?? [];
    if (starts.at(-1) !== start) starts.push(start);
    beside.set(key, starts);
  };
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (!isBlankRange(text, start, end)) {
      if (firstStart < 0) firstStart = start;
      lastStart = start;
      const isPage = end - start <= 120 && isPageNumberLine(text.slice(start, end));
      if (isPage) {
        pages++;
        if (previous >= 0 && !previousIsPage && !previousTaken) take(previous, previousEnd);
      } else if (previousIsPage) {
        take(start, end);
      }
      previousTaken = !isPage && previousIsPage;
      previous = start;
      previousEnd = end;
      previousIsPage = isPage;
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  const lineAt = (start: number) => {
    const newline = text.indexOf('\n', start);
    return text.slice(start, newline === -1 ? text.length : newline).trim();
  };
  const cuts = [...beside].flatMap(([key, starts]) => {
    const inner = starts.filter((start) => start !== firstStart);
    const edges = [firstStart, ...(starts.includes(lastStart) || lastStart === firstStart ? [] : [lastStart])];
    const seen = inner.length + edges.filter((start) => start >= 0 && lineAt(start) === key).length;
    return seen >= MIN_PAGES && starts.length >= MIN_SHARE * pages ? inner : [];
  });
  for (const start of cuts.sort((a, b) => a - b)) {
    const newline = text.indexOf('\n', start);
    onCut(start, newline === -1 ? text.length : newline + 1);
  }
}
