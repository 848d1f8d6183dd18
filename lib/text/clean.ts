/**
 * Cleaning: removes paywall markers, adverts and copy-paste white space from decoded text, and
 * logs every removed character. The rules are data (clean-rules.ts); this module applies them.
 */
import { scoreAdvert, type AdvertScore } from './advert-vocabulary.js';
import {
  CleanFamily,
  DEFAULT_CLEAN_RULES,
  HARD_WRAP_RULE_ID,
  RuleScope,
  type CleanRule,
} from './clean-rules.js';
import { displayWidth, findWrapBreaks } from './hard-wrap.js';

export { CleanFamily, DEFAULT_CLEAN_RULES, HARD_WRAP_RULE_ID, RuleScope, type CleanRule } from './clean-rules.js';

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
  /** Every removed character appears in exactly one removal; sorted by offset. */
  readonly removals: readonly Removal[];
}

export interface CleanOptions {
  /** Extra rules, applied after the default ones. */
  readonly rules?: readonly CleanRule[];
  /** Ids of rules to switch off (default rules, extra rules, or `whitespace/hard-wrap`). */
  readonly disable?: readonly string[];
}

/** The rule sequence is repeated until a pass changes nothing; this caps pathological inputs. */
const MAX_PASSES = 10;

interface Cut {
  readonly start: number;
  readonly end: number;
  readonly ruleId: string;
  readonly family: string;
}

/** Current text plus, for each of its characters, the offset it came from in the input. */
interface State {
  text: string;
  origin: Int32Array;
}

const HARD_WRAP_FAMILY = CleanFamily.Whitespace;

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

  const origin = new Int32Array(text.length);
  for (let i = 0; i < origin.length; i++) origin[i] = i;
  const state: State = { text, origin };
  const removed: Cut[] = [];

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const before = removed.length;
    let linesDone = false;
    for (const rule of rules) {
      const scope = rule.scope ?? RuleScope.Inline;
      if (scope === RuleScope.Inline) {
        apply(state, inlineCuts(state.text, rule), removed);
      } else if (!linesDone) {
        // Wrapped lines are re-joined just before the line rules, so that these judge whole lines
        // (a wrapped advert is an advert only as a whole). Line and block rules run together:
        // block rules need to see which lines were cut.
        if (hardWrap) apply(state, wrapCuts(state, removed, text), removed);
        apply(state, lineCuts(state.text, rules, bracketRules), removed);
        linesDone = true;
      }
    }
    if (hardWrap && !linesDone) apply(state, wrapCuts(state, removed, text), removed);
    if (removed.length === before) break;
  }

  return { text: state.text, removals: toRemovals(text, removed) };
}

function wrapCuts(state: State, removed: readonly Cut[], input: string): Cut[] {
  return findWrapBreaks(state.text, { removedWidths: removedAdvertWidths(state, removed, input) }).map(({ start, end }) => ({
    start,
    end,
    ruleId: HARD_WRAP_RULE_ID,
    family: HARD_WRAP_FAMILY,
  }));
}

/**
 * For each line of the current text, the page width of the bracketed adverts already cut from
 * it: they filled the line when the text was wrapped, so a wrapped line stays full without them.
 */
function removedAdvertWidths(state: State, removed: readonly Cut[], input: string): number[] | undefined {
  const adverts = removed.filter((cut) => cut.family === CleanFamily.BracketedAdvert).sort((a, b) => a.start - b.start);
  if (adverts.length === 0) return undefined;
  const widths: number[] = [];
  const { text, origin } = state;
  let k = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    // Input positions this line spans: from just after the line break before it to its own.
    const from = lineStart === 0 ? 0 : (origin[lineStart - 1] ?? 0) + 1;
    const to = lineEnd < text.length ? (origin[lineEnd] ?? 0) : Number.MAX_SAFE_INTEGER;
    let width = 0;
    while (k < adverts.length && (adverts[k]?.start ?? 0) < from) k++;
    for (let j = k; j < adverts.length && (adverts[j]?.start ?? 0) < to; j++) {
      const cut = adverts[j]!;
      width += displayWidth(input.slice(cut.start, cut.end));
    }
    widths.push(width);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return widths;
}


function inlineCuts(text: string, rule: CleanRule): Cut[] {
  const pattern = rule.pattern.global ? rule.pattern : new RegExp(rule.pattern.source, `${rule.pattern.flags}g`);
  pattern.lastIndex = 0;
  const cuts: Cut[] = [];
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    cuts.push({ start: match.index, end: match.index + match[0].length, ruleId: rule.id, family: rule.family });
  }
  return cuts;
}

interface Line {
  readonly start: number;
  readonly text: string;
}

