/**
 * Report → Layout: the title block, headings and paragraphs broken into lines and distributed
 * over pages of a fixed line grid, with headings kept with what follows them and without widows
 * or orphans where that can be avoided.
 */
import { ParagraphRole, type Block, type HeadingLevel, type Report } from '../../model/report.js';
import { closingRightIndentChars, hasByline, opensClosingBlock } from '../closing-block.js';
import { charPitchPt, firstLineIndentPt, type StyleProfile, type TextStyle } from '../style.js';
import { balanceTitle } from './balance-title.js';
import { breakParagraph, type BrokenLine, type TextSpan } from './line-break.js';
import { cachedMeasure } from './measure-cache.js';
import { baselineInSlot, gridSpacing, pageGeometry, type PageGeometry } from './page-geometry.js';
import type { LaidBookmark, LaidLine, LaidPage, Layout, MeasureText, RunFace, StructureTag } from './types.js';

/** A block broken into lines, before it is given a page. */
interface SetBlock {
  /** Index in reading order: 0 the title, `i + 1` the report's `blocks[i]`. */
  readonly index: number;
  readonly lines: readonly BrokenLine[];
  /** Type size used to place the baseline of each line in its slot. */
  readonly sizePt: number;
  /** Line slots each line takes (1 unless the type is taller than the line pitch). */
  readonly slotsPerLine: number;
  /** Headings and the title: never split, never last on a page. */
  readonly keepWithNext: boolean;
  readonly bookmark?: { readonly title: string; readonly level: LaidBookmark['level'] };
}

/** What every block of one report is set with. */
interface Context {
  readonly profile: StyleProfile;
  readonly geometry: PageGeometry;
  readonly measure: MeasureText;
  readonly baseSpacing: (face: RunFace) => number;
}

/** Punctuation that ends a run-in heading but not its bookmark's title. */
const TRAILING_PUNCTUATION = /[。．.：:，,；;、\s]+$/u;

/**
 * Lays out `report` in `profile`: pages of lines whose runs are positioned in points from the
 * page's top-left corner (see `types.ts`).
 *
 * - Title: balanced lines (`balanceTitle`) centred in the title face at natural spacing, then
 *   `title.blankLinesAfter` empty line slots.
 * - Body, headings, run-in paragraphs: `breakParagraph`, first-line indent
 *   `firstLineIndentChars` × the character pitch; on the GB/T grid 28 characters to a full line.
 * - Lines advance `lineSpacing.pitchPt`; a page holds `grid.linesPerPage` lines (22 for GB/T), or
 *   as many whole pitches as the text block holds without a grid. A line's baseline is
 *   `baselineInSlot(slot top, pitch, size)`: the em box centred in its slot.
 * - Per `profile.pagination`: headings move to the next page rather than end one; with widow
 *   control a paragraph never leaves a single first line at the bottom of a page nor a single last
 *   line at the top of the next, without it every page but a report's last is full.
 * - Bookmarks: the title (level 0) and every heading and run-in heading, at the top of its first
 *   line's slot.
 * - An author line (profile `attribution.byline`) centred right under the title, the title's blank
 *   lines after it; the closing signature and date after one blank line, flush right short of
 *   their right indents (closing-block.ts), the signature kept with the date.
 * - Every line says which block it belongs to, every run its structure tag (tagged PDF).
 *
 * @param measure width of a text in a face; it is cached here, so a slow one is fine.
 */
export function layoutReport(report: Report, profile: StyleProfile, measure: MeasureText): Layout {
  const cached = cachedMeasure(measure);
  const context: Context = { profile, geometry: pageGeometry(profile), measure: cached, baseSpacing: gridSpacing(profile, cached) };
  const byline = hasByline(report);
  const blocks = [
    titleBlock(report.title, context, byline ? 0 : profile.title.blankLinesAfter),
    ...report.blocks.map((block, i) => setBlock(report, i, context, i === 0 && byline ? profile.title.blankLinesAfter : 0)),
  ];
  const geometry = context.geometry;
  return { pages: paginate(blocks.filter((block): block is SetBlock => block !== undefined), geometry, profile.pagination.widowControl) };
}

const faces = new WeakMap<TextStyle, RunFace>();

