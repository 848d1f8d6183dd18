/**
 * Tables of contents of compilations (`目录` / `目 录` followed by numbered entries, with or
 * without dot leaders and page numbers), and finding each entry's heading in the body.
 */
import { TOC_HEADER, TOC_LEADERS_AND_PAGE, TOC_LEADERS_ONLY } from './lexicon/furniture.js';
import { LOOSE_TITLE_NUMBER, pieceNumber } from './lexicon/numbering.js';
import { charClass, holdsStatementMark, STRAY_END_MARKS } from './lexicon/punctuation.js';
import { TUNING } from './tuning.js';

export interface TocEntry {
  /** The entry as printed, without leaders and page number. */
  readonly text: string;
  /** For matching: see normalizeTitle. */
  readonly key: string;
  /** Whether the entry carried its own number (`1.`, `一、`, `第一篇`). */
  readonly numbered: boolean;
  /** Index of the entry's line in the text. */
  readonly line: number;
}

export interface Toc {
  /** Line index of the `目录` heading. */
  readonly headerLine: number;
  /** Index of the first line after the table. */
  readonly endLine: number;
  readonly entries: readonly TocEntry[];
}

const STRAY_END = new RegExp(`${charClass(STRAY_END_MARKS)}{1,3}$`);

/** The table of contents near the top of `lines`, if there is one with at least one entry. */
export function findToc(lines: readonly string[]): Toc | undefined {
  const limit = Math.min(lines.length, TUNING.toc.maxHeaderLine);
  for (let header = 0; header < limit; header++) {
    if (!TOC_HEADER.test((lines[header] ?? '').trim())) continue;
    const { entries, endLine } = readEntries(lines, header + 1);
    if (entries.length > 0) return { headerLine: header, endLine, entries };
  }
  return undefined;
}

function readEntries(lines: readonly string[], from: number): { entries: TocEntry[]; endLine: number } {
  const entries: TocEntry[] = [];
  const seen = new Set<string>();
  let endLine = from;
  let blankBefore = false;
  let lastNumber: number | undefined;
  for (let i = from; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') {
      blankBefore = true;
      continue;
    }
    const entry = parseEntry(line);
    if (!entry) break;
    // The body starts with the first report's title: an entry seen again ends the table.
    if (seen.has(entry.key)) break;
    // So does numbering that starts again (`1.…` after `4.…`): the body's titles are numbered too.
    if (entry.number !== undefined && lastNumber !== undefined && entry.number <= lastNumber) break;
    // After a blank line only an entry that looks like one (number or page) continues the table.
    if (blankBefore && entries.length > 0 && !entry.numbered && !entry.paged) break;
    // Without numbers or pages the table is a plain list of lines directly under its header.
    if (!entry.numbered && !entry.paged && entries.some((e) => e.numbered)) break;
    entries.push({ text: entry.text, key: entry.key, numbered: entry.numbered, line: i });
    seen.add(entry.key);
    lastNumber = entry.number ?? lastNumber;
    endLine = i + 1;
    blankBefore = false;
  }
  return { entries, endLine };
}

function parseEntry(line: string): { text: string; key: string; numbered: boolean; number: number | undefined; paged: boolean } | undefined {
  if (line.length > TUNING.toc.maxEntryLength) return undefined;
  const withoutPage = line.replace(TOC_LEADERS_AND_PAGE, '');
  const paged = withoutPage !== line;
  const text = withoutPage.replace(TOC_LEADERS_ONLY, '').trim();
  // A stray full stop after an entry is a typo; one inside it makes the line a sentence.
  if (holdsStatementMark(text.replace(STRAY_END, ''))) return undefined;
  const key = normalizeTitle(text);
  if (key.length < 2) return undefined;
  const number = pieceNumber(text)?.value;
  return { text, key, numbered: number !== undefined, number, paged };
}

/**
 * A title reduced for comparison: full/half width, white space, punctuation and a leading
 * number (`1.`, `一、`, `第一篇`, `材料二：`) do not matter.
 */
export function normalizeTitle(line: string): string {
  const text = line.normalize('NFKC').trim();
  return (pieceNumber(text)?.rest ?? text)
    // Looser than a piece number: `1，`, `1）`, `①`, `第1篇章`.
    .replace(LOOSE_TITLE_NUMBER, '')
    .replace(/[\p{P}\p{S}\s]/gu, '')
    .toLowerCase();
}

/** Longest body line (in characters) compared with the entries: titles are short. */
const MAX_TITLE_LINE = TUNING.toc.maxEntryLength * 2;

/**
 * For each entry, the index of its heading line in `lines` (searching from `from`, in order),
 * or -1 when the entry has no heading in the body.
 *
 * Two passes, so that one loose match cannot pull the rest out of place: first every entry whose
 * title appears as printed (up to width, white space and punctuation), in order; then, in the gap
 * each unmatched entry leaves between its matched neighbours, a heading that differs in small
 * ways (a year, `（范文）`, a trailing count, a character or two).
 */
