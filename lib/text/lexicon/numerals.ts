/**
 * Chinese numerals as reports write them in headings (`一、`, `（十二）`), piece numbers (`第三篇`,
 * `材料二十：`), counts (`（5篇）`) and dates (`二〇二四年三月五日`): the characters, and their value.
 */

/** 一 … 九, each worth its position + 1. */
export const CHINESE_DIGITS = '一二三四五六七八九';
/** 十: tens (`十三`, `二十`). */
export const CHINESE_TEN = '十';
/** 百: hundreds, in heading numbers only (`一百零一、`). */
export const CHINESE_HUNDRED = '百';
/** 〇 and 零: the zero of dates (`二〇二四年`) and of numbers past a hundred (`一百零一`). */
export const CHINESE_ZEROS = '〇零';

/** Counting numbers as pieces, counts and enumerations write them (一 … 九十九): the digits and 十. */
export const CHINESE_COUNTING = CHINESE_DIGITS + CHINESE_TEN;
/** The characters a heading number can be written with: counting numbers, 百 and the zeros. */
export const CHINESE_HEADING_NUMERALS = CHINESE_COUNTING + CHINESE_HUNDRED + CHINESE_ZEROS;
/** Every numeral a counting number or a date (`二〇二四年三月五日`) is written with: the zeros, the digits and 十. */
export const CHINESE_NUMERALS = CHINESE_ZEROS + CHINESE_COUNTING;

/**
 * `3`, `三`, `十三`, `二十`, `二十三` as a number: Arabic digits, or Chinese counting numbers up to
 * 九十九 (the forms {@link CHINESE_COUNTING} writes).
 */
export function numeralValue(digits: string): number {
  if (/^\d+$/u.test(digits)) return Number(digits);
  const [tens, units] = digits.includes(CHINESE_TEN) ? digits.split(CHINESE_TEN) : ['', digits];
  const digit = (c: string | undefined) => CHINESE_DIGITS.indexOf(c ?? '') + 1;
  return digits.includes(CHINESE_TEN) ? (tens ? digit(tens) : 1) * 10 + (units ? digit(units) : 0) : digit(units);
}
