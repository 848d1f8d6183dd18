/**
 * The conversion pipeline as pure stages: bytes + name in, values out. The CLI runs the stages
 * in-process; the Lambda chain runs one stage per function with the work bucket in between. Both
 * call exactly these functions, so both produce the same bytes.
 */
import { createHash } from 'node:crypto';
import { InputError, InputErrorCode } from './errors.js';
import type { InputText } from './input-text.js';
import { encodeJsonBytes, encodeJsonLines } from './json-bytes.js';
import { formatMessage } from './messages/format.js';
import { Lang } from './messages/lang.js';
import type { Report } from './model/report.js';
import { reportParagraphs } from './model/report.js';
import type { LineDecision } from './explain.js';
import { reportParts, type ReportPart } from './model/report-parts.js';
import { cleanText, type CleanDecision, type CleanOptions, type CleanResult, type Removal } from './text/clean.js';
import { decodeText, type DecodeOptions } from './text/decode.js';
import { countLines, cutsInside, inputLineOf, inputPositionAt, lineShifts, type LineShift } from './text/source-lines.js';
import { splitText, type OutsideText, type SplitDecision, type SplitResult, type SplitWarning } from './text/split.js';
import { readPage } from './text/zones/page-zones.js';
import { documentDate } from './render/document-facts.js';
import type { FontLibrary } from './render/pdf/font-library.js';
import type { StyleProfile } from './render/style.js';
import { WarningCode, type ConversionWarning } from './warnings.js';
import type { CorrectionsDocument } from './corrections/corrections-document.js';
import { correctionsRecord, correctionWarnings, type CorrectionsRecord, type PendingCorrections } from './corrections/correction-outcomes.js';
import { applyReportCorrections, reportSpans, type CorrectionCut, type ReportSpan } from './corrections/report-corrections.js';
import { applyTextCorrections } from './corrections/text-corrections.js';
import { NO_USER_RULES, userCleanRules, withUserRuleFacts, type UserRules } from './corrections/user-rules.js';

/** How much cleaning removed: the removal log in figures. */
export interface CleaningSummary {
  readonly removals: number;
  readonly charactersRemoved: number;
  /** Removals per rule family. */
  readonly byFamily: Readonly<Record<string, number>>;
}

/**
 * What splitting needs of a cleaned input: the text, the cleaning in figures and the line shifts
 * that give warnings their input line. The chain hands this on from clean to split; the removal
 * log itself, which can be many times the size of the input, stays with the clean stage.
 */
export interface CleanedText {
  /** The input's file name (no folders), e.g. `report.txt`. */
  readonly source: string;
  readonly text: string;
  readonly summary: CleaningSummary;
  readonly lineShifts: readonly LineShift[];
  /** Corrections on their way to the split: what the cleaning decided, and the report operations left. */
  readonly corrections?: PendingCorrections;
  /** Warnings found before the split (a corrections or rules file that could not be used), for the manifest. */
  readonly warnings?: readonly ConversionWarning[];
}

/** What the clean stage produces: the cleaned text and the log of every cut. */
export interface CleanedDocument extends CleanedText {
  /** Built when first read; {@link encodeRemovalLog} never builds it. */
  readonly removals: readonly Removal[];
  /** Visits every cut in offset order without building the log. */
  forEachRemoval(visit: (removal: Removal) => void): void;
  /** With {@link CleanStageOptions.explain}: the cleaning's decisions about lines, in input order (see explain.ts). */
  readonly decisions?: readonly LineDecision[];
}

export interface CleanStageOptions {
  readonly decode?: DecodeOptions;
  readonly clean?: CleanOptions;
  /** Record the rule of every decision about a line, for a trace (`--explain`). Default false. */
  readonly explain?: boolean;
  /** The person's own rules, applied as cleaning rules of the family `user-rule` (lib/corrections/user-rules.ts). */
  readonly userRules?: UserRules;
  /** Corrections of this input: the text operations are applied after cleaning, the report operations after splitting. */
  readonly corrections?: CorrectionsDocument;
  /** Warnings to carry to the manifest (a corrections or rules file the shell could not use). */
  readonly warnings?: readonly ConversionWarning[];
}

