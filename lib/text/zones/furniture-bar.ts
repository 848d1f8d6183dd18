/**
 * The bar a line's furniture score must reach, by its shape: a short line near the title needs
 * little evidence, a paragraph of prose much more, and the longer it is, the more: a report's
 * paragraph may name 侵权 or 转载 once. A site's label opening a line (`推荐阅读：…`) is the site's,
 * however long the teaser after it.
 */
import { FurnitureRule } from './furniture-family.js';
import type { FurnitureScore } from './furniture-score.js';
import { RELATED_HEADER } from './furniture-vocabulary.js';
import { isProse, letterCount } from './line-shape.js';

/** Score from which a line near the title (above it, between it and the text, after the text) is furniture. */
export const MIN_SCORE = 3;
/** A paragraph of prose: much evidence (a blurb's formula is several words: 小编, 为大家整理, 供大家参考) … */
const MIN_PROSE_SCORE = 6;
/** … or a short line of a site's words (`您好，欢迎来到××网！`, `全文共2886字，仅供站内会员`). */
const MIN_SHORT_PROSE_SCORE = 4;
const MAX_SHORT_PROSE = 30;
/** And one weight at least per this many letters. */
const LETTERS_PER_WEIGHT = 20;

/** True when a paragraph of prose scores enough to be the site's (a blurb, a disclaimer, a teaser). */
export function isFurnitureProse(text: string, score: FurnitureScore): boolean {
  if (score.rule === FurnitureRule.RelatedList && RELATED_HEADER.test(text)) return true;
  const letters = letterCount(text);
  if (score.score < letters / LETTERS_PER_WEIGHT) return false;
  return score.score >= MIN_PROSE_SCORE || (letters <= MAX_SHORT_PROSE && score.score >= MIN_SHORT_PROSE_SCORE);
}

/** The rule that cuts a line near the title, when its score reaches the bar for its shape. */
export function furnitureRule(text: string, score: FurnitureScore): FurnitureRule | undefined {
  if (score.rule === undefined || score.score < MIN_SCORE) return undefined;
  if (isProse(text) && !isFurnitureProse(text, score)) return undefined;
  return score.rule;
}
