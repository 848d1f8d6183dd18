/**
 * Cleaning: removes paywall markers, adverts and copy-paste white space from decoded text, and
 * logs every removed character. The rules are data (clean-rules.ts); this module applies them.
 *
 * Memory is bounded by the input plus the cuts, never by characters × passes: the map from the
 * current text back to the input is a list of kept segments (one per cut), cuts live in typed
 * arrays, and lines are visited one at a time instead of being split into arrays up front.
 */
import { CleanFamily, type CleanRule } from './clean-rules.js';
import { CleanPhase, lineRuleSet, firstMatch, passesInForce, type CleanDecisionKind, type CleanPass, type PassContext, type RuleTag } from './clean-passes.js';
import type { FallbackRule } from './decision.js';
import { CutList } from './cut-list.js';
import { displayWidth } from './hard-wrap.js';
import { countLines } from './source-lines.js';
import { TUNING } from './tuning.js';

export {
  CleanFamily,
  DEFAULT_CLEAN_RULES,
  DOUBLE_SPACING_RULE_ID,
  HARD_WRAP_RULE_ID,
  RuleScope,
  RUNNING_HEADER_RULE_ID,
  type CleanRule,
} from './clean-rules.js';
export { CleanDecisionKind, CleanPhase, DEFAULT_CLEAN_PASSES, type CleanPass, type PassContext } from './clean-passes.js';

/** A decision a cleaning pass took about a line, by a rule of a decision table. */
export interface CleanDecision {
  readonly kind: CleanDecisionKind;
  /** 0-based offset in the text given to cleanText: the line break decided on, or the start of the line. */
  readonly offset: number;
  /** The line decided about, trimmed. */
  readonly text: string;
  readonly rule: FallbackRule<string>;
}

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
  /**
   * For a normalisation (`,` → `，`), the character the output has in their place; absent for a
   * cut. The output is the input with every `text` replaced by its `replacement` (or by nothing).
   */
  readonly replacement?: string;
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
  /** Extra rules: inline ones run after the default passes, line and block ones with the default line rules. */
  readonly rules?: readonly CleanRule[];
  /** Ids of passes or rules to switch off (see DEFAULT_CLEAN_PASSES and DEFAULT_CLEAN_RULES). */
  readonly disable?: readonly string[];
  /**
   * Called with every decision a pass takes by a rule of a decision table (a line break under a
   * full line kept or joined, a line beside page numbers taken for a running header or not). A
   * break the repeated passes decide again is reported again. Default: none.
   */
  readonly onDecision?: (decision: CleanDecision) => void;
}

/** The rule ids and families cuts are logged under: each pass's rules, or the pass itself. */
function tagsOf(passes: readonly CleanPass[]): RuleTag[] {
  return passes.flatMap((pass): RuleTag[] => (pass.rules ? pass.rules.map(({ id, family }) => ({ id, family })) : [{ id: pass.id, family: pass.family }]));
}

/**
 * Cleans `text` and reports what was removed: the passes in force (DEFAULT_CLEAN_PASSES, with
 * `options`) run in their order, the `prepare` ones once, the `repeat` ones until a round cuts
 * nothing, the `finish` ones once. Idempotent: cleaning the result again removes nothing. Never
 * throws on any string.
 */
