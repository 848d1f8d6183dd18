import { describe, expect, it } from 'vitest';
import { cleanText, DOUBLE_SPACING_RULE_ID } from '../../../lib/text/clean.js';

const first = '今年以来，在上级党委的正确领导下，我们坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党的二十大精神，扎实推进各项工作，取得了一定成效。';
const second = '一是学习不够深入。个别党员对学习的重要性认识不足，存在以干代学的现象，学用结合不够紧密，理论联系实际的能力还需要进一步提升。';

function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < paragraph.length; i += width) lines.push(paragraph.slice(i, i + width));
  return lines;
}

describe('double-spaced copies', () => {
  it('rejoins hard-wrapped text that has a blank line after every line, keeping a blank line where there were two', () => {
    const lines = ['2023年度工作总结', '', ...wrap(first, 30), '一、主要问题', ...wrap(second, 30)];
    const input = lines.join('\n').replaceAll('\n', '\n\n');

    const result = cleanText(input);

    expect(result.text).toBe(['2023年度工作总结', '', first, '一、主要问题', second].join('\n'));
    expect(result.removals.filter((r) => r.ruleId === DOUBLE_SPACING_RULE_ID).every((r) => r.text.trim() === '')).toBe(true);
  });

  it('leaves unwrapped paragraphs with a blank line between them alone', () => {
    const input = ['2023年度工作总结', first, '一、主要问题', second, first, second, first, second, first].join('\n\n');

    const result = cleanText(input);

    expect(result.text).toBe(input);
  });
});
