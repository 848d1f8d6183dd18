/**
 * Half-width punctuation in Chinese text (`领导,同志们:` `办法(试行)`), as many sites serve it after
 * folding full-width forms: made the GB/T 15834 full-width marks again (`领导，同志们：`
 * `办法（试行）`), each normalisation logged with the replaced text and its `replacement`. Marks
 * of Latin text, numbers and addresses (`Hello, world`, `10:00`, `3.5%`, `http://a.com/?q=1`)
 * keep theirs: a mark is normalised only beside Chinese.
 *
 * It runs after every other rule, so no rule judges or cuts what it puts in; the spaces beside a
 * mark it normalises go with the mark (one removal `, ` → `，`), as the white-space rule takes them
 * beside full-width marks, so that cleaning the result again changes nothing.
 */
import { CleanFamily, type PassRule, type RuleCut } from './clean-rules.js';
import { AsciiMark, FULL_WIDTH_PUNCTUATION, Mark } from './lexicon/punctuation.js';

export const HALF_WIDTH_MARK_RULE_ID = 'punctuation/half-width-mark';
export const HALF_WIDTH_BRACKET_RULE_ID = 'punctuation/half-width-bracket';

/** The marks normalised, half-width → full-width (GB/T 15834 逗号, 冒号, 分号, 叹号, 问号; 括号). */
export const FULL_WIDTH: Readonly<Record<string, string>> = {
  [AsciiMark.Comma]: Mark.Comma,
  [AsciiMark.Colon]: Mark.Colon,
  [AsciiMark.Semicolon]: Mark.Semicolon,
  [AsciiMark.ExclamationMark]: Mark.ExclamationMark,
  [AsciiMark.QuestionMark]: Mark.QuestionMark,
  [AsciiMark.OpeningParenthesis]: Mark.OpeningParenthesis,
  [AsciiMark.ClosingParenthesis]: Mark.ClosingParenthesis,
};

/** Full-width marks of Chinese text, as the white-space rule `whitespace/beside-cjk-punctuation` knows them. */
const CJK_PUNCTUATION = FULL_WIDTH_PUNCTUATION;

/** Spaces the white-space rule takes beside full-width marks. */
const SPACE = /[ \u00a0]/;
const HAN = /\p{Script=Han}/u;
const LATIN_LETTER = /[A-Za-z]/;
/** Half-width marks next to each other (`??`, `?!`, `...`) are not one Chinese mark: often mojibake (`通??赏`). */
const HALF_WIDTH_MARKS = ',:;!?.';
/** The longest bracketed remark paired within a line. */
const MAX_BRACKETED = 120;

export interface PunctuationWidthOptions {
  /**
   * True for a line (0-based) whose marks stay as they are: page furniture the split will cut,
   * which the removal log shows exactly as the input has it. Default: none.
   */
  readonly keepLine?: (line: number) => boolean;
}

/** Takes out of `positions` (sorted) and `converted` the marks on lines `keepLine` keeps. */
function dropKeptLines(text: string, positions: number[], converted: Map<number, string>, keepLine: (line: number) => boolean): void {
  let line = 0;
  let lineStart = 0;
  let kept = 0;
  for (const at of positions) {
    for (let newline = text.indexOf('\n', lineStart); newline !== -1 && newline < at; newline = text.indexOf('\n', lineStart)) {
      line++;
      lineStart = newline + 1;
    }
    if (keepLine(line)) converted.delete(at);
    else positions[kept++] = at;
  }
  positions.length = kept;
}

