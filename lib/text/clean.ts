/**
 * Cleaning: removes paywall markers, adverts and copy-paste white space from decoded text, and
 * logs every removed character. The rules are data (clean-rules.ts); this module applies them.
 *
 * Memory is bounded by the input plus the cuts, never by characters × passes: the map from the
 * current text back to the input is a list of kept segments (one per cut), cuts live in typed
 * arrays, and lines are visited one at a time instead of being split into arrays up front.
 */
import { mayScore, scoreAdvert } from './advert-vocabulary.js';
import {
  CleanFamily,
  DEFAULT_CLEAN_RULES,
  DOUBLE_SPACING_RULE_ID,
  HARD_WRAP_RULE_ID,
  RuleScope,
  RUNNING_HEADER_RULE_ID,
  type CleanRule,
} from './clean-rules.js';
import { CutList } from './cut-list.js';
import { forEachDoubleSpacingCut } from './double-spacing.js';
import { displayWidth, forEachWrapBreak } from './hard-wrap.js';
import { forEachRunningHeaderCut } from './page-furniture.js';
import { countLines } from './source-lines.js';
import { TUNING } from './tuning.js';
import { isBlank } from './white-space.js';

export {
  CleanFamily,
  DEFAULT_CLEAN_RULES,
  DOUBLE_SPACING_RULE_ID,
  HARD_WRAP_RULE_ID,
  RuleScope,
  RUNNING_HEADER_RULE_ID,
  type CleanRule,
} from './clean-rules.js';

/** One contiguous run of input characters that cleaning removed. */
export interface Removal {
  readonly ruleId: string;
  readonly family: string;
  /** 1-based line and column (UTF-16 code units) in the text given to cleanText. */
  readonly line: number;
  readonly column: number;
  /** 0-based offset of the first removed character in the text given to cleanText. */
  readonly offset: number;
  /** The removed characters, exactly as they were in the input. */
  readonly text: string;
}

export interface CleanResult {
  readonly text: string;
  /**
   * Every removed character appears in exactly one removal; sorted by offset. Built when first
   * read (an enumerable getter, so spreading and JSON see it like a plain property).
   */
  readonly removals: readonly Removal[];
  /** How many removals there are, without building the log. */
  readonly removalCount: number;
  /**
   * Calls `visit` for every removal in offset order without keeping them: a log of millions of
   * cuts can be summed up or written out without ever holding millions of objects at once.
   */
  forEachRemoval(visit: (removal: Removal) => void): void;
}

export interface CleanOptions {
  /** Extra rules, applied after the default ones. */
  readonly rules?: readonly CleanRule[];
  /** Ids of rules to switch off (default rules, extra rules, `whitespace/hard-wrap`, `whitespace/double-spacing`, `page-number/running-header`). */
  readonly disable?: readonly string[];
}

const MAX_PASSES = TUNING.clean.maxRounds;

const HARD_WRAP_FAMILY = CleanFamily.Whitespace;

/** What a cut is logged as; cuts carry an index into a table of these. */
interface RuleTag {
  readonly id: string;
  readonly family: string;
}

/** A rule with its index in the tag table. */
interface IndexedRule {
  readonly rule: CleanRule;
  readonly index: number;
}

/**
 * Cleans `text` and reports what was removed. Idempotent: cleaning the result again removes
 * nothing. Never throws on any string.
 */
