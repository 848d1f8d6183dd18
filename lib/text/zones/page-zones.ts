/**
 * Reading a web page as zones: page furniture before the document, the document, page furniture
 * after it. The document starts at its first sentence or salutation; its title is the nearest
 * title above that (document-title.ts); what stands above the title is the site's (breadcrumbs,
 * welcome lines, menus, the page's copies of the title), what stands between title and first
 * sentence may be the article's meta lines and the editor's blurb, and what follows the last
 * sentence may be the page's end (related lists, login walls, notices). Each line is judged by its
 * furniture score (furniture-score.ts) against the bar its shape sets (furniture-bar.ts), in the
 * zones near the title and the end only: inside the document, only a site's related list or a
 * preview's mark is cut.
 *
 * A page with no furniture, and no title a site dressed up, is returned as it is: the splitter then
 * reads it exactly as before (a compilation's cover, count line and numbered pieces are its to read).
 */
import { isCountLine } from '../lexicon/furniture.js';
import { normalizeTitle } from '../toc.js';
import { findToc } from '../toc.js';
import { FurnitureFamily, FurnitureRule, familyOf } from './furniture-family.js';
import { furnitureRule, isFurnitureProse, MIN_SCORE } from './furniture-bar.js';
import { scoreFurniture, type FurnitureScore } from './furniture-score.js';
import { chooseTitle, isCopyOf, issuedDocumentTitles, laterOpenings, laterPiece, type TitleChoice } from './document-title.js';
import { isProse, isSalutation, opensWithDashes } from './line-shape.js';
import { cutMetaNeighbours } from './meta-block.js';
import { identityReading, type PageReading } from './page-lines.js';
import { assemble, PageDecisions, type Segment } from './page-segments.js';
import { breadcrumbSteps, isAboveTitleLine } from './site-header.js';
import { cutPageEnd, cutPreviewMark, cutRelatedLists, describesTitle, inlineTruncations } from './site-inserts.js';
import { isBarePieceLabel, isListingDecoration, readTitleDecorations, type DecoratedTitle } from './title-decoration.js';

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
  const { whole, edits } = decisions;
  const toc = findToc(lines);
  let bodyStart = firstBodyLine(lines, score, toc ? toc.endLine : 0);
  // A compilation page (a count, a labelled piece above the text) numbers its pieces: bare numbers after titles are labels.
  const compilation = bodyStart !== -1 && lines.slice(0, bodyStart + 1).some((line) => isCountLine(line) || isListingDecoration(readTitleDecorations(line).pieces));
  const decorate = (line: string) => readTitleDecorations(line, { pieceNumbers: compilation });
  const title = toc || bodyStart === -1 ? undefined : chooseTitle(lines, score, bodyStart, decorate);
  const titleKey = title ? normalizeTitle(title.decorated.title) : '';
  // A subtitle (`——在…上的讲话`) is the document's own line, however like the title it reads.
  const copiesTitle = (i: number) => title !== undefined && i !== title.line && !opensWithDashes(lines[i]!) && isCopyOf(normalizeTitle(decorate(lines[i]!).title), titleKey);

  // Above the title (or, without one, above the text or its table of contents; a page with no text is all head).
  const headEnd = title?.line ?? (toc ? toc.headerLine : bodyStart === -1 ? lines.length : bodyStart);
  const steps = breadcrumbSteps(lines.slice(0, headEnd), score);
  for (let i = 0; i < headEnd; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    whole[i] =
      furnitureRule(line, score(i)) ??
      (copiesTitle(i) ? FurnitureRule.Repeated : undefined) ??
      (isAboveTitleLine(line, steps, title !== undefined) ? FurnitureRule.AboveTitle : undefined) ??
      (title !== undefined ? listingRule(line, decorate(line)) : undefined);
  }

  if (title) {
    // The page's description of the document, opening with the title as the site tags it, is no first sentence.
    const tagged = title.decorated.pieces.length > 0 ? lines[title.line]! : undefined;
    while (bodyStart !== -1 && !title.glued && tagged !== undefined && describesTitle(lines[bodyStart]!, tagged)) {
      whole[bodyStart] = FurnitureRule.EditorBlurb;
      bodyStart = firstBodyLine(lines, score, bodyStart + 1);
    }
    if (bodyStart === -1) bodyStart = lines.length;
    // Between the title and the text: the article's facts, the editor's blurb, copies of the title, a bare piece label.
    for (let i = title.line + 1; i < bodyStart; i++) {
      const line = lines[i]!;
      if (line === '' || whole[i] !== undefined) continue;
      whole[i] =
        furnitureRule(line, score(i)) ??
        (copiesTitle(i) ? FurnitureRule.Repeated : undefined) ??
        (isBarePieceLabel(line) ? FurnitureRule.PieceLabel : undefined) ??
        (tagged !== undefined && describesTitle(line, tagged) ? FurnitureRule.EditorBlurb : undefined);
    }
    cutMetaNeighbours(lines, decisions, title.line + 1, bodyStart);
    dressTitle(lines, decisions, title);
  }

  const bodyFrom = title?.glued ? title.line : bodyStart === -1 ? lines.length : bodyStart;
  cutRelatedLists(lines, score, decisions, bodyFrom);
  const endStart = cutPageEnd(lines, score, decisions, bodyFrom + 1);
  for (let i = bodyFrom; i < lines.length; i++) {
    if (!decisions.open(i)) continue;
    const inline = inlineTruncations(lines[i]!);
    if (inline.length > 0) edits.set(i, inline);
    else if (title && i > title.line) {
      // A later piece of a compilation page, labelled like the first: its label off, a title of its own.
      const piece = laterPiece(lines[i]!, title.decorated.title, decorate);
      if (piece) {
        edits.set(i, titleSegments(piece));
        decisions.titles.add(i);
      }
    }
  }
  cutPreviewMark(lines, decisions, bodyFrom, endStart);
  if (title) {
    const opening = lines.slice(title.line + 1, bodyFrom).find((line, k) => line !== '' && whole[title.line + 1 + k] === undefined);
    for (const at of laterOpenings(lines, opening, bodyFrom)) decisions.titles.add(at);
    for (const at of issuedDocumentTitles(lines, title.decorated.title, bodyFrom)) decisions.notTitles.add(at);
  }

  // Only a page with furniture, or a title the page dressed up, is read apart from the splitter.
  const furnished =
    whole.some((rule) => rule !== undefined && familyOf(rule) !== FurnitureFamily.Title) ||
    [...edits.values()].some((segments) => segments.some((segment) => segment.cut !== undefined && familyOf(segment.cut) !== FurnitureFamily.Title));
  const dressed = [...decisions.titles].some((line) => edits.get(line)?.some((segment) => segment.cut !== undefined) ?? false);
  return furnished || dressed ? assemble(raw, decisions) : identityReading(raw);
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