export function cleanText(text: string, options: CleanOptions = {}): CleanResult {
  const passes = passesInForce(options);
  // Cuts carry the index of their tag in this table (a typed array holds numbers, not strings).
  const tags: RuleTag[] = [];
  const tagIndex = new Map<string, number>();
  for (const tag of tagsOf(passes)) {
    if (tagIndex.has(tag.id)) continue;
    tagIndex.set(tag.id, tags.length);
    tags.push(tag);
  }
  const isAdvert = (tag: number) => tags[tag]?.family === CleanFamily.BracketedAdvert;
  const lineRules = lineRuleSet(passes);

  const state = new CleaningState(text);
  const cuts = new CutList();
  const { onDecision } = options;
  const note: PassContext['note'] =
    onDecision && ((kind, position, line, rule) => onDecision({ kind, offset: state.inputOffset(position), text: line, rule }));
  const run = (pass: CleanPass) => {
    const own = tagIndex.get(pass.id) ?? -1;
    const context: PassContext = {
      text: state.text,
      cut: (start, end, ruleId, replacement) => {
        const tag = ruleId === undefined ? own : (tagIndex.get(ruleId) ?? (pass.rules ? undefined : own));
        // A rule of the pass that is switched off.
        if (tag === undefined) return;
        if (replacement === undefined) return cuts.push(start, end, tag);
        // One character, so that a later cut takes all of it or none (see CleaningState).
        if (replacement.length !== 1) throw new Error(`clean pass ${pass.id}: a replacement must be one UTF-16 character`);
        cuts.pushReplacement(start, end, tag, replacement);
      },
      removedAdvertWidths: () => removedAdvertWidths(state, text, isAdvert),
      lineRule: (line) => firstMatch(lineRules.line, line, lineRules.brackets),
      blockRule: (line) => firstMatch(lineRules.block, line, lineRules.brackets),
      ...(note ? { note } : {}),
    };
    pass.run(context);
    state.apply(cuts);
  };

  for (const pass of passes) if (pass.phase === CleanPhase.Prepare) run(pass);
  const repeated = passes.filter((pass) => pass.phase === CleanPhase.Repeat);
  for (let round = 0; round < TUNING.clean.maxRounds; round++) {
    const before = state.removed.length;
    for (const pass of repeated) run(pass);
    if (state.removed.length === before) break;
  }
  for (const pass of passes) if (pass.phase === CleanPhase.Finish) run(pass);

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
    removalCount: removed.length - droppedInsertions(removed),
    forEachRemoval,
  };
}

/** Rule index that marks a kept piece in CleaningState.apply. */
const KEEP = -1;

/** Segment kind of input text, as opposed to a character a normalisation put in. */
const INPUT_TEXT = -1;

/**
 * The current text and how it maps back to the input. Kept segment k starts at `segmentAt[k]` in
 * the current text and at `segmentFrom[k]` in the input, and runs to the next segment's start.
 * Segments exist only where something was cut, so two neighbours are never contiguous in the
 * input: a cut that spans a segment boundary is logged as one removal per segment it touches.
 *
 * A normalisation (a cut with a replacement, `,` → `，`) puts one character into the text that the
 * input does not have: it is a segment of its own, one character long, whose `segmentKind` is the
 * index of its removal (the replaced characters, logged with the replacement); every other segment
 * is input text (kind -1). A later cut that takes that character makes the normalisation a plain
 * cut of what it replaced, under the later rule, so that the log still rebuilds the input.
 */
class CleaningState {
  text: string;
  private segmentAt: Int32Array;
  private segmentFrom: Int32Array;
  private segmentKind: Int32Array;
  private segments: number;
  /** Every removal so far, in input positions; one run of contiguous input characters each, with its replacement if it has one. */
  readonly removed = new CutList(256);

  constructor(input: string) {
    this.text = input;
    this.segmentAt = new Int32Array(1);
    this.segmentFrom = new Int32Array(1);
    this.segmentKind = Int32Array.of(INPUT_TEXT);
    this.segments = 1;
  }

  /** The input offset of the character at `position` in the current text (of the replaced characters, for a normalised one). */
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

