import { describe, expect, it } from 'vitest';
import { CleanFamily, cleanText } from '../../../lib/text/clean.js';
import { WATERMARK_DASH_LINE_RULE_ID, WATERMARK_MARK_RULE_ID } from '../../../lib/text/watermark.js';

const sentences = '学校高度重视安全工作。每学期开学都组织全面检查。发现问题立即整改落实。';

describe('anti-copy watermarks', () => {
  it.each([
    // A 范文 site's apostrophe after 的.
    [`我校的'服务范围是三个社区。${sentences}`, `我校的服务范围是三个社区。${sentences}`],
    // A converter site's backtick after 的 (traditional text).
    [`參加今天會議的人員的\`有：市四大班子領導。${sentences}`, `參加今天會議的人員的有：市四大班子領導。${sentences}`],
    // A speech site's dot after 的, in text whose full stop is 。.
    [`曾为一场精彩的.球赛，我们无眠过。${sentences}`, `曾为一场精彩的球赛，我们无眠过。${sentences}`],
    [`要对明年进一步的.安排作出部署。${sentences}`, `要对明年进一步的安排作出部署。${sentences}`],
  ])('cuts the stray mark in %j', (input, expected) => {
    // act
    const result = cleanText(input);

    // assert
    expect(result.text).toBe(expected);
    expect(result.removals.map((r) => [r.ruleId, r.family])).toEqual([[WATERMARK_MARK_RULE_ID, CleanFamily.Watermark]]);
  });

  it.each([
    ['an apostrophe in English', "It is Xi's speech. 我们认真学习了讲话精神。"],
    ['a quotation in apostrophes', "建设我们的'大家庭'工作。"],
    ['a dot between other characters', '纪念"一二.九"运动。'],
    ['a decimal and a web address', '增长3.5%，详见www.a.com的通知。'],
    ['a dot in text that stops its sentences with dots', '这是我们的.我们要坚持.大家共同努力.'],
    ['a full stop after 的', '这项工作是坚定的。我们要继续推进。'],
    ['a hyphen inside a line', '活动安排如下：\n-组织志愿服务活动。'],
  ])('keeps %s', (_name, input) => {
    // act / assert
    expect(cleanText(input).text).toBe(input);
  });

  it('cuts a mark that a paywall marker stood between and its word, once the marker is gone', () => {
    // prepare
    const input = `我校的'##paidbegin##服务范围是三个社区。${sentences}`;

    // act
    const once = cleanText(input);

    // assert
    expect(once.text).toBe(`我校的服务范围是三个社区。${sentences}`);
    expect(cleanText(once.text).removals).toEqual([]);
  });

  it('cuts a line of just - where a page broke, and joins the sentence it split', () => {
    // prepare
    const input = '一是加强理论学习，做到学思用贯\n-\n通，知信行统一。\n二是改进工作作风。';

    // act
    const result = cleanText(input);

    // assert
    expect(result.text).toBe('一是加强理论学习，做到学思用贯通，知信行统一。\n二是改进工作作风。');
    expect(result.removals.map((r) => [r.ruleId, r.text])).toEqual([[WATERMARK_DASH_LINE_RULE_ID, '\n-\n']]);
  });

  it('cuts a dash line between two paragraphs, or before the text, and keeps the paragraphs apart', () => {
    // prepare
    const input = '-\n思想汇报\n一是加强理论学习。\n-\n二是改进工作作风。';

    // act
    const result = cleanText(input);

    // assert
    expect(result.text).toBe('思想汇报\n一是加强理论学习。\n二是改进工作作风。');
    expect(result.removals.map((r) => r.family)).toEqual([CleanFamily.Watermark, CleanFamily.Watermark]);
  });
});
