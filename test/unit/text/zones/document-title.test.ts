/**
 * Family 7, the document's own title, and no invented report: a site's copies of the title are one
 * title, its tags, piece labels and counts come off, a listing above the document's own title goes,
 * and no report is made of furniture or of a title alone. Site shapes written for the test.
 */
import { describe, expect, it } from 'vitest';
import { cleanStage, splitStage } from '../../../../lib/convert.js';
import { readTitleDecorations } from '../../../../lib/text/zones/title-decoration.js';
import { BODY, BODY_B, BODY_C, readLines, removalLog } from './read-page.js';

describe('what sites add to a title comes off, each piece under its rule', () => {
  it.each([
    ['出纳人员年度个人总结怎么写 【篇1】2000字', '出纳人员年度个人总结怎么写', ['title/piece-label', 'title/count']],
    ['2021年世界读书日心得体会【十篇】', '2021年世界读书日心得体会', ['title/count']],
    ['【篇一】2021年世界读书日心得体会', '2021年世界读书日心得体会', ['title/piece-label']],
    ['社区的年度工作计划（精选15篇）', '社区的年度工作计划', ['title/count']],
    ['学校安全工作自查报告集锦15篇', '学校安全工作自查报告', ['title/count']],
    ['中秋致辞员工篇一', '中秋致辞员工', ['title/piece-label']],
    ['青年节座谈会演讲稿通用一', '青年节座谈会演讲稿', ['title/piece-label']],
    // The page's title, then the labelled piece's own heading on the same topic, glued.
    ['五四青年节座谈会发言稿五四青年节座谈会演讲稿通用一', '五四青年节座谈会发言稿', ['title/piece-label', 'title/piece-label']],
    ['2023年度述职报告2023年度个人述职报告篇二', '2023年度述职报告', ['title/piece-label', 'title/piece-label']],
    ['第1篇：2023年支部书记党课讲稿', '2023年支部书记党课讲稿', ['title/piece-label']],
    ['【建党百年 环院献礼】入党积极分子思想汇报', '入党积极分子思想汇报', ['title/seo-tag']],
    ['[县委书记讲话]县委书记在全县经济工作会议上的讲话', '县委书记在全县经济工作会议上的讲话', ['title/seo-tag']],
    ['一二九演讲稿：在纪念一二九运动大会上的讲话', '在纪念一二九运动大会上的讲话', ['title/seo-tag']],
    ['党课讲稿 党课讲稿：中国共产党的精神力量', '党课讲稿：中国共产党的精神力量', ['title/seo-tag']],
    ['标题：纪念一二九运动讲话稿', '纪念一二九运动讲话稿', ['title/seo-tag']],
    ['2022年度专题党课：从党史中汲取力量（精选文档）', '2022年度专题党课：从党史中汲取力量', ['title/count']],
    ['党员教育培训心得体会 - 某某社区 - Powered by Discuz!', '党员教育培训心得体会', ['title/seo-tag', 'title/seo-tag']],
    ['2023年度个人工作总结_某某范文网', '2023年度个人工作总结', ['title/seo-tag']],
    ['某某街道2023年工作总结 |', '某某街道2023年工作总结', ['page-meta/meta-line']],
  ])('%s → %s', (line, title, rules) => {
    // act
    const decorated = readTitleDecorations(line);
    // assert
    expect(decorated.title).toBe(title);
    expect(decorated.pieces.map((piece) => piece.rule)).toEqual(rules);
    expect(line.slice(decorated.start, decorated.end)).toBe(title);
  });

  it('takes a bare number after the genre off only on a page that is a compilation', () => {
    // act
    const plain = readTitleDecorations('作开幕式领导讲话致辞（1）');
    const compiled = readTitleDecorations('作开幕式领导讲话致辞（1）', { pieceNumbers: true });
    // assert
    expect(plain.title).toBe('作开幕式领导讲话致辞（1）');
    expect(compiled.title).toBe('作开幕式领导讲话致辞');
  });

  it.each([
    ['思想汇报范文：重新认识党'],
    ['某某县委书记在全县经济工作会议上的讲话（2023年）'],
    ['关于印发《某某县政务公开办法》的通知'],
    ['七一建党节主题活动方案策划（乡政府）'],
    ['2023年度抓党建工作述职报告汇编'],
    ['宫某某写给党组织的思想汇报（十）'],
  ])('keeps %s as it is', (line) => {
    expect(readTitleDecorations(line)).toEqual({ title: line, start: 0, end: line.length, pieces: [] });
  });
});

