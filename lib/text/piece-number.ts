/**
 * The numbers a compilation gives its pieces, in its table of contents and over the reports
 * (`1.`, `2、`, `三、`, `（四）`, `第五篇`, `材料六：`), read as values, so that a run 1, 2, 3 … can
 * be told from a restart at 1.
 */
/** How a compilation numbers its pieces, and the number's value (NFKC: `１．` reads as `1.`). */
const PIECE_NUMBERS = [
  /^(\d{1,4})\.\s{0,4}/u,
  /^(\d{1,4})、\s{0,4}/u,
  /^([一二三四五六七八九十]{1,3})、\s{0,4}/u,
  /^[（(]([一二三四五六七八九十]{1,3}|\d{1,4})[）)]\s{0,4}/u,
  /^第([一二三四五六七八九十]{1,3}|\d{1,4})(?:篇|章|部分)\s{0,4}/u,
  // The document sites' own: `材料一：`, `范文3：`.
  /^(?:材料|范文|文章)([一二三四五六七八九十]{1,3}|\d{1,4})\s{0,2}[：:、.]\s{0,4}/u,
] as const;

/** The characters a piece number can start with, before NFKC (`１` and `（` included). */
const PIECE_START = /^[\d０-９一二三四五六七八九十（(第材范文]/u;

const CHINESE_DIGITS = '一二三四五六七八九';

/** `3`, `三`, `十三`, `二十` as a number. */
function numberValue(digits: string): number {
  if (/^\d+$/u.test(digits)) return Number(digits);
  const [tens, units] = digits.includes('十') ? digits.split('十') : ['', digits];
  const digit = (c: string | undefined) => CHINESE_DIGITS.indexOf(c ?? '') + 1;
  return digits.includes('十') ? (tens ? digit(tens) : 1) * 10 + (units ? digit(units) : 0) : digit(units);
}

/**
 * The piece number `line` starts with: its style (which pattern, in ASCII or full-width digits),
 * its value, and the line without it.
 */
export function pieceNumber(line: string): { style: number; value: number; rest: string } | undefined {
  // Most lines start with none of these: they need no normalising (hard wraps ask of every line).
  if (!PIECE_START.test(line)) return undefined;
  const normal = line.normalize('NFKC');
  for (const [style, pattern] of PIECE_NUMBERS.entries()) {
    const match = pattern.exec(normal);
    // NFKC keeps the length of these characters, so the match length applies to the original.
    // Full-width digits (`１．`) are a style of their own: a compilation numbers all its pieces alike.
    if (match) return { style: /^[０-９]/u.test(line) ? style + PIECE_NUMBERS.length : style, value: numberValue(match[1]!), rest: line.slice(match[0].length).trim() };
  }
  return undefined;
}