/** Output base name of a report: `NN-<title>` with the title made file-name safe. */
export function documentBaseName(index: number, title: string): string {
  const safe = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 80);
  return `${String(index).padStart(2, '0')}-${safe || 'report'}`;
}

const DOCUMENT_NAME = /^\d{2,}-.+\.(?:docx|pdf)$/;

/** True for the names report-press gives documents (`NN-<title>.docx|pdf`); nothing else is ever removed. */
export function isDocumentFileName(name: string): boolean {
  return DOCUMENT_NAME.test(name);
}

/**
 * Documents an earlier conversion of the same input wrote that the new manifest no longer lists
 * (a changed input that now holds fewer reports, or retitled ones). Only what the previous manifest
 * of that folder listed is ever named, and only plain `NN-<title>.docx|pdf` file names: a file a user
 * put in the folder, or one a tampered manifest points at elsewhere (`../x.pdf`), is never touched.
 * With no previous manifest there is nothing to remove.
 */
export function staleDocuments(previous: Pick<Manifest, 'reports'> | undefined, next: Manifest): string[] {
  if (previous === undefined) return [];
  const listed = new Set(next.reports.flatMap((r) => [r.docx, r.pdf]));
  const earlier = previous.reports.flatMap((r) => [r.docx, r.pdf]).filter((name): name is string => typeof name === 'string');
  return [...new Set(earlier)].filter((name) => isDocumentFileName(name) && !/[\\/]/.test(name) && !listed.has(name));
}

/**
 * The documents a manifest written earlier lists, read leniently: `undefined` for bytes that are not
 * a report-press manifest (a user's own file, a truncated write), so that nothing is removed on the
 * strength of them.
 */
export function manifestListing(bytes: Uint8Array): Pick<Manifest, 'reports'> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
  const manifest = value as { generator?: unknown; reports?: unknown } | null;
  if (manifest === null || typeof manifest !== 'object' || manifest.generator !== GENERATOR || !Array.isArray(manifest.reports)) return undefined;
  const reports = (manifest.reports as unknown[]).filter((r): r is ManifestReport => r !== null && typeof r === 'object');
  return { reports };
}

/**
 * The output folder name for an input: its file name without the extension, made safe as one path
 * segment of its own. Never empty, `.` or `..` (an input named `...txt` must not write into the
 * folder above), never hidden: leading dots become `_` (`..txt` → `_`, `.notes.txt` → `_notes`).
 */
export function sourceStem(source: string): string {
  const base = source.split(/[\\/]/).pop() ?? source;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const safe = stem.replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  return safe === '' ? '_' : safe;
}

/**
 * Below this many visible characters, a text without a single Chinese character is refused: a
 * stray word or a file name (`mine`) is the wrong file, not a report, and a one-page document named
 * after it helps no one. A page of English prose is well above it and is converted as it is.
 */
const MIN_CHARACTERS_WITHOUT_CHINESE = 100;
const HAN = /\p{Script=Han}/u;

function visibleCharacters(text: string): number {
  let count = 0;
  for (const character of text) if (!/\s/u.test(character)) count += 1;
  return count;
}

/**
 * Stage 1: decode and clean. Takes the input's bytes (a text file, decoded here with
 * `options.decode`) or its text as {@link readInputText} read it (a Word document too). Throws
 * {@link InputError} for input that cannot become a report (empty, binary, too large, undecodable,
 * nothing left after cleaning, too many lines).
 */