describe("a page's copies of the title are one title, the document's own", () => {
  it('takes the title repeated after the meta line and the disclaimer for one title, not two reports', () => {
    // act
    const { reports, cuts } = readLines(['全县项目建设工作会议讲话', '', '时间:2022-05-11 11:04:00', '', '导语:全县项目建设工作会议讲话一文来源于网友上传,不代表本站观点,欢迎参考。', '', '全县项目建设工作会议讲话', '', '同志们：', BODY]);
    // assert
    expect(reports).toEqual([{ title: '全县项目建设工作会议讲话', texts: ['同志们：', BODY] }]);
    expect(cuts.map(([rule]) => rule)).toEqual(['title/repeated', 'page-meta/meta-line', 'site-insert/disclaimer']);
  });

  it('takes the whole title over a copy the site stripped words from', () => {
    // act
    const { reports, cuts } = readLines(['校长年度述职报告：我们一直在努力', '发布人: 某某网 发布时间:2015-07-03 字体: | | 打印文章', '校长年度：我们一直在努力', '教师们、同志们：', BODY]);
    // assert
    expect(reports.map((report) => report.title)).toEqual(['校长年度述职报告：我们一直在努力']);
    expect(cuts).toContainEqual(['title/repeated', '校长年度：我们一直在努力']);
  });

  it("takes a speech's whole title over the copy that lost the 在 of its 在…上的讲话", () => {
    // act
    const { reports } = readLines(['电脑桌面', '在某某省演讲学会第五次会员代表大会上的讲话', '', '某某省演讲学会第五次会员代表大会上的讲话', '', '同志们：', BODY]);
    // assert
    expect(reports.map((report) => report.title)).toEqual(['在某某省演讲学会第五次会员代表大会上的讲话']);
  });

  it("takes the document's own title under the page's listing of it", () => {
    // act
    const { reports } = readLines(['手机版', '2022年度专题党课：从党史中汲取智慧和力量（精选文档）', '来源:党史学习 时间:2022-08-04 14:05:03 点击:', '专题党课：从党史中汲取智慧和力量', BODY]);
    // assert
    expect(reports.map((report) => report.title)).toEqual(['专题党课：从党史中汲取智慧和力量']);
  });

  it("makes each labelled piece of a compilation page a report titled without its label", () => {
    // act
    const { reports, cuts } = readLines(['中秋致辞员工实用', '以下是我为大家搜集的优质范文，仅供参考，一起来看看吧。', '中秋致辞员工篇一', '大家晚上好！', BODY, '中秋致辞员工篇二', '尊敬的各位来宾：', BODY_B]);
    // assert
    expect(reports).toEqual([
      { title: '中秋致辞员工', texts: ['大家晚上好！', BODY] },
      { title: '中秋致辞员工', texts: ['尊敬的各位来宾：', BODY_B] },
    ]);
    expect(cuts).toContainEqual(['title/piece-label', '篇二']);
  });

  it('parts a title from the first sentence a piece label glues it to', () => {
    // act
    const { reports, cuts } = readLines(['社区的年度工作计划', '社区的年度工作计划（精选15篇）', `社区的年度工作计划 篇1${BODY}`, BODY_B]);
    // assert
    expect(reports).toEqual([{ title: '社区的年度工作计划', texts: [BODY, BODY_B] }]);
    expect(cuts).toEqual([['title/repeated', '社区的年度工作计划'], ['title/repeated', '社区的年度工作计划（精选15篇）'], ['title/piece-label', '篇1']]);
  });

  it.each([
    [
      "a document site's .doc preview: the site line, then title, label and the piece's heading run into its text",
      ['《读书活动心得体会.doc》由会员分享，可在线阅读，更多相关《读书活动心得体会.doc》请在某某文库上搜索。', `读书活动心得体会心得一：读书活动心得体会${BODY}`, BODY_B],
      '读书活动心得体会',
      '心得一：读书活动心得体会',
    ],
    ['a 范文 page: a material label after the title', [`2023年度党建工作总结材料二：${BODY}`, BODY_B], '2023年度党建工作总结', '材料二：'],
  ])("parts a title from its text where a site's piece label glues them: %s", (_name, lines, title, label) => {
    // act
    const { reports, cuts } = readLines(lines);
    // assert
    expect(reports).toEqual([{ title, texts: [BODY, BODY_B] }]);
    expect(cuts.filter(([rule]) => rule === 'title/piece-label').map(([, text]) => text)).toEqual([label]);
  });

  it("cuts the page's description that opens with the tagged title, both served with half-width marks, and makes the kept text's marks full-width", () => {
    // act
    const { reports, cuts } = readLines(['五四演讲稿:在纪念五四运动周年大会上的讲话', '五四演讲稿:在纪念五四运动周年大会上的讲话是五四演讲稿的经典,一起来看看吧!', '同志们:', BODY]);
    // assert
    expect(reports).toEqual([{ title: '在纪念五四运动周年大会上的讲话', texts: ['同志们：', BODY] }]);
    expect(cuts).toEqual([
      ['title/seo-tag', '五四演讲稿：'],
      ['site-insert/editor-blurb', '五四演讲稿:在纪念五四运动周年大会上的讲话是五四演讲稿的经典,一起来看看吧!'],
    ]);
  });

  it('drops the bare piece number between the title and a speech', () => {
    // act
    const { reports } = readLines(['中国梦演讲大赛范文', '实现中国梦具有重要的意义，下面是小编为大家整理的，一起来看看吧！', '一', '敬爱的老师、亲爱的同学们：', BODY]);
    // assert
    expect(reports).toEqual([{ title: '中国梦演讲大赛范文', texts: ['敬爱的老师、亲爱的同学们：', BODY] }]);
  });

  it('keeps a notice and the document it issues as one report', () => {
    // act
    const { reports } = readLines([
      '当前位置：首页 > 政务公开',
      '某某市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知',
      '各县市区人民政府，市直各单位：',
      '《关于全面推进政务公开工作的实施意见》已经市人民政府同意，现印发给你们，请认真贯彻执行。',
      '某某市人民政府办公室',
      '2017年1月10日',
      '关于全面推进政务公开工作的实施意见',
      BODY,
    ]);
    // assert
    expect(reports).toHaveLength(1);
    expect(reports[0]!.texts).toContain('关于全面推进政务公开工作的实施意见');
  });

  it('opens a second report where the page opens a second speech as it opened the first', () => {
    // act
    const { reports } = readLines(['「五四」演讲赛发言稿', '', '2021-09-25 08:19:00 字数 1170 阅读 7568', '', '发言人：祝某某', '', '各位老师、各位同学：', BODY, '', '「五四」演讲比赛结束语', '', '发言人：祝某某', '', '各位老师、各位同学：', BODY_B]);
    // assert
    expect(reports.map((report) => report.title)).toEqual(['「五四」演讲赛发言稿', '「五四」演讲比赛结束语']);
  });
});