/** Normalises the half-width marks of Chinese text in `text`. */
export function findHalfWidthPunctuation(text: string, cut: RuleCut, options: PunctuationWidthOptions = {}): void {
  const converted = new Map<number, string>();
  for (const at of bracketPositions(text)) converted.set(at, HALF_WIDTH_BRACKET_RULE_ID);
  for (const at of markPositions(text, (i) => converted.has(i))) converted.set(at, HALF_WIDTH_MARK_RULE_ID);
  const positions = [...converted.keys()].sort((a, b) => a - b);
  if (options.keepLine) dropKeptLines(text, positions, converted, options.keepLine);
  const isChinese = (at: number) => {
    const char = text[at] ?? '';
    return HAN.test(char) || CJK_PUNCTUATION.includes(char) || converted.has(at);
  };
  let taken = 0;
  for (const at of positions) {
    // The spaces before the mark, unless the mark before took them.
    let start = at;
    while (start > taken && SPACE.test(text[start - 1] ?? '')) start--;
    if (start < at && !(start > 0 && isChinese(start - 1))) start = at;
    let end = at + 1;
    while (end < text.length && SPACE.test(text[end] ?? '')) end++;
    if (end > at + 1 && !(end < text.length && isChinese(end))) end = at + 1;
    cut(start, end, converted.get(at) as string, FULL_WIDTH[text[at] as string]);
    taken = end;
  }
}

/**
 * Positions of `, : ; ! ?` beside Chinese: a Chinese character or mark on one side (spaces skipped;
 * `isBracket` tells a bracket that becomes full-width), no half-width mark on either.
 */
function markPositions(text: string, isBracket: (at: number) => boolean): number[] {
  const positions: number[] = [];
  const chinese = (at: number) => {
    const char = text[at] ?? '';
    return HAN.test(char) || CJK_PUNCTUATION.includes(char) || isBracket(at);
  };
  const halfWidth = (at: number) => at >= 0 && at < text.length && HALF_WIDTH_MARKS.includes(text[at] as string);
  for (const match of text.matchAll(/[,:;!?]/g)) {
    const at = match.index;
    const mark = match[0];
    const before = neighbour(text, at, -1);
    const after = neighbour(text, at, 1);
    if (halfWidth(before) || halfWidth(after)) continue;
    if (!chinese(before) && !chinese(after)) continue;
    // `想?yún`: a question or exclamation mark runs into Latin letters only in mojibake.
    if ((mark === '?' || mark === '!') && LATIN_LETTER.test(text[at + 1] ?? '')) continue;
    // `参考:)`: an emoticon.
    if ((mark === ':' || mark === ';') && text[at + 1] === ')') continue;
    positions.push(at);
  }
  return positions;
}

/** Position of the nearest character on `side` of `at` that is not a space (a line break counts; -1 or the length past the text's ends). */
function neighbour(text: string, at: number, side: -1 | 1): number {
  let i = at + side;
  while (i >= 0 && i < text.length && SPACE.test(text[i] as string)) i += side;
  return i;
}

/** Positions of `(` and `)` pairs on one line whose content has a Chinese character: `(试行)`, not `(1)` or `(digital signal processing)`. */
function bracketPositions(text: string): number[] {
  const positions: number[] = [];
  const open: number[] = [];
  for (const { index: at, 0: bracket } of text.matchAll(/[()]/g)) {
    if (bracket === '(') {
      open.push(at);
      continue;
    }
    // The latest open bracket, if no line break stands between (then none of the older ones pairs either).
    const start = open.pop();
    if (start === undefined) continue;
    if (text.lastIndexOf('\n', at) > start) {
      open.length = 0;
      continue;
    }
    if (at - start - 1 <= MAX_BRACKETED && HAN.test(text.slice(start + 1, at))) positions.push(start, at);
  }
  return positions;
}

/** `text` with the half-width marks of its Chinese text made full-width, as cleaning leaves it. */
export function normalisePunctuationWidth(text: string): string {
  let result = '';
  let position = 0;
  findHalfWidthPunctuation(text, (start, end, _ruleId, replacement) => {
    result += text.slice(position, start) + (replacement ?? '');
    position = end;
  });
  return result + text.slice(position);
}

/** The rules the punctuation pass normalises by (clean-passes.ts runs it once, after every other pass). */
export const PUNCTUATION_WIDTH_RULES: readonly PassRule[] = [
  { id: HALF_WIDTH_MARK_RULE_ID, family: CleanFamily.Punctuation, description: 'a half-width , : ; ! ? beside Chinese made the full-width mark (GB/T 15834), with the spaces beside it' },
  { id: HALF_WIDTH_BRACKET_RULE_ID, family: CleanFamily.Punctuation, description: 'half-width brackets around Chinese made full-width: (试行) → （试行）' },
];
