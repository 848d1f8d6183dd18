/**
 * Splitting cleaned text into reports. Compilations with a table of contents are split at the
 * headings the entries point to; other text at lines that look like report titles; text with no
 * title at all becomes one report. What the split is unsure of comes back as warnings.
 */
import { namesUnitOrPerson } from '../model/attribution.js';
import { buildReport } from '../model/build-report.js';
import type { Report } from '../model/report.js';
import { WarningCode, type ConversionWarning } from '../warnings.js';
import { isCountLine, isReportTitle, isSubtitle, isTitleShaped } from './title-detect.js';
import { pieceNumber } from './piece-number.js';
import { findToc, locateEntries, stripEntryNumber, type Toc } from './toc.js';
import { readPage } from './zones/page-zones.js';
import type { PageReading } from './zones/page-lines.js';

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
  /** Text of the cleaned input that no report holds, each piece with the rule that left it out. */
  readonly outside: readonly OutsideText[];
}

/** The removal-log family of the split's cuts: text that belongs to no report. */
export const OUTSIDE_REPORTS_FAMILY = 'outside-reports';

/** Why the split left text out of every report: rule ids of the {@link OUTSIDE_REPORTS_FAMILY} family. */
export const OutsideRule = {
  /** Lines before the first report that are no report's text: a compilation's cover, a count line. */
  Cover: 'outside-reports/cover',
  /** A table of contents: its header and entries. */
  TableOfContents: 'outside-reports/table-of-contents',
  /** The number a compilation puts before a report's title (`1.`, `第二篇`, `材料三：`). */
  PieceNumber: 'outside-reports/piece-number',
  /** A title with no text under it: no report is made of a title alone. */
  TitleWithoutText: 'outside-reports/title-without-text',
} as const;
export type OutsideRule = (typeof OutsideRule)[keyof typeof OutsideRule];

/** A piece of one line of the cleaned text that no report holds. */
export interface OutsideText {
  /** An {@link OutsideRule}, or the page-furniture rule that cut it (zones/furniture-family.ts). */
  readonly ruleId: string;
  /** {@link OUTSIDE_REPORTS_FAMILY}, or the page-furniture family. */
  readonly family: string;
  /** 0-based line of the cleaned text. */
  readonly line: number;
  /** 0-based column in that line where `text` starts. */
  readonly column: number;
  readonly text: string;
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
  /** First line of a title wrapped over two lines (`titleLine - 1`); absent for a one-line title. */
  readonly titleFrom?: number;
  readonly start: number;
  readonly end: number;
}

/** Splits cleaned text (lines separated by `\n`) into reports, in reading order. */
export function splitReports(text: string, options: SplitOptions = {}): Report[] {
  return [...splitText(text, options).reports];
}

/** Splits cleaned text into reports and says what it is unsure of. */
export function splitText(text: string, options: SplitOptions = {}): SplitResult {
  // The page's furniture out first (zones/page-zones.ts): the split reads the document's lines.
  const page = readPage(text.split('\n'));
  const lines = page.lines.map((line) => line.text);
  const fallback = options.fallbackTitle?.trim() || DEFAULT_TITLE;
  const warnings: SplitWarning[] = [];
  const toc = findToc(lines);
  const sections = (toc && splitByToc(lines, toc, warnings, page)) ?? splitByTitles(lines, 0, lines.length, fallback, page);
  const built = sections.map((section) => ({ section, report: buildReport(section.title, lines.slice(section.start, section.end)) }));
  // Never a report of a title alone: it is logged and named in a warning instead.
  const kept = built.filter(({ report }) => report.blocks.length > 0);
  const untitled = built.filter(({ report }) => report.blocks.length === 0 && report.title !== '').map(({ section }) => section);
  const reports = kept.map(({ report }) => report);
  warnings.push(...untitled.map(emptyTitleWarning));
  warnings.push(...bodyWarnings(lines, kept.map(({ section }) => section), reports));
  kept.forEach(({ section }, k) => {
    if (section.titleLine === -1 && (section.title === fallback || section.title === DEFAULT_TITLE)) warnings.push(noTitleWarning(k + 1, section.title));
  });
  // TOC warnings name no report; the rest follow report order. Lines are the page's: warnings name the text's.
  const textLine = (line: number | undefined) => (line === undefined ? undefined : (page.lines[line]?.line ?? line));
  return {
    reports,
    warnings: warnings.map((warning) => (warning.line === undefined ? warning : { ...warning, line: textLine(warning.line) })),
    outside: outsideText(page, kept.map(({ section }) => section), untitled, toc),
  };
}

