/**
 * The vocabulary of what stands around the text rather than in it: page numbers and the white
 * space of a PDF copy, the junk characters and tag words of document-site adverts, a table of
 * contents' heading and leaders, a compilation cover's count line. Patterns stay linear on any
 * input: bounded quantifiers only, never a quantified group that itself contains a quantifier.
 */
import { CHINESE_COUNTING } from './numerals.js';

// ── White space ──────────────────────────────────────────────────────────────────────────────

/** Line spaces that are not `\n`: ASCII and ideographic space, tab, NBSP and the typographic spaces. */
export const LINE_SPACE = String.raw`[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]`;

// ── Page numbers ─────────────────────────────────────────────────────────────────────────────

/**
 * The forms a PDF prints a page number in: between dashes (GB/T 9704's `— 3 —`, `-3-`, `－3－`),
 * `第3页`, `第3页 共12页`, `Page 3 of 12`. A bare number is not among them: a table flattened
 * into lines has numbers alone on a line too.
 */
export const PAGE_NUMBER = [
  String.raw`[—–\-－]{1,2}${LINE_SPACE}{0,2}\d{1,4}${LINE_SPACE}{0,2}[—–\-－]{1,2}`,
  String.raw`第${LINE_SPACE}{0,2}\d{1,4}${LINE_SPACE}{0,2}页(?:${LINE_SPACE}{0,3}[,，/／]?${LINE_SPACE}{0,3}共${LINE_SPACE}{0,2}\d{1,4}${LINE_SPACE}{0,2}页)?`,
  String.raw`[Pp]age ${LINE_SPACE}{0,2}\d{1,4}(?:${LINE_SPACE}{1,2}of${LINE_SPACE}{1,2}\d{1,4})?`,
].join('|');

const PAGE_NUMBER_LINE = new RegExp(String.raw`^${LINE_SPACE}{0,40}(?:${PAGE_NUMBER})${LINE_SPACE}{0,40}$`, 'u');

/** True for a line (without its line break) that is only a page number, as `page-number/page-line` cuts it. */
export function isPageNumberLine(line: string): boolean {
  return line.length <= 120 && PAGE_NUMBER_LINE.test(line);
}

const PAGE_NUMBER_BESIDE_TEXT = new RegExp(
  String.raw`^${LINE_SPACE}{0,40}(?:(\S.{2,58}?)${LINE_SPACE}{1,40}(?:${PAGE_NUMBER})|(?:${PAGE_NUMBER})${LINE_SPACE}{1,40}(\S.{2,58}?))${LINE_SPACE}{0,40}$`,
  'u',
);

/**
 * The text a line prints beside its page number (`2024年度党建工作材料汇编    第3页`, `— 3 —  XX县委办公室`),
 * as a PDF's footer or header sets both on one line; undefined for any other line.
 */
export function textBesidePageNumber(line: string): string | undefined {
  if (line.length > 120) return undefined;
  const match = PAGE_NUMBER_BESIDE_TEXT.exec(line);
  return match ? (match[1] ?? match[2]) : undefined;
}

// ── Document-site adverts ────────────────────────────────────────────────────────────────────

/** Characters scattered into and around adverts to defeat exact-match filters. */
export const JUNK = String.raw`[#$%&*@^~|_=+!·•]`;

/** Words of a "more material: search our library" tag. Two of them inside one bracket make an advert. */
export const TAG_WORDS = ['更多', '素材', '搜索', '文库', '宝库', '下载', '资料', '公众号', '关注', '范文', '免费', '会员', '网盘', '微信'] as const;

/** Names of document sites end in one of these: 【某某素材库】, 【某某文库】, 【笔杆子宝库】. */
export const SITE_SUFFIXES = ['素材库', '文库', '宝库', '资料库', '范文网', '材料网'] as const;

/**
 * An opening remark or advert tag left unclosed at a line's end by a wrap (`…述职报告（范`,
 * `…总结*【更多素材`), with the junk characters sites put before a tag.
 */
export const UNCLOSED_TAIL = new RegExp(String.raw`${JUNK}{0,3}[（(【][^）)】]{0,20}$`, 'u');

// ── Tables of contents ───────────────────────────────────────────────────────────────────────

/** The heading of a table of contents: `目录`, `目 录`, `Contents`. */
export const TOC_HEADER = /^(?:目\s{0,4}录|目\s{0,4}錄|contents|table of contents)\s{0,2}[:：]?$/i;

/** Dot leaders and a page number at the end of an entry: `……3`, `.... 12`, `  5`, `—— iv`. */
export const TOC_LEADERS_AND_PAGE = /(?:\s{0,4}[.．·•…_\-—]{2,200}\s{0,4}|\s{1,8})(?:\d{1,4}|[IVXLivxl]{1,6})$/;
/** Dot leaders with no page number after them. */
export const TOC_LEADERS_ONLY = /\s{0,4}[.．·•…]{3,200}$/;

/**
 * The end of a line that runs to the margin by design: three leaders (or a gap of two spaces) and a
 * page number. Stricter than {@link TOC_LEADERS_AND_PAGE}: a wrapped paragraph's line may well
 * end in `— 5` or `……3`, but hardly ever in `...3` or a two-space gap before a number.
 */
const TOC_LINE_END = /(?:[.．·…_]{3}|\s{2})\s{0,4}\d{1,4}$/;

/** True for a table-of-contents line by its end (tested on the last 12 characters only: a line of a million dots costs no more than a short one). */
export function isTocLine(line: string): boolean {
  return TOC_LINE_END.test(line.slice(-12));
}

// ── Covers ───────────────────────────────────────────────────────────────────────────────────

/** `（5篇）`, `(共5篇)`, `5篇`: the count line under a compilation's cover title. */
const COUNT_LINE = new RegExp(`^[（(【[]?\\s{0,2}共?\\s{0,2}[\\d${CHINESE_COUNTING}]{1,3}\\s{0,2}篇\\s{0,2}[）)】\\]]?$`);

/** True for the `（5篇）` line under a compilation's cover title. */
export function isCountLine(line: string): boolean {
  return COUNT_LINE.test(line.trim());
}
