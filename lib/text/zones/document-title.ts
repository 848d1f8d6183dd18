/**
 * Family 7, the document's own title: which line of a page is it, and which of the page's other
 * lines are copies of it (the page's heading above the document's own, the listing with its count,
 * a damaged copy), later pieces of the same page, or the document a notice issues.
 *
 * The title is the nearest title above the text's first sentence, or glued to it by a piece label,
 * its decorations off (title-decoration.ts). A copy that lost characters inside (a site's keyword
 * filter, `校长年度：我们一直在努力` under `校长年度述职报告：我们一直在努力`), or the 在 of a speech's
 * 在…上的讲话, gives way to the whole one.
 */
import { namesUnitOrPerson } from '../../model/attribution.js';
import { nextContentLine } from '../content-lines.js';
import { isBracketedDateLine } from '../lexicon/dates.js';
import { TITLE_ENDINGS } from '../lexicon/genres.js';
import { isReportTitle, isTitleLine } from '../lexicon/title-shape.js';
import { normalizeTitle } from '../toc.js';
import { FurnitureRule } from './furniture-family.js';
import { MIN_SCORE } from './furniture-bar.js';
import type { FurnitureScore } from './furniture-score.js';
import { isDateLine, isProse, isSalutation, letterCount, opensWithDashes, withoutMojibake } from './line-shape.js';
import type { DecoratedTitle } from './title-decoration.js';

/** The document's title as chosen: its line and the title without decorations. */
export interface TitleChoice {
  readonly line: number;
  readonly decorated: DecoratedTitle;
  /** When the title is glued to the first sentence: where the label between them ends. */
  readonly glued?: { readonly labelEnd: number };
}

/** A line this furniture-like is no title, whatever its shape (a breadcrumb that ends with the title). */
const MAX_TITLE_SCORE = 5;
/** Fewest characters of a title that names no genre (`培训留给了我们什么`); shorter lines are categories and names. */
const MIN_PLAIN_TITLE = 8;
/** Share of a longer copy of the title a shorter copy must keep to be the same title, damaged. */
const MIN_COPY_SHARE = 0.6;
/** Fewest characters a copy of the title must share with it. */
const MIN_COPY = 4;
/** Longest label a later piece's title carries (`【篇十二】`, ` 篇12`). */
const MAX_LABEL = 12;
/** Fewest letters of a later document's title found by its opening. */
const MIN_OPENING_TITLE = 6;

const GENRE = `(?:${TITLE_ENDINGS.join('|')})`;
/** A document site's label of a piece, with its colon: `心得一：`, `材料二：`, `范文3:`. */
const SITE_PIECE_LABEL = String.raw`(?:材料|范文|範文|文章|心得|体会|體會)\s{0,2}[\d一二三四五六七八九十]{1,3}\s{0,2}[：:]`;
/** A piece label glued between a title and its first sentence: ` 篇1`, `1`, `（篇一）`, `（6篇）（篇一）`, `心得一：`. */
const GLUED_LABEL = new RegExp(
  String.raw`^\s{0,2}(?:(?:[（(]\s{0,2}(?:篇\s{0,2}[\d一二三四五六七八九十]{1,3}|[\d一二三四五六七八九十]{1,3}\s{0,2}篇)\s{0,2}[）)]|篇\s{0,2}[\d一二三四五六七八九十]{1,3})\s{0,2}){1,3}|^\d{1,2}(?=[^\d.．、%])|^\s{0,2}${SITE_PIECE_LABEL}\s{0,2}`,
  'u',
);
/** A report title and a compilation's count or label (`篇`, `心得一：`), glued to the first sentence. */
const GLUED_TITLE = new RegExp(`^(.{4,40}?${GENRE})(?=\\s{0,2}(?:[（(]\\s{0,2}[\\d一二三四五六七八九十]{0,3}\\s{0,2}篇|篇\\s{0,2}[\\d一二三四五六七八九十]|${SITE_PIECE_LABEL}))`, 'u');
/**
 * A speech's title in the frame 在…上的讲话 (`在全县工作会议上的讲话`): a copy that lost the opening 在
 * (`全县工作会议上的讲话`) is damaged, not the document's own heading.
 */
const SPEECH_FRAME = /上的(?:讲话|讲话稿|发言|致辞|报告|主持词|講話|發言|致辭)$/u;
/** A notice that issues, forwards or approves a document named in its title. */
const ISSUING_NOTICE = /(?:印发|转发|批转|下发|印發|轉發|批轉)[^《]{0,20}《([^《》]{4,60})》[^《》]{0,10}(?:的)?(?:通知|通告|决定)/u;

/**
 * The document's title among `lines[0, bodyStart)` and the first line of its text; undefined when
 * no line above the text is a title.
 */