function emptyTitleWarning(section: Section): SplitWarning {
  return {
    code: WarningCode.EmptyReport,
    ...(section.titleLine === -1 ? {} : { line: section.titleLine }),
    text: section.title,
    message: `the title “${section.title}” has no text under it, so no report was made of it; check whether its text is missing from the input`,
  };
}

function noTitleWarning(report: number, title: string): SplitWarning {
  return {
    code: WarningCode.NoTitle,
    report,
    text: title,
    message: `no title was found above this report's text, so it is named after the file (“${title}”); add the title as the first line if it has one`,
  };
}

/**
 * What no report holds, so that it can be logged with the cleaning's cuts: every character of the
 * input reaches a document or the removal log. The page's furniture comes cut already; lines outside
 * every section are a cover or a table of contents; a title shorter than its line lost a piece number.
 */
function outsideText(page: PageReading, sections: readonly Section[], untitled: readonly Section[], toc: Toc | undefined): OutsideText[] {
  const { lines } = page;
  const held = new Uint8Array(lines.length);
  const pieces: OutsideText[] = [...page.cuts];
  const outside = (ruleId: OutsideRule, at: { line: number; column: number }, text: string) =>
    pieces.push({ ruleId, family: OUTSIDE_REPORTS_FAMILY, line: at.line, column: at.column, text });
  for (const section of sections) {
    held.fill(1, section.start, section.end);
    if (section.titleLine === -1) continue;
    const from = section.titleFrom ?? section.titleLine;
    held.fill(1, from, section.titleLine + 1);
    const first = lines[from];
    if (!first) continue;
    const whole = lines.slice(from, section.titleLine + 1).map((line) => line.text).join('');
    // The title is the line without its number: what comes before it is the number.
    if (whole !== section.title && whole.endsWith(section.title)) {
      const number = whole.slice(0, whole.length - section.title.length).trimEnd();
      if (number !== '' && first.text.startsWith(number)) outside(OutsideRule.PieceNumber, first, number);
    }
  }
  // A title with no text: its line (or the two of a wrapped title) under a rule of its own.
  const lone = new Set<number>();
  for (const section of untitled) if (section.titleLine !== -1) for (let i = section.titleFrom ?? section.titleLine; i <= section.titleLine; i++) lone.add(i);
  lines.forEach((line, i) => {
    if (held[i] || line.text === '') return;
    const inToc = toc !== undefined && i >= toc.headerLine && i < toc.endLine;
    outside(inToc ? OutsideRule.TableOfContents : lone.has(i) ? OutsideRule.TitleWithoutText : OutsideRule.Cover, line, line.text);
  });
  return pieces.sort((a, b) => a.line - b.line || a.column - b.column);
}

function splitByToc(lines: readonly string[], toc: Toc, warnings: SplitWarning[], page: PageTitles): Section[] | undefined {
  const found = locateEntries(lines, toc.entries, toc.endLine);
  const matched = found.filter((at) => at !== -1).length;
  if (matched < Math.ceil(toc.entries.length / 2)) {
    // The entries could not be found in the body: still drop cover and table, then look for titles.
    return splitByTitles(lines, toc.endLine, lines.length, coverTitle(lines, toc.headerLine) ?? DEFAULT_TITLE, page);
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
    sections.push(...splitByTitles(lines, toc.endLine, firstStart, coverTitle(lines, toc.headerLine) ?? DEFAULT_TITLE, page));
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

/** What reading the page said of titles (zones/page-zones.ts): lines that open a report whatever their shape, and lines that do not. */
type PageTitles = Pick<PageReading, 'titles' | 'notTitles'>;

const NO_PAGE_TITLES: PageTitles = { titles: new Set(), notTitles: new Set() };

/** Sections of `lines[from, to)` opened by report titles, and by the titles the page gives its documents. */
function splitByTitles(lines: readonly string[], from: number, to: number, fallback: string, page: PageTitles = NO_PAGE_TITLES): Section[] {
  const numbered = findNumberedTitles(lines, from, to);
  const given = [...page.titles].filter((at) => at >= from && at < to);
  const found = [...findTitleLines(lines, from, to), ...numbered.keys()].filter((at) => !page.notTitles.has(at));
  const titles = [...new Set([...found, ...given])].sort((a, b) => a - b);
  const titleAt = (at: number): string => numbered.get(at) ?? lines[at] ?? fallback;
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

  // A title wrapped over two lines starts on the line above (its head); titles[-1] stands for `from`.
  const heads = titles.map((at, k) => (numbered.has(at) ? undefined : wrappedTitleHead(lines, at, k === 0 ? from : (titles[k - 1] ?? from) + 1)));
  const sections: Section[] = [];
  const firstTitle = heads[0] ?? titles[0] ?? to;
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
    const head = heads[k];
    const end = heads[k + 1] ?? titles[k + 1] ?? to;
    sections.push(head === undefined ? { title: titleAt(at), titleLine: at, start: at + 1, end } : { title: `${lines[head]}${titleAt(at)}`, titleLine: at, titleFrom: head, start: at + 1, end });
  });
  return sections;
}

