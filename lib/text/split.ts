/**
 * Splitting cleaned text into reports. Compilations with a table of contents are split at the
 * headings the entries point to; other text at lines that look like report titles; text with no
 * title at all becomes one report. What the split is unsure of comes back as warnings.
 */
import { buildReport } from '../model/build-report.js';
import type { Report } from '../model/report.js';
import { WarningCode, type WarningFacts } from '../warnings.js';
import { nextContentLine } from './content-lines.js';
import { isCountLine } from './lexicon/furniture.js';
import { pieceNumber, withoutPieceNumber } from './lexicon/numbering.js';
import { hasStrayFullStop, withoutStrayFullStop } from './lexicon/punctuation.js';
import { isReportTitle, isSubtitle, isTitleShaped } from './lexicon/title-shape.js';
import { lazy } from '../lazy.js';
import { decide, type FallbackRule } from './decision.js';
import { HeadVerdict, OPENS_REPORT, OpeningVerdict, ReportBoundary, RUN_END, RunEndVerdict, WRAPPED_TITLE_HEAD, type OpeningContext } from './split-rules.js';
import { findToc, locateEntries, type Toc } from './toc.js';
import { TUNING } from './tuning.js';
import { readPage } from './zones/page-zones.js';
import type { PageLine, PageReading } from './zones/page-lines.js';

export interface SplitOptions {
  /** Title to use when the text has no recognisable title (e.g. the file name's stem). */
  readonly fallbackTitle?: string;
  /**
   * Called with every decision the split takes about a line: each report's boundary (the rule it
   * was opened by), whether a title-shaped line opens a report, whether the last of a numbered run is
   * a heading, whether a line is the first half of a wrapped title. Default: none.
   */
  readonly onDecision?: (decision: SplitDecision) => void;
}

/** What the split decided about a line, and the rule that decided it. */
export interface SplitDecision {
  /** `report` for a report's boundary, `line` for any other decision. */
  readonly kind: 'report' | 'line';
  /** 0-based line of the cleaned text: the line decided about, or a report's first line. */
  readonly line: number;
  readonly text: string;
  readonly rule: Omit<FallbackRule<string>, 'verdict'> & { readonly verdict?: string };
}

/** Where a split's decisions go, when they are asked for. */
type Note = ((decision: SplitDecision) => void) | undefined;

/**
 * A warning about the split, as code and facts (the sentence comes from the message catalogue),
 * whose `line` is still a 0-based line index of the text given to the split (splitStage turns it
 * into a line of the input file and adds the sentence).
 */
export type SplitWarning = WarningFacts;

export interface SplitResult {
  readonly reports: readonly Report[];
  readonly warnings: readonly SplitWarning[];
  /** Text of the cleaned input that no report holds, each piece with the rule that left it out. */
  readonly outside: readonly OutsideText[];
  /** Where each report stands among the lines the split read, so corrections can move its bounds (lib/corrections). */
  readonly layout: SplitLayout;
}

/** The lines a split read and, for each report (in order), the lines it was made of. */
export interface SplitLayout {
  readonly lines: readonly PageLine[];
  readonly sections: readonly ReportSection[];
}

/** The lines of one report, as indices into {@link SplitLayout.lines}: its title line(s), then its text `[start, end)`. */
export interface ReportSection {
  readonly title: string;
  /** Line of the title, or -1 when the title is not a line of the text (a fallback). */
  readonly titleLine: number;
  /** First line of a title wrapped over two lines; absent for a one-line title. */
  readonly titleFrom?: number;
  readonly start: number;
  readonly end: number;
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

/** What each {@link OutsideRule} leaves out, for the trace and the removal log's readers. */
export const OUTSIDE_RULE_DESCRIPTIONS: Readonly<Record<OutsideRule, string>> = {
  [OutsideRule.Cover]: 'a line before the first report that is no report\'s text: a compilation\'s cover title, a count line (（5篇）)',
  [OutsideRule.TableOfContents]: 'a table of contents: its heading (目录) and its entries, which point to the reports',
  [OutsideRule.PieceNumber]: 'the number a compilation puts before a report\'s title (1., 第二篇, 材料三：), left out of the title',
  [OutsideRule.TitleWithoutText]: 'a title with no text under it: no report is made of it (an EMPTY_REPORT warning names it)',
};

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

/** A span of lines that becomes one report: `title` and the lines after it up to `end`. */
interface Section extends ReportSection {
  /** The rule the report was opened by. */
  readonly openedBy: Omit<FallbackRule<string>, 'verdict'>;
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
  const note = options.onDecision;
  const toc = findToc(lines);
  const sections = (toc && splitByToc(lines, toc, warnings, note, page)) ?? splitByTitles(lines, 0, lines.length, fallback, note, page);
  const built = sections.map((section) => ({ section, report: buildReport(section.title, lines.slice(section.start, section.end)) }));
  // Never a report of a title alone: it is logged and named in a warning instead.
  const kept = built.filter(({ report }) => report.blocks.length > 0);
  const untitled = built.filter(({ report }) => report.blocks.length === 0 && report.title !== '').map(({ section }) => section);
  for (const { section, report } of kept) {
    note?.({ kind: 'report', line: section.titleLine === -1 ? section.start : (section.titleFrom ?? section.titleLine), text: report.title, rule: section.openedBy });
  }
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
    layout: { lines: page.lines, sections: kept.map(({ section }) => section) },
  };
}