export function cleanStage(input: Uint8Array | InputText, source: string, options: CleanStageOptions = {}): CleanedDocument {
  const bytes = input instanceof Uint8Array ? input : input.bytes;
  const decoded = input instanceof Uint8Array ? decodeText(input, options.decode) : input.text;
  const taken: CleanDecision[] | undefined = options.explain ? [] : undefined;
  const userRules = options.userRules ?? NO_USER_RULES;
  const rules = userRules.rules.length > 0 ? { ...options.clean, rules: [...(options.clean?.rules ?? []), ...userCleanRules(userRules)] } : options.clean;
  const cleaned = cleanText(decoded, taken ? { ...rules, onDecision: (decision) => taken.push(decision) } : rules);
  // Corrections rebuild the text from the input and the corrected cuts (text-corrections.ts).
  const corrected = options.corrections ? applyTextCorrections(decoded, cleaned.removals, options.corrections, { inputSha256: digestOf(bytes).sha256 }) : undefined;
  const text = corrected?.text ?? cleaned.text;
  // Text first: the removal log is built when first read, and a refused input never needs it.
  if (text.trim() === '') {
    throw new InputError(InputErrorCode.NothingLeft, { stage: 'clean' });
  }
  const characters = visibleCharacters(text);
  if (characters < MIN_CHARACTERS_WITHOUT_CHINESE && !HAN.test(text)) {
    throw new InputError(InputErrorCode.NothingLeft, { stage: 'too-little', characters });
  }
  const lines = countLines(text);
  if (lines > MAX_LINES) throw new InputError(InputErrorCode.TooManyLines, { lines, limit: MAX_LINES });
  const forEachRemoval = withUserRuleFacts(corrected ? (visit) => corrected.removals.forEach((removal) => visit(removal)) : cleaned.forEachRemoval, userRules);
  let removals: readonly Removal[] | undefined = corrected?.removals;
  return {
    source,
    text,
    get removals() {
      if (removals === undefined) {
        const log: Removal[] = [];
        forEachRemoval((removal) => log.push(removal));
        removals = log;
      }
      return removals;
    },
    forEachRemoval,
    summary: cleaningSummary(forEachRemoval),
    // The split cuts pieces of the lines reading the page cuts inside: their inside positions go along.
    lineShifts: lineShifts(text, forEachRemoval, { inside: linesCutInside(text) }),
    ...(corrected ? { corrections: corrected.corrections } : {}),
    ...(options.warnings && options.warnings.length > 0 ? { warnings: options.warnings } : {}),
    ...(taken ? { decisions: cleanLineDecisions(decoded, taken) } : {}),
  };
}

/**
 * The cleaning's decisions at their input lines, in input order. The repeated passes decide a kept
 * line break again in every round; the last decision about each line is the one that stood.
 */
function cleanLineDecisions(input: string, taken: readonly CleanDecision[]): LineDecision[] {
  const last = new Map<string, CleanDecision>();
  for (const decision of taken) last.set(`${decision.kind} ${decision.offset}`, decision);
  const decisions = [...last.values()].sort((a, b) => a.offset - b.offset);
  const placed: LineDecision[] = [];
  let line = 1;
  let at = 0;
  for (const { offset, kind, text, rule } of decisions) {
    for (let newline = input.indexOf('\n', at); newline !== -1 && newline < offset; newline = input.indexOf('\n', newline + 1)) {
      line++;
      at = newline + 1;
    }
    placed.push({ line, kind, text, rule });
  }
  return placed;
}

function cleaningSummary(forEachRemoval: CleanResult['forEachRemoval']): CleaningSummary {
  const byFamily: Record<string, number> = {};
  let charactersRemoved = 0;
  let removals = 0;
  forEachRemoval((removal) => {
    removals++;
    byFamily[removal.family] = (byFamily[removal.family] ?? 0) + 1;
    // A normalisation (`, ` → `，`) removes what its replacement does not put back.
    charactersRemoved += removal.text.length - (removal.replacement?.length ?? 0);
  });
  return { removals, charactersRemoved, byFamily };
}

/** The part of a cleaned document the split stage needs (what the chain hands from clean to split). */
export function cleanedText(cleaned: CleanedText): CleanedText {
  const { source, text, summary, lineShifts, corrections, warnings } = cleaned;
  return { source, text, summary, lineShifts, ...(corrections ? { corrections } : {}), ...(warnings ? { warnings } : {}) };
}

/**
 * Most lines a cleaned text may have. A real 20 MB compilation has about 40,000; a file of millions
 * of one-character lines would make a report of millions of blocks that no split memory bounds.
 */
export const MAX_LINES = 500_000;

/** SHA-256 (hex) and size of a file, so a download can be verified. */
export interface FileDigest {
  readonly sha256: string;
  readonly bytes: number;
}

/** The digest of some bytes. */
export function digestOf(bytes: Uint8Array): FileDigest {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength };
}

