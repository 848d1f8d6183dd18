import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../lib/text/clean.js';

const RULE = 'whitespace/beside-cjk-punctuation';

describe('spaces beside full-width punctuation in Chinese text', () => {
  it('drops a stray space between a Chinese character and an opening quote, and logs the cut', () => {
    const { text, removals } = cleanText('年度考核综合评定 “优秀”等次。');

    expect(text).toBe('年度考核综合评定“优秀”等次。');
    expect(removals.filter((r) => r.ruleId === RULE)).toEqual([
      expect.objectContaining({ family: 'whitespace', line: 1, column: 9, text: ' ' }),
    ]);
  });

  it('drops spaces after full-width punctuation before a Chinese character', () => {
    expect(cleanText('一是加强学习，  二是狠抓落实。 三是改进作风。\n').text).toBe('一是加强学习，二是狠抓落实。三是改进作风。');
  });

  it('keeps spaces between Chinese characters alone, and spaces beside Latin text and digits', () => {
    const input = '目 录\n关于进一步加强基层党组织建设 全面提升组织力的意见\n完成 GDP 增长 5% 的目标，共计 12 项。\n';

    expect(cleanText(input).removals.filter((r) => r.ruleId === RULE)).toEqual([]);
  });
});
