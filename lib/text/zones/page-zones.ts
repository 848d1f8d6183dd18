/**
 * Reading a web page as zones: page furniture before the document, the document, page furniture
 * after it. The document starts at its first sentence or salutation; its title is the nearest
 * title above that (document-title.ts); what stands above the title is the site's (breadcrumbs,
 * welcome lines, menus, category names: site-header.ts), and what stands between the title and the
 * first sentence may be the article's meta lines (meta-block.ts) and the editor's blurb, and what
 * follows the last sentence may be the page's end (related lists, login walls, notices:
 * site-inserts.ts). Each line is judged by its furniture score (furniture-score.ts) against the bar
 * its shape sets (furniture-bar.ts), in the zones near the title and the end only: inside the
 * document, only a site's related list or a preview's mark is cut.
 *
 * A page with no furniture is returned as it is: the splitter then reads it exactly as before (a
 * compilation's cover, count line and numbered pieces are its to read).
 */
import { findToc } from '../toc.js';
import { chooseTitle } from './document-title.js';
import { furnitureRule, isFurnitureProse, MIN_SCORE } from './furniture-bar.js';
import { FurnitureRule } from './furniture-family.js';
import { scoreFurniture, type FurnitureScore } from './furniture-score.js';
import { isProse, isSalutation } from './line-shape.js';
import { cutMetaNeighbours } from './meta-block.js';
import { identityReading, type PageReading } from './page-lines.js';
import { assemble, PageDecisions } from './page-segments.js';
import { breadcrumbSteps, isAboveTitleLine } from './site-header.js';
import { cutPageEnd, cutPreviewMark, cutRelatedLists, inlineTruncations } from './site-inserts.js';

/** Reads the zones of a page (its cleaned lines, untrimmed) and what furniture they hold. */
export function readPage(raw: readonly string[]): PageReading {
  const lines = raw.map((line) => line.trim());
  // Scored when asked: only lines near the title and the end are, and the body's related-list headers.
  const memo = new Map<number, FurnitureScore>();
  const score = (i: number): FurnitureScore => {
    let known = memo.get(i);
    if (known === undefined) memo.set(i, (known = scoreFurniture(lines[i] ?? '')));
    return known;
  };
  const decisions = new PageDecisions(lines.length);
  const { whole } = decisions;
  const toc = findToc(lines);
  const bodyStart = firstBodyLine(lines, score, toc ? toc.endLine : 0);
  const title = toc || bodyStart === -1 ? undefined : chooseTitle(lines, score, bodyStart);

  // Above the title (or, without one, above the text or its table of contents; a page with no text is all head).
  const headEnd = title?.line ?? (toc ? toc.headerLine : bodyStart === -1 ? lines.length : bodyStart);
  const steps = breadcrumbSteps(lines.slice(0, headEnd), score);
  for (let i = 0; i < headEnd; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    whole[i] = furnitureRule(line, score(i)) ?? (isAboveTitleLine(line, steps, title !== undefined) ? FurnitureRule.AboveTitle : undefined);
  }
  if (title) {
    // Between the title and the text: the article's facts, the editor's blurb, a forum post's toolbar.
    for (let i = title.line + 1; i < bodyStart; i++) if (lines[i] !== '') whole[i] = furnitureRule(lines[i]!, score(i));
    cutMetaNeighbours(lines, decisions, title.line + 1, bodyStart);
  }

  // The text and the page's end: a related list, the notices after the text, a preview's marks.
  const bodyFrom = bodyStart === -1 ? lines.length : bodyStart;
  cutRelatedLists(lines, score, decisions, bodyFrom);
  const endStart = cutPageEnd(lines, score, decisions, bodyFrom + 1);
  for (let i = bodyFrom; i < lines.length; i++) {
    if (!decisions.open(i)) continue;
    const inline = inlineTruncations(lines[i]!);
    if (inline.length > 0) decisions.edits.set(i, inline);
  }
  cutPreviewMark(lines, decisions, bodyFrom, endStart);

  // Only a page with furniture is read apart from the splitter.
  const furnished = whole.some((rule) => rule !== undefined) || decisions.edits.size > 0;
  return furnished ? assemble(raw, decisions) : identityReading(raw);
}

/** The first line of the document's text: a sentence or a salutation that is not furniture; -1 when there is none. */
function firstBodyLine(lines: readonly string[], score: (i: number) => FurnitureScore, from: number): number {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    if (isProse(line) && !isFurnitureProse(line, score(i))) return i;
    if (isSalutation(line) && score(i).score < MIN_SCORE) return i;
  }
  return -1;
}