export interface ManifestReport {
  readonly index: number;
  readonly title: string;
  /** Paths relative to the manifest's folder. */
  readonly docx: string;
  readonly pdf: string;
  /** Digest of each document written (see {@link completeManifest}); absent in split's draft. */
  readonly files?: { readonly [F in DocumentFormat]?: FileDigest };
  /** Rendered paragraphs, title included. */
  readonly paragraphs: number;
  readonly characters: number;
  readonly headings: number;
  /**
   * Set when a report too long for one document is written in parts (report-parts.ts): this
   * entry's part number, how many parts there are, and the whole report's title.
   */
  readonly part?: { readonly number: number; readonly count: number; readonly reportTitle: string };
  /** Pages of the PDF (see {@link completeManifest}); absent in split's draft and when no PDF was written. */
  readonly pages?: number;
  /**
   * Where the report stands in the input (decoded, as removals.json counts): its first line (the
   * title's, or the text's when it has none) and the offset its text starts at. A report written in
   * parts gives it on its first part. The proofread view groups the input by these.
   */
  readonly at?: ReportPlace;
}

/** A report's place in the input: 1-based line, 0-based offsets of its first line and of its text. */
export interface ReportPlace {
  readonly line: number;
  readonly offset: number;
  readonly bodyOffset: number;
}

export interface Manifest {
  readonly source: string;
  /** Digest of the input as read (see {@link completeManifest}); absent in split's draft. */
  readonly input?: FileDigest;
  readonly generator: string;
  readonly profile: string;
  readonly reports: readonly ManifestReport[];
  readonly cleaning: {
    /** The removal log beside the manifest: every cut with its rule, line, column and text. */
    readonly log: string;
    readonly removals: number;
    readonly charactersRemoved: number;
    readonly byFamily: Readonly<Record<string, number>>;
  };
  /** What the conversion was unsure of (see warnings.ts); empty for a clean, confident run. */
  readonly warnings: readonly ConversionWarning[];
  /** The corrections applied (lib/corrections): what became of each operation; absent without corrections. */
  readonly corrections?: CorrectionsRecord;
}

export interface SplitStageResult {
  readonly reports: readonly Report[];
  readonly manifest: Manifest;
  /**
   * The split's own cuts, in the input's coordinates: text no report holds (a cover, a table of
   * contents, piece numbers). The removal log lists them with the cleaning's ({@link encodeRemovalLog}).
   */
  readonly removals: readonly Removal[];
  /** With {@link SplitStageOptions.explain}: the split's decisions about lines, at their input lines. */
  readonly decisions?: readonly LineDecision[];
}

export interface SplitStageOptions {
  /** Style profile id recorded in the manifest. */
  readonly profile?: string;
  /** Record the rule of every decision about a line, for a trace (`--explain`). Default false. */
  readonly explain?: boolean;
}

export const GENERATOR = 'report-press';

/** File name of the manifest in an input's output folder. */
export const MANIFEST = 'manifest.json';

/**
 * The bytes of a JSON file report-press writes (manifest, removal log, work items, error records):
 * indented, newline-terminated, the same from the CLI and from the Lambda chain.
 */
export function encodeJson(value: unknown): Uint8Array {
  return encodeJsonBytes(value, '\n');
}

/** File name of the removal log, written beside the manifest. */
export const REMOVAL_LOG = 'removals.json';

/** `removals.json`: every cut of a cleaned input, one per line, so users can audit them. */
export interface RemovalLog {
  readonly source: string;
  readonly removals: readonly Removal[];
}

/**
 * The bytes of the removal log of a converted input, the same from the CLI and the chain: a
 * {@link RemovalLog} with one cut per line, the cleaning's and the split's (`split`, from
 * {@link SplitStageResult.removals}) in offset order, written straight from the cuts so that a log of
 * a million cuts never exists as a million objects (nor as one string).
 */
export function encodeRemovalLog(cleaned: Pick<CleanedDocument, 'source' | 'summary' | 'forEachRemoval'>, split: readonly Removal[] = []): Uint8Array {
  const head = `{\n  "source": ${JSON.stringify(cleaned.source)},\n  "removals": `;
  const total = cleaned.summary.removals + split.length;
  if (total === 0) return encodeJsonLines(`${head}[]\n}\n`, () => {}, '');
  return encodeJsonLines(
    `${head}[\n`,
    (line) => {
      let count = 0;
      forEachCut(cleaned, split, (removal) => {
        count++;
        line(`    ${JSON.stringify(removal)}${count < total ? ',' : ''}\n`);
      });
    },
    '  ]\n}\n',
  );
}

