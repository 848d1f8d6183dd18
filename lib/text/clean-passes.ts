/**
 * The cleaning passes, as a list: each pass finds cuts in the current text and logs them under a
 * rule id; the engine in clean.ts applies each pass's cuts before the next pass runs. The order of
 * the list is the order of the passes, and it is data: {@link DEFAULT_CLEAN_PASSES}.
 *
 * Three phases: the `prepare` passes run once, first (they judge the text as it came: a double
 * spacing hides the wrap, a running header is known by the page numbers beside it); the `repeat`
 * passes then run in order, again and again until a round cuts nothing (a cut can make another
 * rule match: an advert tag taken out of a line leaves junk characters that the next round takes);
 * the `finish` passes run once, last: normalisations (`,` → `，`), so that no rule judges or cuts
 * what they put in.
 *
 * A pass may normalise rather than cut: it gives a cut the one character that takes its place (a
 * full-width mark, a restored line break), logged as the removal's `replacement`.
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
  type PassRule,
  type RuleCut,
} from './clean-rules.js';
import { CONVERTER_PINYIN_RULES, findConverterPinyin } from './converter-pinyin.js';
import type { FallbackRule } from './decision.js';
import { forEachDoubleSpacingCut } from './double-spacing.js';
import { forEachWrapBreak } from './hard-wrap.js';
import { findHtmlDebris, HTML_DEBRIS_RULES } from './html-debris.js';
import { findMarkdownMarkup, MARKDOWN_RULES } from './markdown-markup.js';
import { forEachRunningHeaderCut } from './page-furniture.js';
import { findHalfWidthPunctuation, PUNCTUATION_WIDTH_RULES } from './punctuation-width.js';
import { findFlattenedLineBreaks, LOST_BREAK_RULES } from './lost-breaks.js';
import { findViewerChunks, FLATTENED_PARAGRAPH_RULES, VIEWER_CHUNK_RULES } from './viewer-layer.js';
import { findWatermarks, WATERMARK_RULES } from './watermark.js';
import { readPage } from './zones/page-zones.js';
import { isBlank } from './white-space.js';

/** When a pass runs: once before the others, in every round until a round cuts nothing, or once after them. */
export const CleanPhase = {
  Prepare: 'prepare',
  Repeat: 'repeat',
  Finish: 'finish',
} as const;
export type CleanPhase = (typeof CleanPhase)[keyof typeof CleanPhase];

/** A rule id and family a cut is logged under. */
export interface RuleTag {
  readonly id: string;
  readonly family: string;
}

/** What a pass is given: the current text, where to put its cuts, and what the cleaning knows so far. */
export interface PassContext {
  /** The text as the passes before this one left it. */
  readonly text: string;
  /**
   * Logs a cut `[start, end)` of {@link text} under `ruleId` (default: the pass's id); with
   * `replacement` (one UTF-16 character), a normalisation: that character takes the cut's place.
   * Cuts come in text order and never overlap.
   */
  cut(start: number, end: number, ruleId?: string, replacement?: string): void;
  /**
   * For each line of {@link text}, the page width of the bracketed adverts already cut from it
   * (undefined when none were): they filled the line when the text was wrapped.
   */
  removedAdvertWidths(): ArrayLike<number> | undefined;
  /** The line rule in force that cuts `line` whole (an advert line), if any. */
  lineRule(line: string): CleanRule | undefined;
  /** The block rule in force that cuts `line` when it stands next to a cut line, if any. */
  blockRule(line: string): CleanRule | undefined;
  /**
   * Records a decision a pass took about a line (at `position` of {@link text}) by a rule of a
   * decision table, when a trace was asked for; undefined otherwise.
   */
  readonly note?: (kind: CleanDecisionKind, position: number, line: string, rule: FallbackRule<string>) => void;
}

/** What a cleaning decision was about: a line break under a full line, or a line beside page numbers. */
export const CleanDecisionKind = { Break: 'break', Furniture: 'furniture' } as const;
export type CleanDecisionKind = (typeof CleanDecisionKind)[keyof typeof CleanDecisionKind];

