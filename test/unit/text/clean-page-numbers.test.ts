import { describe, expect, it } from 'vitest';
import { CleanFamily, cleanText, RUNNING_HEADER_RULE_ID } from '../../../lib/text/clean.js';

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

describe('running headers of a PDF copy', () => {
  const title = '2024年度党建工作材料汇编';
  const lines: string[] = [];
  for (let i = 0; i < paragraph.length; i += 30) lines.push(paragraph.slice(i, i + 30));

  /** A cover and `paragraph` as a PDF copy has them: a page number, and `furniture` beside it, after every second line. */
  function copiedWithHeader(furniture: (page: number) => string[]): string {
    const pages = lines.flatMap((line, i) => (i % 2 === 1 && i < lines.length - 1 ? [line, ...furniture((i + 1) / 2)] : [line]));
    return [title, '', ...pages].join('\n');
  }

  it('removes the title printed under every page number, keeps the same title on the cover', () => {
    const input = copiedWithHeader((page) => [`— ${page} —`, title]);

    const result = cleanText(input);

    expect(result.text).toBe(`${title}\n\n${paragraph}`);
    expect(result.removals.filter((r) => r.ruleId === RUNNING_HEADER_RULE_ID).map((r) => r.text)).toEqual(
      Array.from({ length: (lines.length - 1) >> 1 }, () => `${title}\n`),
    );
    expect(result.removals.every((r) => r.family === CleanFamily.PageNumber || r.family === CleanFamily.Whitespace)).toBe(true);
  });

  it.each([
    ['…汇编        第3页', (page: number) => `${title}        第${page}页`],
    ['— 3 —    …汇编', (page: number) => `— ${page} —    ${title}`],
  ])('removes the title printed beside the page number on one line (%s)', (_form, line) => {
    const input = copiedWithHeader((page) => [line(page)]);

    const result = cleanText(input);

    expect(result.text).toBe(`${title}\n\n${paragraph}`);
    expect(result.removals.filter((r) => r.ruleId === RUNNING_HEADER_RULE_ID).length).toBe((lines.length - 1) >> 1);
  });

  it('keeps a line that ends in a page reference once, as text', () => {
    const input = [lines[0], '一是加强学习 第3页', lines[1], '— 1 —', lines[2], '— 2 —', lines[3]].join('\n');

    expect(cleanText(input).text).toContain('一是加强学习 第3页');
  });

  it('removes a footer line printed above every page number', () => {
    const input = copiedWithHeader((page) => ['内部资料 注意保存', `-${page}-`]);

    expect(cleanText(input).text).toBe(`${title}\n\n${paragraph}`);
  });

  it('removes the header beside the only page number of a two-page copy when the first page opens with it', () => {
    const input = [title, ...lines.slice(0, 3), '— 1 —', title, ...lines.slice(3)].join('\n');

    expect(cleanText(input).text).toBe(`${title}\n${paragraph}`);
  });

  it('keeps lines that stand beside page numbers once each, as the text that happens to be there', () => {
    const input = copiedWithHeader((page) => [`— ${page} —`]);

    const result = cleanText(input);

    expect(result.text).toBe(`${title}\n\n${paragraph}`);
    expect(result.removals.some((r) => r.ruleId === RUNNING_HEADER_RULE_ID)).toBe(false);
  });

  it('keeps a heading that stands beside one page number of many, though it is repeated elsewhere', () => {
    const heading = '一、主要工作';
    const input = [heading, ...lines.slice(0, 2), '— 1 —', ...lines.slice(2, 4), '— 2 —', heading, ...lines.slice(4, 6), '— 3 —', ...lines.slice(6)].join('\n');

    const result = cleanText(input);

    expect(result.text).toContain(`${heading}\n`);
    expect(result.text.split(heading)).toHaveLength(3);
  });

  it('keeps a paragraph tail such as 。 that falls beside most page numbers: a header names something', () => {
    const input = [lines[0], '。', '— 1 —', lines[1], '。', '— 2 —', lines[2], '。', '— 3 —', lines[3]].join('\n');

    const result = cleanText(input);

    expect(result.removals.some((r) => r.ruleId === RUNNING_HEADER_RULE_ID)).toBe(false);
    expect(result.text.split('。').length).toBe(input.split('。').length);
  });

  it('keeps a line two reports share that falls below one page number and above another', () => {
    const shared = lines[1]!;
    const input = [lines[0], '— 1 —', shared, lines[2], '— 2 —', lines[3], shared, '— 3 —', lines[4]].join('\n');

    const result = cleanText(input);

    expect(result.removals.some((r) => r.ruleId === RUNNING_HEADER_RULE_ID)).toBe(false);
    expect(result.text.split(shared)).toHaveLength(3);
  });

  it('can be switched off by its rule id', () => {
    const input = copiedWithHeader((page) => [`— ${page} —`, title]);

    const result = cleanText(input, { disable: [RUNNING_HEADER_RULE_ID] });

    expect(result.removals.some((r) => r.ruleId === RUNNING_HEADER_RULE_ID)).toBe(false);
    expect(result.text.split(title).length).toBeGreaterThan(2);
  });
});