/** Visits every cut of a converted input in offset order: the cleaning's and the split's (`split`). */
export function forEachCut(cleaned: Pick<CleanedDocument, 'forEachRemoval'>, split: readonly Removal[], visit: (removal: Removal) => void): void {
  let next = 0;
  cleaned.forEachRemoval((removal) => {
    while (next < split.length && split[next]!.offset <= removal.offset) visit(split[next++]!);
    visit(removal);
  });
  while (next < split.length) visit(split[next++]!);
}

/**
 * A removal log written by {@link encodeRemovalLog} from the cleaning alone, with the split's cuts
 * merged in: the same bytes as `encodeRemovalLog(cleaned, split)`. The chain's publisher has the
 * cleaning's log as an object, not the cuts; it is copied once, line by line, never parsed whole.
 */
export function mergeRemovalLog(log: Uint8Array, split: readonly Removal[]): Uint8Array {
  if (split.length === 0) return log;
  const encoder = new TextEncoder();
  // `{`, `  "source": …,` (a JSON string: no raw line break), then `  "removals": [`.
  const open = log.indexOf(0x0a, log.indexOf(0x0a) + 1) + 1 + '  "removals": '.length;
  const headEnd = open + 1;
  const head = new TextDecoder().decode(log.subarray(0, open));
  const added = split.map((removal) => encoder.encode(`    ${JSON.stringify(removal)}`));
  const out = new Uint8Array(log.length + added.reduce((n, bytes) => n + bytes.length + 2, 0) + 16);
  let at = 0;
  const write = (bytes: Uint8Array) => {
    out.set(bytes, at);
    at += bytes.length;
  };
  const COMMA_BREAK = encoder.encode(',\n');
  let first = true;
  const item = (bytes: Uint8Array) => {
    if (!first) write(COMMA_BREAK);
    first = false;
    write(bytes);
  };
  write(encoder.encode(`${head}[\n`));
  let next = 0;
  // Each cut of the cleaning's log is one line `    {"ruleId":…,"offset":N,…}` (`,` between).
  for (let start = headEnd + 1; start < log.length; ) {
    const end = log.indexOf(0x0a, start);
    const line = log.subarray(start, end === -1 ? log.length : end);
    start = end === -1 ? log.length : end + 1;
    if (line[4] !== 0x7b /* { */) continue;
    const body = line[line.length - 1] === 0x2c /* , */ ? line.subarray(0, -1) : line;
    const offset = removalOffset(body);
    while (next < split.length && split[next]!.offset <= offset) item(added[next++]!);
    item(body);
  }
  while (next < split.length) item(added[next++]!);
  write(encoder.encode('\n  ]\n}\n'));
  return out.subarray(0, at);
}

/** The `offset` of one encoded removal: its fields come in a fixed order, all ASCII before `text`. */
function removalOffset(line: Uint8Array): number {
  const key = '"offset":';
  const window = new TextDecoder().decode(line.subarray(0, Math.min(line.length, 400)));
  const at = window.indexOf(key);
  return at === -1 ? Number.POSITIVE_INFINITY : Number.parseInt(window.slice(at + key.length), 10);
}

/**
 * Stage 2: split the cleaned text into reports and describe the outputs in a manifest. A report too
 * long for one document comes back as its parts (report-parts.ts), each an entry of its own with a
 * `part`, and a `REPORT_IN_PARTS` warning says so.
 */
