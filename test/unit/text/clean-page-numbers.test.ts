import { describe, expect, it } from 'vitest';
import { CleanFamily, cleanText } from '../../../lib/text/clean.js';

const paragraph =
  '今年以来，在上级党委的正确领导下，我们坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党的二十大精神，扎实推进各项工作，取得了一定成效。一是学习不够深入，个别党员对学习的重要性认识不足，存在以干代学的现象，学用结合不够紧密，理论联系实际的能力还需要进一步提升。';

/** `paragraph` as a PDF copy has it: lines of 30 characters, a page number line after the third. */
function copiedWith(pageLine: string): string {
  const lines: string[] = [];
  for (let i = 0; i < paragraph.length; i += 30) lines.push(paragraph.slice(i, i + 30));
  return [...lines.slice(0, 3), pageLine, ...lines.slice(3)].join('\n');
}

describe('page numbers of a PDF copy', () => {
  it.each(['— 3 —', '-3-', '－ 12 －', '第3页', '第 3 页 共 12 页', '第3页/共12页', 'Page 3 of 12', '                    — 3 —'])(
    'removes the page number line %j and rejoins the paragraph it fell into',
    (pageLine) => {
      const input = copiedWith(pageLine);

      const result = cleanText(input);

      expect(result.text).toBe(paragraph);
      expect(result.removals.filter((r) => r.family === CleanFamily.PageNumber).map((r) => r.text.trim())).toEqual([pageLine.trim()]);
    },
  );

  it('keeps a number alone on a line, as a table flattened into lines has them', () => {
    const input = '序号\n1\n单位\n党政办\n2\n组织部';

    expect(cleanText(input).text).toBe(input);
  });

  it('keeps page-number-like words inside a sentence', () => {
    const input = '详见第3页 共12页的附表。\n会议纪要第 3 页所列事项已全部落实。';

    expect(cleanText(input).text).toBe(input);
  });
});
