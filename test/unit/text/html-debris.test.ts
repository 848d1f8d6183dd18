import { describe, expect, it } from 'vitest';
import { CleanFamily, cleanText } from '../../../lib/text/clean.js';
import { BLOCK_TAG_RULE_ID, INLINE_TAG_RULE_ID } from '../../../lib/text/html-debris.js';
import { restoreRemovals } from './restore-removals.js';

describe('HTML served as text', () => {
  it("makes an editor's paragraphs on one line paragraphs again (a blog page's <p class=…>)", () => {
    // prepare
    const input = '2024新年贺词\n\n<p class="ql-block">同学们：</p><p class="ql-block"> 岁暮渐至，新年如曦。</p><p class="ql-block"> 时光催人老，岁月静无言。</p>';

    // act
    const result = cleanText(input);

    // assert
    expect(result.text).toBe('2024新年贺词\n\n同学们：\n岁暮渐至，新年如曦。\n时光催人老，岁月静无言。');
    const tags = result.removals.filter((r) => r.family === CleanFamily.HtmlDebris);
    expect(tags.map((r) => [r.ruleId, r.text, r.replacement])).toEqual([
      [BLOCK_TAG_RULE_ID, '<p class="ql-block">', undefined],
      [BLOCK_TAG_RULE_ID, '</p><p class="ql-block">', '\n'],
      [BLOCK_TAG_RULE_ID, '</p><p class="ql-block">', '\n'],
      [BLOCK_TAG_RULE_ID, '</p>', undefined],
    ]);
    expect(restoreRemovals(result.text, result.removals)).toBe(input);
  });

  it('takes out the broken tags a PDF-to-HTML copy leaves (< p> on its own, before a line, p> at a line end)', () => {
    // prepare
    const input = '敬爱的党组织：\n< p>\n包括党的起源、发展、组成、\n< p>目标路线等，而党的思想理论是核心。\n树立为祖国和人民贡献智 p>\n慧和力量的信念。';

    // act
    const result = cleanText(input);

    // assert
    expect(result.text).toBe('敬爱的党组织：\n\n包括党的起源、发展、组成、\n目标路线等，而党的思想理论是核心。\n树立为祖国和人民贡献智\n慧和力量的信念。');
    expect(result.removals.filter((r) => r.family === CleanFamily.HtmlDebris).map((r) => r.text)).toEqual(['< p>', '< p>', 'p>']);
  });

  it('takes out inline tags without breaking the line', () => {
    // act / assert
    expect(cleanText('要<strong>坚持</strong>以人民为中心。').removals.map((r) => [r.ruleId, r.text])).toEqual([
      [INLINE_TAG_RULE_ID, '<strong>'],
      [INLINE_TAG_RULE_ID, '</strong>'],
    ]);
  });

  it.each([
    ['book-title marks typed as angle brackets', '认真学习<<习近平谈治国理政>>第四卷。'],
    ['a comparison', '当a<b且c>d时成立。'],
    ['a numbered bracket', '<三>加强作风建设。'],
  ])('keeps %s', (_name, input) => {
    // act / assert
    expect(cleanText(input).text).toBe(input);
  });
});
