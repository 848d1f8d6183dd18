import { describe, expect, it } from 'vitest';
import { balanceTitle } from '../../../lib/render/layout/balance-title.js';
import { countingTitleMeasure, fakeWidth } from './fake-measure.js';

const SIZE = 22;
/** The GB/T 9704 text width: 156 mm, room for 20 characters of 二号. */
const WIDTH = (156 * 72) / 25.4;
const measure = (text: string): number => fakeWidth(text, SIZE);
const chars = (line: string): number => Array.from(line).length;

describe('balanceTitle', () => {
  it('keeps a title that fits on one line', () => {
    const title = '学习贯彻党的二十大精神专题研讨发言材料';

    const lines = balanceTitle(title, WIDTH, measure);

    expect(lines).toEqual([title]);
  });

  it('trims white space around a title', () => {
    expect(balanceTitle('  个人述职报告 \n', WIDTH, measure)).toEqual(['个人述职报告']);
  });

  it('breaks after 年度 rather than tearing a word, with two lines of nearly equal length', () => {
    const title = '中共XX县委办公室关于2023年度党风廉政建设工作情况的报告';

    const lines = balanceTitle(title, WIDTH, measure);

    expect(lines).toEqual(['中共XX县委办公室关于2023年度', '党风廉政建设工作情况的报告']);
  });

  it('breaks before a conjunction such as 暨, never after it, and not inside a word like 作风', () => {
    const lines = balanceTitle('在全市优化营商环境暨作风建设推进大会上的讲话', WIDTH, measure);

    expect(lines).toEqual(['在全市优化营商环境', '暨作风建设推进大会上的讲话']);
  });

  it('breaks 004-01’s title after the person and before the matter, not after 及 (GB/T 9704 §7.3.3 词意完整)', () => {
    const lines = balanceTitle('2022年党组织书记抓基层党建及述责述廉述职报告', WIDTH, measure);

    expect(lines).toEqual(['2022年党组织书记', '抓基层党建及述责述廉述职报告']);
  });

  it('sets a speech’s 在…上的讲话 whole under the speaker', () => {
    const lines = balanceTitle('XX学校党支部书记在全县基层党建工作会议上的讲话', WIDTH, measure);

    expect(lines).toEqual(['XX学校党支部书记', '在全县基层党建工作会议上的讲话']);
  });

  it('keeps a unit’s name whole: 人民政府 goes on with 办公室', () => {
    const lines = balanceTitle('XX县人民政府办公室关于做好冬春季节安全生产工作的通知', WIDTH, measure);

    expect(lines[0]).toBe('XX县人民政府办公室');
  });

  it('keeps 基层 whole and both lines the same length when the title allows it', () => {
    const lines = balanceTitle('关于进一步加强和改进新时代基层党组织建设工作的实施意见', WIDTH, measure);

    expect(lines).toEqual(['关于进一步加强和改进新时代', '基层党组织建设工作的实施意见']);
    expect(Math.abs(chars(lines[0] as string) - chars(lines[1] as string))).toBeLessThanOrEqual(1);
  });

  it('never splits a number or a Latin word across lines', () => {
    const title = '关于印发XX县2021—2025年ABCDEFG乡村振兴战略规划和实施方案的通知';

    const lines = balanceTitle(title, WIDTH, measure);

    expect(lines.join('')).toBe(title);
    for (const word of title.match(/[0-9A-Z]+/gu) ?? []) {
      expect(lines.some((line) => line.includes(word))).toBe(true);
    }
  });

  it('never leaves a one- or two-character line', () => {
    const title = '某某市人民政府办公室关于做好冬春季节安全生产工作的通知';

    const lines = balanceTitle(title, WIDTH, measure);

    expect(lines.length).toBe(2);
    for (const line of lines) expect(chars(line)).toBeGreaterThan(2);
  });

  it('fits every line and puts the shorter line on top or balances them (梯形)', () => {
    const titles = [
      '2023年度市发展和改革委员会党组书记个人述职述廉报告',
      '关于2024年上半年全县经济运行情况和下半年工作安排的报告',
      '在全县学习贯彻习近平新时代中国特色社会主义思想主题教育工作会议上的讲话',
    ];

    for (const title of titles) {
      const lines = balanceTitle(title, WIDTH, measure);

      for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(WIDTH);
      if (lines.length === 2) expect(measure(lines[0] as string)).toBeLessThanOrEqual(measure(lines[1] as string) + SIZE);
      expect(lines.join('')).toBe(title);
    }
  });

  it('obeys kinsoku: no line opens with closing punctuation or ends with an opening bracket', () => {
    const title = '县人民政府办公室关于印发《XX县乡村振兴战略规划（2021—2025年）》的通知';

    const lines = balanceTitle(title, WIDTH, measure);

    for (const line of lines) {
      expect(line).not.toMatch(/^[，。、；：？！）」』》】]/u);
      expect(line).not.toMatch(/[（《“【]$/u);
      expect(measure(line)).toBeLessThanOrEqual(WIDTH);
    }
    expect(lines.join('')).toBe(title);
  });

  it('balances a very long title over several lines of similar length', () => {
    const title = '某某局局长在2024年全市安全生产工作会议暨第一季度安全生产形势分析会上的讲话提纲和有关说明材料汇编'.repeat(3);

    const lines = balanceTitle(title, WIDTH, measure);

    const widths = lines.map(measure);
    expect(lines.join('')).toBe(title);
    expect(Math.max(...widths)).toBeLessThanOrEqual(WIDTH);
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(5 * SIZE);
  });

  it('measures each distinct piece of the title only once', () => {
    const { measure: counting, calls } = countingTitleMeasure(SIZE);
    const title = '关于2024年上半年全县经济运行情况和下半年工作安排的报告';

    balanceTitle(title, WIDTH, counting);

    expect(calls()).toBeLessThanOrEqual(new Set(Array.from(title)).size + 1);
  });
});