function lineCuts(text: string, rules: readonly CleanRule[], bracketRules: readonly CleanRule[]): Cut[] {
  const lineRules = rules.filter((rule) => rule.scope === RuleScope.Line);
  const blockRules = rules.filter((rule) => rule.scope === RuleScope.Block);
  if (lineRules.length === 0 && blockRules.length === 0) return [];

  const lines: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ start, text: line });
    start += line.length + 1;
  }

  const scored = new Map<number, AdvertScore>();
  const scoreOf = (index: number) => {
    let entry = scored.get(index);
    if (!entry) {
      // Judge the line without its bracketed tags: a title glued to 【更多素材搜索…】 is not an advert.
      entry = scoreAdvert(withoutMatches(lines[index]?.text ?? '', bracketRules));
      scored.set(index, entry);
    }
    return entry;
  };
  const matches = (rule: CleanRule, index: number): boolean => {
    const line = lines[index]?.text ?? '';
    if (line.trim() === '') return false;
    rule.pattern.lastIndex = 0;
    if (!rule.pattern.test(line)) return false;
    if (rule.minAdvertScore === undefined && rule.minAdvertDensity === undefined && rule.minStrongTerms === undefined) {
      return true;
    }
    const { score, density, strongTerms } = scoreOf(index);
    return (
      score >= (rule.minAdvertScore ?? 0) &&
      density >= (rule.minAdvertDensity ?? 0) &&
      strongTerms >= (rule.minStrongTerms ?? 0)
    );
  };

  const cutBy: (CleanRule | undefined)[] = lines.map((_, i) => lineRules.find((rule) => matches(rule, i)));
  if (blockRules.length > 0 && cutBy.some(Boolean)) {
    extendBlocks(lines, cutBy, blockRules, matches);
  }

  const cuts: Cut[] = [];
  for (let i = 0; i < lines.length; i++) {
    const rule = cutBy[i];
    const line = lines[i];
    if (!rule || !line) continue;
    const hasNewlineAfter = i < lines.length - 1;
    const begin = hasNewlineAfter || i === 0 ? line.start : line.start - 1;
    const end = line.start + line.text.length + (hasNewlineAfter ? 1 : 0);
    cuts.push({ start: begin, end, ruleId: rule.id, family: rule.family });
  }
  return mergeAdjacent(cuts);
}

/** Marks block-rule lines that touch a cut line (blank lines between allowed), spreading outwards. */
function extendBlocks(
  lines: readonly Line[],
  cutBy: (CleanRule | undefined)[],
  blockRules: readonly CleanRule[],
  matches: (rule: CleanRule, index: number) => boolean,
): void {
  const sweep = (from: number, to: number, step: number) => {
    let neighbourCut = false;
    for (let i = from; i !== to; i += step) {
      if (cutBy[i]) {
        neighbourCut = true;
        continue;
      }
      if ((lines[i]?.text ?? '').trim() === '') continue;
      const rule: CleanRule | undefined = neighbourCut ? blockRules.find((candidate) => matches(candidate, i)) : undefined;
      if (rule) cutBy[i] = rule;
      neighbourCut = rule !== undefined;
    }
  };
  sweep(0, lines.length, 1);
  sweep(lines.length - 1, -1, -1);
}

function withoutMatches(line: string, rules: readonly CleanRule[]): string {
  let result = line;
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    result = result.replace(rule.pattern, '');
  }
  return result;
}

/** Cuts of one line rule that touch are merged, so a removal never starts mid-way through another. */
function mergeAdjacent(cuts: readonly Cut[]): Cut[] {
  const merged: Cut[] = [];
  for (const cut of cuts) {
    const last = merged[merged.length - 1];
    if (last && last.end >= cut.start && last.ruleId === cut.ruleId) {
      merged[merged.length - 1] = { ...last, end: Math.max(last.end, cut.end) };
    } else if (last && last.end > cut.start) {
      merged.push({ ...cut, start: last.end });
    } else {
      merged.push(cut);
    }
  }
  return merged.filter((cut) => cut.end > cut.start);
}

/**
 * Removes `cuts` (sorted, non-overlapping, in current-text positions) from the state and records
 * them in input positions, one cut per contiguous run of input characters.
 */
function apply(state: State, cuts: readonly Cut[], removed: Cut[]): void {
  if (cuts.length === 0) return;
  const { text, origin } = state;
  let removedLength = 0;
  for (const cut of cuts) removedLength += cut.end - cut.start;
  const nextOrigin = new Int32Array(text.length - removedLength);
  const parts: string[] = [];
  let kept = 0;
  let position = 0;
  for (const cut of cuts) {
    parts.push(text.slice(position, cut.start));
    nextOrigin.set(origin.subarray(position, cut.start), kept);
    kept += cut.start - position;
    let runStart = cut.start;
    for (let i = cut.start + 1; i <= cut.end; i++) {
      if (i === cut.end || origin[i] !== (origin[i - 1] ?? 0) + 1) {
        const from = origin[runStart] ?? 0;
        removed.push({ start: from, end: from + (i - runStart), ruleId: cut.ruleId, family: cut.family });
        runStart = i;
      }
    }
    position = cut.end;
  }
  parts.push(text.slice(position));
  nextOrigin.set(origin.subarray(position), kept);
  state.text = parts.join('');
  state.origin = nextOrigin;
}

function toRemovals(input: string, cuts: readonly Cut[]): Removal[] {
  const lineStarts = [0];
  for (let i = input.indexOf('\n'); i !== -1; i = input.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return [...cuts]
    .sort((a, b) => a.start - b.start)
    .map((cut) => {
      const line = lineIndexOf(lineStarts, cut.start);
      return {
        ruleId: cut.ruleId,
        family: cut.family,
        line: line + 1,
        column: cut.start - (lineStarts[line] ?? 0) + 1,
        offset: cut.start,
        text: input.slice(cut.start, cut.end),
      };
    });
}

function lineIndexOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
