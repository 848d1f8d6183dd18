/**
 * The layouts real compilations have, one named case each, and the body lines that only look like
 * titles. Inputs go through clean + split, as an upload does.
 */
import { describe, expect, it } from 'vitest';
import { cleanStage, MAX_LINES, splitStage } from '../../../lib/convert.js';
import type { Report } from '../../../lib/model/report.js';
import { formatMessage, Lang } from '../../../lib/messages/index.js';
import { splitReports } from '../../../lib/text/split.js';

const BODY_A = '2023年以来，在市委的正确领导下，我坚持以习近平新时代中国特色社会主义思想为指引，认真履行职责。';
const BODY_B = '这次会议的主要任务是总结过去一年的工作，安排部署今年的重点任务。下面，我讲三点意见。';
const BODY_C = '一年来，在上级党委的坚强领导下，本人认真履行党建第一责任人职责，全面完成年度工作任务。';
const LAST = '持续提升社会公众安全感与满意度，不断开创各项工作新局面。';

const encoder = new TextEncoder();
const convert = (lines: readonly string[]) => splitStage(cleanStage(encoder.encode(lines.join('\n')), 'compilation.txt'));
const titles = (reports: readonly Report[]) => reports.map((report) => report.title);
const outline = (reports: readonly Report[]) => reports.map((report) => ({ title: report.title, texts: report.blocks.map((block) => block.text) }));

describe('reports without a table of contents', () => {
  it('splits at a title on the line right after the last sentence of the report before', () => {
    const lines = ['2023年度述职报告', BODY_A, LAST, '2024年全县组织工作会议主持词', BODY_B];

    expect(outline(convert(lines).reports)).toEqual([
      { title: '2023年度述职报告', texts: [BODY_A, LAST] },
      { title: '2024年全县组织工作会议主持词', texts: [BODY_B] },
    ]);
  });

  it('splits at a title whose body opens with a numbered heading', () => {
    const lines = ['2023年度述职报告', BODY_A, 'XX镇2023年工作总结', '一、主要工作', BODY_C];

    expect(titles(convert(lines).reports)).toEqual(['2023年度述职报告', 'XX镇2023年工作总结']);
  });

  it('splits at a title that followed an advert line which cleaning removed', () => {
    const lines = ['2023年度述职报告', BODY_A, '【某某素材库】——每天更新材料1000多篇内部高质量素材，会员群+网盘群同步每日更新，一键精准搜索', '党员干部学习心得体会', BODY_C];

    expect(titles(convert(lines).reports)).toEqual(['2023年度述职报告', '党员干部学习心得体会']);
  });

  it('splits at a title that followed an advert footer block which cleaning removed', () => {
    const lines = [
      '2023年度述职报告', BODY_A,
      '【公众号：某某君】，最新最全党建资料库',
      '【某某代笔】——原创高质量保障、高度保密，各类代笔（润笔），好评如潮！持续接单中，需要的小伙伴请代笔客服：abc',
      '关于加强基层党建工作的实施方案', BODY_C,
    ];

    expect(titles(convert(lines).reports)).toEqual(['2023年度述职报告', '关于加强基层党建工作的实施方案']);
  });

  it('splits at a title that follows a heading-like closing line once an advert between them is gone', () => {
    const lines = ['2023年度述职报告', BODY_A, 'XX县委组织部', '更多精彩材料请关注公众号：笔杆子宝库，svip会员每日更新', '在全县组织工作会议上的讲话', BODY_B];

    expect(titles(convert(lines).reports)).toEqual(['2023年度述职报告', '在全县组织工作会议上的讲话']);
  });

  it.each([
    ['工作总结', 'XX镇2023年度工作总结'],
    ['讲话', '在全市党风廉政建设工作会议上的讲话'],
    ['发言材料', '主题教育专题民主生活会发言材料'],
    ['心得体会', '学习党的二十大精神心得体会'],
    ['汇报', '关于2023年基层党建工作情况的汇报'],
    ['方案', '2024年党员教育培训工作实施方案'],
    ['对照检查材料', '2023年度专题民主生活会个人对照检查材料'],
    ['党课讲稿', '七一专题党课讲稿'],
    ['主持词', '在全县经济工作会议上的主持词'],
    ['a year prefix', '2024年度党支部书记述职报告'],
    ['a unit prefix', 'XX县市场监督管理局2023年工作总结'],
    ['a person prefix', '张XX同志2023年度个人述职报告'],
  ])('splits at a %s title', (_genre, title) => {
    const lines = ['2023年度述职报告', BODY_A, title, BODY_C];

    expect(titles(convert(lines).reports)).toEqual(['2023年度述职报告', title]);
  });

  it('keeps a subtitle line with the title above it, as the first line of its report', () => {
    const lines = ['2023年度述职报告', BODY_A, '凝心聚力 真抓实干', '——在2024年全市工作会议上的讲话', BODY_B];

    expect(outline(convert(lines).reports)).toEqual([
      { title: '2023年度述职报告', texts: [BODY_A] },
      { title: '凝心聚力 真抓实干', texts: ['——在2024年全市工作会议上的讲话', BODY_B] },
    ]);
  });

  it('does not glue titles to the lines before or after them in hard-wrapped text', () => {
    const wrap = (text: string) => text.match(/.{1,30}/gu) ?? [];
    const lines = ['2023年度述职报告', ...wrap(BODY_A + BODY_C + LAST), '2024年全县组织工作会议主持词', ...wrap(BODY_B + BODY_A)];

    expect(outline(convert(lines).reports)).toEqual([
      { title: '2023年度述职报告', texts: [BODY_A + BODY_C + LAST] },
      { title: '2024年全县组织工作会议主持词', texts: [BODY_B + BODY_A] },
    ]);
  });

  it('keeps a full stop that a wrap pushed onto the line under a title with its title', () => {
    const wrap = (text: string) => text.match(/.{1,30}/gu) ?? [];
    // prepare: the title is as wide as the wrapped lines, and its 。 went to the next line
    const title = '某某某某街道党工委机关党建工作总结书记抓党建工作对照检查材料';
    const lines = [title, '。', ...wrap(BODY_C + LAST)];
    // act
    const { reports } = convert(lines);
    // assert
    expect(outline(reports)).toEqual([{ title: `${title}。`, texts: [BODY_C + LAST] }]);
  });

  it('splits hundreds of short reports as well as a handful', () => {
    const reports = Array.from({ length: 2000 }, (_, i) => [`第${i + 1}号述职报告`, `本人一年来认真履行岗位职责，完成了第${i + 1}项工作任务。`]);

    const { reports: split, manifest } = convert(reports.flat());

    expect(split.map((report) => report.title)).toEqual(reports.map(([title]) => title));
    expect(manifest.warnings).toEqual([]);
  });
});