export function cleanText(text: string, options: CleanOptions = {}): CleanResult {
  const disabled = new Set(options.disable ?? []);
  const rules = [...DEFAULT_CLEAN_RULES, ...(options.rules ?? [])].filter((rule) => !disabled.has(rule.id));
  const hardWrap = !disabled.has(HARD_WRAP_RULE_ID);
  const bracketRules = rules.filter(
    (rule) => rule.family === CleanFamily.BracketedAdvert && (rule.scope ?? RuleScope.Inline) === RuleScope.Inline,
  );
  const tags: RuleTag[] = [
    ...rules,
    { id: HARD_WRAP_RULE_ID, family: HARD_WRAP_FAMILY },
    { id: DOUBLE_SPACING_RULE_ID, family: HARD_WRAP_FAMILY },
    { id: RUNNING_HEADER_RULE_ID, family: CleanFamily.PageNumber },
  ];
  const hardWrapIndex = rules.length;
  const doubleSpacingIndex = rules.length + 1;
  const runningHeaderIndex = rules.length + 2;
  const indexed = rules.map((rule, index) => ({ rule, index }));
  const lineRules = indexed.filter(({ rule }) => rule.scope === RuleScope.Line);
  const blockRules = indexed.filter(({ rule }) => rule.scope === RuleScope.Block);
  const lines: LineRules = { lineRules, blockRules, bracketRules, tags };
  const isAdvert = (rule: number) => tags[rule]?.family === CleanFamily.BracketedAdvert;

  const state = new CleaningState(text);
  const cuts = new CutList();
  // First of all: every other rule judges lines and their neighbours, which the blank lines hide.
  if (hardWrap && !disabled.has(DOUBLE_SPACING_RULE_ID)) {
    forEachDoubleSpacingCut(state.text, (start, end) => cuts.push(start, end, doubleSpacingIndex));
    state.apply(cuts);
  }
  // Before the page numbers go: a running header is found by standing beside them.
  if (!disabled.has(RUNNING_HEADER_RULE_ID)) {
    forEachRunningHeaderCut(state.text, (start, end) => cuts.push(start, end, runningHeaderIndex));
    state.apply(cuts);
  }

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const before = state.removed.length;
    let linesDone = false;
    for (const { rule, index } of indexed) {
      const scope = rule.scope ?? RuleScope.Inline;
      if (scope === RuleScope.Inline) {
        inlineCuts(state.text, rule, index, cuts);
        state.apply(cuts);
      } else if (!linesDone) {
        // Wrapped lines are re-joined just before the line rules, so that these judge whole lines
        // (a wrapped advert is an advert only as a whole). Line and block rules run together:
        // block rules need to see which lines were cut.
        if (hardWrap) {
          wrapCuts(state, text, isAdvert, hardWrapIndex, cuts, (line) => firstMatch(lineRules, line, bracketRules) !== undefined);
          state.apply(cuts);
        }
        lineCuts(state.text, lines, cuts);
        state.apply(cuts);
        linesDone = true;
      }
    }
    if (hardWrap && !linesDone) {
      wrapCuts(state, text, isAdvert, hardWrapIndex, cuts);
      state.apply(cuts);
    }
    if (state.removed.length === before) break;
  }

  // The log is built on first use: an input that cleans to nothing is refused without ever
  // building its (possibly millions of) entries.
  let removals: Removal[] | undefined;
  const { removed } = state;
  const forEachRemoval = (visit: (removal: Removal) => void) => visitRemovals(text, removed, tags, visit);
  return {
    text: state.text,
    get removals() {
      if (removals === undefined) {
        const log: Removal[] = new Array(removed.length);
        let n = 0;
        forEachRemoval((removal) => {
          log[n++] = removal;
        });
        removals = log;
      }
      return removals;
    },
    removalCount: removed.length,
    forEachRemoval,
  };
}

/** Rule index that marks a kept piece in CleaningState.apply. */
const KEEP = -1;

/**
 * The current text and how it maps back to the input. Kept segment k starts at `segmentAt[k]` in
 * the current text and at `segmentFrom[k]` in the input, and runs to the next segment's start.
 * Segments exist only where something was cut, so two neighbours are never contiguous in the
 * input: a cut that spans a segment boundary is logged as one removal per segment it touches.
 */
class CleaningState {
  text: string;
  private segmentAt: Int32Array;
  private segmentFrom: Int32Array;
  private segments: number;
  /** Every removal so far, in input positions; one run of contiguous input characters each. */
  readonly removed = new CutList(256);

  constructor(input: string) {
    this.text = input;
    this.segmentAt = new Int32Array(1);
    this.segmentFrom = new Int32Array(1);
    this.segments = 1;
  }

