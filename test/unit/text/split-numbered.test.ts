/**
 * Compilations that number their pieces over the reports themselves (`1.…述职报告`, `一、…的讲话`,
 * `第二篇 …`), with or without a table of contents: the numbers open reports and leave the titles,
 * while a report's own numbered headings that name a genre (`一、2023年工作总结`) stay headings.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import { splitReports } from '../../../lib/text/split.js';

const BODY_A = '这次会议的主要任务是总结过去一年的工作，安排部署今年的重点任务。我讲三点意见。';
const BODY_B = '2023年，我们认真贯彻落实上级决策部署，各项工作取得了新的进展和成效。';
const BODY_C = '为进一步加强基层党建工作，推动全面从严治党向基层延伸，结合本单位实际，制定本方案。';

const outline = (reports: readonly Report[]) => reports.map((report) => ({ title: report.title, texts: report.blocks.map((block) => block.text) }));

/** Three reports, each with level-1 headings of its own, headed by `numbers`. */
function pieces(numbers: readonly string[]): string[] {
  return [
    `${numbers[0]}张XX2023年度抓基层党建工作述职报告`, BODY_B, '一、主要做法', BODY_A, '二、存在问题', BODY_B,
    `${numbers[1]}市委书记在全市组织工作会议上的讲话`, BODY_A, '一、提高站位', BODY_B,
    `${numbers[2]}关于加强基层党建的实施方案`, BODY_C, '一、工作目标', BODY_C,
  ];
}

const expected = [
  { title: '张XX2023年度抓基层党建工作述职报告', texts: [BODY_B, '一、主要做法', BODY_A, '二、存在问题', BODY_B] },
  { title: '市委书记在全市组织工作会议上的讲话', texts: [BODY_A, '一、提高站位', BODY_B] },
  { title: '关于加强基层党建的实施方案', texts: [BODY_C, '一、工作目标', BODY_C] },
];

describe('compilations that number their reports', () => {
  it.each([
    ['1.', ['1.', '2.', '3.']],
    ['1、', ['1、', '2、', '3、']],
    ['１．', ['１．', '２．', '３．']],
    ['一、, as their headings are numbered', ['一、', '二、', '三、']],
    ['第一篇', ['第一篇 ', '第二篇 ', '第三篇 ']],
    ['材料一：, as the document sites do', ['材料一：', '材料二：', '材料三：']],
    ['范文1：', ['范文1：', '范文2：', '范文3：']],
  ])('opens a report at each title numbered %s and drops the number from the title', (_name, numbers) => {
    const input = ['2024年度党建工作材料汇编', '（3篇）', ...pieces(numbers)].join('\n');

    expect(outline(splitReports(input))).toEqual(expected);
  });

  it('opens the last report under a short title such as 专题民主生活会主持词, after a short report', () => {
    const long = ['一、提高站位', BODY_B, BODY_C, '二、压实责任', BODY_A, BODY_B, '三、狠抓落实', BODY_C, BODY_A];
    const titles = ['张XX同志2023年度党组织书记抓基层党建工作述职报告', '市委书记在2024年全市组织工作会议暨党风廉政建设工作会议上的讲话', '专题民主生活会主持词'];
    const input = [`1.${titles[0]}`, ...long, `2.${titles[1]}`, BODY_A, BODY_B, BODY_C, `3.${titles[2]}`, ...long].join('\n');

    expect(splitReports(input).map((report) => report.title)).toEqual(titles);
  });

  it('matches entries numbered 材料一： to body titles without the number', () => {
    const toc = ['目录', '材料一：张XX2023年度抓基层党建工作述职报告', '材料二：市委书记在全市组织工作会议上的讲话', '材料三：关于加强基层党建的实施方案', ''];
    const input = ['2024年度党建工作材料汇编', ...toc, ...pieces(['', '', ''])].join('\n');

    expect(outline(splitReports(input))).toEqual(expected);
  });

  it('ends the table of contents where numbering starts again at the first body title, though that title differs from its entry', () => {
    const toc = ['目录', '1.张XX抓基层党建工作述职报告', '2.市委书记在全市组织工作会议上的讲话', '3.关于加强基层党建的实施方案', ''];
    const input = ['2024年度党建工作材料汇编', ...toc, ...pieces(['1.', '2.', '3.'])].join('\n');

    expect(outline(splitReports(input))).toEqual(expected);
  });
});

describe('numbered headings that name a genre stay in their report', () => {
  it.each([
    ['a paragraph into the last report', [BODY_A]],
    ['three paragraphs into it', [BODY_A, BODY_B, BODY_C]],
  ])('keeps 3.上半年工作总结 numbered on after the last title, %s', (_name, before) => {
    const sections = ['一、提高站位', BODY_B, BODY_C, '二、压实责任', BODY_A, BODY_B, '三、狠抓落实', BODY_C, BODY_A];
    const input = [
      '1.张XX2023年度抓基层党建工作述职报告', BODY_B, ...sections,
      '2.市委书记在全市组织工作会议上的讲话', ...before, '3.上半年工作总结', ...sections,
    ].join('\n');

    const reports = splitReports(input);

    expect(reports.map((report) => report.title)).toEqual(['张XX2023年度抓基层党建工作述职报告', '市委书记在全市组织工作会议上的讲话']);
    expect(reports[1]!.blocks.map((block) => block.text)).toContain('3.上半年工作总结');
  });

  it('keeps 一、…工作总结 and 二、…工作计划 as headings when the numbering runs on to 三、', () => {
    // The title names no genre, so it could be a compilation's cover line.
    const input = ['XX局2023年工作情况', '一、2023年工作总结', BODY_A, '二、2024年工作计划', BODY_C, '三、存在问题', BODY_B].join('\n');

    const reports = splitReports(input);

    expect(reports).toHaveLength(1);
    expect(reports[0]!.title).toBe('XX局2023年工作情况');
  });

  it('keeps them when the report has a title of its own above them', () => {
    const input = ['XX局2023年工作总结', '一、2023年工作总结', BODY_A, '二、2024年工作计划', BODY_C].join('\n');

    expect(splitReports(input)).toHaveLength(1);
  });

  it('keeps them when prose stands before them', () => {
    const input = [BODY_B, '一、2023年工作总结', BODY_A, '二、2024年工作计划', BODY_C].join('\n');

    expect(splitReports(input)).toHaveLength(1);
  });
});
