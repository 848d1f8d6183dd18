/**
 * Raw HTML that a page served as text (`<p class="ql-block">同学们:</p><p class="ql-block">…`) or
 * that a PDF-to-HTML converter left broken in it (`< p>目标路线等`, `贡献智 p>`). Markup is not
 * the author's: the step takes the tags out, and where tags that close or open a block stand
 * between two pieces of text on one line, it puts the line break they stood for in their place
 * (a normalisation, logged with replacement `\n`). Each logged under its rule in the `html-debris`
 * family. Only the tags named below, whole, count: `<<讲话>>`, `a<b>c` in a formula, `<三>` stay.
 */
import { CleanFamily, type PassRule, type RuleCut } from './clean-rules.js';

export const BLOCK_TAG_RULE_ID = 'html-debris/block-tag';
export const INLINE_TAG_RULE_ID = 'html-debris/inline-tag';

/** The tags, as data: those that make a block (a paragraph, a line) and those inside a line. */
export const HTML_TAGS = {
  block: ['p', 'br', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'table', 'tr', 'td', 'hr'],
  inline: ['span', 'strong', 'b', 'i', 'em', 'u', 'font', 'a', 'sup', 'sub', 'img'],
  /** Longest attribute list read inside one tag. */
  maxAttributes: 200,
} as const;

const NAMES = [...HTML_TAGS.block, ...HTML_TAGS.inline].sort((a, b) => b.length - a.length).join('|');
/**
 * A tag: `<p>`, `</p>`, `<p class="x">`, `<br/>`, with the spaces a broken copy puts inside (`< p>`);
 * or the tail of one whose `<` was lost, after a space at a line's end (`贡献智 p>`).
 */
const TAG = new RegExp(
  String.raw`<[ \t]{0,2}(\/?)[ \t]{0,2}(${NAMES})(?![A-Za-z0-9])(?:[ \t][^<>\n]{0,${HTML_TAGS.maxAttributes}})?[ \t]{0,2}\/?[ \t]{0,2}>|(?<=[ \t])\/?(p)>(?=[ \t]*(?:\n|$))`,
  'giu',
);
const BLOCK = new Set<string>(HTML_TAGS.block);

/** Finds the markup in `text`: runs of tags, each cut, or made a line break between two pieces of text on a line. */
export function findHtmlDebris(text: string, cut: RuleCut): void {
  let run: { start: number; end: number; block: boolean } | undefined;
  const flush = () => {
    if (!run) return;
    const between = run.block && !lineEdge(text, run.start, -1) && !lineEdge(text, run.end, 1);
    if (between) cut(run.start, run.end, BLOCK_TAG_RULE_ID, '\n');
    else cut(run.start, run.end, run.block ? BLOCK_TAG_RULE_ID : INLINE_TAG_RULE_ID);
    run = undefined;
  };
  for (const match of text.matchAll(TAG)) {
    const start = match.index;
    const end = start + match[0].length;
    const block = BLOCK.has(((match[2] ?? match[3]) as string).toLowerCase());
    // Tags next to each other (white space between) are one run: `</p><p class="x">` is one break.
    if (run && /^[ \t]*$/.test(text.slice(run.end, start))) {
      run = { start: run.start, end, block: run.block || block };
      continue;
    }
    flush();
    run = { start, end, block };
  }
  flush();
}

/** True when only white space stands between `at` and the line's edge on `side` (-1 before, 1 after). */
function lineEdge(text: string, at: number, side: -1 | 1): boolean {
  for (let i = side < 0 ? at - 1 : at; i >= 0 && i < text.length; i += side) {
    const char = text[i] as string;
    if (char === '\n') return true;
    if (char !== ' ' && char !== '\t' && char !== '\u3000' && char !== '\u00a0') return false;
  }
  return true;
}

/** The rules the html-debris pass cuts by (clean-passes.ts runs it before any rule judges lines, which markup hides). */
export const HTML_DEBRIS_RULES: readonly PassRule[] = [
  { id: BLOCK_TAG_RULE_ID, family: CleanFamily.HtmlDebris, description: 'HTML block tags (<p>, </p>, <br>, <div> …) served as text, made the line break they stood for between two pieces of text' },
  { id: INLINE_TAG_RULE_ID, family: CleanFamily.HtmlDebris, description: 'HTML inline tags (<span>, <strong>, <font> …) served as text' },
];
