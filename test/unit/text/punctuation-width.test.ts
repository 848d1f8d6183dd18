import { describe, expect, it } from 'vitest';
import { cleanStage, encodeRemovalLog, type RemovalLog } from '../../../lib/convert.js';
import { CleanFamily, cleanText } from '../../../lib/text/clean.js';
import { HALF_WIDTH_BRACKET_RULE_ID, HALF_WIDTH_MARK_RULE_ID } from '../../../lib/text/punctuation-width.js';
import { lineShifts } from '../../../lib/text/source-lines.js';
import { restoreRemovals } from './restore-removals.js';

describe('half-width punctuation in Chinese text', () => {
  it.each([
    // A 范文 site's speech: commas, a colon before the line's end, a question and an exclamation.
    ['尊敬的领导,同志们:\n什么是真正的教育?我们要坚持!', '尊敬的领导，同志们：\n什么是真正的教育？我们要坚持！'],
    // A government site's page: a colon and a space before its value, a comma after a percentage, a semicolon.
    ['信息来源: 东柳街道\n同比增长20.4%,规上工业增加值0.38亿元;引进项目4个。', '信息来源：东柳街道\n同比增长20.4%，规上工业增加值0.38亿元；引进项目4个。'],
    // A 自查 page's brackets around Chinese, and a comma with spaces around it.
    ['关于《管理办法(试行)》的通知精神 , 扎实开展活动。', '关于《管理办法（试行）》的通知精神，扎实开展活动。'],
  ])('makes the marks of %j full-width', (input, expected) => {
    // act
    const result = cleanText(input);

    // assert
    expect(result.text).toBe(expected);
    expect(result.removals.every((r) => r.family === CleanFamily.Punctuation && r.replacement !== undefined)).toBe(true);
  });

  it.each([
    ['a time', '会议于10:00召开。'],
    ['a decimal and a percentage', '增长3.5%。'],
    ['a web address', '详见http://www.a.com/?id=1,2。'],
    ['Latin text', 'Hello, world! How are you? (Fine.)'],
    ['a list number in brackets', '(1) 在一个指令周期内完成一次乘法。'],
    ['English in brackets', '数字信号处理(digital signal processing)技术。'],
    ['mojibake question marks', '思想?yún匯報，通??赏ㄟ^獨立。'],
    ['an emoticon', '供大家参考:)'],
  ])('keeps the marks of %s', (_name, input) => {
    // act / assert
    expect(cleanText(input).removals.filter((r) => r.family === CleanFamily.Punctuation)).toEqual([]);
  });

  it('logs each normalisation with what was there and what took its place, from which the input comes back', () => {
    // prepare
    const input = '第一行。\n领导 , 同志们:\n办法(试行)';

    // act
    const { text, removals } = cleanText(input);

    // assert
    expect(removals.map(({ ruleId, line, column, text: removed, replacement }) => [ruleId, line, column, removed, replacement])).toEqual([
      [HALF_WIDTH_MARK_RULE_ID, 2, 3, ' , ', '，'],
      [HALF_WIDTH_MARK_RULE_ID, 2, 9, ':', '：'],
      [HALF_WIDTH_BRACKET_RULE_ID, 3, 3, '(', '（'],
      [HALF_WIDTH_BRACKET_RULE_ID, 3, 6, ')', '）'],
    ]);
    expect(restoreRemovals(text, removals)).toBe(input);
  });

  it('keeps every line where it was and counts only the spaces as removed characters', () => {
    // prepare
    const input = '领导,同志们:\n大家好!\n  我们要坚持 , 不懈怠。';

    // act
    const cleaned = cleanStage(new TextEncoder().encode(input), 'input.txt');
    const log = JSON.parse(new TextDecoder().decode(encodeRemovalLog(cleaned))) as RemovalLog;

    // assert
    expect(cleaned.text).toBe('领导，同志们：\n大家好！\n我们要坚持，不懈怠。');
    expect(lineShifts(cleaned.text, cleaned.forEachRemoval).map((shift) => [shift.line, shift.removedBreaks, shift.column])).toEqual([
      [0, 0, 0],
      [2, 0, 2],
    ]);
    expect(cleaned.summary.charactersRemoved).toBe(4);
    expect(log.removals.filter((r) => r.replacement !== undefined).map((r) => `${r.text}→${r.replacement}`)).toEqual([',→，', ':→：', '!→！', ' , →，']);
  });
});