/** Fewest characters the head of a title wrapped over two lines has: a line the copy filled. */
const MIN_WRAPPED_HEAD = 12;

/**
 * The line above the title at `at` when the two are one title wrapped over two lines
 * (`…个人对照检` / `查材料（含案例）`): the line right above (no blank line between), at least as long
 * as the title's tail and long enough to have been filled by a wrap, title-shaped but naming no genre
 * itself, and the two read together as a report title. `from` is the first line that may be the head.
 */
function wrappedTitleHead(lines: readonly string[], at: number, from: number): number | undefined {
  const above = at - 1;
  if (above < from) return undefined;
  const head = lines[above] ?? '';
  const tail = lines[at] ?? '';
  if (head.length < MIN_WRAPPED_HEAD || head.length < tail.length || !isTitleShaped(head) || isReportTitle(head) || isCountLine(head)) return undefined;
  // A signature (a unit, a person) closing the report above, not a title's first half.
  if (namesUnitOrPerson(head)) return undefined;
  // A title stands apart: the head opens the text or follows a blank line.
  if (above - 1 >= from && (lines[above - 1] ?? '') !== '') return undefined;
  return isReportTitle(`${head}${tail}`) ? above : undefined;
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

function opensReport(lines: readonly string[], i: number, from: number, to: number, line: string = lines[i] ?? ''): boolean {
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

/**
 * Numbered report titles of a compilation without a table of contents (`1.…述职报告`,
 * `一、…的讲话`, `第二篇 …`), by line, with the title they give (without the number). They are
 * lines numbered 1, 2, 3 … in one style, each a report title where a report can open. A report's
 * own headings are numbered too (`一、2023年度工作总结`), so the run is taken only when nothing but
 * cover lines stands before it and no piece's body numbers on from its title.
 */
function findNumberedTitles(lines: readonly string[], from: number, to: number): Map<number, string> {
  const numbered = new Map<number, string>();
  // Each line's piece number, read once: the candidates, the lines after them and the pieces' bodies ask.
  const numbers = lines.slice(from, to).map(pieceNumber);
  const numberAt = (i: number) => (i >= from && i < to ? numbers[i - from] : undefined);
  // Candidates by style, then by value, each list in line order.
  const byStyle = new Map<number, Map<number, NumberedLine[]>>();
  for (let i = from; i < to; i++) {
    const piece = numberAt(i);
    if (!piece || !isReportTitle(piece.rest) || !opensReport(lines, i, from, to, piece.rest)) continue;
    // A list of numbered titles is a table of contents, not titles over bodies.
    const next = numberAt(nextContentLine(lines, i + 1, to));
    if (next && isReportTitle(next.rest)) continue;
    const byValue = byStyle.get(piece.style) ?? new Map<number, NumberedLine[]>();
    byStyle.set(piece.style, byValue);
    const same = byValue.get(piece.value) ?? [];
    byValue.set(piece.value, same);
    same.push({ at: i, ...piece });
  }
  let best: NumberedLine[] = [];
  const contentLines = contentLineCounter(lines);
  for (const byValue of byStyle.values()) {
    const run = numberedRun(contentLines, byValue, to);
    if (run.length > best.length) best = run;
  }
  if (endsWithHeading(best, contentLines, to)) best = best.slice(0, -1);
  if (best.length < 2) return numbered;
  const before = lines.slice(from, best[0]!.at).filter((line) => line !== '');
  if (!before.every((line) => isCountLine(line) || (isTitleShaped(line) && !isReportTitle(line)))) return numbered;
  // Headings number on through the lines between (`一、…总结` `二、…计划` `三、存在问题`); the
  // pieces' own headings, numbered alike, start again at 1. Lines numbered as titles
  // (`3.上半年工作总结`, a heading that lost its number to a longer title) say nothing of that.
  const bounds = [...best.map((c) => c.at), to];
  const runsOn = best.some((c, k) => {
    for (let i = c.at + 1; i < bounds[k + 1]!; i++) {
      const n = numberAt(i);
      if (n?.style === c.style && !isReportTitle(n.rest)) return n.value === c.value + 1;
    }
    return false;
  });
  if (runsOn) return numbered;
  for (const c of best) numbered.set(c.at, c.rest);
  return numbered;
}

/** Characters a title that names its unit, year or person has at least (`专题民主生活会主持词`: 10). */
const MIN_NAMING_TITLE = 8;

/**
 * The last line of a run is a heading numbered on after the last title (`3.上半年工作总结` a few
 * paragraphs under `2.…专题党课讲稿`): too short to name a unit, a year or a person as titles do,
 * far shorter than the run's titles, and the piece it would end far smaller than the others.
 */
function endsWithHeading(run: readonly NumberedLine[], contentLines: (from: number, to: number) => number, to: number): boolean {
  if (run.length < 3) return false;
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] ?? 0;
  const last = run.at(-1)!;
  const pieces = run.map((c, k) => contentLines(c.at + 1, run[k + 1]?.at ?? to));
  return (
    last.rest.length < MIN_NAMING_TITLE && last.rest.length * 2 < median(run.map((c) => c.rest.length)) && pieces.at(-2)! * 2 < median(pieces)
  );
}

/** Fewest lines of body a numbered piece has before the next one. */
const MIN_PIECE_LINES = 3;

/** The number of non-empty lines in `[from, to)` of `lines`, by a table of counts made once. */
function contentLineCounter(lines: readonly string[]): (from: number, to: number) => number {
  const before = new Uint32Array(lines.length + 1);
  for (let i = 0; i < lines.length; i++) before[i + 1] = before[i]! + ((lines[i] ?? '') === '' ? 0 : 1);
  return (from, to) => before[to]! - before[from]!;
}

interface NumberedLine {
  readonly at: number;
  readonly style: number;
  readonly value: number;
  readonly rest: string;
}

/**
 * The run 1, 2, 3 … through `byValue` (lines numbered in one style, by value), in line order. Of
 * several lines numbered alike before the next number, the title is the longest: it names a
 * unit, a year or a person (`3.刘XX同志…的讲话`), a heading inside a report seldom does
 * (`3.上半年工作总结`).
 */
function numberedRun(contentLines: (from: number, to: number) => number, byValue: ReadonlyMap<number, readonly NumberedLine[]>, to: number): NumberedLine[] {
  const run: NumberedLine[] = [];
  for (let value = 1, after = -1; ; value++) {
    // A report of a compilation has a body: a line numbered next a paragraph or two into the last
    // piece is a heading of that piece.
    const options = (byValue.get(value) ?? []).filter((c) => c.at > after && (after < 0 || contentLines(after + 1, c.at) >= MIN_PIECE_LINES));
    if (options.length === 0) return run;
    const nextAt = byValue.get(value + 1)?.find((c) => c.at > options[0]!.at)?.at ?? to;
    const pick = options.filter((c) => c.at < nextAt).reduce((a, b) => (b.rest.length > a.rest.length ? b : a));
    run.push(pick);
    after = pick.at;
  }
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

/** Warnings about the reports themselves: title-shaped lines left in a body, outsized reports. */
function bodyWarnings(lines: readonly string[], sections: readonly Section[], reports: readonly Report[]): SplitWarning[] {
  const warnings: SplitWarning[] = [];
  const sizes = reports.map((report) => report.blocks.reduce((n, block) => n + block.text.length, 0));
  const sorted = [...sizes].sort((a, b) => a - b);
  sections.forEach((section, k) => {
    const report = k + 1;
    const title = reports[k]?.title ?? '';
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
