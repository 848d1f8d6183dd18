/**
 * Dates as a report writes them alone on a line: the 成文日期 under a closing signature, and the
 * bracketed date under a speech's title (`（2024年3月5日）`).
 */
import { CHINESE_NUMERALS } from './numerals.js';

/**
 * A date as a 成文日期 is written, alone on its line: `2024年3月5日` (Arabic numerals, as GB/T
 * 9704 asks), `二〇二四年三月五日`, `2024.3.5`, `2024-03-05`, `2024/3/5`; spaces allowed inside.
 */
const DATE_LINE = new RegExp(
  [
    String.raw`^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$`,
    `^[${CHINESE_NUMERALS}]{4}年[${CHINESE_NUMERALS}]{1,2}月[${CHINESE_NUMERALS}]{1,3}日$`,
    String.raw`^\d{4}([.\-/])\d{1,2}\1\d{1,2}$`,
  ].join('|'),
  'u',
);

/** The date line opening a speech under its title: `（2024年3月5日）`. */
const BRACKETED = /^[（(](.+)[）)]$/u;

/** True for a 成文日期 alone on its line. */
export function isDateLine(line: string): boolean {
  return DATE_LINE.test(line.trim());
}

/** True for a date in brackets alone on its line (`（2024年3月5日）`): a speech's date under its title. */
export function isBracketedDateLine(line: string): boolean {
  const bracketed = BRACKETED.exec(line.trim());
  return bracketed !== null && isDateLine(bracketed[1]!);
}
