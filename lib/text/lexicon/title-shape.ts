/**
 * Titles by their shape, as both the cleaner (a wrapped title is not a wrapped paragraph) and the
 * splitter (a title opens a report) recognise them: short, no statement mark, no heading number,
 * brackets closed, and for a report title a genre word at the end.
 */
import { TUNING } from '../tuning.js';
import { isCountLine } from './furniture.js';
import { GENRE_ENDING } from './genres.js';
import { startsEnumeratedSentence, startsWithHeadingNumber } from './numbering.js';
import { charClass, holdsStatementMark, RUNS_ON_MARKS, withoutStrayFullStop } from './punctuation.js';

/** A title does not end with a mark after which the words run on. */
const OPEN_ENDING = new RegExp(`${charClass(RUNS_ON_MARKS)}$`);

/** A bracketed remark: `（2篇）`, `（范文）`, `（2023年）`, `【精选】`, `[范文]`. */
const REMARK = String.raw`[（(【[][^（）()【】[\]]{1,12}[）)】\]]`;
/** A remark at the end of a line (`…材料（范文）`). */
const TRAILING_REMARK = new RegExp(`${REMARK}$`);
/** A remark on its own line (`（范文）`): the end of a title wrapped just before it. */
const REMARK_LINE = new RegExp(`^${REMARK}$`);

/** `line` without the bracketed remark it ends with. */
export function withoutTrailingRemark(line: string): string {
  return line.replace(TRAILING_REMARK, '');
}

/** True for a bracketed remark alone on its line. */
export function isRemarkLine(line: string): boolean {
  return REMARK_LINE.test(line);
}

const PAIRS: readonly (readonly [string, string])[] = [['《', '》'], ['“', '”'], ['（', '）'], ['(', ')'], ['〈', '〉'], ['<', '>']];

/** Every bracket and quote closed: a line cut inside one (a wrapped sentence) is not a title. */
function balanced(text: string): boolean {
  return PAIRS.every(([open, close]) => text.split(open).length === text.split(close).length);
}

/** A line that could be a title by its shape: short, not a sentence, not a numbered heading. */
export function isTitleShaped(line: string): boolean {
  const text = line.trim();
  return (
    text.length >= TUNING.title.minLength &&
    text.length <= TUNING.title.maxLength &&
    !holdsStatementMark(text) &&
    !OPEN_ENDING.test(text) &&
    !startsWithHeadingNumber(text) &&
    !startsEnumeratedSentence(text) &&
    !isCountLine(text) &&
    balanced(text)
  );
}

/** A title-shaped line, allowing the stray full stop that copy-pasted titles sometimes carry. */
export function isTitleLine(line: string): boolean {
  return isTitleShaped(withoutStrayFullStop(line.trim()));
}

/** A title-shaped line that ends with a genre word (`…述职报告`, `…的讲话`), perhaps before a remark. */
export function isReportTitle(line: string): boolean {
  const text = line.trim();
  return isTitleShaped(text) && GENRE_ENDING.test(withoutTrailingRemark(text));
}

/** The dash that opens a subtitle. */
const SUBTITLE_DASH = /^[—–-]{1,2}\s{0,2}/;

/** A subtitle line under a title: `——在全市工作会议上的讲话`. */
export function isSubtitle(line: string): boolean {
  const match = SUBTITLE_DASH.exec(line.trim());
  return match !== null && isReportTitle(line.trim().slice(match[0].length));
}