export function locateEntries(lines: readonly string[], entries: readonly TocEntry[], from: number): number[] {
  const keys = lines.map((line) => (line.length <= MAX_TITLE_LINE ? normalizeTitle(line) : ''));
  // Lines by key, in order: each entry's exact match is a lookup, not a scan of the body.
  const linesByKey = new Map<string, number[]>();
  for (let i = from; i < keys.length; i++) {
    const key = keys[i] ?? '';
    if (key === '') continue;
    const at = linesByKey.get(key);
    if (at) at.push(i);
    else linesByKey.set(key, [i]);
  }
  const found: number[] = [];
  let cursor = from;
  for (const entry of entries) {
    const at = linesByKey.get(entry.key)?.find((i) => i >= cursor) ?? -1;
    found.push(at);
    if (at !== -1) cursor = at + 1;
  }
  let previous = from - 1;
  for (let k = 0; k < entries.length; k++) {
    if (found[k] === -1) {
      const end = found.slice(k + 1).find((at) => at !== -1) ?? keys.length;
      const entry = entries[k]!;
      const core = titleCore(entry.key);
      found[k] = findKey(keys, previous + 1, end, (key) => similarTitle(key, entry.key, core));
    }
    if (found[k] !== -1) previous = found[k]!;
  }
  for (let k = 0; k < entries.length; k++) if (found[k] === -1) realign(keys, entries, found, k, from);
  return found;
}


/**
 * Third pass, for an entry still unmatched: an exact match can take the heading a neighbour needed
 * (entry 6 `**街道…讲话` printed exactly as report 7's heading, report 6 headed `2023年度**街道…讲话`,
 * entry 7 `2024年**街道…讲话`), leaving a later entry nothing. Re-matches the entries around it, in
 * order, to the headings between their matched neighbours so that the most entries find one (the
 * most exact matches among equals), and keeps that only when it matches more than before.
 */
function realign(keys: readonly string[], entries: readonly TocEntry[], found: number[], k: number, from: number): void {
  const first = Math.max(0, k - TUNING.toc.realignReach);
  const last = Math.min(entries.length - 1, k + TUNING.toc.realignReach);
  let lineFrom = from;
  for (let j = first - 1; j >= 0; j--) if (found[j] !== -1) { lineFrom = found[j]! + 1; break; }
  let lineTo = keys.length;
  for (let j = last + 1; j < entries.length; j++) if (found[j] !== -1) { lineTo = found[j]!; break; }
  const matchedBefore = found.slice(first, last + 1).filter((at) => at !== -1).length;
  const width = lineTo - lineFrom;
  // Nothing to move (the second pass already searched each gap), or too far to search again.
  if (matchedBefore === 0 || width > TUNING.toc.maxRealignLines) return;
  const window = entries.slice(first, last + 1);
  const cores = window.map((entry) => titleCore(entry.key));
  // score[e][i]: best for the first e entries of the window using the lines before lineFrom + i;
  // a match counts 2, an exact one 3, so more matches always win and exactness breaks ties.
  const score = Array.from({ length: window.length + 1 }, () => new Int32Array(width + 1));
  for (let e = 1; e <= window.length; e++) {
    const entry = window[e - 1]!;
    for (let i = 1; i <= width; i++) {
      const key = keys[lineFrom + i - 1] ?? '';
      const gain = key === '' ? 0 : key === entry.key ? 3 : similarTitle(key, entry.key, cores[e - 1]!) ? 2 : 0;
      score[e]![i] = Math.max(score[e - 1]![i]!, score[e]![i - 1]!, gain > 0 ? score[e - 1]![i - 1]! + gain : 0);
    }
  }
  const realigned = new Array<number>(window.length).fill(-1);
  for (let e = window.length, i = width; e > 0 && i > 0; ) {
    if (score[e]![i] === score[e - 1]![i]) e -= 1;
    else if (score[e]![i] === score[e]![i - 1]) i -= 1;
    else {
      realigned[e - 1] = lineFrom + i - 1;
      e -= 1;
      i -= 1;
    }
  }
  if (realigned.filter((at) => at !== -1).length > matchedBefore) realigned.forEach((at, e) => (found[first + e] = at));
}

function findKey(keys: readonly string[], from: number, to: number, matches: (key: string) => boolean): number {
  for (let i = from; i < to; i++) if ((keys[i] ?? '') !== '' && matches(keys[i] ?? '')) return i;
  return -1;
}

/** A title key without what compilations add or drop: years, `范文`, a trailing count (`3篇`). */
function titleCore(key: string): string {
  return key.replace(/(?:19|20)\d{2}年度?/g, '').replace(/(?:范文|精选|\d{1,3}篇)$/, '');
}

function similarTitle(key: string, entryKey: string, entryCore: string): boolean {
  if (key === entryKey) return true;
  const core = titleCore(key);
  if (core.length < 2 || entryCore.length < 2) return false;
  if (core === entryCore) return true;
  const [shorter, longer] = core.length <= entryCore.length ? [core, entryCore] : [entryCore, core];
  if (longer.includes(shorter)) return shorter.length >= longer.length * TUNING.toc.minOverlap;
  // A character or two typed differently (`党组` / `党委`): close in edit distance.
  return (
    longer.length - shorter.length <= TUNING.toc.maxTypoLengthDifference &&
    editDistance(core, entryCore) <= Math.max(1, Math.floor(longer.length * TUNING.toc.typoShare))
  );
}

/** Levenshtein distance; titles are short, so the quadratic table is cheap. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
