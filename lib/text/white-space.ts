/**
 * White space as JavaScript's `trim()` and `\s` define it (WhiteSpace and LineTerminator), tested
 * one UTF-16 unit at a time, so that long texts can be scanned without trimmed copies of each line.
 */

/** True for the code units `trim()` removes: tab, LF, VT, FF, CR, space, NBSP, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF. */
export function isWhiteSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `text.slice(start, end).trim() === ''`, without the copy. */
export function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhiteSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

/** `line.trim() === ''`, without the copy. */
export function isBlank(line: string): boolean {
  return isBlankRange(line, 0, line.length);
}

/** Position after the last non-white-space unit of `[start, end)` (`start` when there is none): where `trimEnd()` stops. */
export function contentEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && isWhiteSpaceCode(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Position of the first non-white-space unit of `[start, end)` (`end` when there is none): where `trimStart()` starts. */
export function contentStart(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && isWhiteSpaceCode(text.charCodeAt(i))) i++;
  return i;
}
