import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../lib/text/clean.js';
import { inputLineOf, inputPositionAt, lineShifts } from '../../../lib/text/source-lines.js';

const FRAGMENTS = ['##paidbegin##', '##paidend##', '【更多素材搜索文库】', '*【更多素#材搜索哒^文库】', '\n', '\n\n', '  ', '\u3000\u3000',
  '正文内容是一句完整的话，', '一、总体情况', '欢迎加入svip会员添加客服：abc\n', '关注公众号，每天更新\n', '党建工作取得实效。',
  '（一）强化理论武装', '坚持以人民为中心的发展思想，扎实推进各项工作落地见效', '领导 , 同志们:', '(试行)',
  '推进各项工作落地见效。 ', '一、基本现状 ', '\n2、', '發(fā)展', '<p>', '</p>'];
const anyText = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80 }).map((parts) => parts.join(''));

/**
 * What became of each input character (code unit) in the cleaned text: undefined when cut, else the
 * character the cleaned text has for it (itself, or a normalisation's replacement).
 */
function cleanedCharacters(input: string, cleaned: ReturnType<typeof cleanText>): (string | undefined)[] {
  const characters: (string | undefined)[] = Array.from({ length: input.length }, (_, i) => input[i]);
  for (const removal of cleaned.removals) {
    characters.fill(undefined, removal.offset, removal.offset + removal.text.length);
    if (removal.replacement !== undefined) characters[removal.offset] = removal.replacement;
  }
  return characters;
}

/** Input line of every cleaned line, found the slow way: map each kept character back to the input. */
function inputLinesByHand(input: string, cleaned: ReturnType<typeof cleanText>): number[] {
  const characters = cleanedCharacters(input, cleaned);
  const lines: number[] = [];
  let inputLine = 1;
  let atLineStart = true;
  for (let i = 0; i < input.length; i++) {
    if (characters[i] !== undefined) {
      if (atLineStart) lines.push(inputLine);
      atLineStart = characters[i] === '\n';
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

  it('put an empty line that a restored line break ends on the input line of what that break replaced', () => {
    // prepare: the </p> between the markers becomes a line break; the marker lines are empty then
    const input = '标题\n##paidbegin##</p>##paidbegin##\n正文。';
    const cleaned = cleanText(input);
    // act
    const inputLine = inputLineOf(lineShifts(cleaned.text, cleaned.forEachRemoval));
    // assert
    expect(cleaned.text).toBe('标题\n\n正文。');
    expect([0, 1, 2].map(inputLine)).toEqual([1, 2, 3]);
  });

  it('need one shift per line whose offset changes, not one per cut', () => {
    // prepare: 500 adverts inside one line, then a removed advert line before the second line
    const input = `${'正文【更多素材搜索文库】'.repeat(500)}\n欢迎加入“某某素材库svip会员”，添加客服：abc，谨防假冒！\n第二行。`;
    const cleaned = cleanText(input);
    // act
    const shifts = lineShifts(cleaned.text, cleaned.forEachRemoval);
    // assert
    expect(cleaned.removalCount).toBeGreaterThan(500);
    const advertLine = input.split('\n')[1]!;
    expect(shifts).toEqual([
      { line: 0, removedBreaks: 0, removedCharacters: 0, column: 0 },
      { line: 1, removedBreaks: 1, removedCharacters: 500 * '【更多素材搜索文库】'.length + advertLine.length + 1, column: 0 },
    ]);
    expect(inputLineOf(shifts)(1)).toBe(3);
  });
});

/** Input position (line, column, offset) of every cleaned line's start, found the slow way. */
function inputPositionsByHand(input: string, cleaned: ReturnType<typeof cleanText>): { line: number; column: number; offset: number }[] {
  const characters = cleanedCharacters(input, cleaned);
  const positions: { line: number; column: number; offset: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let atLineStart = true;
  for (let i = 0; i < input.length; i++) {
    if (characters[i] !== undefined) {
      if (atLineStart) positions.push({ line, column: i - lineStart + 1, offset: i });
      atLineStart = characters[i] === '\n';
    }
    if (input[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  if (atLineStart) positions.push({ line, column: input.length - lineStart + 1, offset: input.length });
  return positions;
}

describe('input positions of cleaned lines', () => {
  it('are the line, column and offset each cleaned line starts at in the input, for any mix of cuts and line breaks', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        // prepare
        const cleaned = cleanText(input);
        const starts = [0];
        for (let i = cleaned.text.indexOf('\n'); i !== -1; i = cleaned.text.indexOf('\n', i + 1)) starts.push(i + 1);
        // act
        const shifts = lineShifts(cleaned.text, cleaned.forEachRemoval);
        // assert
        expect(starts.map((offset, line) => inputPositionAt(shifts, line, offset, 0))).toEqual(inputPositionsByHand(input, cleaned));
      }),
      { numRuns: 300 },
    );
  });
});

/** Input position (line, column, offset) of every kept character, by cleaned line, found the slow way. */
function characterPositionsByHand(input: string, cleaned: ReturnType<typeof cleanText>): { line: number; column: number; offset: number }[][] {
  const characters = cleanedCharacters(input, cleaned);
  const lines: { line: number; column: number; offset: number }[][] = [[]];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < input.length; i++) {
    if (characters[i] !== undefined) {
      if (characters[i] === '\n') lines.push([]);
      else lines.at(-1)!.push({ line, column: i - lineStart + 1, offset: i });
    }
    if (input[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return lines;
}

describe('input positions inside the cleaned lines asked for', () => {
  it('are the line, column and offset of every character of them, for any mix of cuts inside and around them', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        // prepare: every line asked for
        const cleaned = cleanText(input);
        const lines = cleaned.text.split('\n');
        const starts = [0];
        for (let i = cleaned.text.indexOf('\n'); i !== -1; i = cleaned.text.indexOf('\n', i + 1)) starts.push(i + 1);
        // act
        const shifts = lineShifts(cleaned.text, cleaned.forEachRemoval, { inside: new Set(lines.keys()) });
        // assert
        const found = lines.map((text, line) => [...text].map((_, column) => inputPositionAt(shifts, line, starts[line]!, column)));
        expect(found).toEqual(characterPositionsByHand(input, cleaned));
      }),
      { numRuns: 300 },
    );
  });

  it('are one shift per cut only inside the lines asked for', () => {
    // prepare: 20 adverts inside each of two lines; only the second asked for
    const input = `${'正文【更多素材搜索文库】'.repeat(20)}\n${'正文【更多素材搜索文库】'.repeat(20)}`;
    const cleaned = cleanText(input);
    // act
    const shifts = lineShifts(cleaned.text, cleaned.forEachRemoval, { inside: new Set([1]) });
    // assert
    expect(shifts.filter((shift) => shift.line === 0)).toHaveLength(1);
    expect(shifts.filter((shift) => shift.line === 1 && shift.at !== undefined)).toHaveLength(19);
  });
});