describe('body lines that only look like titles stay in their report', () => {
  it.each([
    ['a numbered heading ending in a genre word', '一、2023年度工作总结'],
    ['a numbered heading ending in 体会', '（二）参加专题学习的体会'],
    ['a lead-in sentence', '现将有关情况报告如下：'],
    ['a quoted title', '《关于加强基层党组织建设的报告》'],
    ['a closing line', '以上报告，请审议。'],
  ])('keeps %s inside its report', (_name, line) => {
    const lines = ['2023年度述职报告', BODY_A, line, BODY_C];

    const { reports, manifest } = convert(lines);

    expect(outline(reports)).toEqual([{ title: '2023年度述职报告', texts: [BODY_A, line, BODY_C] }]);
    expect(manifest.warnings).toEqual([]);
  });
});

describe('compilations with a table of contents', () => {
  const toc = ['2024年党建材料汇编', '（3篇）', '目 录', '1.党支部书记2023年度述职报告', '2.在全县组织工作会议上的讲话', '3.关于加强基层党建工作的实施方案', ''];

  it.each([
    ['an advert glued to it', '在全县组织工作会议上的讲话*【更多素材搜索哒^#哒文库】'],
    ['a paywall marker inside it', '在全县组织工作##paidbegin##会议上的讲话'],
    ['a stray full stop', '在全县组织工作会议上的讲话。'],
    ['full-width forms', '在全县组织工作会议上的讲话'.normalize('NFKC')],
    ['a year the entry lacks', '2023年在全县组织工作会议上的讲话'],
    ['a （范文） remark', '在全县组织工作会议上的讲话（范文）'],
    ['a trailing count', '在全县组织工作会议上的讲话（2篇）'],
    ['a character typed differently', '在全县组织工作会上的讲话'],
  ])('finds every entry in order when a body title carries %s', (_name, second) => {
    const lines = [...toc, '党支部书记2023年度述职报告', BODY_A, second, BODY_B, '关于加强基层党建工作的实施方案', BODY_C];

    const { reports, manifest } = convert(lines);

    expect(reports.map((report) => report.blocks.map((block) => block.text))).toEqual([[BODY_A], [BODY_B], [BODY_C]]);
    expect(manifest.warnings).toEqual([]);
  });

  it('keeps a title as wide as the wrapped lines apart from them when it follows the table of contents', () => {
    const wrap = (text: string) => text.match(/.{1,30}/gu) ?? [];
    // prepare: the last entry and the first body title both fill the wrap width
    const first = '某某某某公司党委关于机关党建工作总结书记抓党建工作的实施方案';
    const second = '某某某某街道党工委机关党建工作总结书记抓党建工作对照检查材料';
    const lines = ['2024年度党建工作材料汇编', '（2篇）', '目 录', `1、${first}`, `2、${second}`, first, ...wrap(BODY_C + LAST), second, ...wrap(BODY_B + BODY_C)];
    // act
    const { reports, manifest } = convert(lines);
    // assert
    expect(outline(reports)).toEqual([
      { title: first, texts: [BODY_C + LAST] },
      { title: second, texts: [BODY_B + BODY_C] },
    ]);
    expect(manifest.warnings).toEqual([]);
  });

  it('matches entries to headings in order when an entry printed exactly as a later heading would take it from its neighbour', () => {
    // prepare: entry 2 is report 3's heading as printed; report 2's heading and entry 3 carry years.
    const lines = [
      '目 录', '1.2023年度述职报告', '2.**街道党工委书记在年度工作务虚会上的讲话', '3.2024年**街道党工委书记在年度工作务虚会上的讲话', '',
      '2023年度述职报告', BODY_A,
      '2023年度**街道党工委书记在年度工作务虚会上的讲话', BODY_B,
      '**街道党工委书记在年度工作务虚会上的讲话', BODY_C,
    ];

    // act
    const { reports, manifest } = convert(lines);

    // assert
    expect(titles(reports)).toEqual(['2023年度述职报告', '2023年度**街道党工委书记在年度工作务虚会上的讲话', '**街道党工委书记在年度工作务虚会上的讲话']);
    expect(manifest.warnings).toEqual([]);
  });
});

