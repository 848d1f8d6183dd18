import { describe, expect, it } from 'vitest';
import { cleanStage, encodeRemovalLog } from '../../../lib/convert.js';
import { userRulesKeyOf } from '../../../lib/corrections/file-names.js';
import { parseUserRules, USER_RULE_LIMITS, UserRulesError, UserRulesErrorCode, type UserRule, type UserRules } from '../../../lib/corrections/user-rules.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const rules = (...list: UserRule[]): UserRules => ({ version: 1, rules: list });

/** The code a rules document is refused with, or `accepted`. */
function verdict(source: string): string {
  try {
    parseUserRules(source);
    return 'accepted';
  } catch (error) {
    if (error instanceof UserRulesError) return error.code;
    throw error;
  }
}

const INPUT = ['述职报告', '今年我认真履行职责，完成了各项任务。', '本文由某某文库整理发布', '明年继续努力。', '转载请注明出处：某某网', '（某某网）会议纪要中写明。'].join('\n');

describe('a user’s rules', () => {
  it.each([
    ['no rules', { version: 1, rules: [] }, 'accepted'],
    ['a rule of each kind', { version: 1, rules: [{ id: 'a', kind: 'phrase', phrase: '某某网' }, { id: 'b', kind: 'line-starts-with', phrase: '本文由' }, { id: 'c', kind: 'line-ends-with', phrase: '整理发布' }] }, 'accepted'],
    ['a regular expression as the kind', { version: 1, rules: [{ id: 'a', kind: 'regex', phrase: '.*' }] }, UserRulesErrorCode.Malformed],
    ['a phrase of one character', { version: 1, rules: [{ id: 'a', kind: 'phrase', phrase: '网' }] }, UserRulesErrorCode.BadPhrase],
    ['a phrase over two lines', { version: 1, rules: [{ id: 'a', kind: 'phrase', phrase: '某某\n网站' }] }, UserRulesErrorCode.BadPhrase],
    ['a phrase too long', { version: 1, rules: [{ id: 'a', kind: 'phrase', phrase: '字'.repeat(USER_RULE_LIMITS.maxPhrase + 1) }] }, UserRulesErrorCode.BadPhrase],
    ['two rules of one id', { version: 1, rules: [{ id: 'a', kind: 'phrase', phrase: '某某' }, { id: 'a', kind: 'phrase', phrase: '网站' }] }, UserRulesErrorCode.Malformed],
    ['more rules than allowed', { version: 1, rules: Array.from({ length: USER_RULE_LIMITS.rules + 1 }, (_, i) => ({ id: `r${i}`, kind: 'phrase', phrase: `短语${i}` })) }, UserRulesErrorCode.TooMany],
    ['more bytes than allowed', { version: 1, rules: [], note: 'x'.repeat(USER_RULE_LIMITS.bytes) }, UserRulesErrorCode.TooLarge],
  ])('with %s are %s', (_, value, expected) => {
    // act
    const result = verdict(JSON.stringify(value));
    // assert
    expect(result).toBe(expected);
  });

  it('that is not JSON is refused as such', () => {
    // act
    const result = verdict('rules: 本文由');
    // assert
    expect(result).toBe(UserRulesErrorCode.NotJson);
  });

  it.each([
    ['a line that starts with the phrase, whole', { id: 'a', kind: 'line-starts-with', phrase: '本文由' } as const, ['本文由某某文库整理发布\n']],
    ['a line that ends with the phrase, whole', { id: 'b', kind: 'line-ends-with', phrase: '整理发布' } as const, ['本文由某某文库整理发布\n']],
    ['every occurrence of a phrase, and only it', { id: 'c', kind: 'phrase', phrase: '某某网' } as const, ['某某网', '某某网']],
    ['a phrase with marks RegExp would read, as written', { id: 'd', kind: 'phrase', phrase: '（某某网）' } as const, ['（某某网）']],
  ])('cut %s, logged under the family user-rule with the rule', (_, rule, texts) => {
    // act
    const cleaned = cleanStage(bytesOf(INPUT), 'a.txt', { userRules: rules(rule) });
    // assert
    const mine = cleaned.removals.filter((r) => r.family === 'user-rule');
    expect(mine.map((r) => r.text)).toEqual(texts);
    for (const removal of mine) {
      expect(removal).toMatchObject({ ruleId: `user-rule/${rule.id}`, rule: { kind: rule.kind, phrase: rule.phrase } });
      expect(INPUT.slice(removal.offset, removal.offset + removal.text.length)).toBe(removal.text);
    }
    expect(cleaned.summary.byFamily['user-rule']).toBe(texts.length);
  });

  it('write the rule into the removal log beside each of its cuts', () => {
    // prepare
    const cleaned = cleanStage(bytesOf(INPUT), 'a.txt', { userRules: rules({ id: 'a', kind: 'line-starts-with', phrase: '本文由' }) });
    // act
    const log = JSON.parse(new TextDecoder().decode(encodeRemovalLog(cleaned))) as { removals: Record<string, unknown>[] };
    // assert
    expect(log.removals.find((r) => r.family === 'user-rule')).toMatchObject({ ruleId: 'user-rule/a', rule: { kind: 'line-starts-with', phrase: '本文由' } });
  });

  it('leave the text as it was without rules', () => {
    // act
    const plain = cleanStage(bytesOf(INPUT), 'a.txt');
    const none = cleanStage(bytesOf(INPUT), 'a.txt', { userRules: rules() });
    // assert
    expect(none.text).toBe(plain.text);
    expect(none.removals).toEqual(plain.removals);
  });

  it.each([
    ['users/u-1/job/report.txt', 'users/u-1/rules.json'],
    ['users/u-1/2024/a/report.txt', 'users/u-1/rules.json'],
    ['2024/report.txt', undefined],
  ])('of the upload %s are read from %s', (inputKey, expected) => {
    // act
    const key = userRulesKeyOf(inputKey);
    // assert
    expect(key).toBe(expected);
  });
});
