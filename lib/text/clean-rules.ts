/**
 * The cleaning rules, as data. Each rule names what it removes and why; the engine in clean.ts
 * applies them and logs every cut. Patterns must stay linear on any input: bounded quantifiers
 * only, never a quantified group that itself contains a quantifier.
 */
import { JUNK, LINE_SPACE, PAGE_NUMBER, SITE_SUFFIXES, TAG_WORDS } from './lexicon/furniture.js';
import { charClass, FULL_WIDTH_PUNCTUATION } from './lexicon/punctuation.js';
import { TUNING } from './tuning.js';

/** What a rule removes; removals are summarised by family. */
export const CleanFamily = {
  PaywallMarker: 'paywall-marker',
  PageNumber: 'page-number',
  BracketedAdvert: 'bracketed-advert',
  AdvertLine: 'advert-line',
  AdvertBlock: 'advert-block',
  Whitespace: 'whitespace',
  /** Readings a simplified-to-traditional converter put after characters: `績(jì)效`. */
  ConverterPinyin: 'converter-pinyin',
  /** Anti-copy marks a document site slipped into the text: `的'工作`, a `-` line where a page broke. */
  Watermark: 'watermark',
  /** Half-width punctuation in Chinese text made full-width (a normalisation: logged with its replacement). */
  Punctuation: 'punctuation',
  /** What a document viewer's text layer leaves: chunk numbers, page footers in words, flattened paragraphs, a preview snippet. */
  ViewerLayer: 'viewer-layer',
  /** HTML tags a page served as text (`<p class="ql-block">`, a broken `< p>`). */
  HtmlDebris: 'html-debris',
  /** Markdown marks a page served as text (`### 标题`, `**要点**：`). */
  Markdown: 'markdown',
  /** A person's own rule ("always remove lines like this", lib/corrections/user-rules.ts): never a default rule's family. */
  UserRule: 'user-rule',
} as const;
export type CleanFamily = (typeof CleanFamily)[keyof typeof CleanFamily];

/** How a rule's pattern is applied. */
export const RuleScope = {
  /** Every match is cut, wherever it is. The pattern must have the `g` flag. */
  Inline: 'inline',
  /** Tested against each line (without its newline); a matching line is cut whole. */
  Line: 'line',
  /**
   * Like `line`, but only for lines next to a line another rule cut whole (blank lines between
   * allowed): the weaker lines of a footer block, which alone would be too weak to cut.
   */
  Block: 'block',
} as const;
export type RuleScope = (typeof RuleScope)[keyof typeof RuleScope];

export interface CleanRule {
  /** Stable id, `family/name`; pass it in `CleanOptions.disable` to switch the rule off. */
  readonly id: string;
  readonly family: CleanFamily;
  readonly description: string;
  readonly pattern: RegExp;
  /** Default `inline`. */
  readonly scope?: RuleScope;
  /**
   * Line and block rules: the line must also reach this advert score (see advert-vocabulary.ts),
   * counted with bracketed adverts already taken out.
   */
  readonly minAdvertScore?: number;
  /** Line and block rules: and at least this score per visible character. */
  readonly minAdvertDensity?: number;
  /** Line and block rules: and at least this many strong terms (weight 3: 客服, 代笔, 素材库 …). */
  readonly minStrongTerms?: number;
}

/**
 * A rule a pass decides by in code rather than by one pattern (it counts, pairs or looks around):
 * what its cuts are logged under (see clean-passes.ts `CleanPass.rules`).
 */
export interface PassRule {
  readonly id: string;
  readonly family: CleanFamily;
  readonly description: string;
}

/**
 * Reports one cut of such a rule: `[start, end)` of the text it was given, logged under `ruleId`;
 * for a normalisation, with the one character that takes its place (logged as the removal's
 * `replacement`). Cuts come in text order and never overlap.
 */
export type RuleCut = (start: number, end: number, ruleId: string, replacement?: string) => void;

/** Full-width punctuation, beside which a space is a copy-paste artefact. */
const PUNCTUATION = charClass(FULL_WIDTH_PUNCTUATION);

/** `term` with up to two junk characters allowed between its characters (`素#材`, `文*库`). */
function fuzzy(term: string): string {
  return [...term].join(`${JUNK}{0,2}`);
}