  /**
   * Removes `cuts` (sorted, non-overlapping, in current-text positions; empty only to put a
   * replacement in), putting each one's replacement in its place, then clears them.
   */
  apply(cuts: CutList): void {
    if (cuts.length === 0) return;
    const { text, segmentAt, segmentFrom, segmentKind, segments, removed } = this;
    // Each cut can split a segment in two and add its replacement's.
    const capacity = segments + 2 * cuts.length;
    const nextAt = new Int32Array(capacity);
    const nextFrom = new Int32Array(capacity);
    const nextKind = new Int32Array(capacity);
    let kept = 0;
    let removedSoFar = 0;
    let k = 0;
    const segmentEnd = (index: number) => (index + 1 < segments ? (segmentAt[index + 1] as number) : text.length);

    // Walks [from, to) across the segments it spans: each piece becomes a kept segment (rule KEEP)
    // or a logged removal of that rule. Returns the removal a replacement of this cut belongs to.
    const walk = (from: number, to: number, rule: number): number | undefined => {
      let owner: number | undefined;
      let position = from;
      while (position < to) {
        while (segmentEnd(k) <= position) k++;
        const pieceEnd = Math.min(to, segmentEnd(k));
        const kind = segmentKind[k] as number;
        const inputStart = (segmentFrom[k] as number) + (position - (segmentAt[k] as number));
        if (rule === KEEP) {
          nextAt[kept] = position - removedSoFar;
          nextFrom[kept] = inputStart;
          nextKind[kept] = kind;
          kept++;
        } else if (kind === INPUT_TEXT) {
          owner ??= removed.length;
          removed.push(inputStart, inputStart + (pieceEnd - position), rule);
        } else {
          // A character a normalisation put in, cut now: what it replaced is cut, by this rule.
          removed.rules[kind] = rule;
          removed.replacements.delete(kind);
          owner ??= kind;
        }
        position = pieceEnd;
      }
      if (rule !== KEEP) removedSoFar += to - from;
      return owner;
    };

    // A cut of nothing with a replacement puts a character in that the input does not have (a line
    // break a text layer lost): logged as an empty removal at the input position it stands before.
    const insertion = (at: number, rule: number): number => {
      while (k + 1 < segments && segmentEnd(k) <= at) k++;
      const kind = segmentKind[k] as number;
      const inputAt = kind === INPUT_TEXT ? (segmentFrom[k] as number) + (at - (segmentAt[k] as number)) : (removed.starts[kind] as number);
      removed.push(inputAt, inputAt, rule);
      return removed.length - 1;
    };

    const pieces = new TextPieces();
    let position = 0;
    for (let c = 0; c < cuts.length; c++) {
      const start = cuts.starts[c] as number;
      const end = cuts.ends[c] as number;
      pieces.add(text.slice(position, start));
      walk(position, start, KEEP);
      const replacement = cuts.replacements.get(c);
      const owner = start === end ? insertion(start, cuts.rules[c] as number) : walk(start, end, cuts.rules[c] as number);
      if (replacement && owner !== undefined) {
        removed.replacements.set(owner, replacement);
        pieces.add(replacement);
        nextAt[kept] = end - removedSoFar;
        nextFrom[kept] = removed.starts[owner] as number;
        nextKind[kept] = owner;
        kept++;
        removedSoFar -= replacement.length;
      }
      position = end;
    }
    pieces.add(text.slice(position));
    walk(position, text.length, KEEP);

    this.text = pieces.join();
    // An empty text still has its one (empty) segment, so that segmentEnd stays defined.
    if (kept === 0) nextKind[0] = INPUT_TEXT;
    this.segments = Math.max(kept, 1);
    this.segmentAt = nextAt;
    this.segmentFrom = nextFrom;
    this.segmentKind = nextKind;
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
    const replacement = removed.replacements.get(i);
    if (isDroppedInsertion(removed, i)) continue;
    const tag = tags[removed.rules[i] as number] as RuleTag;
    const removal = {
      ruleId: tag.id,
      family: tag.family,
      line,
      column: start - lineStart + 1,
      offset: start,
      text: textOf(start, removed.ends[i] as number),
    };
    visit(replacement === undefined ? removal : { ...removal, replacement });
  }
}

/** An inserted character that a later cut took again: nothing of the input is cut, and nothing is logged. */
function isDroppedInsertion(removed: CutList, i: number): boolean {
  return removed.starts[i] === removed.ends[i] && !removed.replacements.has(i);
}

function droppedInsertions(removed: CutList): number {
  let dropped = 0;
  for (let i = 0; i < removed.length; i++) if (isDroppedInsertion(removed, i)) dropped++;
  return dropped;
}

/**
 * Indices of `list` in order of start (an insertion before a cut at the same place). Removals never
 * overlap, so a key of (2 × start + 1 unless empty) × count + index sorts exactly, with the typed array's numeric sort, while it stays below
 * 2^53; beyond that (inputs of billions of characters) a comparison sort does the same.
 */
function sortedByStart(list: CutList): Float64Array | Int32Array {
  const count = list.length;
  let maxStart = 0;
  for (let i = 0; i < count; i++) maxStart = Math.max(maxStart, list.starts[i] as number);
  if ((2 * maxStart + 2) * count < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = sortKey(list, i) * count + i;
    keys.sort();
    for (let i = 0; i < count; i++) keys[i] = (keys[i] as number) % count;
    return keys;
  }
  const order = Int32Array.from({ length: count }, (_, i) => i);
  return order.sort((x, y) => sortKey(list, x) - sortKey(list, y) || x - y);
}

/** Start, doubled, so that an insertion (a cut of nothing) comes before a cut that starts where it stands. */
function sortKey(list: CutList, i: number): number {
  const start = list.starts[i] as number;
  return 2 * start + (list.ends[i] === start ? 0 : 1);
}
