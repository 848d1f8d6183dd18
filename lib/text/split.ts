/**
 * Splitting cleaned text into reports. Compilations with a table of contents are split at the
 * headings the entries point to; other text at lines that look like report titles; text with no
 * title at all becomes one report. What the split is unsure of comes back as warnings.
 */
import { buildReport } from '../model/build-report.js';
import type { Report } from '../model/report.js';
import { WarningCode, type ConversionWarning } from '../warnings.js';
import { isCountLine, isReportTitle, isSubtitle, isTitleShaped } from './title-detect.js';
import { findToc, locateEntries, stripEntryNumber, type Toc } from './toc.js';

export interface SplitOptions {
  /** Title to use when the text has no recognisable title (e.g. the file name's stem). */
  readonly fallbackTitle?: string;
}

/**
 * A warning about the split: a {@link ConversionWarning} whose `line` is still a 0-based line index
 * of the text given to the split (splitStage turns it into a line of the input file).
 */
export type SplitWarning = ConversionWarning;

export interface SplitResult {
  readonly reports: readonly Report[];
  readonly warnings: readonly SplitWarning[];
}

const DEFAULT_TITLE = 'report';
/** A report longer than this many times its siblings' median may hold several reports. */
const OVERSIZE_FACTOR = 3;
/** Siblings needed before a median says anything. */
const MIN_SIBLINGS_FOR_SIZE = 2;

/** A span of lines that becomes one report: `title` and the lines after it up to `end`. */
interface Section {
  readonly title: string;
  /** Line of the title, or -1 when the title is not a line of the text (a fallback). */
  readonly titleLine: number;
  readonly start: number;
  readonly end: number;
}

/** Splits cleaned text (lines separated by `\n`) into reports, in reading order. */
export function splitReports(text: string, options: SplitOptions = {}): Report[] {
  return [...splitText(text, options).reports];
}

/** Splits cleaned text into reports and says what it is unsure of. */
export function splitText(text: string, options: SplitOptions = {}): SplitResult {
  const lines = text.split('\n').map((line) => line.trim());
  const fallback = options.fallbackTitle?.trim() || DEFAULT_TITLE;
  const warnings: SplitWarning[] = [];
  const toc = findToc(lines);
  const sections = (toc && splitByToc(lines, toc, warnings)) ?? splitByTitles(lines, 0, lines.length, fallback);
  const kept = sections
    .map((section) => ({ section, report: buildReport(section.title, lines.slice(section.start, section.end)) }))
    .filter(({ report }) => report.blocks.length > 0 || report.title !== '');
  const reports = kept.map(({ report }) => report);
  warnings.push(...bodyWarnings(lines, kept.map(({ section }) => section), reports));
  // TOC warnings name no report; the rest follow report order.
  return { reports, warnings };
}

