/**
 * Who wrote a report and when, where the text says so: an author or unit line right under the
 * title (`XX县委办公室 张三`), and a closing block of signature (署名) and date (成文日期) after the
 * last paragraph. GB/T 9704 §7.3.5 lays the closing block out (date 右空四字, the signature centred
 * over it); common practice sets the author line centred in 楷体 under the title. Only lines
 * shaped exactly so are taken: a sentence that ends with a date, a heading, or a short last
 * sentence (`谢谢大家！`) stays a paragraph.
 */
import { startsWithHeadingNumber } from './heading-number.js';
import { ParagraphRole, type Block, type ParagraphBlock } from './report.js';

/** Longest author line, in characters. */
const MAX_BYLINE_LENGTH = 30;
/** Longest signature line (a unit's full name), in characters. */
const MAX_SIGNATURE_LENGTH = 25;
/** Signature lines above a date: the unit, and the person. */
const MAX_SIGNATURE_LINES = 2;

const CHINESE_NUMERAL = '〇零一二三四五六七八九十';

/**
 * A date as a 成文日期 is written, alone on its line: `2024年3月5日` (Arabic numerals, as GB/T
 * 9704 asks), `二〇二四年三月五日`, `2024.3.5`, `2024-03-05`, `2024/3/5`; spaces allowed inside.
 */
const DATE_LINE = new RegExp(
  [
    String.raw`^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$`,
    `^[${CHINESE_NUMERAL}]{4}年[${CHINESE_NUMERAL}]{1,2}月[${CHINESE_NUMERAL}]{1,3}日$`,
    String.raw`^\d{4}([.\-/])\d{1,2}\1\d{1,2}$`,
  ].join('|'),
  'u',
);

/** Marks a signature or author line never holds: it names, it does not say. */
const SENTENCE_MARK = /[。，；！？!?,;…“”"]/u;

/**
 * Endings of a unit's name (organ, company, Party organisation, school, community …). Single
 * characters only where no common word ends so (`局`, `委`, `厅`, `处`, `科`).
 */
const UNIT_ENDING = new RegExp(
  `(?:${[
    '委员会', '办公室', '办事处', '人民政府', '政府', '党委', '党组', '党工委', '工委', '纪委', '支部', '总支', '党支部',
    '公司', '集团', '中心', '分行', '支行', '银行', '医院', '大学', '学院', '中学', '小学', '学校', '研究院', '研究所',
    '街道', '社区', '村委会', '居委会', '工会', '协会', '学会', '联合会', '商会', '团委', '妇联', '检察院', '法院',
    '局', '委', '厅', '处', '科', '署', '站', '所', '院', '部', '队', '室', '办',
  ].join('|')})$`,
  'u',
);

/** A person's name: two to four Han characters, or placeholders for them (`张XX`, `**`, `某某`). */
const PERSON_NAME = /^[\p{Script=Han}xX*＊]{2,4}$/u;

/** Labels that introduce the author (`述职人：张三`). */
const AUTHOR_LABEL = /^(?:作者|述职人|报告人|汇报人|发言人|讲话人|单位|部门|署名)[：:]\s*(\S.*)$/u;

/** The date line opening a speech under its title: `（2024年3月5日）`. */
const BRACKETED_DATE = /^[（(](.+)[）)]$/u;

/** A unit's name: a known ending after at least two characters of name (`财政局`, `XX公司党委`). */
const isUnit = (text: string): boolean => text.length >= 3 && UNIT_ENDING.test(text);

/** True when `line` names a unit, a person, or a unit (or post) and a person (`XX局党组书记 张三`). */
function namesSomeone(line: string, allowBareName: boolean): boolean {
  if (SENTENCE_MARK.test(line) || startsWithHeadingNumber(line)) return false;
  const labelled = AUTHOR_LABEL.exec(line);
  if (labelled) return !SENTENCE_MARK.test(labelled[1]!);
  const words = line.split(/\s+/u);
  if (words.length >= 2) {
    // A unit or a post, then the name: `党委书记、局长 李XX`, `XX县委办公室 张三`.
    const name = words.at(-1)!;
    return PERSON_NAME.test(name) && words.slice(0, -1).every((word) => word.length >= 2 && !/[：:]/u.test(word));
  }
  if (/[：:]/u.test(line)) return false;
  return isUnit(line) || (allowBareName && PERSON_NAME.test(line));
}

/** True for a 成文日期 alone on its line. */
function isDateLine(line: string): boolean {
  return DATE_LINE.test(line.trim());
}

/** True for a date in brackets alone on its line (`（2024年3月5日）`): a speech's date under its title. */
export function isBracketedDateLine(line: string): boolean {
  const bracketed = BRACKETED_DATE.exec(line.trim());
  return bracketed !== null && isDateLine(bracketed[1]!);
}

/**
 * True for a line that names a unit or a person (`XX县人民政府办公室`, `XX局党组书记 张三`): a
 * signature or an author line, never the first half of a wrapped title.
 */
export function namesUnitOrPerson(line: string): boolean {
  return namesSomeone(line.trim(), false);
}

/** True for an author line that may stand under the title. */
function isBylineLine(line: string): boolean {
  const text = line.trim();
  if (text === '' || text.length > MAX_BYLINE_LENGTH) return false;
  if (isBracketedDateLine(text)) return true;
  // A bare name could as well be a one-word paragraph; under a title it needs its unit or a label.
  return namesSomeone(text, false);
}

/** True for a signature line (署名) of a closing block. */
function isSignatureLine(line: string, beforeDate: boolean): boolean {
  const text = line.trim();
  if (text === '' || text.length > MAX_SIGNATURE_LENGTH) return false;
  // Without a date below it, only a unit's name is distinct enough from a short last paragraph.
  return beforeDate ? namesSomeone(text, true) : isUnit(text) && !/[\s：:]/u.test(text) && !SENTENCE_MARK.test(text) && !startsWithHeadingNumber(text);
}

const isPlainParagraph = (block: Block | undefined): block is ParagraphBlock => block?.kind === 'paragraph' && !block.runIn && !block.role;

const withRole = (block: ParagraphBlock, role: ParagraphRole): ParagraphBlock => ({ kind: 'paragraph', text: block.text, role });

/**
 * `blocks` with the author line (the first block) and the closing block (the last blocks) marked
 * by their {@link ParagraphRole}; every other block as it was. A report of one block keeps it as
 * its text: there is no body to attribute.
 */
export function markAttribution(blocks: readonly Block[]): Block[] {
  const marked = [...blocks];
  if (marked.length < 2) return marked;
  let end = marked.length;
  const last = marked[end - 1];
  if (isPlainParagraph(last) && isDateLine(last.text)) {
    marked[end - 1] = withRole(last, ParagraphRole.Date);
    end -= 1;
    for (let taken = 0; taken < MAX_SIGNATURE_LINES && end > 1; taken += 1) {
      const block = marked[end - 1];
      if (!isPlainParagraph(block) || !isSignatureLine(block.text, true)) break;
      marked[end - 1] = withRole(block, ParagraphRole.Signature);
      end -= 1;
    }
  } else if (isPlainParagraph(last) && isSignatureLine(last.text, false)) {
    marked[end - 1] = withRole(last, ParagraphRole.Signature);
    end -= 1;
  }
  const first = marked[0];
  // The body must keep at least one block between the author line and the closing block.
  if (end > 1 && isPlainParagraph(first) && isBylineLine(first.text)) marked[0] = withRole(first, ParagraphRole.Byline);
  return marked;
}
