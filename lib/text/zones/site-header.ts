/**
 * Family 1, site lines above the title: what a page prints before the document besides what its
 * vocabulary gives away (breadcrumbs, welcome lines, menus: furniture-vocabulary.ts). A category
 * name the breadcrumbs hold (`香江动态` under `首页 > 新闻中心 > 香江动态`), a word with no Chinese
 * in it (`News`), a line of marks, a date not in brackets (the last line of the page's previous
 * document; a bracketed date stands under a speech's title).
 */
import { FurnitureRule } from './furniture-family.js';
import type { FurnitureScore } from './furniture-score.js';
import { hasHan, isClosingDateLine, isMarksOnly, letterCount } from './line-shape.js';

/** Longest line above the title taken for a category name or a button (`校园新闻`, `手机版`). */
const MAX_ABOVE_TITLE = 6;
/** What separates a breadcrumb's steps, and the label before them. */
const STEP_SEPARATOR = /\s{0,3}(?:>>|->|[>»›→＞:：])\s{0,3}|\s{2,}/u;

/** The steps of the breadcrumbs among `lines` (by their scores): the site's category names. */
export function breadcrumbSteps(lines: readonly string[], score: (i: number) => FurnitureScore): Set<string> {
  const steps = new Set<string>();
  lines.forEach((line, i) => {
    if (score(i).rule !== FurnitureRule.Breadcrumb) return;
    for (const step of line.split(STEP_SEPARATOR)) if (step.trim() !== '') steps.add(step.trim());
  });
  return steps;
}

/**
 * True for a line above the title that no document opens with. Lines of marks go wherever they
 * stand above the text; the others only above a title found (a compilation's short cover title,
 * with no title found, is the splitter's to read).
 */
export function isAboveTitleLine(line: string, steps: ReadonlySet<string>, titled: boolean): boolean {
  if (isMarksOnly(line)) return true;
  if (!titled) return false;
  return (letterCount(line) <= MAX_ABOVE_TITLE && (steps.has(line) || !hasHan(line))) || isClosingDateLine(line);
}