const TAG_WORD = TAG_WORDS.map(fuzzy).join('|');
const SITE_SUFFIX = SITE_SUFFIXES.map(fuzzy).join('|');

const TAG_CHAR = String.raw`[^【】〖〗\[\]［］\n]`;

// Junk before the bracket is always part of the advert; junk after it only when no word
// follows, so that `】*公司` keeps its redaction mark.
const JUNK_BEFORE = `${JUNK}{0,3}`;
const JUNK_AFTER = String.raw`(?:${JUNK}{1,3}(?!${JUNK}|[\p{L}\p{N}]))?`;

/** A bracket holding two tag words: 【更多素材搜索…文库】. */
function bracketedTag(open: string, close: string): RegExp {
  return new RegExp(
    String.raw`${JUNK_BEFORE}${open}${TAG_CHAR}{0,20}?(?:${TAG_WORD})${TAG_CHAR}{0,20}?(?:${TAG_WORD})${TAG_CHAR}{0,20}${close}${JUNK_AFTER}`,
    'gu',
  );
}

/**
 * Id under which running headers and footers are cut: a line that stands beside page-number lines
 * again and again with the same text (a compilation's or a site's name); see page-furniture.ts.
 */
export const RUNNING_HEADER_RULE_ID = 'page-number/running-header';

/**
 * The default rule set, applied in this order (the engine repeats the sequence until nothing
 * changes). Page-number lines go first, so that the lines around them meet before hard wraps
 * are found. Bracketed tags go before line rules so that a title glued to a tag is judged without
 * it, both as a wrapped line and as an advert. The white-space patterns use an unbounded `+` only where it stays linear: a lookbehind
 * lets a match start only at the beginning of a run, and the run is then taken whole.
 */
