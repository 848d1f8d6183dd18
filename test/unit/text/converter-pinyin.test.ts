import { describe, expect, it } from 'vitest';
import { CleanFamily, cleanText } from '../../../lib/text/clean.js';
import { CONVERTER_PINYIN_RULE_ID } from '../../../lib/text/converter-pinyin.js';

/** The readings cleaning logged, in order. */
function readingsCut(input: string): string[] {
  return cleanText(input)
    .removals.filter((r) => r.ruleId === CONVERTER_PINYIN_RULE_ID)
    .map((r) => r.text);
}

describe('pinyin a simplified-to-traditional converter put after characters', () => {
  it.each([
    // A 心得 site's traditional page: a reading every few characters.
    ['寫(xiě)出的心得能引發(fā)更多讀者深思。', '寫出的心得能引發更多讀者深思。'],
    // A speech site's converted page: a two-syllable reading, full-width brackets.
    ['加強績效考核(kǎo hé)工作，推進會（huì）議精神落實。', '加強績效考核工作，推進會議精神落實。'],
    // A 党课 compilation cut by the page store inside a reading: the half reading goes too.
    ['把全面從嚴治黨納入戰(zhàn)略布局，昭示我們是關乎共青團能否發(fā', '把全面從嚴治黨納入戰略布局，昭示我們是關乎共青團能否發'],
  ])('cuts the readings of %j', (input, expected) => {
    // act
    const result = cleanText(input);

    // assert
    expect(result.text).toBe(expected);
    expect(result.removals.every((r) => r.family === CleanFamily.ConverterPinyin)).toBe(true);
  });

  it.each([
    ['English in brackets', '數字信號處理(digital signal processing)是一門技術。'],
    ['a list number', '(1) 在一個指令周期內可完成一次乘法;'],
    ['a remark', '管理办法(试行)的通知精神。'],
    ['a list letter', '第一条(a)款规定。'],
    ['an untoned word on a page without readings', '这是他们(men)的说法。'],
    ['a reading after a space', '注音 (pīn yīn) 的写法。'],
  ])('keeps %s', (_name, input) => {
    // act / assert
    expect(readingsCut(input)).toEqual([]);
  });

  it('on a page full of readings, also cuts an untoned one and one after a mojibake character', () => {
    // prepare: a converter's page (three toned readings) whose mojibake ate the character read.
    const input = '設(shè)計(jì)開發(fā)應用，我們(men)通過或?qū)S锰幚碓O(shè)備處理。';

    // act
    const cut = readingsCut(input);

    // assert
    expect(cut).toEqual(['(shè)', '(jì)', '(fā)', '(men)', '(shè)']);
  });
});
