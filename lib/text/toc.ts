/**
 * Tables of contents of compilations (`目录` / `目 录` followed by numbered entries, with or
 * without dot leaders and page numbers), and finding each entry's heading in the body.
 */
import { normalizeTitle } from './title-detect.js';

export interface TocEntry {
  /** The entry as printed, without leaders and page number. */
  readonly text: string;
  /** For matching: see normalizeTitle. */
  readonly key: string;
  /** Whether the entry carried its own number (`1.`, `一、`, `第一篇`). */
  readonly numbered: boolean;
}

export interface Toc {
  /** Line index of the `目录` heading. */
  readonly headerLine: number;
  /** Index of the first line after the table. */
  readonly endLine: number;
  readonly entries: readonly TocEntry[];
}

/** How far into the text (in lines) a table of contents may start. */
const MAX_HEADER_LINE = 60;
const MAX_ENTRY_LENGTH = 100;

const HEADER = /^(?:目\s{0,4}录|目\s{0,4}錄|contents|table of contents)\s{0,2}[:：]?$/i;
/** Dot leaders and a page number at the end of an entry: `……3`, `.... 12`, `  5`. */
const LEADERS_AND_PAGE = /(?:\s{0,4}[.．·•…_\-—]{2,200}\s{0,4}|\s{1,8})(?:\d{1,4}|[IVXLivxl]{1,6})$/;
const LEADERS_ONLY = /\s{0,4}[.．·•…]{3,200}$/;
const ENTRY_NUMBER =
  /^(?:第[一二三四五六七八九十\d]{1,3}[篇章部分]{1,2}|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,3}[.．、])\s{0,4}/;
const SENTENCE_END = /[。！？；!?;]/;
const STRAY_END = /[。.，,；;]{1,3}$/;

/** The table of contents near the top of `lines`, if there is one with at least one entry. */
export function findToc(lines: readonly string[]): Toc | undefined {
  const limit = Math.min(lines.length, MAX_HEADER_LINE);
  for (let header = 0; header < limit; header++) {
    if (!HEADER.test((lines[header] ?? '').trim())) continue;
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
    // After a blank line only an entry that looks like one (number or page) continues the table.
    if (blankBefore && entries.length > 0 && !entry.numbered && !entry.paged) break;
    // Without numbers or pages the table is a plain list of lines directly under its header.
    if (!entry.numbered && !entry.paged && entries.some((e) => e.numbered)) break;
    entries.push({ text: entry.text, key: entry.key, numbered: entry.numbered });
    seen.add(entry.key);
    endLine = i + 1;
    blankBefore = false;
  }
  return { entries, endLine };
}

function parseEntry(line: string): { text: string; key: string; numbered: boolean; paged: boolean } | undefined {
  if (line.length > MAX_ENTRY_LENGTH) return undefined;
  const withoutPage = line.replace(LEADERS_AND_PAGE, '');
  const paged = withoutPage !== line;
  const text = withoutPage.replace(LEADERS_ONLY, '').trim();
  // A stray full stop after an entry is a typo; one inside it makes the line a sentence.
  if (SENTENCE_END.test(text.replace(STRAY_END, ''))) return undefined;
  const key = normalizeTitle(text);
  if (key.length < 2) return undefined;
  return { text, key, numbered: ENTRY_NUMBER.test(text.normalize('NFKC')), paged };
}

/** Strips an entry-style number (`1.`, `一、`, `第一篇`) from the start of a title. */
export function stripEntryNumber(title: string): string {
  const match = ENTRY_NUMBER.exec(title.normalize('NFKC'));
  // NFKC keeps the length of these characters, so the match length applies to the original.
  return match ? title.slice(match[0].length).trim() : title.trim();
}

/** Shortest share of the longer key the shorter one must cover to count as the same title. */
const MIN_OVERLAP = 0.85;

/**
 * For each entry, the index of its heading line in `lines` (searching from `from`, in order),
 * or -1 when the entry has no heading in the body.
 */
export function locateEntries(lines: readonly string[], entries: readonly TocEntry[], from: number): number[] {
  const keys = lines.map((line) => (line.length <= MAX_ENTRY_LENGTH * 2 ? normalizeTitle(line) : ''));
  const found: number[] = [];
  let cursor = from;
  for (const entry of entries) {
    let at = -1;
    for (let i = cursor; i < lines.length; i++) {
      if (sameTitle(keys[i] ?? '', entry.key)) {
        at = i;
        break;
      }
    }
    found.push(at);
    if (at !== -1) cursor = at + 1;
  }
  return found;
}

function sameTitle(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return longer.includes(shorter) && shorter.length >= longer.length * MIN_OVERLAP;
}