  /** The input offset of the character at `position` in the current text. */
  inputOffset(position: number): number {
    const { segmentAt, segmentFrom } = this;
    let low = 0;
    let high = this.segments - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((segmentAt[mid] as number) <= position) low = mid;
      else high = mid - 1;
    }
    return (segmentFrom[low] as number) + (position - (segmentAt[low] as number));
  }

  /** Removes `cuts` (sorted, non-overlapping, non-empty, in current-text positions), then clears them. */
  apply(cuts: CutList): void {
    if (cuts.length === 0) return;
    const { text, segmentAt, segmentFrom, segments } = this;
    const nextAt = new Int32Array(segments + cuts.length);
    const nextFrom = new Int32Array(segments + cuts.length);
    let kept = 0;
    let removedSoFar = 0;
    let k = 0;
    const segmentEnd = (index: number) => (index + 1 < segments ? (segmentAt[index + 1] as number) : text.length);

    // Walks [from, to) across the segments it spans: each piece becomes a kept segment (rule KEEP)
    // or a logged removal of that rule.
    const walk = (from: number, to: number, rule: number) => {
      let position = from;
      while (position < to) {
        while (segmentEnd(k) <= position) k++;
        const pieceEnd = Math.min(to, segmentEnd(k));
        const inputStart = (segmentFrom[k] as number) + (position - (segmentAt[k] as number));
        if (rule === KEEP) {
          nextAt[kept] = position - removedSoFar;
          nextFrom[kept] = inputStart;
          kept++;
        } else {
          this.removed.push(inputStart, inputStart + (pieceEnd - position), rule);
        }
        position = pieceEnd;
      }
      if (rule !== KEEP) removedSoFar += to - from;
    };

    const pieces = new TextPieces();
    let position = 0;
    for (let c = 0; c < cuts.length; c++) {
      const start = cuts.starts[c] as number;
      const end = cuts.ends[c] as number;
      pieces.add(text.slice(position, start));
      walk(position, start, KEEP);
      walk(start, end, cuts.rules[c] as number);
      position = end;
    }
    pieces.add(text.slice(position));
    walk(position, text.length, KEEP);

    this.text = pieces.join();
    // An empty text still has its one (empty) segment, so that segmentEnd stays defined.
    this.segments = Math.max(kept, 1);
    this.segmentAt = nextAt;
    this.segmentFrom = nextFrom;
    cuts.clear();
  }
}

/**
 * Builds a string from many pieces without an array of millions of them: every PIECES_PER_CHUNK
 * pieces are joined into one, and those are joined at the end. Most rules cut fewer pieces than
 * that, and then the text is copied once; above it, the chunks are one more copy of the text,
 * still less than the pieces of a million cuts would hold.
 */
const PIECES_PER_CHUNK = 1 << 16;

class TextPieces {
  private readonly chunks: string[] = [];
  private pieces: string[] = [];

