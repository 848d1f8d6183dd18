/**
 * The right indents of a report's closing block, in characters, the same for the DOCX and the PDF
 * (so both set the block alike whatever their fonts measure): the date 右空四字 (the profile's
 * `rightIndentChars`), each signature line centred over the date (GB/T 9704 §7.3.5.1), but never
 * closer than two characters to the right edge (§7.3.5.2's 右空二字).
 */
import { ParagraphRole, type Block, type Report } from '../model/report.js';
import { AUTO_SPACE_EM, autoSpaceBetween } from './layout/punctuation.js';
import type { StyleProfile } from './style.js';

/** Closest a signature comes to the right edge, in characters. */
const MIN_SIGNATURE_INDENT_CHARS = 2;

/**
 * Width of `text` in characters of its size: a Chinese character or full-width mark is one, an
 * ASCII character (a digit of `2024`, a Latin letter) half, as the Latin face of both formats sets it,
 * plus the automatic space between Chinese and a Latin letter or digit (both formats set it).
 */
export function widthInChars(text: string): number {
  let width = 0;
  let previous = '';
  for (const char of text.trim()) {
    width += (char <= '\u007e' ? 0.5 : 1) + (autoSpaceBetween(previous, char) ? AUTO_SPACE_EM : 0);
    previous = char;
  }
  return width;
}

/** Rounded to hundredths of a character, the unit of Word's `w:rightChars`. */
const hundredths = (chars: number): number => Math.round(chars * 100) / 100;

/**
 * The right indent of `report.blocks[index]` in characters when it is a signature or a date;
 * `undefined` for any other block.
 */
export function closingRightIndentChars(report: Report, index: number, profile: StyleProfile): number | undefined {
  const block = report.blocks[index];
  const dateIndent = profile.attribution.date.rightIndentChars;
  if (block?.kind !== 'paragraph') return undefined;
  if (block.role === ParagraphRole.Date) return dateIndent;
  if (block.role !== ParagraphRole.Signature) return undefined;
  const date = report.blocks.findLast((b: Block) => b.kind === 'paragraph' && b.role === ParagraphRole.Date);
  if (!date) return MIN_SIGNATURE_INDENT_CHARS;
  const centred = dateIndent + (widthInChars(date.text) - widthInChars(block.text)) / 2;
  return hundredths(Math.max(MIN_SIGNATURE_INDENT_CHARS, centred));
}

/** True when `report.blocks[index]` opens the closing block (one blank line goes before it). */
export function opensClosingBlock(report: Report, index: number): boolean {
  const isClosing = (block: Block | undefined): boolean =>
    block?.kind === 'paragraph' && (block.role === ParagraphRole.Signature || block.role === ParagraphRole.Date);
  return isClosing(report.blocks[index]) && !isClosing(report.blocks[index - 1]);
}

/** True when the report's first block is an author line (the title's blank lines then follow it). */
export function hasByline(report: Report): boolean {
  const first = report.blocks[0];
  return first?.kind === 'paragraph' && first.role === ParagraphRole.Byline;
}
