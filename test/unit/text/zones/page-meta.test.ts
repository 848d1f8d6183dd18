/**
 * Family 2 of page furniture: the article's meta lines near its title (date, source, author, views,
 * share and font-size widgets). Each row is a site's shape written for the test; the lines that must
 * stay are a document's own fields, author line and dates.
 */
import { describe, expect, it } from 'vitest';
import { BODY, BODY_B, readLines } from './read-page.js';

describe('meta lines under the title are cut', () => {
  it.each([
    ["a 范文 site's date line", ['在全县项目建设推进会上的讲话', '', '时间:2022-05-11 11:04:00', '', '同志们：', BODY], [['page-meta/meta-line', '时间:2022-05-11 11:04:00']]],
    [
      "a government site's source, views and widgets",
      ['某某市审计局关于审计整改情况的报告', '发布日期:2023-01-06 11:16信息来源:某某市审计局浏览次数: 字号:[ ] 色调调节:', '', '主任、副主任、各位委员：', BODY],
      [['page-meta/meta-line', '发布日期:2023-01-06 11:16信息来源:某某市审计局浏览次数: 字号:[ ] 色调调节:']],
    ],
    [
      "a disclosure table's rows",
      ['索引号 | K123/2024-1 | ||', '组配分类 | 计划总结 | 发布机构 | 某某街道 |', '某某街道2023年工作总结', '发布日期: 2024-03-21 11:04 信息来源: 某某街道 |', BODY],
      [
        ['page-meta/meta-line', '索引号 | K123/2024-1 | ||'],
        ['page-meta/meta-line', '组配分类 | 计划总结 | 发布机构 | 某某街道 |'],
        ['page-meta/meta-line', '发布日期: 2024-03-21 11:04 信息来源: 某某街道 |'],
      ],
    ],
    [
      "an author's byline with the date and the views, the share and font-size widgets",
      ['我的入党思想汇报', '张某某 2021-04-25 162217', '分享到：', '字号：大 中 小', '敬爱的党组织：', BODY],
      [['page-meta/meta-line', '张某某 2021-04-25 162217'], ['page-meta/meta-line', '分享到：'], ['page-meta/meta-line', '字号：大 中 小']],
    ],
    [
      "empty fields of a page template, an uploader's handle and a forum post's counts",
      ['党员干部学习心得体会', '时间：', '标签：', '| 某某2', '查看: 1312|回复: 38', BODY],
      [['page-meta/meta-line', '时间：'], ['page-meta/meta-line', '标签：'], ['page-meta/meta-line', '| 某某2'], ['page-meta/meta-line', '查看: 1312|回复: 38']],
    ],
    [
      'a category name beside the date line, in one block',
      ['喜迎国庆庆祝会发言稿', '', '十一国庆节', '2011/9/24', '各位领导，各位老师：', BODY],
      [['page-meta/meta-neighbour', '十一国庆节'], ['page-meta/meta-line', '2011/9/24']],
    ],
  ])('%s', (_name, lines, cuts) => {
    // act
    const result = readLines(lines);
    // assert
    expect(result.cuts).toEqual(cuts);
    expect(result.reports).toHaveLength(1);
    expect(result.reports[0]!.texts.at(-1)).toBe(BODY);
  });
});

describe("a document's own fields, author line and dates stay", () => {
  it.each([
    ["a meeting summary's time and place", ['某某局党组会议纪要', '时间：2024年3月5日上午9时', '地点：局三楼会议室', BODY, BODY_B]],
    ["a speech's speaker, and its date in brackets", ['在全县组织工作会议上的讲话', '发言人：张某某', '（2024年3月5日）', '同志们：', BODY]],
    ['a signature and its date after the last paragraph', ['某某集团2023年新春致辞', BODY, BODY_B, '某某集团董事长 张某某', '2023-01-21']],
    ['a byline under the title, with a furniture line above the title', ['当前位置：首页 > 范文', '2024新年贺词', '', '张某某', '', '同学们：', BODY]],
  ])('%s', (_name, lines) => {
    // act
    const { reports } = readLines(lines);
    // assert: every line but the site's is in the report
    const kept = lines.filter((line) => line !== '' && !line.startsWith('当前位置'));
    expect([reports[0]!.title, ...reports[0]!.texts]).toEqual(kept);
  });
});