describe("the title's pieces in the removal log", () => {
  it('are where the input has them, past the space the cleaning took out before them', () => {
    // act
    const { input, removals } = removalLog(['出纳人员年度个人总结怎么写 【篇1】2000字', BODY, BODY_B]);
    // assert
    expect(removals.map((removal) => [removal.ruleId, removal.text, removal.column])).toEqual([
      ['whitespace/beside-cjk-punctuation', ' ', 14],
      ['title/piece-label', '【篇1】', 15],
      ['title/count', '2000字', 19],
    ]);
    for (const removal of removals) expect(input.slice(removal.offset, removal.offset + removal.text.length)).toBe(removal.text);
  });
});

describe('no report is invented', () => {
  it('makes no report of a page that is all furniture', () => {
    // prepare
    const cleaned = cleanStage(new TextEncoder().encode(['当前位置：首页 > 范文 > 正文', '时间:2022-05-11 11:04:00', '相关推荐'].join('\n')), 'page.txt');
    // act / assert
    expect(() => splitStage(cleaned)).toThrow(expect.objectContaining({ code: 'NOTHING_LEFT' }));
  });

  it('makes no report of a title with no text under it, and says so', () => {
    // act
    const { reports, cuts, warnings } = readLines(['目 录', '1.2023年度述职报告', '2.2022年度述职报告', '', '2023年度述职报告', '2022年度述职报告', BODY_C]);
    // assert
    expect(reports.map((report) => report.title)).toEqual(['2022年度述职报告']);
    expect(cuts).toContainEqual(['outside-reports/title-without-text', '2023年度述职报告']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'EMPTY_REPORT', text: '2023年度述职报告' })]);
  });

  it('says when no title was found and the file name stands in for it', () => {
    // act
    const { reports, warnings } = readLines(['当前位置：首页 > 范文 > 正文', BODY, BODY_B]);
    // assert
    expect(reports.map((report) => report.title)).toEqual(['page']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'NO_TITLE', report: 1, text: 'page' })]);
  });
});