/** One cleaning pass. */
export interface CleanPass {
  /** Stable id, `family/name`: what its cuts are logged under, and what `CleanOptions.disable` takes. */
  readonly id: string;
  readonly family: CleanFamily;
  readonly phase: CleanPhase;
  readonly description: string;
  /**
   * The rules the pass applies, when it applies rules (each logs its cuts under its own id): pattern
   * rules, or rules it decides by in code.
   */
  readonly rules?: readonly (CleanRule | PassRule)[];
  run(context: PassContext): void;
}

/** A pass that cuts every match of an inline rule's pattern. */
export function patternPass(rule: CleanRule): CleanPass {
  return {
    id: rule.id,
    family: rule.family,
    phase: CleanPhase.Repeat,
    description: rule.description,
    rules: [rule],
    run({ text, cut }) {
      // A pattern of its own for each run: the rule's RegExp is shared data and is never advanced.
      for (const match of text.matchAll(globalCopy(rule.pattern))) {
        if (match[0].length > 0) cut(match.index, match.index + match[0].length);
      }
    },
  };
}

/** A copy of `pattern` with the `g` flag, whose `lastIndex` no one else advances. */
function globalCopy(pattern: RegExp): RegExp {
  return new RegExp(pattern, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
}

/** Id of the pass that applies the line and block rules together. */
export const ADVERT_LINES_PASS_ID = 'advert-line/lines';

/**
 * The pass of the line and block rules: lines a line rule cuts whole, then block-rule lines next to
 * a cut line (see {@link RuleScope}). They run as one pass, because block rules need to see which
 * lines were cut. Each cut is logged under the rule that made it.
 */
export function advertLinesPass(rules: readonly CleanRule[]): CleanPass {
  return {
    id: ADVERT_LINES_PASS_ID,
    family: CleanFamily.AdvertLine,
    phase: CleanPhase.Repeat,
    description: 'whole lines of adverts (line rules), and the weaker lines of a footer block next to them (block rules)',
    rules,
    run: lineCuts,
  };
}

/**
 * Hard wraps of a PDF copy re-joined (see hard-wrap.ts). It runs just before the line rules, so
 * that these judge whole lines (a wrapped advert is an advert only as a whole), and never joins an
 * advert line to a title under it.
 */
export const HARD_WRAP_PASS: CleanPass = {
  id: HARD_WRAP_RULE_ID,
  family: CleanFamily.Whitespace,
  phase: CleanPhase.Repeat,
  description: 'line breaks of hard-wrapped text (copied out of a PDF) inside a paragraph, with the white space around them',
  run({ text, cut, removedAdvertWidths, lineRule, note }) {
    const removedWidths = removedAdvertWidths();
    forEachWrapBreak(text, (start, end) => cut(start, end), {
      ...(removedWidths ? { removedWidths } : {}),
      isAdvertLine: (line) => lineRule(line) !== undefined,
      ...(note ? { onDecision: ({ at, line, rule }) => note(CleanDecisionKind.Break, at, line, rule) } : {}),
    });
  },
};

/** Double spacing halved, first of all but HTML tags: every other pass judges lines and their neighbours, which the blank lines hide. */
export const DOUBLE_SPACING_PASS: CleanPass = {
  id: DOUBLE_SPACING_RULE_ID,
  family: CleanFamily.Whitespace,
  phase: CleanPhase.Prepare,
  description: 'the blank line after every line of a double-spaced copy of hard-wrapped text (every run of blank lines halved)',
  run: ({ text, cut }) => forEachDoubleSpacingCut(text, (start, end) => cut(start, end)),
};

/** Running headers and footers, before the page numbers go: a running header is found by standing beside them. */
export const RUNNING_HEADER_PASS: CleanPass = {
  id: RUNNING_HEADER_RULE_ID,
  family: CleanFamily.PageNumber,
  phase: CleanPhase.Prepare,
  description: 'a running header or footer of a PDF copy: the same line beside the page numbers on page after page',
  run: ({ text, cut, note }) =>
    forEachRunningHeaderCut(
      text,
      (start, end) => cut(start, end),
      note && (({ starts, text: line, rule }) => starts.forEach((start) => note(CleanDecisionKind.Furniture, start, line, rule))),
    ),
};

/** True for a rule applied by its pattern (clean-rules.ts), as opposed to one a pass decides in code. */
function isPatternRule(rule: CleanRule | PassRule): rule is CleanRule {
  return 'pattern' in rule;
}

/**
 * A pass whose rules are decided in a module of their own (one per family, its vocabulary as data):
 * `find` reports each cut or normalisation under one of `rules`.
 */
function finderPass(id: string, phase: CleanPhase, description: string, rules: readonly PassRule[], find: (text: string, cut: RuleCut) => void): CleanPass {
  return {
    id,
    family: (rules[0] as PassRule).family,
    phase,
    description,
    rules,
    run: ({ text, cut }) => find(text, (start, end, ruleId, replacement) => cut(start, end, ruleId, replacement)),
  };
}

/**
 * Inside a document. HTML tags served as text, a document viewer's chunks, footers and snippet, and
 * the paragraphs it flattened make the lines every other pass judges: they go first, once (the
 * tags before double spacing is read, which they may hide; the viewer's layer after it, before the
 * running headers). Converter pinyin and anti-copy watermarks
 * run first in every round, before any rule reads words or measures lines, and again after a
 * rule's cut (a paywall marker between a watermark and its word). The half-width marks are made
 * full-width once, after every other pass.
 */
export const HTML_DEBRIS_PASS = finderPass('html-debris/tags', CleanPhase.Prepare, 'HTML tags served as text', HTML_DEBRIS_RULES, findHtmlDebris);
export const MARKDOWN_PASS = finderPass('markdown/marks', CleanPhase.Prepare, 'Markdown heading marks and emphasis served as text', MARKDOWN_RULES, findMarkdownMarkup);
export const VIEWER_CHUNKS_PASS = finderPass('viewer-layer/chunks', CleanPhase.Prepare, "a document viewer's chunk numbers, page footers and preview snippet", VIEWER_CHUNK_RULES, findViewerChunks);
export const FLATTENED_PARAGRAPHS_PASS = finderPass(
  'viewer-layer/flattened-paragraphs',
  CleanPhase.Prepare,
  'paragraphs a document viewer flattened into one line, their line breaks put back',
  [...FLATTENED_PARAGRAPH_RULES, ...LOST_BREAK_RULES],
  findFlattenedLineBreaks,
);
export const CONVERTER_PINYIN_PASS = finderPass('converter-pinyin/readings', CleanPhase.Repeat, 'pinyin a script converter put after characters', CONVERTER_PINYIN_RULES, findConverterPinyin);
export const WATERMARK_PASS = finderPass('watermark/marks', CleanPhase.Repeat, 'anti-copy watermarks', WATERMARK_RULES, findWatermarks);
export const PUNCTUATION_WIDTH_PASS = finderPass(
  'punctuation/width',
  CleanPhase.Finish,
  'half-width punctuation of Chinese text made the GB/T 15834 full-width marks',
  PUNCTUATION_WIDTH_RULES,
  (text, cut) => {
    // Not on the page furniture the split will cut (zones/page-zones.ts): the removal log shows
    // that exactly as the input has it.
    // Only lines cut whole: the text of a line the page reading only trims (a label glued to a title) is the document's.
    const lines = text.split('\n');
    const furniture = new Set(readPage(lines).cuts.filter((zoneCut) => zoneCut.text.trim() === lines[zoneCut.line]?.trim()).map((zoneCut) => zoneCut.line));
    findHalfWidthPunctuation(text, cut, { keepLine: (line) => furniture.has(line) });
  },
);

/** The default rule with this id. */
function rule(id: string): CleanRule {
  const found = DEFAULT_CLEAN_RULES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`clean-passes: no default rule ${id}`);
  return found;
}