export function splitStage(cleaned: CleanedText, options: SplitStageOptions = {}): SplitStageResult {
  const taken: SplitDecision[] | undefined = options.explain ? [] : undefined;
  const split = splitText(cleaned.text, { fallbackTitle: sourceStem(cleaned.source), ...(taken ? { onDecision: (decision: SplitDecision) => taken.push(decision) } : {}) });
  if (split.reports.length === 0) {
    throw new InputError(InputErrorCode.NothingLeft, { stage: 'split' });
  }
  const { reports: splitReports, spans, cuts, warnings: splitWarnings, corrections } = correctedSplit(split, cleaned);
  const parted = splitReports.map((report) => reportParts(report));
  // One document per part; `of` is the index of the report (in split's order) it belongs to.
  const documents = parted.flatMap((parts, k) => parts.map((part) => ({ ...part, of: k })));
  // The manifest index of each report's first document: split's warnings name reports, not parts.
  const firstIndex: number[] = [];
  let next = 1;
  for (const parts of parted) {
    firstIndex.push(next);
    next += parts.length;
  }
  const summary = withSplitCuts(cleaned.summary, cuts);
  const lineStarts = cleanedLineStarts(cleaned.text, spans.reduce((last, span) => Math.max(last, span.body.line), 0));
  const placeOf = (place: { line: number; column: number }) => inputPositionAt(cleaned.lineShifts, place.line, lineStarts[place.line] ?? 0, place.column);
  const manifest: Manifest = {
    source: cleaned.source,
    generator: GENERATOR,
    profile: options.profile ?? 'gbt9704',
    reports: documents.map(({ report, part, of }, i) => {
      const base = documentBaseName(i + 1, report.title);
      const paragraphs = reportParagraphs(report);
      return {
        index: i + 1,
        title: report.title,
        docx: `${base}.docx`,
        pdf: `${base}.pdf`,
        paragraphs: paragraphs.length,
        characters: paragraphs.reduce((n, p) => n + p.length, 0),
        headings: report.blocks.filter((b) => b.kind === 'heading' || b.runIn).length,
        ...(part ? { part: { ...part, reportTitle: splitReports[of]!.title } } : {}),
        ...(part === undefined || part.number === 1 ? { at: reportPlace(spans[of]!, placeOf) } : {}),
      };
    }),
    cleaning: { log: REMOVAL_LOG, ...summary },
    warnings: [
      ...(cleaned.warnings ?? []),
      ...(corrections ? correctionWarnings(corrections) : []),
      ...inputLineWarnings(splitWarnings, cleaned).map((w) => (w.report === undefined ? w : { ...w, report: firstIndex[w.report - 1] ?? w.report })),
      ...partWarnings(splitReports, parted, firstIndex),
    ].sort((a, b) => (a.report ?? 0) - (b.report ?? 0)),
    ...(corrections ? { corrections } : {}),
  };
  const reports = documents.map(({ report }) => report);
  if (!taken) return { reports, manifest, removals: cuts };
  const inputLine = inputLineOf(cleaned.lineShifts);
  const decisions = taken.map(({ kind, line, text, rule }): LineDecision => ({ line: inputLine(line), kind, text, rule }));
  return { reports, manifest, removals: cuts, decisions };
}

/** What the split gives once the report corrections (if any) are applied to it. */
interface CorrectedSplit {
  readonly reports: readonly Report[];
  readonly spans: readonly ReportSpan[];
  /** The split's cuts (and the corrections' among them) as removals of the input, in offset order. */
  readonly cuts: readonly Removal[];
  readonly warnings: readonly SplitWarning[];
  readonly corrections?: CorrectionsRecord;
}

/**
 * The split with the report operations of the cleaning's pending corrections applied
 * (lib/corrections/report-corrections.ts): reports started, joined, renamed, and cuts of the split
 * put back. Without corrections, the split as it is.
 */
function correctedSplit(split: SplitResult, cleaned: CleanedText): CorrectedSplit {
  const pending = cleaned.corrections;
  if (!pending) return { reports: split.reports, spans: reportSpans(split.layout), cuts: splitRemovals(split.outside, cleaned), warnings: split.warnings };
  const lineStarts = cleanedLineStarts(cleaned.text, split.layout.lines.at(-1)?.line ?? 0);
  const outside = split.outside.map((piece) => ({ piece, removals: splitRemovals([piece], cleaned) }));
  const corrected = applyReportCorrections({
    layout: split.layout,
    reports: split.reports,
    outside,
    warnings: split.warnings,
    operations: pending.pending,
    inputOffset: (place) => inputPositionAt(cleaned.lineShifts, place.line, lineStarts[place.line] ?? 0, place.column).offset,
  });
  const kept = new Set(corrected.outside);
  const cuts = [...outside.filter(({ piece }) => kept.has(piece)).flatMap(({ removals }) => removals), ...splitRemovals(corrected.titleCuts, cleaned)].sort((a, b) => a.offset - b.offset);
  const record = correctionsRecord(pending, corrected.outcomes);
  return { reports: corrected.reports, spans: corrected.spans, cuts, warnings: corrected.warnings, corrections: record };
}

