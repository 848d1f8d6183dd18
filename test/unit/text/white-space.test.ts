import { describe, expect, it } from 'vitest';
import { contentEnd, contentStart, isBlank, isWhiteSpaceCode } from '../../../lib/text/white-space.js';

describe('white space, one code unit at a time', () => {
  it('is exactly what trim() removes, for every UTF-16 code unit', () => {
    const disagreeing: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isWhiteSpaceCode(code) !== (String.fromCharCode(code).trim() === '')) disagreeing.push(code);
    }

    expect(disagreeing).toEqual([]);
  });

  it('finds where trimStart and trimEnd would cut a line inside a longer text', () => {
    const text = '上一行\n\u3000\u3000正文 内容\u00a0 \n下一行';
    const start = text.indexOf('\n') + 1;
    const end = text.lastIndexOf('\n');

    expect(text.slice(contentStart(text, start, end), contentEnd(text, start, end))).toBe(text.slice(start, end).trim());
  });

  it('calls a line of spaces, tabs and ideographic spaces blank, and one with a character not', () => {
    expect(isBlank(' \t\u3000\ufeff')).toBe(true);
    expect(isBlank(' \u3000x')).toBe(false);
  });
});