function splitByToc(lines: readonly string[], toc: Toc, warnings: SplitWarning[]): Section[] | undefined {
  const found = locateEntries(lines, toc.entries, toc.endLine);
  const matched = found.filter((at) => at !== -1).length;
  if (matched < Math.ceil(toc.entries.length / 2)) {
    // The entries could not be found in the body: still drop cover and table, then look for titles.
    return splitByTitles(lines, toc.endLine, lines.length, coverTitle(lines, toc.headerLine) ?? DEFAULT_TITLE);
  }
  toc.entries.forEach((entry, k) => {
    if (found[k] !== -1) return;
    warnings.push({
      code: WarningCode.TocEntryMissing,
      line: entry.line,
      text: entry.text,
      message: `the table of contents lists “${entry.text}”, but no report with that title was found; check whether it is missing from the input or merged into the report before it`,
    });
  });

  const sections: Section[] = [];
  const starts = found.map((at, i) => ({ at, entry: toc.entries[i] })).filter((item) => item.at !== -1);
  const firstStart = starts[0]?.at ?? lines.length;
  // Between the table and the first listed report: a foreword (kept under the compilation's
  // title), or reports the table does not list.
  if (lines.slice(toc.endLine, firstStart).some((line) => line !== '')) {
    sections.push(...splitByTitles(lines, toc.endLine, firstStart, coverTitle(lines, toc.headerLine) ?? DEFAULT_TITLE));
  }
  starts.forEach(({ at, entry }, k) => {
    const line = lines[at] ?? '';
    sections.push({
      title: entry?.numbered ? stripEntryNumber(line) || line : line,
      titleLine: at,
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

/** Sections of `lines[from, to)` opened by report titles. */
function splitByTitles(lines: readonly string[], from: number, to: number, fallback: string): Section[] {
  const titles = findTitleLines(lines, from, to);
  const firstContent = nextContentLine(lines, from, to);
  if (firstContent === -1) return [];

  if (titles.length === 0) {
    const first = lines[firstContent] ?? '';
    const hasBody = nextContentLine(lines, firstContent + 1, to) !== -1;
    // A report title may carry a stray full stop (`…述职报告。`); a plain sentence may not.
    const titled = isTitleShaped(first) || (/[。.]$/.test(first) && isReportTitle(first.slice(0, -1)));
    if (hasBody && titled) return [{ title: first, titleLine: firstContent, start: firstContent + 1, end: to }];
    return [{ title: fallback, titleLine: -1, start: firstContent, end: to }];
  }

  const sections: Section[] = [];
  const firstTitle = titles[0] ?? to;
  const preamble = lines.slice(firstContent, firstTitle).filter((line) => line !== '');
  // Cover lines (a compilation title, `（5篇）`) belong to no report; real text before the first
  // title is kept as a report of its own.
  if (preamble.some((line) => !isTitleShaped(line) && !isCountLine(line))) {
    const first = preamble[0] ?? '';
    const titled = isTitleShaped(first);
    sections.push({
      title: titled ? first : fallback,
      titleLine: titled ? firstContent : -1,
      start: titled ? firstContent + 1 : firstContent,
      end: firstTitle,
    });
  }
  titles.forEach((at, k) => {
    sections.push({ title: lines[at] ?? fallback, titleLine: at, start: at + 1, end: titles[k + 1] ?? to });
  });
  return sections;
}

/**
 * Lines of `lines[from, to)` that open a report: a title-shaped line that names a genre (or has a
 * subtitle under it), followed by the start of a body, and not continuing the line above it.
 */
function findTitleLines(lines: readonly string[], from: number, to: number): number[] {
  const titles: number[] = [];
  for (let i = from; i < to; i++) {
    if (opensReport(lines, i, from, to)) titles.push(i);
  }
  return titles;
}

function opensReport(lines: readonly string[], i: number, from: number, to: number): boolean {
  const line = lines[i] ?? '';
  if (line === '' || !isTitleShaped(line) || isSubtitle(line)) return false;
  const next = nextContentLine(lines, i + 1, to);
  if (next === -1) return false;
  const nextLine = lines[next] ?? '';
  if (!isReportTitle(line) && !isSubtitle(nextLine)) return false;
  const previous = i - 1 < from ? '' : (lines[i - 1] ?? '');
  if (!finishesLine(previous)) return false;
  if (startsBody(nextLine)) return true;
  // An author or unit line between title and body (`XX县委书记 张XX`).
  const after = nextContentLine(lines, next + 1, to);
  return after !== -1 && !isReportTitle(nextLine) && startsBody(lines[after] ?? '');
}

/** The line above a title: nothing, or a line that does not run on into the next one. */
function finishesLine(line: string): boolean {
  return line === '' || !CONTINUES.test(line);
}

/** Marks after which a sentence goes on: a title cannot follow them. */
const CONTINUES = /[，、：:,；;（(“‘《〈【—]$/;

/**
 * The first line under a title: a subtitle, a salutation (`同志们：`), a numbered heading, or
 * prose (a line with sentence or clause punctuation). Another bare title-shaped line is not.
 */
function startsBody(line: string): boolean {
  return isSubtitle(line) || !isTitleShaped(line);
}

function nextContentLine(lines: readonly string[], from: number, to: number = lines.length): number {
  for (let i = from; i < to; i++) if ((lines[i] ?? '') !== '') return i;
  return -1;
}

/** Warnings about the reports themselves: title-shaped lines left in a body, outsized or empty reports. */
function bodyWarnings(lines: readonly string[], sections: readonly Section[], reports: readonly Report[]): SplitWarning[] {
  const warnings: SplitWarning[] = [];
  const sizes = reports.map((report) => report.blocks.reduce((n, block) => n + block.text.length, 0));
  const sorted = [...sizes].sort((a, b) => a - b);
  sections.forEach((section, k) => {
    const report = k + 1;
    const title = reports[k]?.title ?? '';
    if ((reports[k]?.blocks.length ?? 0) === 0) {
      warnings.push({
        code: WarningCode.EmptyReport,
        report,
        line: section.titleLine === -1 ? undefined : section.titleLine,
        text: title,
        message: `report “${title}” has a title but no text; check whether its body is missing from the input`,
      });
    }
    for (let i = section.start; i < section.end; i++) {
      const line = lines[i] ?? '';
      if (line === '' || !isReportTitle(line) || isSubtitle(line)) continue;
      warnings.push({
        code: WarningCode.TitleInBody,
        report,
        line: i,
        text: line,
        message: `“${line}” looks like the title of another report but was left inside report “${title}”; if it is one, put a blank line before it`,
      });
    }
    if (sizes.length - 1 >= MIN_SIBLINGS_FOR_SIZE) {
      const median = medianWithout(sorted, sizes[k] ?? 0);
      const size = sizes[k] ?? 0;
      if (median > 0 && size > OVERSIZE_FACTOR * median) {
        warnings.push({
          code: WarningCode.OversizedReport,
          report,
          line: section.titleLine === -1 ? undefined : section.titleLine,
          text: title,
          message: `report “${title}” has ${size} characters, more than ${OVERSIZE_FACTOR}× the median of the others (${Math.round(median)}); check that it is not several reports merged`,
        });
      }
    }
  });
  return warnings;
}

/** The median of `sorted` with one occurrence of `value` left out (sorted once for all reports). */
function medianWithout(sorted: readonly number[], value: number): number {
  let rank = 0;
  for (let low = 0, high = sorted.length; low < high; ) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? 0) < value) low = mid + 1;
    else high = mid;
    rank = low;
  }
  const at = (i: number) => sorted[i < rank ? i : i + 1] ?? 0;
  const n = sorted.length - 1;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}
