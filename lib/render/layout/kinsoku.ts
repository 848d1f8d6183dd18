/**
 * Kinsoku (禁则) for Chinese line breaking: which characters may not start a line and which may
 * not end one. The sets follow GB/T 15834 and Word's Simplified Chinese "level 1" lists, so a PDF
 * breaks where Word would break the DOCX of the same report.
 */

/**
 * Closing punctuation and marks that belong to what precedes them: 点号 (，。、；：？！),
 * closing brackets and quotes, the ellipsis, percent and degree signs, 间隔号 and 连接号.
 */
const NO_LINE_START = new Set(
  Array.from(
    '，。、；：？！）」』》】〕〉］｝〗〞’”…‥％‰℃°′″·・～' +
      ',.;:?!)]}%' +
      '﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞︶︺︾﹀﹄',
  ),
);

/** Opening brackets and quotes, and currency signs that belong to the number after them. */
const NO_LINE_END = new Set(Array.from('（「『《【〔〈［｛〖〝‘“([{﹙﹛﹝︵︹︽︿﹃$¥￥£￡€'));

/** True when `char` (one code point) may not be the first character of a line. */
export function isNoLineStart(char: string): boolean {
  return NO_LINE_START.has(char);
}

/** True when `char` (one code point) may not be the last character of a line. */
export function isNoLineEnd(char: string): boolean {
  return NO_LINE_END.has(char);
}

/**
 * True when a line may break between `before` and `after` (whole unbreakable units, see
 * `segmentUnits`): the next line must not open with closing punctuation, this one must not close
 * with an opening bracket.
 */
export function canBreakBetween(before: string, after: string): boolean {
  const first = firstCodePoint(after);
  const last = lastCodePoint(before);
  return !(first !== undefined && isNoLineStart(first)) && !(last !== undefined && isNoLineEnd(last));
}

function firstCodePoint(text: string): string | undefined {
  const code = text.codePointAt(0);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

function lastCodePoint(text: string): string | undefined {
  if (text.length === 0) return undefined;
  const low = text.charCodeAt(text.length - 1);
  const isLowSurrogate = low >= 0xdc00 && low <= 0xdfff;
  return isLowSurrogate && text.length >= 2 ? text.slice(-2) : text.slice(-1);
}
