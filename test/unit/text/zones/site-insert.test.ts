/**
 * Family 3 of page furniture: what 范文 sites write into and after the document (editor blurbs,
 * disclaimers, preview and paywall notices, related lists, the page's end). Each row is a site's
 * shape written for the test; the lines that must stay are a document's own sentences that use the
 * same words.
 */
import { describe, expect, it } from 'vitest';
import { BODY, BODY_B, BODY_C, readLines, removalLog } from './read-page.js';

describe("a site's inserts and the page's end are cut", () => {
  it.each([
    [
      "an editor's blurb above the title, and a related list after the text",
      ['下面是小编为大家整理的2023年度工作总结范文，供大家参考。', '2023年度个人工作总结', BODY, BODY_B, '相关推荐', '上一篇：2022年度个人工作总结', '下一篇：2024年工作计划'],
      [
        ['site-insert/editor-blurb', '下面是小编为大家整理的2023年度工作总结范文，供大家参考。'],
        ['site-insert/related-list', '相关推荐'],
        ['site-insert/related-list', '上一篇：2022年度个人工作总结'],
        ['site-insert/related-list', '下一篇：2024年工作计划'],
      ],
      [BODY, BODY_B],
    ],
    [
      "a channel's blurb in traditional script, and a disclaimer with the site's source",
      ['思想匯報：重新認識黨', '第一范文網思想匯報頻道為大家整理了這篇文章，請大家參考。', BODY, BODY_B, '本文来源：http://www.example.com/a/1.html'],
      [['site-insert/editor-blurb', '第一范文網思想匯報頻道為大家整理了這篇文章，請大家參考。'], ['site-insert/disclaimer', '本文来源：http://www.example.com/a/1.html']],
      [BODY, BODY_B],
    ],
    [
      'a paywall: the preview cut with a mark, and the notice after it',
      ['在全市创建工作推进会上的讲话', '同志们：', `${BODY}…………`, '', '全文共2886字，仅供站内会员'],
      [['site-insert/truncation', '…………'], ['site-insert/truncation', '全文共2886字，仅供站内会员']],
      ['同志们：', BODY],
    ],
    [
      "a document site's notice that the rest is not shown, and a page id",
      ['某某小学安全工作自查报告', BODY, '因篇幅问题不能全部显示，请点此查看更多更全内容', '149027'],
      [['site-insert/truncation', '因篇幅问题不能全部显示，请点此查看更多更全内容'], ['site-insert/page-end', '149027']],
      [BODY],
    ],
    [
      "a preview's mark inside a paragraph: the text on either side stays, as two paragraphs",
      ['学校安全工作自查报告', BODY, '各班立即召开主题班会，对学生进行……此处隐藏8066个字……一个确保，抓好三个环节。'],
      [['site-insert/truncation', '……此处隐藏8066个字……']],
      [BODY, '各班立即召开主题班会，对学生进行', '一个确保，抓好三个环节。'],
    ],
    [
      'a related list inside the text: the text resumes after it',
      ['纪念一二九运动讲话稿', '同志们：', BODY, '更多相关文章：纪念一二九运动讲话稿', '一二九运动征文', '纪念一二九运动演讲稿二篇', BODY_B],
      [
        ['site-insert/related-list', '更多相关文章：纪念一二九运动讲话稿'],
        ['site-insert/related-list', '一二九运动征文'],
        ['site-insert/related-list', '纪念一二九运动演讲稿二篇'],
      ],
      ['同志们：', BODY, BODY_B],
    ],
    [
      'a login wall and its marks after a preview',
      ['某某镇清洁城乡活动情况汇报', `${BODY}一是...`, '请先登录', '', '>', '', '相关推荐'],
      [['site-insert/truncation', '...'], ['site-insert/truncation', '请先登录'], ['site-insert/page-end', '>'], ['site-insert/related-list', '相关推荐']],
      [`${BODY}一是`],
    ],
  ])('%s', (_name, lines, cuts, texts) => {
    // act
    const result = readLines(lines);
    // assert
    expect(result.cuts).toEqual(cuts);
    expect(result.reports).toHaveLength(1);
    expect(result.reports[0]!.texts).toEqual(texts);
  });
});

describe("a document's own sentences that use the same words stay", () => {
  it.each([
    ['a last paragraph on fighting piracy', ['关于开展版权执法工作的情况汇报', BODY, '下一步，我们将继续严厉打击各类侵权盗版行为，切实保护著作权人的合法权益，营造良好的创新环境。']],
    ['a speech that offers its points for reference', ['在全县工作会议上的讲话', '同志们：', BODY, '以上是我的几点意见，供大家参考。']],
    ["an explainer's first sentence opening with its title", ['乡镇年度工作计划', '乡镇年度工作计划是为了指导和规划乡镇发展而制定的重要文件，是乡镇发展的蓝图。', BODY_C]],
    ["a signature and a date after a writer's dots", ['某某公司2023年工作总结', `${BODY_B}……`, '某某公司', '2024年1月5日']],
  ])('%s', (_name, lines) => {
    // act
    const { reports, cuts } = readLines(lines);
    // assert
    expect(cuts).toEqual([]);
    expect([reports[0]!.title, ...reports[0]!.texts]).toEqual(lines);
  });
});

describe('the removal log holds each cut as the input has it', () => {
  it('logs a blurb the cleaning took a space out of as the two runs of the input it is', () => {
    // act: the cleaning cuts the space after 。, the page reading the rest of the line
    const { input, removals } = removalLog(['2023年度个人工作总结', '一年很快过去了。 以下是小编为大家整理的工作总结范文，供大家参考。', BODY, BODY_B]);
    // assert
    expect(removals.map((removal) => [removal.ruleId, removal.text])).toEqual([
      ['site-insert/editor-blurb', '一年很快过去了。'],
      ['whitespace/beside-cjk-punctuation', ' '],
      ['site-insert/editor-blurb', '以下是小编为大家整理的工作总结范文，供大家参考。'],
    ]);
    for (const removal of removals) expect(input.slice(removal.offset, removal.offset + removal.text.length)).toBe(removal.text);
    expect(removals.map((removal) => [removal.line, removal.column])).toEqual([[2, 1], [2, 9], [2, 10]]);
  });
});
