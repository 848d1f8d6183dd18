/**
 * The document's own title: which line of a page is it. It is the nearest title above the text's
 * first sentence or salutation; what stands above it is the site's (site-header.ts).
 */
import { namesUnitOrPerson } from '../../model/attribution.js';
import { isReportTitle, isTitleLine } from '../title-detect.js';
import { MIN_SCORE } from './furniture-bar.js';
import type { FurnitureScore } from './furniture-score.js';
import { isDateLine, isProse, opensWithDashes, withoutMojibake } from './line-shape.js';

/** The document's title as chosen: its line. */
export interface TitleChoice {
  readonly line: number;
  readonly title: string;
}

/** A line this furniture-like is no title, whatever its shape (a breadcrumb that ends with the title). */
const MAX_TITLE_SCORE = 5;
/** Fewest characters of a title that names no genre (`培训留给了我们什么`); shorter lines are categories and names. */
const MIN_PLAIN_TITLE = 8;

/**
 * The document's title among `lines[0, bodyStart)`, where `bodyStart` is the first line of its
 * text; undefined when no line above the text is a title.
 */
export function chooseTitle(lines: readonly string[], score: (i: number) => FurnitureScore, bodyStart: number): TitleChoice | undefined {
  for (let i = bodyStart - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line === '' || opensWithDashes(line) || isProse(line) || isDateLine(line)) continue;
    const shape = withoutMojibake(line);
    if (!isTitleLine(shape) || namesUnitOrPerson(shape)) continue;
    // A line with a site's words is no title, unless it names a genre and is not too furniture-like.
    const furniture = score(i).score;
    if (furniture >= MAX_TITLE_SCORE || (furniture >= MIN_SCORE && !isReportTitle(shape))) continue;
    if (isReportTitle(shape) || shape.length >= MIN_PLAIN_TITLE) return { line: i, title: line };
  }
  return undefined;
}
