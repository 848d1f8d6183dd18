/**
 * Anti-copy watermarks: document sites slip a stray mark into the text they serve, so that a copy
 * can be traced and a search engine sees a text of its own: an apostrophe, a backtick or a dot
 * after 的, the commonest character (`我校的'服务`, `人員的`有`, `精彩的.球赛`), and a line of just `-`
 * where a page of the original broke (which splits a sentence in two). The step cuts them, each
 * logged under its rule in the `watermark` family.
 *
 * Not cut: a `。` after 的 (`…是坚定的。我们…` ends a sentence as often as not, and nothing tells the
 * watermark apart), marks that pair up as quotes (`的'大家庭'`), a dot in text that uses `.` as its
 * full stop, and marks between other characters (`一二.九`, `Xi's`).
 */
import { CleanFamily, type PassRule, type RuleCut } from './clean-rules.js';

export const WATERMARK_MARK_RULE_ID = 'watermark/stray-mark';
export const WATERMARK_DASH_LINE_RULE_ID = 'watermark/dash-line';

/** The watermark family's vocabulary, as data. */
export const WATERMARK = {
  /** Characters the sites put a mark after. */
  after: '的',
  /** Marks that stand alone between two Chinese characters: never a quote's half there. */
  loneMarks: "'`",
  /** A dot, which is a watermark only in text whose full stop is `。`. */
  dot: '.',
  /** How far (in characters, on the same line, within one sentence) a second mark makes the pair a quotation. */
  quoteReach: 30,
} as const;

/** The character a site puts the mark after, and the mark (the match starts at the character). */
const MARK = new RegExp(String.raw`[${WATERMARK.after}][${WATERMARK.loneMarks}${WATERMARK.dot}](?=\p{Script=Han})`, 'gu');
/** A line of nothing but one to three hyphens. */
const DASH_LINE = /(?<=^|\n)[ \t]*-{1,3}[ \t]*(?=\n|$)/g;
const HAN_DOT_HAN = /\p{Script=Han}\.\p{Script=Han}/gu;
const SENTENCE_END = /[。！？!?]/u;
/** A line ending in one of these (before closing quotes) ends a sentence: the dash line is not inside one. */
const ENDS_SENTENCE = /[。！？；：!?;:…][”’」』）)》]{0,3}[ \t]*$/u;

/** Cuts stray marks and page-break dash lines from `text`. */
export function findWatermarks(text: string, cut: RuleCut): void {
  const cuts: [number, number, string][] = [];
  // Watermark dots are few; a text that stops its sentences with `.` has as many of them as of `。`.
  let dotIsFullStop: boolean | undefined;
  const isFullStop = () => (dotIsFullStop ??= countOf(text, '。') <= 2 * (text.match(HAN_DOT_HAN)?.length ?? 0));
  for (const match of text.matchAll(MARK)) {
    const at = match.index + 1;
    const mark = text[at] as string;
    if (mark === WATERMARK.dot ? isFullStop() : quotes(text, at, mark)) continue;
    cuts.push([at, at + 1, WATERMARK_MARK_RULE_ID]);
  }
  for (const match of text.matchAll(DASH_LINE)) cuts.push([...dashLineCut(text, match.index, match.index + match[0].length), WATERMARK_DASH_LINE_RULE_ID]);
  cuts.sort((a, b) => a[0] - b[0]);
  let end = 0;
  for (const [start, stop, ruleId] of cuts) {
    if (start < end) continue;
    cut(start, stop, ruleId);
    end = stop;
  }
}

/**
 * What goes with a dash line `[start, end)`: its own line break, and the one before it too when the
 * line above runs on (the sentence the page break split meets again).
 */
function dashLineCut(text: string, start: number, end: number): [number, number] {
  if (start === 0) return [0, end < text.length ? end + 1 : end];
  const lineAbove = text.slice(text.lastIndexOf('\n', start - 2) + 1, start - 1);
  if (end === text.length) return [start - 1, end];
  const below = text.charCodeAt(end + 1);
  const runsOn = lineAbove.trim() !== '' && !ENDS_SENTENCE.test(lineAbove) && end + 1 < text.length && below !== 0x0a;
  return runsOn ? [start - 1, end + 1] : [start, end + 1];
}

/** True when the mark at `at` pairs with another on its line within one sentence: a quotation, not a watermark. */
function quotes(text: string, at: number, mark: string): boolean {
  for (const step of [-1, 1]) {
    for (let i = at + step, n = 0; i >= 0 && i < text.length && n < WATERMARK.quoteReach; i += step, n++) {
      const char = text[i] as string;
      if (char === '\n' || SENTENCE_END.test(char)) break;
      if (char === mark) return true;
    }
  }
  return false;
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** The rules the watermark pass cuts by (clean-passes.ts runs it before anything reads words or measures lines). */
export const WATERMARK_RULES: readonly PassRule[] = [
  { id: WATERMARK_MARK_RULE_ID, family: CleanFamily.Watermark, description: "an anti-copy mark a document site put after 的: 我校的'服务, 人員的`有, 精彩的.球赛" },
  { id: WATERMARK_DASH_LINE_RULE_ID, family: CleanFamily.Watermark, description: 'a line of just - where a page of the original broke, with the line break that split the sentence' },
];
