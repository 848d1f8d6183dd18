/**
 * Who wrote a report and when, where the text says so: an author or unit line right under the
 * title (`XX县委办公室 张三`), and a closing block of signature (署名) and date (成文日期) after the
 * last paragraph. GB/T 9704 §7.3.5 lays the closing block out (date 右空四字, the signature centred
 * over it); common practice sets the author line centred in 楷体 under the title. Only lines
 * shaped exactly so are taken: a sentence that ends with a date, a heading, or a short last
 * sentence (`谢谢大家！`) stays a paragraph.
 */
import { isBracketedDateLine, isDateLine } from '../text/lexicon/dates.js';
import { AUTHOR_LABELS, UNIT_ENDINGS } from '../text/lexicon/genres.js';
import { startsWithHeadingNumber } from '../text/lexicon/numbering.js';
import { charClass, NAME_BREAKING_MARKS } from '../text/lexicon/punctuation.js';
import { TUNING } from '../text/tuning.js';
import { ParagraphRole, type Block, type ParagraphBlock, type Report } from './report.js';

/** Marks a signature or author line never holds: it names, it does not say. */
const SENTENCE_MARK = new RegExp(charClass(NAME_BREAKING_MARKS), 'u');

/** A unit's name ends so (see {@link UNIT_ENDINGS}). */
const UNIT_ENDING = new RegExp(`(?:${UNIT_ENDINGS.join('|')})$`, 'u');

/** A person's name: two to four Han characters, or placeholders for them (`张XX`, `**`, `某某`). */
const PERSON_NAME = /^[\p{Script=Han}xX*＊]{2,4}$/u;

/** Labels that introduce the author (`述职人：张三`). */
const AUTHOR_LABEL = new RegExp(String.raw`^(?:${AUTHOR_LABELS.join('|')})[：:]\s*(\S.*)$`, 'u');

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
  if (text === '' || text.length > TUNING.report.maxBylineLength) return false;
  if (isBracketedDateLine(text)) return true;
  // A bare name could as well be a one-word paragraph; under a title it needs its unit or a label.
  return namesSomeone(text, false);
}

/** True for a signature line (署名) of a closing block. */
function isSignatureLine(line: string, beforeDate: boolean): boolean {
  const text = line.trim();
  if (text === '' || text.length > TUNING.report.maxSignatureLength) return false;
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
    for (let taken = 0; taken < TUNING.report.maxSignatureLines && end > 1; taken += 1) {
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

/**
 * Who the report says wrote it, for the documents' properties: its author line as written
 * (`XX局党组书记、局长 张三`, `中共XX县委组织部`), the name alone after a label (`述职人：李XX` →
 * `李XX`); empty when it has no author line or the line is a date (`（2024年1月15日）`).
 */
export function reportAuthor(report: Report): string {
  const first = report.blocks[0];
  if (first?.kind !== 'paragraph' || first.role !== ParagraphRole.Byline) return '';
  const text = first.text.trim();
  if (isBracketedDateLine(text)) return '';
  return (AUTHOR_LABEL.exec(text)?.[1] ?? text).trim();
}