/** The title line's segments: its decorations cut, or the title apart from the label and the sentence it is glued to. */
function dressTitle(lines: readonly string[], decisions: PageDecisions, title: TitleChoice): void {
  decisions.titles.add(title.line);
  const segments = titleSegments(title.decorated);
  if (title.glued) segments.push({ start: title.decorated.end, end: title.glued.labelEnd, cut: FurnitureRule.PieceLabel }, { start: title.glued.labelEnd, end: lines[title.line]!.length });
  if (segments.length > 1) decisions.edits.set(title.line, segments);
}

/** A decorated title as segments: each decoration cut, the title kept as a title. */
function titleSegments(decorated: DecoratedTitle): Segment[] {
  return [...decorated.pieces.map((piece) => ({ start: piece.start, end: piece.end, cut: piece.rule })), { start: decorated.start, end: decorated.end, title: true }];
}

/** A line above the title that lists the document with a count or a label (`社区的年度工作计划（精选15篇）`), or a count line. */
function listingRule(line: string, decorated: DecoratedTitle): FurnitureRule | undefined {
  if (isCountLine(line) || decorated.pieces.some((piece) => piece.rule === FurnitureRule.Count)) return FurnitureRule.Count;
  return isListingDecoration(decorated.pieces) ? FurnitureRule.PieceLabel : undefined;
}