  add(piece: string): void {
    if (piece === '') return;
    this.pieces.push(piece);
    if (this.pieces.length === PIECES_PER_CHUNK) {
      this.chunks.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  join(): string {
    this.chunks.push(this.pieces.join(''));
    return this.chunks.length === 1 ? (this.chunks[0] as string) : this.chunks.join('');
  }
}

function wrapCuts(
  state: CleaningState,
  input: string,
  isAdvert: (rule: number) => boolean,
  rule: number,
  cuts: CutList,
  isAdvertLine?: (line: string) => boolean,
): void {
  forEachWrapBreak(state.text, (start, end) => cuts.push(start, end, rule), {
    removedWidths: removedAdvertWidths(state, input, isAdvert),
    ...(isAdvertLine ? { isAdvertLine } : {}),
  });
}

/**
 * For each line of the current text, the page width of the bracketed adverts already cut from
 * it: they filled the line when the text was wrapped, so a wrapped line stays full without them.
 */
function removedAdvertWidths(state: CleaningState, input: string, isAdvert: (rule: number) => boolean): Uint16Array | undefined {
  const { removed, text } = state;
  const adverts = new CutList();
  for (let i = 0; i < removed.length; i++) {
    const rule = removed.rules[i] as number;
    if (isAdvert(rule)) adverts.push(removed.starts[i] as number, removed.ends[i] as number, rule);
  }
  if (adverts.length === 0) return undefined;
  const order = sortedByStart(adverts);
  const startOf = (j: number) => adverts.starts[order[j] as number] as number;
  const lines = countLines(text);
  const widths = new Uint16Array(lines);
  let k = 0;
  let lineStart = 0;
  for (let line = 0; line < lines; line++) {
    const newline = text.indexOf('\n', lineStart);
    // Input positions this line spans: from just after the line break before it to its own.
    const from = lineStart === 0 ? 0 : state.inputOffset(lineStart - 1) + 1;
    const to = newline === -1 ? input.length : state.inputOffset(newline);
    while (k < adverts.length && startOf(k) < from) k++;
    let width = 0;
    for (let j = k; j < adverts.length && startOf(j) < to; j++) {
      width += displayWidth(input.slice(startOf(j), adverts.ends[order[j] as number] as number));
    }
    widths[line] = Math.min(width, 0xffff);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return widths;
}

function inlineCuts(text: string, rule: CleanRule, index: number, cuts: CutList): void {
  const pattern = rule.pattern.global ? rule.pattern : new RegExp(rule.pattern.source, `${rule.pattern.flags}g`);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    cuts.push(match.index, match.index + match[0].length, index);
  }
}

interface LineRules {
  readonly lineRules: readonly IndexedRule[];
  readonly blockRules: readonly IndexedRule[];
  readonly bracketRules: readonly CleanRule[];
  readonly tags: readonly RuleTag[];
}

/** The first of `rules` that `line` satisfies (pattern and advert thresholds), if any. */
function firstMatch(rules: readonly IndexedRule[], line: string, bracketRules: readonly CleanRule[]): IndexedRule | undefined {
  if (rules.length === 0 || isBlank(line)) return undefined;
  let score: ReturnType<typeof scoreAdvert> | undefined;
  for (const candidate of rules) {
    const { rule } = candidate;
    rule.pattern.lastIndex = 0;
    if (!rule.pattern.test(line)) continue;
    if (rule.minAdvertScore === undefined && rule.minAdvertDensity === undefined && rule.minStrongTerms === undefined) {
      return candidate;
    }
    const minScore = rule.minAdvertScore ?? 0;
    const minDensity = rule.minAdvertDensity ?? 0;
    const minStrong = rule.minStrongTerms ?? 0;
    // A line without a single character of any advert term scores 0 however its tags are taken
    // out: most lines of prose are settled here without building the tag-free copy.
    if ((minScore > 0 || minDensity > 0 || minStrong > 0) && !mayScore(line)) continue;
    // Judge the line without its bracketed tags: a title glued to 【更多素材搜索…】 is not an advert.
    score ??= scoreAdvert(withoutMatches(line, bracketRules));
    if (score.score >= minScore && score.density >= minDensity && score.strongTerms >= minStrong) return candidate;
  }
  return undefined;
}

/**
 * Line and block rules: lines a line rule cuts whole, then block-rule lines next to a cut line
 * (blank lines between allowed), spreading forwards and then backwards. Lines are visited one at
 * a time; only the cut lines are remembered.
 */
function lineCuts(text: string, rules: LineRules, cuts: CutList): void {
  const { lineRules, blockRules, bracketRules, tags } = rules;
  if (lineRules.length === 0 && blockRules.length === 0) return;

  // Forward: line rules on every line, and block rules on lines below a cut line.
  const cutLines = new CutList();
  let neighbourCut = false;
  for (let start = 0; ; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    const lineRule = firstMatch(lineRules, line, bracketRules);
    if (lineRule) {
      cutLines.push(start, end, lineRule.index);
      neighbourCut = true;
    } else if (!isBlank(line)) {
      const blockRule: IndexedRule | undefined = neighbourCut ? firstMatch(blockRules, line, bracketRules) : undefined;
      if (blockRule) cutLines.push(start, end, blockRule.index);
      neighbourCut = blockRule !== undefined;
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  if (cutLines.length === 0) return;

  // Backward: block rules on the lines above each cut line, up to the cut line before it.
  const above = new CutList();
  if (blockRules.length > 0) {
    for (let c = cutLines.length - 1; c >= 0; c--) {
      const previousCutEnd = c > 0 ? (cutLines.ends[c - 1] as number) : -1;
      let lineEnd = (cutLines.starts[c] as number) - 1;
      while (lineEnd >= 0 && lineEnd !== previousCutEnd) {
        const lineStart = lineEnd === 0 ? 0 : text.lastIndexOf('\n', lineEnd - 1) + 1;
        const line = text.slice(lineStart, lineEnd);
        if (!isBlank(line)) {
          const blockRule = firstMatch(blockRules, line, bracketRules);
          if (!blockRule) break;
          above.push(lineStart, lineEnd, blockRule.index);
        }
        lineEnd = lineStart - 1;
      }
    }
  }

  // Both lists in text order; `above` was filled bottom-up.
  let a = above.length - 1;
  for (let c = 0; c < cutLines.length || a >= 0; ) {
    const takeAbove = a >= 0 && (c >= cutLines.length || (above.starts[a] as number) < (cutLines.starts[c] as number));
    const list = takeAbove ? above : cutLines;
    const i = takeAbove ? a-- : c++;
    const lineStart = list.starts[i] as number;
    const lineEnd = list.ends[i] as number;
    const hasNewlineAfter = lineEnd < text.length;
    const begin = hasNewlineAfter || lineStart === 0 ? lineStart : lineStart - 1;
    pushMerged(cuts, begin, lineEnd + (hasNewlineAfter ? 1 : 0), list.rules[i] as number, tags);
  }
  dropEmpty(cuts);
}

/**
 * Adds a whole-line cut, merging it into the previous one when they touch and come from the same
 * rule, so that a removal never starts mid-way through another.
 */
function pushMerged(cuts: CutList, start: number, end: number, rule: number, tags: readonly RuleTag[]): void {
  const last = cuts.length - 1;
  if (last >= 0) {
    const lastEnd = cuts.ends[last] as number;
    if (lastEnd >= start && tags[cuts.rules[last] as number]?.id === tags[rule]?.id) {
      cuts.ends[last] = Math.max(lastEnd, end);
      return;
    }
    if (lastEnd > start) {
      cuts.push(lastEnd, end, rule);
      return;
    }
  }
  cuts.push(start, end, rule);
}

function dropEmpty(cuts: CutList): void {
  let kept = 0;
  for (let i = 0; i < cuts.length; i++) {
    if ((cuts.ends[i] as number) <= (cuts.starts[i] as number)) continue;
    cuts.starts[kept] = cuts.starts[i] as number;
    cuts.ends[kept] = cuts.ends[i] as number;
    cuts.rules[kept] = cuts.rules[i] as number;
    kept++;
  }
  cuts.length = kept;
}

function withoutMatches(line: string, rules: readonly CleanRule[]): string {
  let result = line;
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    result = result.replace(rule.pattern, '');
  }
  return result;
}

/**
 * Removed texts repeat (the same advert, the same marker, one space): the log shares one string
 * per distinct short text instead of holding a copy per removal, for the first this many texts.
 */
const SHARED_TEXTS = 4096;
const SHARED_TEXT_LENGTH = 64;

/** Visits the log in offset order, with 1-based line and column found in one walk through the input. */
function visitRemovals(input: string, removed: CutList, tags: readonly RuleTag[], visit: (removal: Removal) => void): void {
  const order = sortedByStart(removed);
  const shared = new Map<string, string>();
  const textOf = (start: number, end: number) => {
    const text = input.slice(start, end);
    if (end - start > SHARED_TEXT_LENGTH) return text;
    const known = shared.get(text);
    if (known !== undefined) return known;
    if (shared.size < SHARED_TEXTS) shared.set(text, text);
    return text;
  };
  let line = 1;
  let lineStart = 0;
  let nextNewline = input.indexOf('\n');
  for (let n = 0; n < order.length; n++) {
    const i = order[n] as number;
    const start = removed.starts[i] as number;
    while (nextNewline !== -1 && nextNewline < start) {
      line++;
      lineStart = nextNewline + 1;
      nextNewline = input.indexOf('\n', lineStart);
    }
    const tag = tags[removed.rules[i] as number] as RuleTag;
    visit({
      ruleId: tag.id,
      family: tag.family,
      line,
      column: start - lineStart + 1,
      offset: start,
      text: textOf(start, removed.ends[i] as number),
    });
  }
}

/**
 * Indices of `list` in order of start. Starts are distinct (removals never overlap), so a key of
 * start × count + index sorts exactly, with the typed array's numeric sort, while it stays below
 * 2^53; beyond that (inputs of billions of characters) a comparison sort does the same.
 */
function sortedByStart(list: CutList): Float64Array | Int32Array {
  const count = list.length;
  let maxStart = 0;
  for (let i = 0; i < count; i++) maxStart = Math.max(maxStart, list.starts[i] as number);
  if ((maxStart + 1) * count < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = (list.starts[i] as number) * count + i;
    keys.sort();
    for (let i = 0; i < count; i++) keys[i] = (keys[i] as number) % count;
    return keys;
  }
  const order = Int32Array.from({ length: count }, (_, i) => i);
  return order.sort((x, y) => (list.starts[x] as number) - (list.starts[y] as number));
}