/** A report's place in the input, from its span in the cleaned text. */
function reportPlace(span: ReportSpan, placeOf: (place: { line: number; column: number }) => { line: number; offset: number }): ReportPlace {
  const start = placeOf(span.start);
  return { line: start.line, offset: start.offset, bodyOffset: placeOf(span.body).offset };
}

/**
 * The split's cuts as removals of the input, placed by the line shifts of their line: a piece the
 * cleaning cut inside (a space beside `【`, an advert) is as many removals as it is runs of the
 * input, each exactly the characters at its offset. A cut a correction made keeps its id.
 */
function splitRemovals(outside: readonly (OutsideText | CorrectionCut)[], cleaned: CleanedText): Removal[] {
  if (outside.length === 0) return [];
  const lineStarts = cleanedLineStarts(cleaned.text, outside.reduce((last, piece) => Math.max(last, piece.line), 0));
  return outside.flatMap((cut) => {
    const { ruleId, family, line, column, text } = cut;
    const correction = 'correction' in cut ? { correction: cut.correction } : {};
    const bounds = [column, ...cutsInside(cleaned.lineShifts, line).filter((at) => at > column && at < column + text.length), column + text.length];
    return bounds.slice(0, -1).flatMap((from, k) => {
      const piece = text.slice(from - column, bounds[k + 1]! - column);
      const at = inputPositionAt(cleaned.lineShifts, line, lineStarts[line]!, from);
      return piece.trim() === '' ? [] : [{ ruleId, family, line: at.line, column: at.column, offset: at.offset, text: piece, ...correction }];
    });
  });
}

/** The lines of a cleaned text that reading its page cuts pieces of (page-zones.ts): their inside positions are kept. */
function linesCutInside(text: string): Set<number> {
  const lines = new Set<number>();
  for (const cut of readPage(text.split('\n')).cuts) lines.add(cut.line);
  return lines;
}

/** Offsets in `text` where lines 0 … `last` start. */
function cleanedLineStarts(text: string, last: number): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1 && starts.length <= last; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The cleaning's figures with the split's cuts counted in. */
function withSplitCuts(summary: CleaningSummary, cuts: readonly Removal[]): CleaningSummary {
  if (cuts.length === 0) return summary;
  const byFamily = { ...summary.byFamily };
  for (const cut of cuts) byFamily[cut.family] = (byFamily[cut.family] ?? 0) + 1;
  return {
    removals: summary.removals + cuts.length,
    charactersRemoved: summary.charactersRemoved + cuts.reduce((n, cut) => n + cut.text.length, 0),
    byFamily,
  };
}

/** A `REPORT_IN_PARTS` warning for every report written in parts, naming its first part. */
function partWarnings(reports: readonly Report[], parted: readonly (readonly ReportPart[])[], firstIndex: readonly number[]): ConversionWarning[] {
  return parted.flatMap((parts, k) => {
    if (parts.length === 1) return [];
    const text = reports[k]!.title;
    return [{ code: WarningCode.ReportInParts, report: firstIndex[k]!, text, message: formatMessage(WarningCode.ReportInParts, { text, parts: parts.length }) }];
  });
}

/** Split warnings with their lines given as lines of the input file, which is what users have. */
function inputLineWarnings(warnings: readonly SplitWarning[], cleaned: CleanedText): ConversionWarning[] {
  if (warnings.length === 0) return [];
  const inputLine = inputLineOf(cleaned.lineShifts);
  return warnings.map(({ code, report, line, text, params }) => ({
    code,
    ...(report === undefined ? {} : { report }),
    ...(text === undefined ? {} : { text }),
    message: formatMessage(code, { text, ...params }, Lang.En),
    ...(line === undefined ? {} : { line: inputLine(line) }),
    ...(params === undefined ? {} : { params }),
  }));
}