/**
 * The default passes, in the order they run. Page-number lines go first, so that the lines around
 * them meet before hard wraps are found. Bracketed tags go before the hard wraps and the line rules,
 * so that a title glued to a tag is judged without it, both as a wrapped line and as an advert.
 * White space goes last: indentation tells the hard-wrap pass where paragraphs start.
 */
export const DEFAULT_CLEAN_PASSES: readonly CleanPass[] = [
  HTML_DEBRIS_PASS,
  MARKDOWN_PASS,
  DOUBLE_SPACING_PASS,
  VIEWER_CHUNKS_PASS,
  FLATTENED_PARAGRAPHS_PASS,
  RUNNING_HEADER_PASS,
  CONVERTER_PINYIN_PASS,
  WATERMARK_PASS,
  patternPass(rule('whitespace/invisible')),
  patternPass(rule('paywall-marker/paid-section')),
  patternPass(rule('page-number/page-line')),
  patternPass(rule('bracketed-advert/junk-before-wrapped-tag')),
  patternPass(rule('bracketed-advert/search-tag')),
  patternPass(rule('bracketed-advert/site-name')),
  patternPass(rule('bracketed-advert/search-tag-alt-brackets')),
  patternPass(rule('bracketed-advert/advert-label')),
  HARD_WRAP_PASS,
  advertLinesPass([rule('advert-line/promotion'), rule('advert-block/footer-neighbour')]),
  patternPass(rule('whitespace/indent')),
  patternPass(rule('whitespace/trailing')),
  patternPass(rule('whitespace/beside-cjk-punctuation')),
  patternPass(rule('whitespace/blank-lines')),
  patternPass(rule('whitespace/leading-lines')),
  patternPass(rule('whitespace/trailing-lines')),
  PUNCTUATION_WIDTH_PASS,
];

