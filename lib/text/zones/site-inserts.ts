/**
 * Family 3, what a 范文 site writes into and after the document, beyond the lines its vocabulary
 * gives away: a related list inside or after the text (its header and the short entries under it),
 * the page's end read from the last line up, a preview's mark inside a paragraph
 * (`……此处隐藏8066个字……`) and at the end of the last sentence a paywall cut (`…集中在xx…………`),
 * and a description that opens with the title as the site tags it.
 */
import { FurnitureFamily, FurnitureRule, familyOf } from './furniture-family.js';
import { furnitureRule, MIN_SCORE } from './furniture-bar.js';
import type { FurnitureScore } from './furniture-score.js';
import { INLINE_TRUNCATION, PREVIEW_CUT_MARK, RELATED_HEADER } from './furniture-vocabulary.js';
import { isMarksOnly, isProse, isSalutation } from './line-shape.js';
import type { PageDecisions, Segment } from './page-segments.js';

/** Longest entry of a related list. */
const MAX_RELATED_ITEM = 40;
/** After the text, a line of facts needs a site's label: a bare date there is the document's 成文日期. */
const MIN_TAIL_META = 4;
/** A page id as a page's last line (`149027`). */
const PAGE_ID = /^\d{4,12}$/u;
/** The words every inline preview mark holds: a line without them is not looked at further. */
const TRUNCATION_WORD = /[隐隱]藏|省略/u;
/** Fewest characters of a title a description is recognised by. */
const MIN_DESCRIBED_TITLE = 8;

/** Cuts each related list in `lines[from, …)`: a header line (`相关推荐`, `更多相关文章：…`) and the entries under it, up to a blank line or a sentence. */
export function cutRelatedLists(lines: readonly string[], score: (i: number) => FurnitureScore, decisions: PageDecisions, from: number): void {
  const { whole } = decisions;
  for (let i = from; i < lines.length; i++) {
    if (whole[i] !== undefined || !RELATED_HEADER.test(lines[i]!) || score(i).score < MIN_SCORE) continue;
    whole[i] = FurnitureRule.RelatedList;
    for (let j = i + 1; j < lines.length; j++) {
      const entry = lines[j]!;
      if (entry === '' || entry.length > MAX_RELATED_ITEM || isProse(entry) || isSalutation(entry)) break;
      whole[j] = FurnitureRule.RelatedList;
      i = j;
    }
  }
}

/**
 * Cuts the page's end: from the last line up, lines that are furniture (a notice, a login wall, a
 * site's name or slogan, a page id, marks) until the text's last sentence, a signature or a date.
 * Returns the first line of the end.
 */
export function cutPageEnd(lines: readonly string[], score: (i: number) => FurnitureScore, decisions: PageDecisions, from: number): number {
  const { whole } = decisions;
  let start = lines.length;
  for (let i = lines.length - 1; i >= from; i--) {
    const line = lines[i]!;
    if (line === '') continue;
    if (whole[i] === undefined) {
      // A preview's mark inside a paragraph is cut out of it; the paragraph is the text's.
      if (inlineTruncations(line).length > 0) break;
      const rule = furnitureRule(line, score(i));
      if (rule && (familyOf(rule) !== FurnitureFamily.PageMeta || score(i).score >= MIN_TAIL_META)) whole[i] = rule;
      else if (isMarksOnly(line) || PAGE_ID.test(line)) whole[i] = FurnitureRule.PageEnd;
      else break;
    }
    start = i;
  }
  return start;
}

/** A line's preview and paywall marks as segments: each cut, the text on either side kept as a line of its own; none when it has none. */
export function inlineTruncations(line: string): Segment[] {
  if (!TRUNCATION_WORD.test(line)) return [];
  const segments: Segment[] = [];
  let at = 0;
  INLINE_TRUNCATION.lastIndex = 0;
  for (let match = INLINE_TRUNCATION.exec(line); match !== null; match = INLINE_TRUNCATION.exec(line)) {
    if (match[0].length === 0) {
      INLINE_TRUNCATION.lastIndex++;
      continue;
    }
    if (match.index > at) segments.push({ start: at, end: match.index });
    segments.push({ start: match.index, end: match.index + match[0].length, cut: FurnitureRule.Truncation });
    at = match.index + match[0].length;
  }
  if (segments.length === 0) return [];
  if (at < line.length) segments.push({ start: at, end: line.length });
  return segments;
}

/**
 * Cuts the mark a preview ends its last sentence with (`…集中在xx…………`, `一是...`) when the
 * page's end holds a paywall's or login wall's notice: the site's mark, not the author's.
 */
export function cutPreviewMark(lines: readonly string[], decisions: PageDecisions, from: number, endStart: number): void {
  const { whole, edits } = decisions;
  if (!whole.slice(endStart).includes(FurnitureRule.Truncation)) return;
  for (let i = endStart - 1; i >= from; i--) {
    const line = lines[i]!;
    if (line === '' || whole[i] !== undefined) continue;
    if (edits.has(i)) return;
    const mark = PREVIEW_CUT_MARK.exec(line);
    if (mark && mark.index > 0) edits.set(i, [{ start: 0, end: mark.index }, { start: mark.index, end: line.length, cut: FurnitureRule.Truncation }]);
    return;
  }
}

/**
 * A line that opens with the title as the site tags it and goes on (`一二九演讲稿：在…上的讲话是一二九
 * 演讲稿的经典…`): the page's description of the document. One that opens with the bare title may
 * well be the text's first sentence (`乡镇年度工作计划是…`), and stays.
 */
export function describesTitle(line: string, taggedTitle: string): boolean {
  // Compared by NFKC: the title's marks may have been made full-width while the blurb, cut whole, kept the page's.
  return taggedTitle.length >= MIN_DESCRIBED_TITLE && line.length > taggedTitle.length && line.normalize('NFKC').startsWith(taggedTitle.normalize('NFKC'));
}
