import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import { splitReports } from '../../../lib/text/split.js';

const BODY_A = '这次会议的主要任务是总结过去一年的工作，安排部署今年的重点任务。我讲三点意见。';
const BODY_B = '2023年，我们认真贯彻落实上级决策部署，各项工作取得了新的进展和成效。';
const BODY_C = '为进一步加强基层党建工作，推动全面从严治党向基层延伸，结合本单位实际，制定本方案，请各支部认真抓好落实。';

const outline = (reports: readonly Report[]) =>
  reports.map((report) => ({ title: report.title, texts: report.blocks.map((block) => block.text) }));

describe('compilations with a table of contents', () => {
  const body = [
    '市委书记在全会上的讲话', BODY_A, '一、提高站位',
    '2023年工作总结', BODY_B,
    '关于加强基层党建的实施方案', BODY_C,
  ];
  const expected = [
    { title: '市委书记在全会上的讲话', texts: [BODY_A, '一、提高站位'] },
    { title: '2023年工作总结', texts: [BODY_B] },
    { title: '关于加强基层党建的实施方案', texts: [BODY_C] },
  ];

  it.each([
    ['1. entries', ['1.市委书记在全会上的讲话', '2.2023年工作总结', '3.关于加强基层党建的实施方案']],
    ['一、 entries with dot leaders and page numbers', [
      '一、市委书记在全会上的讲话……………………1',
      '二、2023年工作总结......................5',
      '三、关于加强基层党建的实施方案 …… 9',
    ]],
    ['（一） entries with spaces before page numbers', [
      '（一）市委书记在全会上的讲话    1',
      '（二）2023年工作总结    5',
      '（三）关于加强基层党建的实施方案    9',
    ]],
    ['1、 entries in full-width forms with stray punctuation', [
      '１、市委书记在全会上的讲话。',
      '２、２０２３年工作总结',
      '３、关于加强基层党建的“实施方案”',
    ]],
  ])('splits at the headings that %s point to, dropping cover, count line and table', (_name, entries) => {
    const text = ['2024年工作材料汇编', '（3篇）', '目  录', '', ...entries, '', ...body].join('\n');

    expect(outline(splitReports(text))).toEqual(expected);
  });

  it('finds the headings without a blank line between table and body', () => {
    const text = ['目录', '1.市委书记在全会上的讲话', '2.2023年工作总结', '3.关于加强基层党建的实施方案', ...body].join('\n');

    expect(outline(splitReports(text))).toEqual(expected);
  });

  it('keeps the body line as the title when the entry carries a number the heading lacks', () => {
    const text = ['目 录', '1.市委书记在全会上的讲话', '2.2023年工作总结', '', '市委书记在全会上的讲话', BODY_A, '2023年工作总结', BODY_B].join('\n');

    expect(splitReports(text).map((report) => report.title)).toEqual(['市委书记在全会上的讲话', '2023年工作总结']);
  });

  it('falls back to title detection when the entries are not found in the body', () => {
    const text = ['目录', '1.甲报告', '2.乙报告', '', '2023年度述职报告', BODY_B].join('\n');

    expect(outline(splitReports(text))).toEqual([{ title: '2023年度述职报告', texts: [BODY_B] }]);
  });
});

describe('texts without a table of contents', () => {
  it('splits at report titles that follow a blank line', () => {
    const text = ['2023年度述职报告', BODY_B, '', '在全市工作会议上的讲话', BODY_A].join('\n');

    expect(splitReports(text).map((report) => report.title)).toEqual(['2023年度述职报告', '在全市工作会议上的讲话']);
  });

  it('splits at a report title between two paragraphs when a body paragraph follows', () => {
    const text = ['2023年度述职报告', BODY_B, '关于加强基层党建的实施方案', BODY_C].join('\n');

    expect(splitReports(text).map((report) => report.title)).toEqual(['2023年度述职报告', '关于加强基层党建的实施方案']);
  });

  it.each([
    ['a lead-in sentence ending in a colon', '现将主要工作述职如下：'],
    ['a numbered heading', '一、成绩清单'],
    ['an enumerated sentence', '一是工作总结'],
  ])('does not take %s for a title', (_name, line) => {
    const text = ['2023年度党组织书记抓基层党建述职报告', BODY_B, '', line, BODY_C].join('\n');

    expect(splitReports(text)).toHaveLength(1);
  });

  it('drops a compilation cover with its count line when no table of contents follows', () => {
    const text = ['述职报告汇编', '（2篇）', '', '2023年度述职报告', BODY_B, '', '2022年度述职报告', BODY_C].join('\n');

    expect(splitReports(text).map((report) => report.title)).toEqual(['2023年度述职报告', '2022年度述职报告']);
  });

  it('takes a title-shaped first line for the title of a single report', () => {
    const text = ['关于加强基层党建的几点思考', BODY_A].join('\n');

    expect(outline(splitReports(text))).toEqual([{ title: '关于加强基层党建的几点思考', texts: [BODY_A] }]);
  });

  it('uses the fallback title when the text has no title at all', () => {
    const reports = splitReports([BODY_A, '一、成绩清单', BODY_B].join('\n'), { fallbackTitle: 'notes' });

    expect(outline(reports)).toEqual([{ title: 'notes', texts: [BODY_A, '一、成绩清单', BODY_B] }]);
  });

  it('keeps a subtitle line as the first paragraph of its report', () => {
    const text = ['坚定信心 真抓实干', '——在2024年全市工作会议上的讲话', BODY_A].join('\n');

    expect(outline(splitReports(text))).toEqual([
      { title: '坚定信心 真抓实干', texts: ['——在2024年全市工作会议上的讲话', BODY_A] },
    ]);
  });

  it('returns no reports for empty text', () => {
    expect(splitReports('\n\n')).toEqual([]);
  });
});
