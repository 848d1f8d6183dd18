import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../lib/text/clean.js';
import { inputLineOf, lineShifts } from '../../../lib/text/source-lines.js';

const FRAGMENTS = ['##paidbegin##', '##paidend##', '【更多素材搜索文库】', '*【更多素#材搜索哒^文库】', '\n', '\n\n', '  ', '\u3000\u3000',
  '正文内容是一句完整的话，', '一、总体情况', '欢迎加入svip会员添加客服：abc\n', '关注公众号，每天更新\n', '党建工作取得实效。',
  '（一）强化理论武装', '坚持以人民为中心的发展思想，扎实推进各项工作落地见效'];
const anyText = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80 }).map((parts) => parts.join(''));

/** Input line of every cleaned line, found the slow way: map each kept character back to the input. */
function inputLinesByHand(input: string, cleaned: ReturnType<typeof cleanText>): number[] {
  const removed = new Uint8Array(input.length + 1);
  for (const removal of cleaned.removals) removed.fill(1, removal.offset, removal.offset + removal.text.length);
  const lines: number[] = [];
  let inputLine = 1;
  let atLineStart = true;
  for (let i = 0; i < input.length; i++) {
    if (!removed[i]) {
      if (atLineStart) lines.push(inputLine);
      atLineStart = input[i] === '\n';
    }
    if (input[i] === '\n') inputLine++;
  }
  // An empty last line of the cleaned text starts where the input ends.
  if (atLineStart) lines.push(inputLine);
  return lines;
}

describe('input lines of cleaned lines', () => {
  it('are the lines of the input each cleaned line starts on, for any mix of cuts and line breaks', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        // prepare
        const cleaned = cleanText(input);
        // act
        const inputLine = inputLineOf(lineShifts(cleaned.text, cleaned.forEachRemoval));
        // assert
        const expected = inputLinesByHand(input, cleaned);
        expect(expected).toHaveLength(cleaned.text.split('\n').length);
        expect(expected.map((_, line) => inputLine(line))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('need one shift per line whose offset changes, not one per cut', () => {
    // prepare: 500 adverts inside one line, then a removed advert line before the second line
    const input = `${'正文【更多素材搜索文库】'.repeat(500)}\n欢迎加入“某某素材库svip会员”，添加客服：abc，谨防假冒！\n第二行。`;
    const cleaned = cleanText(input);
    // act
    const shifts = lineShifts(cleaned.text, cleaned.forEachRemoval);
    // assert
    expect(cleaned.removalCount).toBeGreaterThan(500);
    expect(shifts).toEqual([{ line: 0, removedBreaks: 0 }, { line: 1, removedBreaks: 1 }]);
    expect(inputLineOf(shifts)(1)).toBe(3);
  });
});