describe('warnings', () => {
  it('names a table-of-contents entry whose report is missing, with its line in the input', () => {
    const lines = ['汇编', '目 录', '1.党支部书记2023年度述职报告', '2.在全县组织工作会议上的讲话', '3.关于加强基层党建工作的实施方案', '', '党支部书记2023年度述职报告', BODY_A, '关于加强基层党建工作的实施方案', BODY_C];

    const { manifest } = convert(lines);

    expect(manifest.reports.map((report) => report.title)).toEqual(['党支部书记2023年度述职报告', '关于加强基层党建工作的实施方案']);
    expect(manifest.warnings).toEqual([
      expect.objectContaining({ code: 'TOC_ENTRY_MISSING', line: 4, text: '2.在全县组织工作会议上的讲话' }),
    ]);
  });

  it('names a title-shaped line left inside a report, with its report and input line', () => {
    // After an unfinished line no title can start, so the split keeps it, and says so.
    const lines = ['2023年度述职报告', BODY_A, '会议指出，', '2024年全县组织工作会议主持词', BODY_B];

    const { manifest } = convert(lines);

    expect(manifest.warnings).toEqual([
      expect.objectContaining({ code: 'TITLE_IN_BODY', report: 1, line: 4, text: '2024年全县组织工作会议主持词' }),
    ]);
  });

  it('gives input line numbers past the lines cleaning removed', () => {
    const lines = ['2023年度述职报告', BODY_A, '【公众号：某某君】，最新最全党建资料库', '', '会议指出，', '2024年全县组织工作会议主持词', BODY_B];

    const { manifest } = convert(lines);

    expect(manifest.warnings.map((warning) => warning.line)).toEqual([6]);
  });

  it('flags a report far longer than its siblings', () => {
    const long = Array.from({ length: 12 }, () => BODY_A);
    const lines = ['2023年度述职报告', BODY_A, '', '2022年度述职报告', BODY_B, '', '2021年度述职报告', ...long];

    const { manifest } = convert(lines);

    expect(manifest.warnings).toEqual([expect.objectContaining({ code: 'OVERSIZED_REPORT', report: 3, line: 7 })]);
  });

  it('makes no report of a title with no text, logs it and says so', () => {
    const lines = ['目 录', '1.2023年度述职报告', '2.2022年度述职报告', '', '2023年度述职报告', '2022年度述职报告', BODY_B];

    const { manifest, reports, removals } = convert(lines);

    expect(titles(reports)).toEqual(['2022年度述职报告']);
    expect(manifest.warnings).toEqual([expect.objectContaining({ code: 'EMPTY_REPORT', line: 5, text: '2023年度述职报告' })]);
    expect(manifest.warnings[0]).not.toHaveProperty('report');
    expect(removals).toContainEqual(expect.objectContaining({ ruleId: 'outside-reports/title-without-text', line: 5, text: '2023年度述职报告' }));
  });

  it('says when a report has no title and is named after the file', () => {
    const lines = [BODY_A, BODY_C];

    const { manifest, reports } = convert(lines);

    expect(titles(reports)).toEqual(['compilation']);
    expect(manifest.warnings).toEqual([expect.objectContaining({ code: 'NO_TITLE', report: 1, text: 'compilation' })]);
  });

  it('words every warning from the catalogue: the manifest\'s English and the page\'s Chinese give the same facts', () => {
    const long = Array.from({ length: 12 }, () => BODY_A);
    const lines = ['2023年度述职报告', BODY_A, '会议指出，', '2024年全县组织工作会议主持词', BODY_B, '', '2022年度述职报告', BODY_B, '', '2021年度述职报告', ...long];

    const { manifest } = convert(lines);

    expect(manifest.warnings.map((warning) => warning.code)).toEqual(['TITLE_IN_BODY', 'OVERSIZED_REPORT']);
    for (const warning of manifest.warnings) {
      const facts = { text: warning.text, ...warning.params };
      const chinese = formatMessage(warning.code, facts, Lang.ZhCN);
      expect(warning.message).toBe(formatMessage(warning.code, facts, Lang.En));
      // The report's title, its size and the others' median, in both.
      for (const fact of Object.values(facts)) {
        expect(warning.message).toContain(String(fact));
        expect(chinese).toContain(String(fact));
      }
    }
  });

  it('gives none for a clean, confident split', () => {
    const text = ['2023年度述职报告', BODY_A, '', '在全县组织工作会议上的讲话', BODY_B].join('\n');

    expect(splitReports(text)).toHaveLength(2);
    expect(convert(text.split('\n')).manifest.warnings).toEqual([]);
  });
});

describe('inputs too large to split', () => {
  it('refuses a text of more lines than one conversion handles, saying how many', () => {
    const bytes = encoder.encode('字\n'.repeat(MAX_LINES + 1));

    expect(() => cleanStage(bytes, 'lines.txt')).toThrow(expect.objectContaining({ code: 'TOO_MANY_LINES', message: expect.stringContaining(String(MAX_LINES + 1)) }));
  });

  it('splits a table of contents of more than 999 entries', () => {
    const count = 1200;
    const titles = Array.from({ length: count }, (_, i) => `第${i + 1}号述职报告`);
    const lines = ['目 录', ...titles.map((title, i) => `${i + 1}.${title}`), '', ...titles.flatMap((title, i) => [title, `本人认真履行职责，完成了第${i + 1}项任务。`])];

    const { reports, manifest } = convert(lines);

    expect(reports.map((report) => report.title)).toEqual(titles);
    expect(manifest.warnings).toEqual([]);
  });
});