function emptyTitleWarning(section: Section): SplitWarning {
  return {
    code: WarningCode.EmptyReport,
    ...(section.titleLine === -1 ? {} : { line: section.titleLine }),
    text: section.title,
  };
}

function noTitleWarning(report: number, title: string): SplitWarning {
  return {
    code: WarningCode.NoTitle,
    report,
    text: title,
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

function splitByToc(lines: readonly string[], toc: Toc, warnings: SplitWarning[], note: Note, page: PageTitles): Section[] | undefined {
  const found = locateEntries(lines, toc.entries, toc.endLine);
  const matched = found.filter((at) => at !== -1).length;
  if (matched < Math.ceil(toc.entries.length / 2)) {
    // The entries could not be found in the body: still drop cover and table, then look for titles.
    return splitByTitles(lines, toc.endLine, lines.length, coverTitle(lines, toc.headerLine) ?? DEFAULT_TITLE, note, page);
  }
  toc.entries.forEach((entry, k) => {
    if (found[k] !== -1) return;
    warnings.push({ code: WarningCode.TocEntryMissing, line: entry.line, text: entry.text });
  });

  const sections: Section[] = [];
  const starts = found.map((at, i) => ({ at, entry: toc.entries[i] })).filter((item) => item.at !== -1);
  const firstStart = starts[0]?.at ?? lines.length;
  // Between the table and the first listed report: a foreword (kept under the compilation's
  // title), or reports the table does not list.
  if (lines.slice(toc.endLine, firstStart).some((line) => line !== '')) {
    sections.push(...splitByTitles(lines, toc.endLine, firstStart, coverTitle(lines, toc.headerLine) ?? DEFAULT_TITLE, note, page));
  }
  starts.forEach(({ at, entry }, k) => {
    const line = lines[at] ?? '';
    sections.push({
      title: entry?.numbered ? withoutPieceNumber(line) || line : line,
      titleLine: at,
      start: at + 1,
      end: starts[k + 1]?.at ?? lines.length,
      openedBy: ReportBoundary.TocEntry,
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
function splitByTitles(lines: readonly string[], from: number, to: number, fallback: string, note: Note, page: PageTitles = NO_PAGE_TITLES): Section[] {
  const numbered = findNumberedTitles(lines, from, to, note);
  const opened = findTitleLines(lines, from, to, note);
  const given = [...page.titles].filter((at) => at >= from && at < to);
  const found = [...opened.keys(), ...numbered.keys()].filter((at) => !page.notTitles.has(at));
  const titles = [...new Set([...found, ...given])].sort((a, b) => a - b);
  const titleAt = (at: number): string => numbered.get(at) ?? lines[at] ?? fallback;
  const firstContent = nextContentLine(lines, from, to);
  if (firstContent === -1) return [];

  if (titles.length === 0) {
    const first = lines[firstContent] ?? '';
    const hasBody = nextContentLine(lines, firstContent + 1, to) !== -1;
    // A report title may carry a stray full stop (`…述职报告。`); a plain sentence may not.
    const titled = isTitleShaped(first) || (hasStrayFullStop(first) && isReportTitle(withoutStrayFullStop(first)));
    if (hasBody && titled) return [{ title: first, titleLine: firstContent, start: firstContent + 1, end: to, openedBy: ReportBoundary.FirstLineTitle }];
    return [{ title: fallback, titleLine: -1, start: firstContent, end: to, openedBy: ReportBoundary.NoTitle }];
  }

  // A title wrapped over two lines starts on the line above (its head); titles[-1] stands for `from`.
  const heads = titles.map((at, k) => (numbered.has(at) ? undefined : wrappedTitleHead(lines, at, k === 0 ? from : (titles[k - 1] ?? from) + 1, note)));
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
      openedBy: ReportBoundary.TextBeforeFirstTitle,
    });
  }
  titles.forEach((at, k) => {
    const head = heads[k];
    const end = heads[k + 1] ?? titles[k + 1] ?? to;
    const openedBy = numbered.has(at) ? ReportBoundary.NumberedPiece : (opened.get(at) ?? ReportBoundary.NumberedPiece);
    sections.push(
      head === undefined
        ? { title: titleAt(at), titleLine: at, start: at + 1, end, openedBy }
        : { title: `${lines[head]}${titleAt(at)}`, titleLine: at, titleFrom: head, start: at + 1, end, openedBy },
    );
  });
  return sections;
}

/**
 * The line above the title at `at` when the two are one title wrapped over two lines (see
 * {@link WRAPPED_TITLE_HEAD}). `from` is the first line that may be the head.
 */
function wrappedTitleHead(lines: readonly string[], at: number, from: number, note: Note): number | undefined {
  const above = at - 1;
  if (above < from) return undefined;
  const head = lines[above] ?? '';
  const rule = decide(WRAPPED_TITLE_HEAD, { head, tail: lines[at] ?? '', above: above - 1 >= from ? (lines[above - 1] ?? '') : undefined });
  if (head !== '') note?.({ kind: 'line', line: above, text: head, rule });
  return rule.verdict === HeadVerdict.Head ? above : undefined;
}

/**
 * Lines of `lines[from, to)` that open a report: a title-shaped line that names a genre (or has a
 * subtitle under it), followed by the start of a body, and not continuing the line above it.
 */
function findTitleLines(lines: readonly string[], from: number, to: number, note: Note): Map<number, FallbackRule<OpeningVerdict>> {
  const titles = new Map<number, FallbackRule<OpeningVerdict>>();
  for (let i = from; i < to; i++) {
    const rule = opensReport(lines, i, from, to);
    if (rule.verdict === OpeningVerdict.Opens) titles.set(i, rule);
    // Lines not shaped like a title are most lines: the trace names only the title-shaped ones.
    else if (rule !== OPENS_REPORT.rules[0]) note?.({ kind: 'line', line: i, text: lines[i] ?? '', rule });
  }
  return titles;
}

/** Whether line `i` of `lines[from, to)` opens a report (see {@link OPENS_REPORT}), taking it as `line`. */
function opensReport(lines: readonly string[], i: number, from: number, to: number, line: string = lines[i] ?? ''): FallbackRule<OpeningVerdict> {
  const next = lazy(() => nextContentLine(lines, i + 1, to));
  const afterNext = lazy(() => (next() === -1 ? -1 : nextContentLine(lines, next() + 1, to)));
  const context: OpeningContext = {
    line,
    previous: i - 1 < from ? '' : (lines[i - 1] ?? ''),
    next: () => (next() === -1 ? undefined : (lines[next()] ?? '')),
    afterNext: () => (afterNext() === -1 ? undefined : (lines[afterNext()] ?? '')),
    thirdNext: () => {
      if (afterNext() === -1) return undefined;
      const third = nextContentLine(lines, afterNext() + 1, to);
      return third === -1 ? undefined : (lines[third] ?? '');
    },
  };
  return decide(OPENS_REPORT, context);
}

/**
 * Numbered report titles of a compilation without a table of contents (`1.…述职报告`,
 * `一、…的讲话`, `第二篇 …`), by line, with the title they give (without the number). They are
 * lines numbered 1, 2, 3 … in one style, each a report title where a report can open. A report's
 * own headings are numbered too (`一、2023年度工作总结`), so the run is taken only when nothing but
 * cover lines stands before it and no piece's body numbers on from its title.
 */
function findNumberedTitles(lines: readonly string[], from: number, to: number, note: Note): Map<number, string> {
  const numbered = new Map<number, string>();
  // Each line's piece number, read once: the candidates, the lines after them and the pieces' bodies ask.
  const numbers = lines.slice(from, to).map(pieceNumber);
  const numberAt = (i: number) => (i >= from && i < to ? numbers[i - from] : undefined);
  // Candidates by style, then by value, each list in line order.
  const byStyle = new Map<number, Map<number, NumberedLine[]>>();
  for (let i = from; i < to; i++) {
    const piece = numberAt(i);
    if (!piece || !isReportTitle(piece.rest) || opensReport(lines, i, from, to, piece.rest).verdict !== OpeningVerdict.Opens) continue;
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
  if (best.length > 0) {
    const last = best.at(-1)!;
    const rule = decide(RUN_END, {
      titleLengths: best.map((c) => c.rest.length),
      pieceLines: best.map((c, k) => contentLines(c.at + 1, best[k + 1]?.at ?? to)),
    });
    note?.({ kind: 'line', line: last.at, text: lines[last.at] ?? '', rule });
    if (rule.verdict === RunEndVerdict.Heading) best = best.slice(0, -1);
  }
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
    const options = (byValue.get(value) ?? []).filter((c) => c.at > after && (after < 0 || contentLines(after + 1, c.at) >= TUNING.split.minPieceLines));
    if (options.length === 0) return run;
    const nextAt = byValue.get(value + 1)?.find((c) => c.at > options[0]!.at)?.at ?? to;
    const pick = options.filter((c) => c.at < nextAt).reduce((a, b) => (b.rest.length > a.rest.length ? b : a));
    run.push(pick);
    after = pick.at;
  }
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
      warnings.push({ code: WarningCode.TitleInBody, report, line: i, text: line, params: { title } });
    }
    if (sizes.length - 1 >= TUNING.split.minSiblingsForSize) {
      const median = medianWithout(sorted, sizes[k] ?? 0);
      const size = sizes[k] ?? 0;
      if (median > 0 && size > TUNING.split.oversizeFactor * median) {
        warnings.push({
          code: WarningCode.OversizedReport,
          report,
          line: section.titleLine === -1 ? undefined : section.titleLine,
          text: title,
          params: { size, factor: TUNING.split.oversizeFactor, median: Math.round(median) },
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
