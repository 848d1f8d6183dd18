/**
 * The right indents of a report's closing block, in characters, the same for the DOCX and the PDF
 * (so both set the block alike whatever their fonts measure), per GB/T 9704 §7.3.5.2, the form for
 * documents without a seal (a 述职报告 or a 讲话 is not sealed): 署名右空二字; the date on the line
 * below, its first character two characters right of the signature's first; and when the date
 * would come closer to the edge than the signature (a date longer than the signature), the date
 * 右空二字 and the signature's indent grown to keep the two-character step. Several signature lines
 * (a unit, then a person) are one right-aligned block, measured by its widest line.
 */
import { ParagraphRole, type Block, type Report } from '../model/report.js';
import { latinAdvanceEm } from './latin-metrics.js';
import { AUTO_SPACE_EM, autoSpaceBetween } from './layout/punctuation.js';
import type { StyleProfile } from './style.js';

/**
 * Width of `text` in characters of its size: a Chinese character or full-width mark is one, a
 * printable ASCII character its real width in the Latin face both formats set it in (Times New
 * Roman's metrics: a digit half a character, `X` 0.72), plus the automatic space between Chinese
 * and a Latin letter or digit (both formats set it).
 */
export function widthInChars(text: string): number {
  let width = 0;
  let previous = '';
  for (const char of text.trim()) {
    width += (latinAdvanceEm(char.codePointAt(0)!) ?? (char <= '\u00ff' ? 0.5 : 1)) + (autoSpaceBetween(previous, char) ? AUTO_SPACE_EM : 0);
    previous = char;
  }
  return width;
}

/** Rounded to hundredths of a character, the unit of Word's `w:rightChars`. */
const hundredths = (chars: number): number => Math.round(chars * 100) / 100;

const hasRole = (role: ParagraphRole) => (block: Block | undefined): boolean => block?.kind === 'paragraph' && block.role === role;

/** The right indents of the report's signature lines (one for all) and date, in characters. */
export interface ClosingIndents {
  readonly signature: number;
  readonly date: number;
}

/** The closing block's right indents by §7.3.5.2 (see the module comment). */
export function closingIndents(report: Report, profile: StyleProfile): ClosingIndents {
  const { signature, date } = profile.attribution;
  const signatures = report.blocks.filter(hasRole(ParagraphRole.Signature));
  const dateBlock = report.blocks.findLast(hasRole(ParagraphRole.Date));
  if (signatures.length === 0 || !dateBlock) return { signature: signature.rightIndentChars, date: date.rightIndentChars };
  const signatureWidth = Math.max(...signatures.map((block) => widthInChars(block.text)));
  const dateWidth = widthInChars(dateBlock.text);
  // The date's first character `shiftChars` right of the signature's: its right indent follows.
  const dateIndent = signature.rightIndentChars + signatureWidth - date.shiftChars - dateWidth;
  if (dateIndent >= date.rightIndentChars) return { signature: signature.rightIndentChars, date: hundredths(dateIndent) };
  // The date would come too close to the edge: it keeps its own indent and the signature moves left.
  return { signature: hundredths(date.rightIndentChars + dateWidth + date.shiftChars - signatureWidth), date: date.rightIndentChars };
}

/**
 * The right indent of `report.blocks[index]` in characters when it is a signature or a date;
 * `undefined` for any other block.
 */
export function closingRightIndentChars(report: Report, index: number, profile: StyleProfile): number | undefined {
  const block = report.blocks[index];
  if (hasRole(ParagraphRole.Date)(block)) return closingIndents(report, profile).date;
  if (hasRole(ParagraphRole.Signature)(block)) return closingIndents(report, profile).signature;
  return undefined;
}

/** True when `report.blocks[index]` opens the closing block (one blank line goes before it). */
export function opensClosingBlock(report: Report, index: number): boolean {
  const isClosing = (block: Block | undefined): boolean => hasRole(ParagraphRole.Signature)(block) || hasRole(ParagraphRole.Date)(block);
  return isClosing(report.blocks[index]) && !isClosing(report.blocks[index - 1]);
}

/** True when the report's first block is an author line (the title's blank lines then follow it). */
export function hasByline(report: Report): boolean {
  return hasRole(ParagraphRole.Byline)(report.blocks[0]);
}