/** The digests {@link completeManifest} adds to split's manifest once the documents exist. */
export interface ManifestCompletion {
  /** The input as read. */
  readonly input: FileDigest;
  /** Each written document's digest; `undefined` for a format not written. */
  readonly document: (index: number, format: DocumentFormat) => FileDigest | undefined;
  /** Warnings found after splitting (e.g. by a renderer), appended after split's own. */
  readonly warnings?: readonly ConversionWarning[];
  /** Pages of report `index`'s PDF; `undefined` when no PDF was written (or its count is not known). */
  readonly pages?: (index: number) => number | undefined;
}

/**
 * The manifest as written, the last file of a conversion: split's manifest with the input's and
 * every document's SHA-256 and size, each report's PDF pages (readers such as the web page need
 * not open the PDF to count them), and any later warnings. The CLI and the chain both build it
 * here, so both write the same bytes.
 */
export function completeManifest(manifest: Manifest, completion: ManifestCompletion): Manifest {
  const { source, generator, profile, reports, cleaning, warnings, corrections } = manifest;
  return {
    source,
    input: completion.input,
    generator,
    profile,
    reports: reports.map((report) => {
      const files: { [F in DocumentFormat]?: FileDigest } = {};
      for (const format of Object.values(DocumentFormat)) {
        const digest = completion.document(report.index, format);
        if (digest) files[format] = digest;
      }
      const pages = completion.pages?.(report.index);
      return { ...report, ...(pages !== undefined ? { pages } : {}), files };
    }),
    cleaning,
    warnings: [...warnings, ...(completion.warnings ?? [])],
    ...(corrections ? { corrections } : {}),
  };
}

/** The document formats a report is rendered to. */
export const DocumentFormat = { Docx: 'docx', Pdf: 'pdf' } as const;
export type DocumentFormat = (typeof DocumentFormat)[keyof typeof DocumentFormat];

export interface RenderStageOptions {
  readonly profile: StyleProfile;
  /** Needed for PDF; parse once per process with `loadFontLibrary` and pass it to every call. */
  readonly fonts?: FontLibrary;
  /**
   * The input's date (file mtime, S3 LastModified), written as the documents' created/modified
   * dates; the same upload keeps the same bytes. Taken to the whole second, as S3 keeps it (see
   * {@link documentDate}). Default: a fixed date.
   */
  readonly timestamp?: Date;
  /** Author in the documents' properties; unset, the report's author line, else none. */
  readonly author?: string;
}

/** A rendered document and what its renderer was unsure of (e.g. characters no font could draw). */
export interface RenderedDocument {
  readonly bytes: Uint8Array;
  readonly warnings: readonly ConversionWarning[];
  /** Pages of a PDF, as laid out; absent for a DOCX, whose pages the reader's word processor sets. */
  readonly pages?: number;
}

/**
 * Stage 3: render one report to one format, with the renderer's warnings (characters the PDF can
 * draw only as boxes) naming report `index`. Deterministic: same report, same bytes.
 *
 * @param index the report's 1-based index, as in the manifest.
 */
export async function renderDocument(report: Report, index: number, format: DocumentFormat, options: RenderStageOptions): Promise<RenderedDocument> {
  // Renderers are loaded on first use: the clean and split functions never pay for docx, pdf-lib
  // and fontkit at cold start.
  const timestamp = documentDate(options.timestamp);
  if (format === DocumentFormat.Docx) {
    const { renderDocx } = await import('./render/docx/render-docx.js');
    const bytes = await renderDocx(report, { profile: options.profile, timestamp, ...(options.author !== undefined ? { author: options.author } : {}) });
    return { bytes, warnings: [] };
  }
  if (!options.fonts) throw new Error('renderStage: PDF rendering needs a font library (loadFontLibrary)');
  const [{ renderPdf }, { missingGlyphWarning }] = await Promise.all([import('./render/pdf/render-pdf.js'), import('./render/pdf/missing-glyphs.js')]);
  const { bytes, missing, pages } = await renderPdf(report, {
    profile: options.profile,
    fonts: options.fonts,
    timestamp,
    ...(options.author !== undefined ? { author: options.author } : {}),
  });
  return { bytes, warnings: missingGlyphWarning(missing, index), pages };
}

/** Stage 3 for callers that need only the bytes (see {@link renderDocument}). */
export async function renderStage(report: Report, format: DocumentFormat, options: RenderStageOptions): Promise<Uint8Array> {
  return (await renderDocument(report, 0, format, options)).bytes;
}