/** The face of a style; one object per style, so that measuring caches hit by identity. */
function faceOf(style: TextStyle): RunFace {
  let face = faces.get(style);
  if (!face) {
    face = { role: style.role, sizePt: style.sizePt, bold: style.bold };
    faces.set(style, face);
  }
  return face;
}

function slotsFor(sizePt: number, geometry: PageGeometry): number {
  return Math.max(1, Math.ceil(sizePt / geometry.linePitchPt - 1e-6));
}

function titleBlock(title: string, { profile, geometry, measure }: Context, blankLinesAfter: number): SetBlock | undefined {
  const style = profile.title;
  const face = faceOf(style);
  const lines = balanceTitle(title, geometry.widthPt, (text) => measure(text, face));
  if (lines.length === 0) return undefined;
  const slotsPerLine = slotsFor(style.sizePt, geometry);
  const blankLines = Array.from({ length: Math.ceil(blankLinesAfter / slotsPerLine) }, (): BrokenLine => []);
  const options = { measure, leftPt: geometry.leftPt, widthPt: geometry.widthPt, firstLineIndentPt: 0, align: style.align, baseSpacing: () => 0 };
  return {
    // Each balanced line is set on its own, so the balancer's choice of breaks stands.
    index: 0,
    lines: [...lines.flatMap((line) => breakParagraph([{ text: line, face, structure: 'H1' }], options)), ...blankLines],
    sizePt: style.sizePt,
    slotsPerLine,
    keepWithNext: true,
    bookmark: { title: title.trim(), level: 0 },
  };
}

/**
 * A block's text in the faces it is set in, with its structure tags: a heading in its level's face;
 * a paragraph in the body face (an author line, signature or date in its role's), a run-in
 * heading's part in that heading's face.
 */
export function blockSpans(block: Block, profile: StyleProfile): TextSpan[] {
  if (block.kind === 'heading') return [{ text: block.text, face: faceOf(profile.headings[block.level]), structure: headingTag(block.level) }];
  const face = faceOf(blockStyle(block, profile));
  if (!block.runIn || block.runIn.length === 0) return [{ text: block.text, face, structure: 'P' }];
  return [
    { text: block.text.slice(0, block.runIn.length), face: faceOf(profile.headings[block.runIn.level]), structure: headingTag(block.runIn.level) },
    { text: block.text.slice(block.runIn.length), face, structure: 'P' },
  ];
}

/** The title is `H1`, so heading level n is `H(n+1)`. */
const headingTag = (level: HeadingLevel): StructureTag => `H${level + 1}` as StructureTag;

/** Every text of a report (title first) in the face it is set in, as {@link layoutReport} sets it. */
export function reportSpans(report: Report, profile: StyleProfile): TextSpan[] {
  return [{ text: report.title, face: faceOf(profile.title) }, ...report.blocks.flatMap((block) => blockSpans(block, profile))];
}

/** The style a block is set in: its heading level's, its role's (author line, signature, date), or the body's. */
function blockStyle(block: Block, profile: StyleProfile): TextStyle {
  if (block.kind === 'heading') return profile.headings[block.level];
  return block.role ? profile.attribution[block.role] : profile.body;
}

/**
 * `report.blocks[at]` set in lines. A signature or date is set flush right short of its right
 * indent (closing-block.ts), the closing block after one blank line; `blankLinesAfter` follow an
 * author line that takes the title's.
 */
function setBlock(report: Report, at: number, { profile, geometry, measure, baseSpacing }: Context, blankLinesAfter: number): SetBlock {
  const block = report.blocks[at]!;
  const index = at + 1;
  const style = blockStyle(block, profile);
  const spans = blockSpans(block, profile);
  let bookmark: SetBlock['bookmark'];
  if (block.kind === 'heading') {
    bookmark = { title: block.text.trim(), level: block.level };
  } else if (block.runIn && block.runIn.length > 0) {
    bookmark = { title: runInTitle(spans[0]!.text), level: block.runIn.level };
  }
  const rightIndentChars = closingRightIndentChars(report, at, profile) ?? 0;
  const broken = breakParagraph(spans, {
    measure,
    leftPt: geometry.leftPt,
    widthPt: geometry.widthPt - (rightIndentChars * charPitchPt(profile) * style.sizePt) / profile.body.sizePt,
    firstLineIndentPt: firstLineIndentPt(profile, style),
    align: style.align,
    baseSpacing,
  });
  const blank = (count: number): BrokenLine[] => Array.from({ length: count }, (): BrokenLine => []);
  const lines = [...blank(opensClosingBlock(report, at) ? 1 : 0), ...broken, ...blank(blankLinesAfter)];
  const sizePt = Math.max(style.sizePt, ...spans.map((span) => span.face.sizePt));
  // The author line stays with the title, and the signature with the date; headings as the profile says.
  const keepWithNext =
    block.kind === 'heading'
      ? profile.pagination.keepHeadingsWithNext
      : block.role === ParagraphRole.Byline || block.role === ParagraphRole.Signature;
  return { index, lines, sizePt, slotsPerLine: slotsFor(sizePt, geometry), keepWithNext, ...(bookmark ? { bookmark } : {}) };
}

