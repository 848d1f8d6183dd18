import { describe, expect, it } from 'vitest';
import { emWidth, titleLines } from '../../../lib/render/docx/title-lines.js';
import { GBT9704, textWidthPt } from '../../../lib/render/style.js';

describe('emWidth', () => {
  it('counts Chinese characters and full-width punctuation as one em, digits as half and Latin letters at Times New Roman’s widths', () => {
    const widths = ['述职报告', '（一）', '——', '2023', 'GDP', 'iii', '2023年度'].map(emWidth);

    expect(widths.map((width) => Number(width.toFixed(3)))).toEqual([4, 3, 2, 2, 2, 0.833, 4]);
  });
});

describe('titleLines', () => {
  it('keeps every line of a long title within the text width at the title size', () => {
    const title = '关于深入学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会个人对照检查材料的情况报告';

    const lines = titleLines(title, GBT9704);

    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('')).toBe(title);
    for (const line of lines) expect(emWidth(line) * GBT9704.title.sizePt).toBeLessThanOrEqual(textWidthPt(GBT9704));
  });

  it('keeps leading and trailing white space in the first and last lines', () => {
    const title = '  2023年度工作总结 ';

    expect(titleLines(title, GBT9704).join('')).toBe(title);
  });
});
