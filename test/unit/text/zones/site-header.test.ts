/**
 * Family 1 of page furniture: the lines a site prints above the document's title. Each row is a
 * site's shape written for the test (a 范文 site, a school's news site, a forum, a document site,
 * a company site); the lines that must stay are lines of documents that use the same words.
 */
import { describe, expect, it } from 'vitest';
import { BODY, BODY_B, readLines } from './read-page.js';

describe('site lines above the title are cut, each under its rule', () => {
  it.each([
    [
      'a 范文 site: its name, a breadcrumb of > steps',
      ['某某范文网 首页', '', '当前位置：首页 > 范文 > 工作总结 > 正文', '', '2023年度个人工作总结', BODY],
      [['site-header/breadcrumb', '某某范文网 首页'], ['site-header/breadcrumb', '当前位置：首页 > 范文 > 工作总结 > 正文']],
    ],
    [
      "a school's news site: a welcome line, a » trail, a word in Latin letters and the category the trail names",
      ['欢迎访问某某学院新闻网', '当前位置: 网站首页 » 校园新闻 » 正文', 'News', '校园新闻', '', '我的入党思想汇报', '敬爱的党组织：', BODY],
      [
        ['site-header/welcome', '欢迎访问某某学院新闻网'],
        ['site-header/breadcrumb', '当前位置: 网站首页 » 校园新闻 » 正文'],
        ['site-header/above-title', 'News'],
        ['site-header/above-title', '校园新闻'],
      ],
    ],
    [
      "a forum's toolbar",
      ['关灯', '[复制链接]', '楼主 发表于 2023-5-6 10:20 只看该作者 显示全部楼层', '在全县经济工作会议上的讲话', '同志们：', BODY],
      [['site-header/toolbar', '关灯'], ['site-header/toolbar', '[复制链接]'], ['site-header/toolbar', '楼主 发表于 2023-5-6 10:20 只看该作者 显示全部楼层']],
    ],
    [
      "a bulletin board's buttons, counts and post line",
      ['找回密码', '点击注册', '党员教育培训心得体会', '[复制链接]', '发表于 2010-5-26 13:51:42 | 显示全部楼层 |阅读模式', BODY],
      [
        ['site-header/toolbar', '找回密码'],
        ['site-header/toolbar', '点击注册'],
        ['site-header/toolbar', '[复制链接]'],
        ['site-header/toolbar', '发表于 2010-5-26 13:51:42 | 显示全部楼层 |阅读模式'],
      ],
    ],
    [
      "a document site's menu bar and desktop buttons",
      ['首页 热点资讯 义务教育 高等教育 考研考公', '电脑桌面', '添加某某文秘网到电脑桌面', '', '读书演讲比赛主持词', '各位来宾：', BODY],
      [['site-header/breadcrumb', '首页 热点资讯 义务教育 高等教育 考研考公'], ['site-header/toolbar', '电脑桌面'], ['site-header/toolbar', '添加某某文秘网到电脑桌面']],
    ],
    [
      "a company site: a trail, its last step again, and a date that ended the page's previous piece",
      ['当前位置：首页 > 新闻中心 > 集团动态', '集团动态', '二〇二二年十二月三十日', '董事长2023年新春致辞', BODY],
      [['site-header/breadcrumb', '当前位置：首页 > 新闻中心 > 集团动态'], ['site-header/above-title', '集团动态'], ['site-header/above-title', '二〇二二年十二月三十日']],
    ],
    [
      "a secretary site's banner: its name, its slogan and its address",
      ['某某之家—全网资源每日更新 www.example.com', '在全县经济工作会议上的讲话', '同志们：', BODY],
      [['site-header/site-name', '某某之家—全网资源每日更新 www.example.com']],
    ],
    [
      "a material site's slogan beside its name, with no address",
      ['公文写作之家—材料实时更新', '', '2023年度个人工作总结', BODY],
      [['site-header/site-name', '公文写作之家—材料实时更新']],
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

describe('lines of documents that use the same words stay', () => {
  it.each([
    ['a title that names the web', ['某某县关于加强网络安全工作的讲话', '同志们：', BODY]],
    ['a welcome in the first sentence', ['在新生开学典礼上的致辞', '亲爱的同学们：', '欢迎你们来到美丽的校园，开启人生新的篇章。', BODY]],
    ['a compilation cover title above its first report, with no site line on the page', ['述职报告', '', '1.2022年度述职报告', BODY, '2.2023年度工作总结', BODY_B]],
    // A bracketed date is a speech's, under its title: not the last line of a document above.
    ['a speech\'s bracketed date under its title and subtitle', ['1.王某某党委书记2023年党建对照检查材料', '', '——在专题民主生活会上的讲话', '', '（2024年1月15日）', '', '一、履职工作特色和亮点', '', '以上报告，请审议。', BODY, '2.2023年度工作总结', BODY_B]],
  ])('%s', (_name, lines) => {
    // act
    const { cuts } = readLines(lines);
    // assert
    expect(cuts.filter(([rule]) => rule!.startsWith('site-header/'))).toEqual([]);
  });
});