function runInTitle(heading: string): string {
  const trimmed = heading.trim().replace(TRAILING_PUNCTUATION, '');
  return trimmed.length > 0 ? trimmed : heading.trim();
}

/**
 * Fewest line slots from `blocks[index]` on that must share a page with the keep-with-next block
 * before it: whole headings (each kept with what follows it), then a paragraph's legal first
 * piece — with widow control all of it up to three lines (one or two would leave an orphan or a
 * widow), else two lines; without, its first line. Stops counting past `limit`: a longer chain
 * cannot be kept on one page anyway.
 */
function leadSlots(blocks: readonly SetBlock[], index: number, limit: number, widowControl: boolean): number {
  let slots = 0;
  for (let at = index; at < blocks.length && slots <= limit; at += 1) {
    const block = blocks[at] as SetBlock;
    const lines = block.lines.length;
    if (!block.keepWithNext) return slots + (!widowControl ? Math.min(1, lines) : lines <= 3 ? lines : 2) * block.slotsPerLine;
    slots += lines * block.slotsPerLine;
  }
  return slots;
}

/** How many of `remaining` lines go on a page with room for `room` lines, avoiding widows and orphans when asked to. */
function linesForPage(remaining: number, room: number, continuing: boolean, widowControl: boolean): number {
  if (remaining <= room) return remaining;
  if (!widowControl) return room;
  let take = room;
  // A widow: the last line alone on the next page. Give it a companion.
  if (remaining - take === 1) take -= 1;
  // An orphan: the first line alone at the bottom of this page. Move it on.
  if (!continuing && take === 1) take = 0;
  return Math.max(0, take);
}

function paginate(blocks: readonly SetBlock[], geometry: PageGeometry, widowControl: boolean): LaidPage[] {
  const perPage = geometry.linesPerPage;
  const pages: LaidPage[] = [];
  let lines: LaidLine[] = [];
  let bookmarks: LaidBookmark[] = [];
  let used = 0;
  const newPage = (): void => {
    pages.push({ number: pages.length + 1, lines, bookmarks });
    lines = [];
    bookmarks = [];
    used = 0;
  };
  const place = (block: SetBlock, line: BrokenLine): void => {
    const slotTop = geometry.topPt + used * geometry.linePitchPt;
    const slotHeight = block.slotsPerLine * geometry.linePitchPt;
    if (line.length > 0) lines.push({ baselineY: baselineInSlot(slotTop, slotHeight, block.sizePt), block: block.index, runs: line });
    used += block.slotsPerLine;
  };

  blocks.forEach((block, index) => {
    const slots = block.slotsPerLine;
    if (block.keepWithNext && used > 0 && used + block.lines.length * slots + leadSlots(blocks, index + 1, perPage, widowControl) > perPage) newPage();
    let next = 0;
    while (next < block.lines.length) {
      const room = Math.floor((perPage - used) / slots);
      const take = block.keepWithNext
        ? Math.min(block.lines.length - next, room)
        : linesForPage(block.lines.length - next, room, next > 0, widowControl);
      // At the top of a page everything must go somewhere.
      const count = used === 0 ? Math.max(1, take) : take;
      if (next === 0 && count > 0 && block.bookmark) {
        bookmarks.push({ ...block.bookmark, y: geometry.topPt + used * geometry.linePitchPt });
      }
      for (const line of block.lines.slice(next, next + count)) place(block, line);
      next += count;
      if (next < block.lines.length || used >= perPage) newPage();
    }
  });
  if (lines.length > 0 || bookmarks.length > 0 || pages.length === 0) newPage();
  return pages;
}