/** What {@link passesInForce} takes: extra rules, and the ids of passes and rules switched off. */
export interface PassSelection {
  /** Extra rules: inline ones run as passes of their own after the defaults; line and block ones join the advert-lines pass. */
  readonly rules?: readonly CleanRule[];
  /** Ids of passes or rules to switch off. Double spacing goes with the hard wraps (it is undone for their sake). */
  readonly disable?: readonly string[];
}

/** The passes a cleaning runs: the defaults with the extra rules added and the switched-off ones taken out. */
export function passesInForce(selection: PassSelection = {}): CleanPass[] {
  const disabled = new Set(selection.disable ?? []);
  if (disabled.has(HARD_WRAP_RULE_ID)) disabled.add(DOUBLE_SPACING_RULE_ID);
  const extra = (selection.rules ?? []).filter((extraRule) => !disabled.has(extraRule.id));
  const extraLines = extra.filter((extraRule) => (extraRule.scope ?? RuleScope.Inline) !== RuleScope.Inline);
  const passes = DEFAULT_CLEAN_PASSES.filter((pass) => !disabled.has(pass.id))
    .map((pass) => {
      if (pass.id === ADVERT_LINES_PASS_ID) return advertLinesPass([...(pass.rules ?? []).filter(isPatternRule).filter((r) => !disabled.has(r.id)), ...extraLines]);
      // A pass deciding by rules of its own keeps those in force (its cuts under the others are dropped).
      return pass.rules && !pass.rules.some(isPatternRule) ? { ...pass, rules: pass.rules.filter((r) => !disabled.has(r.id)) } : pass;
    })
    .filter((pass) => pass.rules === undefined || pass.rules.length > 0 || pass.id === ADVERT_LINES_PASS_ID);
  return [...passes, ...extra.filter((extraRule) => (extraRule.scope ?? RuleScope.Inline) === RuleScope.Inline).map(patternPass)];
}

// ── Line and block rules ─────────────────────────────────────────────────────────────────────

/** The rules in force that judge whole lines, and the bracketed-tag rules that are taken out of a line before it is scored. */
export interface LineRuleSet {
  readonly line: readonly CleanRule[];
  readonly block: readonly CleanRule[];
  readonly brackets: readonly CleanRule[];
}

/** The line, block and bracketed-tag rules applied by `passes`. */
export function lineRuleSet(passes: readonly CleanPass[]): LineRuleSet {
  const rules = passes.flatMap((pass) => pass.rules ?? []).filter(isPatternRule);
  return {
    line: rules.filter((r) => r.scope === RuleScope.Line).map(statelessCopy),
    block: rules.filter((r) => r.scope === RuleScope.Block).map(statelessCopy),
    brackets: rules.filter((r) => r.family === CleanFamily.BracketedAdvert && (r.scope ?? RuleScope.Inline) === RuleScope.Inline),
  };
}

/** `rule` with a pattern that has no `g` or `y` flag, so that `test` keeps no state between lines. */
function statelessCopy(rule: CleanRule): CleanRule {
  const flags = rule.pattern.flags.replace(/[gy]/g, '');
  return flags === rule.pattern.flags ? rule : { ...rule, pattern: new RegExp(rule.pattern, flags) };
}

