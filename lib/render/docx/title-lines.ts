/**
 * Breaking a long title into balanced lines for the DOCX. Word would fill the first line and leave
 * a stub on the second; GB/T 9704 titles are broken by sense into lines of similar length, so the
 * breaks are chosen here and written as line breaks inside the one title paragraph.
 */
import { balanceTitle } from '../layout/balance-title.js';
import { latinAdvanceEm } from '../latin-metrics.js';
import { textWidthPt, type StyleProfile } from '../style.js';

/**
 * Width of `text` in ems without the font library: printable ASCII at its width in Times New
 * Roman's metrics (Liberation Serif's, the Latin face of both documents: digits half an em, `W`
 * 0.94), CJK and other full-width characters one em, other Latin, Greek or Cyrillic half of one.
 */
export function emWidth(text: string): number {
  let ems = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    ems += latinAdvanceEm(codePoint) ?? (isHalfWidth(codePoint) ? 0.5 : 1);
  }
  return ems;
}

function isHalfWidth(codePoint: number): boolean {
  // Below U+2000: Latin, Greek, Cyrillic. General punctuation (—, …, “”) is full width in Chinese
  // faces; U+FF61–U+FFDC and U+FFE8–U+FFEE are the explicitly half-width forms.
  return codePoint < 0x2000 || (codePoint >= 0xff61 && codePoint <= 0xffdc) || (codePoint >= 0xffe8 && codePoint <= 0xffee);
}

/**
 * The title's lines, balanced to the text block's width at the title size. Joined, the lines give
 * `title` back exactly: white space the balancer trims at a break stays at the end of its line, so
 * the paragraph's text is still the title.
 */
export function titleLines(title: string, profile: StyleProfile): string[] {
  const sizePt = profile.title.sizePt;
  const lines = balanceTitle(title, textWidthPt(profile), (text) => emWidth(text) * sizePt);
  return restoreWhiteSpace(title, lines);
}

/** `lines` with the text between them in `title` put back; `[title]` if they are not in order. */
function restoreWhiteSpace(title: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return [title];
  const restored: string[] = [];
  let at = 0;
  for (const line of lines) {
    const found = title.indexOf(line, at);
    if (found < 0 || title.slice(at, found).trim() !== '') return [title];
    if (restored.length === 0) restored.push(title.slice(0, found) + line);
    else {
      restored[restored.length - 1] += title.slice(at, found);
      restored.push(line);
    }
    at = found + line.length;
  }
  restored[restored.length - 1] += title.slice(at);
  return restored;
}