export const DEFAULT_CLEAN_RULES: readonly CleanRule[] = [
  {
    id: 'whitespace/invisible',
    family: CleanFamily.Whitespace,
    description: 'zero-width characters, BOMs, soft hyphens, direction marks and stray control characters',
    pattern: /[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\u00ad\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]+/g,
  },
  {
    id: 'paywall-marker/paid-section',
    family: CleanFamily.PaywallMarker,
    description: 'paywall section markers such as ##paidbegin## and ##paidend##, even inside a word',
    pattern: /#{1,3} {0,2}(?:paid|vip|fee|pay)[ _-]{0,2}(?:begin|end|start|stop) {0,2}#{1,3}/gi,
  },
  {
    id: 'page-number/page-line',
    family: CleanFamily.PageNumber,
    description: 'a page number on a line of its own, as text copied out of a PDF has it (— 3 —, -3-, 第3页 共12页, Page 3 of 12), with its line break',
    pattern: new RegExp(String.raw`(?<=^|\n)${LINE_SPACE}{0,40}(?:${PAGE_NUMBER})${LINE_SPACE}{0,40}(?:\n|$)`, 'gu'),
  },
  {
    id: 'bracketed-advert/junk-before-wrapped-tag',
    family: CleanFamily.BracketedAdvert,
    description: 'junk characters left at the end of a line when a hard wrap moved the tag they belong to onto the next line',
    pattern: new RegExp(
      String.raw`${JUNK}{1,3}(?=${LINE_SPACE}{0,8}\n${LINE_SPACE}{0,8}${JUNK}{0,3}【${TAG_CHAR}{0,20}?(?:${TAG_WORD})${TAG_CHAR}{0,20}?(?:${TAG_WORD})${TAG_CHAR}{0,20}】)`,
      'gu',
    ),
  },
  {
    id: 'bracketed-advert/search-tag',
    family: CleanFamily.BracketedAdvert,
    description: 'a bracketed "more material: search …" tag (【更多素材搜索…文库】) with the junk characters around it',
    pattern: bracketedTag('【', '】'),
  },
  {
    id: 'bracketed-advert/site-name',
    family: CleanFamily.BracketedAdvert,
    description: 'a bracketed document-site name (【某某素材库】, 【某某宝库】) with the junk characters around it',
    pattern: new RegExp(String.raw`${JUNK_BEFORE}【${TAG_CHAR}{0,12}?(?:${SITE_SUFFIX})】${JUNK_AFTER}`, 'gu'),
  },
  {
    id: 'bracketed-advert/search-tag-alt-brackets',
    family: CleanFamily.BracketedAdvert,
    description: 'the same tag in 〖〗, [] or ［］ brackets',
    pattern: bracketedTag(String.raw`[〖\[［]`, String.raw`[〗\]］]`),
  },
  {
    id: 'bracketed-advert/advert-label',
    family: CleanFamily.BracketedAdvert,
    description: 'a bracket holding only the label 广告 or 推广 (【广告】, [推广]): the marker of a copied advert, never report text',
    pattern: new RegExp(String.raw`${JUNK_BEFORE}[【〖\[［]${LINE_SPACE}{0,2}(?:广告|推广)${LINE_SPACE}{0,2}[】〗\]］]${JUNK_AFTER}`, 'gu'),
  },
  {
    id: 'advert-line/promotion',
    family: CleanFamily.AdvertLine,
    description: 'a line dense with promotional vocabulary (公众号, 素材库, 会员, 客服, 代笔, 下载, contact handles)',
    scope: RuleScope.Line,
    pattern: /^[^\n]{1,600}$/,
    minAdvertScore: TUNING.advert.line.minScore,
    minAdvertDensity: TUNING.advert.line.minDensity,
    minStrongTerms: TUNING.advert.line.minStrongTerms,
  },
  {
    id: 'advert-block/footer-neighbour',
    family: CleanFamily.AdvertBlock,
    description: 'a weaker promotional line without a full stop, next to an advert line (a footer block)',
    scope: RuleScope.Block,
    pattern: /^[^。\n]{1,160}$/,
    minAdvertScore: TUNING.advert.block.minScore,
    minAdvertDensity: TUNING.advert.block.minDensity,
  },
  {
    id: 'whitespace/indent',
    family: CleanFamily.Whitespace,
    description: 'indentation at the start of a line (ideographic spaces, NBSP, tabs)',
    pattern: new RegExp(`(?<=^|\\n)${LINE_SPACE}+`, 'g'),
  },
  {
    id: 'whitespace/trailing',
    family: CleanFamily.Whitespace,
    description: 'spaces at the end of a line',
    pattern: new RegExp(`(?<!${LINE_SPACE})${LINE_SPACE}+(?=\\n|$)`, 'g'),
  },
  {
    // A copy-paste artefact (`综合评定 “优秀”`): Chinese sets no word spaces, and Word shows this one.
    // Only where full-width punctuation stands on one side, so spaced words (`目 录`, `姓 名`) and
    // the phrase spaces of titles stay.
    id: 'whitespace/beside-cjk-punctuation',
    family: CleanFamily.Whitespace,
    description: 'spaces between a Chinese character or full-width punctuation and full-width punctuation',
    pattern: new RegExp(
      String.raw`(?<=\p{Script=Han}|${PUNCTUATION})[ \u00a0]+(?=${PUNCTUATION})|(?<=${PUNCTUATION})[ \u00a0]+(?=\p{Script=Han})`,
      'gu',
    ),
  },
  {
    id: 'whitespace/blank-lines',
    family: CleanFamily.Whitespace,
    description: 'more than one blank line in a row',
    pattern: /(?<=\n\n)\n+/g,
  },
  {
    id: 'whitespace/leading-lines',
    family: CleanFamily.Whitespace,
    description: 'blank lines before the text',
    pattern: /^\n+/g,
  },
  {
    id: 'whitespace/trailing-lines',
    family: CleanFamily.Whitespace,
    description: 'blank lines after the text',
    pattern: /(?<!\n)\n+$/g,
  },
];

/** Id of the built-in step that re-joins lines hard-wrapped by a PDF copy (see hard-wrap.ts). */
export const HARD_WRAP_RULE_ID = 'whitespace/hard-wrap';

/**
 * Id under which the blank lines of a double-spaced copy (a blank line after every line of
 * hard-wrapped text) are cut, halving every run of them; see double-spacing.ts.
 */
export const DOUBLE_SPACING_RULE_ID = 'whitespace/double-spacing';