/** The first of `rules` that `line` satisfies (pattern and advert thresholds), if any. */
export function firstMatch(rules: readonly CleanRule[], line: string, brackets: readonly CleanRule[]): CleanRule | undefined {
  if (rules.length === 0 || isBlank(line)) return undefined;
  let score: ReturnType<typeof scoreAdvert> | undefined;
  for (const candidate of rules) {
    if (!candidate.pattern.test(line)) continue;
    if (candidate.minAdvertScore === undefined && candidate.minAdvertDensity === undefined && candidate.minStrongTerms === undefined) {
      return candidate;
    }
    const minScore = candidate.minAdvertScore ?? 0;
    const minDensity = candidate.minAdvertDensity ?? 0;
    const minStrong = candidate.minStrongTerms ?? 0;
    // A line without a single character of any advert term scores 0 however its tags are taken
    // out: most lines of prose are settled here without building the tag-free copy.
    if ((minScore > 0 || minDensity > 0 || minStrong > 0) && !mayScore(line)) continue;
    // Judge the line without its bracketed tags: a title glued to 【更多素材搜索…】 is not an advert.
    score ??= scoreAdvert(withoutMatches(line, brackets));
    if (score.score >= minScore && score.density >= minDensity && score.strongTerms >= minStrong) return candidate;
  }
  return undefined;
}

function withoutMatches(line: string, rules: readonly CleanRule[]): string {
  let result = line;
  for (const bracketRule of rules) result = result.replace(globalCopy(bracketRule.pattern), '');
  return result;
}

/** A whole-line cut of one rule, before neighbouring cuts of the same rule are merged. */
interface LineCut {
  start: number;
  end: number;
  readonly ruleId: string;
}

/**
 * Line and block rules: lines a line rule cuts whole, then block-rule lines next to a cut line
 * (blank lines between allowed), spreading forwards and then backwards. Lines are visited one at
 * a time; only the cut lines are remembered.
 */
function lineCuts({ text, cut, lineRule, blockRule }: PassContext): void {
  // Forward: line rules on every line, and block rules on lines below a cut line.
  const cutLines: LineCut[] = [];
  let neighbourCut = false;
  for (let start = 0; ; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    const byLine = lineRule(line);
    if (byLine) {
      cutLines.push({ start, end, ruleId: byLine.id });
      neighbourCut = true;
    } else if (!isBlank(line)) {
      const byBlock: CleanRule | undefined = neighbourCut ? blockRule(line) : undefined;
      if (byBlock) cutLines.push({ start, end, ruleId: byBlock.id });
      neighbourCut = byBlock !== undefined;
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  if (cutLines.length === 0) return;

  // Backward: block rules on the lines above each cut line, up to the cut line before it.
  const above: LineCut[] = [];
  for (let c = cutLines.length - 1; c >= 0; c--) {
    const previousCutEnd = c > 0 ? cutLines[c - 1]!.end : -1;
    let lineEnd = cutLines[c]!.start - 1;
    while (lineEnd >= 0 && lineEnd !== previousCutEnd) {
      const lineStart = lineEnd === 0 ? 0 : text.lastIndexOf('\n', lineEnd - 1) + 1;
      const line = text.slice(lineStart, lineEnd);
      if (!isBlank(line)) {
        const byBlock = blockRule(line);
        if (!byBlock) break;
        above.push({ start: lineStart, end: lineEnd, ruleId: byBlock.id });
      }
      lineEnd = lineStart - 1;
    }
  }

  // Both lists in text order (`above` was filled bottom-up), each line with its line break, and
  // touching cuts of one rule merged, so that a removal never starts mid-way through another.
  const merged: LineCut[] = [];
  let a = above.length - 1;
  for (let c = 0; c < cutLines.length || a >= 0; ) {
    const takeAbove = a >= 0 && (c >= cutLines.length || above[a]!.start < cutLines[c]!.start);
    const line = takeAbove ? above[a--]! : cutLines[c++]!;
    const hasNewlineAfter = line.end < text.length;
    const begin = hasNewlineAfter || line.start === 0 ? line.start : line.start - 1;
    const finish = line.end + (hasNewlineAfter ? 1 : 0);
    const last = merged.at(-1);
    if (last && last.end >= begin && last.ruleId === line.ruleId) last.end = Math.max(last.end, finish);
    else if (last && last.end > begin) merged.push({ start: last.end, end: finish, ruleId: line.ruleId });
    else merged.push({ start: begin, end: finish, ruleId: line.ruleId });
  }
  for (const { start, end, ruleId } of merged) if (end > start) cut(start, end, ruleId);
}
