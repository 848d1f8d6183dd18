/**
 * Recognising report titles among lines of cleaned text: short, no sentence punctuation, no
 * heading numbering, and ending in a word that names a genre (报告, 总结, 讲话 …).
 */
import { startsWithHeadingNumber } from '../model/heading-number.js';
import { pieceNumber } from './piece-number.js';

/** Genre words a report title ends with. Longest first where one contains another. */
export const TITLE_ENDINGS: readonly string[] = [
  '述职述廉报告', '述职报告', '调研报告', '工作报告', '报告',
  '工作总结', '总结',
  '讲话稿', '讲话', '发言稿', '发言提纲', '研讨发言', '交流发言', '发言',
  '对照检查材料', '剖析材料', '材料',
  '心得体会', '体会', '汇报', '实施方案', '方案', '致辞', '提纲', '计划', '要点', '规划',
  '意见', '通知', '讲稿', '主持词', '演讲稿', '党课', '决定', '办法', '细则', '纪要', '简报',
  '倡议书', '公开信', '述职',
];

const MIN_TITLE_LENGTH = 4;
const MAX_TITLE_LENGTH = 60;

/** Punctuation that never appears in a title: it makes the line a sentence. */
const SENTENCE_PUNCTUATION = /[。！？；!?;]/;
/** A title does not end with a mark that continues the sentence. */
const OPEN_ENDING = /[，、：:,（(“《—]$/;
/** `一是`, `二是` … open enumerated sentences in the body. */
const ENUMERATED_SENTENCE = /^[一二三四五六七八九十]{1,3}是/;
/** A trailing remark in brackets: `（2篇）`, `（范文）`, `（2023年）`. */
const TRAILING_REMARK = /[（(【[][^（）()【】[\]]{1,12}[）)】\]]$/;
/** `（5篇）`, `(共5篇)`, `5篇`: the count line under a compilation's cover title. */
const COUNT_LINE = /^[（(【[]?\s{0,2}共?\s{0,2}[\d一二三四五六七八九十]{1,3}\s{0,2}篇\s{0,2}[）)】\]]?$/;

const endingPattern = new RegExp(`(?:${TITLE_ENDINGS.join('|')})$`);

/** A line that could be a title by its shape: short, not a sentence, not a numbered heading. */
export function isTitleShaped(line: string): boolean {
  const text = line.trim();
  return (
    text.length >= MIN_TITLE_LENGTH &&
    text.length <= MAX_TITLE_LENGTH &&
    !SENTENCE_PUNCTUATION.test(text) &&
    !OPEN_ENDING.test(text) &&
    !startsWithHeadingNumber(text) &&
    !ENUMERATED_SENTENCE.test(text) &&
    !COUNT_LINE.test(text) &&
    balanced(text)
  );
}

const PAIRS: readonly (readonly [string, string])[] = [['《', '》'], ['“', '”'], ['（', '）'], ['(', ')'], ['〈', '〉'], ['<', '>']];

/** Every bracket and quote closed: a line cut inside one (a wrapped sentence) is not a title. */
function balanced(text: string): boolean {
  return PAIRS.every(([open, close]) => text.split(open).length === text.split(close).length);
}

/** A title-shaped line, allowing the stray full stop that copy-pasted titles sometimes carry. */
export function isTitleLine(line: string): boolean {
  return isTitleShaped(line.trim().replace(/[。.]$/, ''));
}

/** A title-shaped line that ends with a genre word (`…述职报告`, `…的讲话`). */
export function isReportTitle(line: string): boolean {
  const text = line.trim();
  return isTitleShaped(text) && endingPattern.test(text.replace(TRAILING_REMARK, ''));
}

/** A subtitle line under a title: `——在全市工作会议上的讲话`. */
export function isSubtitle(line: string): boolean {
  const match = /^[—–-]{1,2}\s{0,2}/.exec(line.trim());
  return match !== null && isReportTitle(line.trim().slice(match[0].length));
}

/** The `（5篇）` line under a compilation's cover title. */
export function isCountLine(line: string): boolean {
  return COUNT_LINE.test(line.trim());
}

/**
 * A title reduced for comparison: full/half width, white space, punctuation and a leading
 * number (`1.`, `一、`, `第一篇`, `材料二：`) do not matter.
 */
export function normalizeTitle(line: string): string {
  const text = line.normalize('NFKC').trim();
  return (pieceNumber(text)?.rest ?? text)
    // Looser than a piece number: `1，`, `（1`, `①`.
    .replace(/^(?:第[一二三四五六七八九十\d]{1,4}[篇章部分]{1,2}|[（(]?[一二三四五六七八九十\d]{1,4}[）)]|[一二三四五六七八九十\d]{1,4}[、.．,，]|[①-⑳])\s{0,4}/u, '')
    .replace(/[\p{P}\p{S}\s]/gu, '')
    .toLowerCase();
}