export function chooseTitle(
  lines: readonly string[],
  score: (i: number) => FurnitureScore,
  bodyStart: number,
  decorate: (line: string) => DecoratedTitle,
): TitleChoice | undefined {
  const candidates: TitleChoice[] = [];
  for (let i = 0; i < bodyStart; i++) {
    const line = lines[i]!;
    if (line === '' || opensWithDashes(line) || isProse(line) || isDateLine(line)) continue;
    const decorated = decorate(line);
    const shape = withoutMojibake(decorated.title);
    if (!isTitleLine(shape) || namesUnitOrPerson(shape)) continue;
    // A line with a site's words is no title, unless it names a genre and is not too furniture-like.
    const furniture = score(i).score;
    if (furniture >= MAX_TITLE_SCORE || (furniture >= MIN_SCORE && !isReportTitle(shape))) continue;
    const labelled = decorated.pieces.some((piece) => piece.rule === FurnitureRule.PieceLabel);
    if (isReportTitle(shape) || shape.length >= MIN_PLAIN_TITLE || labelled) candidates.push({ line: i, decorated });
  }
  // An author line between a speech's title and its bracketed date (`遂昌县县长童森军` / `（2026 年 2 月 6 日）`)
  // has a title's shape but no genre: the report title above it is the title.
  const last = candidates.at(-1);
  if (last && !isReportTitle(last.decorated.title) && candidates.some((candidate) => isReportTitle(candidate.decorated.title)) && isBracketedDateLine(lines[nextContentLine(lines, last.line + 1)] ?? '')) candidates.pop();
  const glued = gluedTitle(lines[bodyStart]!, bodyStart, candidates);
  if (glued) return glued;
  const nearest = candidates.at(-1);
  if (!nearest) return undefined;
  const key = normalizeTitle(nearest.decorated.title);
  const whole = candidates
    .filter((candidate) => {
      const other = normalizeTitle(candidate.decorated.title);
      if (other === `在${key}` && SPEECH_FRAME.test(key)) return true;
      return other.length > key.length && !other.includes(key) && key.length >= MIN_COPY_SHARE * other.length && isSubsequence(key, other);
    })
    .sort((a, b) => b.decorated.title.length - a.decorated.title.length)[0];
  return whole ?? nearest;
}

/**
 * A title glued to the first sentence by a piece label (`社区的年度工作计划 篇1今年，…`,
 * `校园安全的自查报告1为了…`, `党支部主题党日活动方案(6篇)(篇一)为深入…`): a title seen above
 * followed by a label, or a report title followed by a label that says `篇`.
 */
function gluedTitle(line: string, at: number, candidates: readonly TitleChoice[]): TitleChoice | undefined {
  const known = [...new Set(candidates.map((candidate) => candidate.decorated.title))].sort((a, b) => b.length - a.length);
  const title = known.find((title) => line.startsWith(title) && GLUED_LABEL.test(line.slice(title.length))) ?? GLUED_TITLE.exec(line)?.[1];
  if (title === undefined || !isTitleLine(title)) return undefined;
  const label = GLUED_LABEL.exec(line.slice(title.length));
  if (!label) return undefined;
  let rest = line.slice(title.length + label[0].length).trimStart();
  // The piece's own heading after its label, the same title again (`…心得体会心得一：…心得体会4月23日…`).
  if (rest.startsWith(title)) rest = rest.slice(title.length).trimStart();
  if (rest === '' || !isProse(rest)) return undefined;
  return { line: at, decorated: { title, start: 0, end: title.length, pieces: [] }, glued: { labelEnd: line.length - rest.length } };
}

/** True when `key` is another copy of the title `title` (both as normalizeTitle gives them): equal, one inside the other, or one with characters lost. */
export function isCopyOf(key: string, title: string): boolean {
  if (key === '' || title === '') return false;
  const [short, long] = key.length <= title.length ? [key, title] : [title, key];
  if (short.length < MIN_COPY) return false;
  return long.includes(short) || (short.length >= MIN_COPY_SHARE * long.length && isSubsequence(short, long));
}

/** True when every character of `short` appears in `long` in order. */
function isSubsequence(short: string, long: string): boolean {
  let k = 0;
  for (const char of long) if (char === short[k]) k++;
  return k === short.length;
}

/**
 * A later piece of a compilation page, labelled as the first was (`中秋致辞员工篇二` after
 * `中秋致辞员工篇一`): its segments, the label cut and the title kept as a title; undefined for any
 * other line.
 */
export function laterPiece(line: string, title: string, decorate: (line: string) => DecoratedTitle): DecoratedTitle | undefined {
  if (!line.includes(title) || line.length > title.length + MAX_LABEL) return undefined;
  const decorated = decorate(line);
  const labelled = decorated.pieces.some((piece) => piece.rule === FurnitureRule.PieceLabel);
  return labelled && normalizeTitle(decorated.title) === normalizeTitle(title) ? decorated : undefined;
}

/**
 * Later documents of a page that open as the first did: a title-shaped line after a blank line,
 * followed by the same line that followed the first document's title (its speaker, `发言人：祝友炎`).
 * A salutation is no such sign: a speech says `同志们：` again in its middle.
 */
export function laterOpenings(lines: readonly string[], opening: string | undefined, from: number): number[] {
  if (opening === undefined || isSalutation(opening) || isProse(opening)) return [];
  const found: number[] = [];
  for (let i = from + 1; i < lines.length; i++) {
    if (lines[i] !== opening) continue;
    let title = i - 1;
    while (title > from && lines[title] === '') title--;
    const candidate = lines[title]!;
    if (title > from && lines[title - 1] === '' && isTitleLine(candidate) && letterCount(candidate) >= MIN_OPENING_TITLE && !isProse(candidate)) found.push(title);
  }
  return found;
}

/**
 * The document a notice issues (`…印发《关于…的实施意见》的通知`), printed after the notice under its
 * own title: an attachment of the same 公文 (GB/T 9704 §8), not a report of its own.
 */
export function issuedDocumentTitles(lines: readonly string[], title: string, from: number): number[] {
  const issued = ISSUING_NOTICE.exec(title)?.[1];
  if (issued === undefined) return [];
  const key = normalizeTitle(issued);
  const found: number[] = [];
  for (let i = from; i < lines.length; i++) if (lines[i] !== '' && normalizeTitle(lines[i]!) === key) found.push(i);
  return found;
}
