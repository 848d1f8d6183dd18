/**
 * Splitting cleaned text into reports. Compilations with a table of contents are split at the
 * headings the entries point to; other text at lines that look like report titles; text with no
 * title at all becomes one report.
 */
import { buildReport } from '../model/build-report.js';
import type { Report } from '../model/report.js';
import { isCountLine, isReportTitle, isSubtitle, isTitleShaped } from './title-detect.js';
import { findToc, locateEntries, stripEntryNumber } from './toc.js';

export interface SplitOptions {
  /** Title to use when the text has no recognisable title (e.g. the file name's stem). */
  readonly fallbackTitle?: string;
}

const DEFAULT_TITLE = 'report';
/** A body paragraph under a title is at least this long (characters). */
const MIN_BODY_LENGTH = 40;

/** A span of lines that becomes one report: `title` and the lines after it up to `end`. */
interface Section {
  readonly title: string;
  readonly start: number;
  readonly end: number;
}

/** Splits cleaned text (lines separated by `\n`) into reports, in reading order. */
export function splitReports(text: string, options: SplitOptions = {}): Report[] {
  const lines = text.split('\n').map((line) => line.trim());
  const fallback = options.fallbackTitle?.trim() || DEFAULT_TITLE;
  const sections = splitByToc(lines) ?? splitByTitles(lines, 0, fallback);
  return sections
    .map((section) => buildReport(section.title, lines.slice(section.start, section.end)))
    .filter((report) => report.blocks.length > 0 || report.title !== '');
}

function splitByToc(lines: readonly string[]): Section[] | undefined {
  const toc = findToc(lines);
  if (!toc) return undefined;
  const found = locateEntries(lines, toc.entries, toc.endLine);
  const matched = found.filter((at) => at !== -1).length;
  if (matched < Math.ceil(toc.entries.length / 2)) {
    // The entries could not be found in the body: still drop cover and table, then look for titles.
    return splitByTitles(lines, toc.endLine, coverTitle(lines, toc.headerLine) ?? DEFAULT_TITLE);
  }

  const sections: Section[] = [];
  const starts = found.map((at, i) => ({ at, entry: toc.entries[i] })).filter((item) => item.at !== -1);
  const firstStart = starts[0]?.at ?? lines.length;
  // A foreword between the table and the first report is kept, under the compilation's title.
  if (lines.slice(toc.endLine, firstStart).some((line) => /[。！？]/.test(line))) {
    sections.push({ title: coverTitle(lines, toc.headerLine) ?? DEFAULT_TITLE, start: toc.endLine, end: firstStart });
  }
  starts.forEach(({ at, entry }, k) => {
    const line = lines[at] ?? '';
    sections.push({
      title: entry?.numbered ? stripEntryNumber(line) || line : line,
      start: at + 1,
      end: starts[k + 1]?.at ?? lines.length,
    });
  });
  return sections;
}

/** The compilation's own title: the first title-shaped line above the table of contents. */
function coverTitle(lines: readonly string[], headerLine: number): string | undefined {
  return lines.slice(0, headerLine).find((line) => line !== '' && !isCountLine(line));
}

function splitByTitles(lines: readonly string[], from: number, fallback: string): Section[] {
  const titles = findTitleLines(lines, from);
  const firstContent = nextContentLine(lines, from);
  if (firstContent === -1) return [];

  if (titles.length === 0) {
    const first = lines[firstContent] ?? '';
    const hasBody = nextContentLine(lines, firstContent + 1) !== -1;
    if (hasBody && isTitleShaped(first)) return [{ title: first, start: firstContent + 1, end: lines.length }];
    return [{ title: fallback, start: firstContent, end: lines.length }];
  }

  const sections: Section[] = [];
  const firstTitle = titles[0] ?? lines.length;
  const preamble = lines.slice(firstContent, firstTitle).filter((line) => line !== '');
  // Cover lines (a compilation title, `（5篇）`) belong to no report; real text before the first
  // title is kept as a report of its own.
  if (preamble.some((line) => !isTitleShaped(line) && !isCountLine(line))) {
    const first = preamble[0] ?? '';
    const titled = isTitleShaped(first);
    sections.push({
      title: titled ? first : fallback,
      start: titled ? firstContent + 1 : firstContent,
      end: firstTitle,
    });
  }
  titles.forEach((at, k) => {
    sections.push({ title: lines[at] ?? fallback, start: at + 1, end: titles[k + 1] ?? lines.length });
  });
  return sections;
}

/**
 * Lines that open a report: a report title at the start or after a blank line; or, between two
 * paragraphs, a title followed by a real body paragraph right after a finished sentence.
 */
function findTitleLines(lines: readonly string[], from: number): number[] {
  const titles: number[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '' || !isTitleShaped(line)) continue;
    const next = nextContentLine(lines, i + 1);
    const nextLine = next === -1 ? '' : (lines[next] ?? '');
    const titled = isReportTitle(line) || isSubtitle(nextLine);
    if (!titled || next === -1) continue;
    const previous = i - 1 < from ? '' : (lines[i - 1] ?? '');
    if (previous === '' || (endsSentence(previous) && isBodyParagraph(lines, next))) titles.push(i);
  }
  return titles;
}

function nextContentLine(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) if ((lines[i] ?? '') !== '') return i;
  return -1;
}

function endsSentence(line: string): boolean {
  return /[。！？!?][”’」』）)]{0,2}$/.test(line);
}

/** The line at `index` (or the one after a subtitle) is a paragraph of prose. */
function isBodyParagraph(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? '';
  if (isSubtitle(line)) return true;
  return line.length >= MIN_BODY_LENGTH && /[。！？]/.test(line);
}
