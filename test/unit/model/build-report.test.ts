import { describe, expect, it } from 'vitest';
import { buildReport, classifyLine } from '../../../lib/model/build-report.js';
import { matchHeadingNumber } from '../../../lib/text/lexicon/numbering.js';

describe('heading numbers', () => {
  it.each([
    ['一、成绩清单', 1, 2],
    ['十二、其他', 1, 3],
    ['（一）提高政治站位', 2, 3],
    ['(二)筑牢堡垒', 2, 3],
    ['1.加强学习', 3, 2],
    ['2、强化监督', 3, 2],
    ['3．完善制度', 3, 2],
    ['（1）细化计划', 4, 3],
    ['①明确任务', 4, 1],
  ])('reads %s as level %i', (line, level, length) => {
    expect(matchHeadingNumber(line)).toEqual({ level, length });
  });

  it.each(['一是加强学习。', '1.5亿元用于民生。', '2023年工作总结', '第一，加强学习。'])('finds no heading number in %s', (line) => {
    expect(matchHeadingNumber(line)).toBeUndefined();
  });
});

describe('classifying body lines', () => {
  it('makes a short numbered line without a full stop a heading of its level', () => {
    expect(classifyLine('（一）提高政治站位，固化提升理想信念')).toEqual({
      kind: 'heading',
      level: 2,
      text: '（一）提高政治站位，固化提升理想信念',
    });
  });

  it('keeps a heading that ends with a full stop and has nothing after it as a heading, text unchanged', () => {
    expect(classifyLine('（二）加强基层党组织建设，凝聚乡村振兴合力。')).toEqual({
      kind: 'heading',
      level: 2,
      text: '（二）加强基层党组织建设，凝聚乡村振兴合力。',
    });
  });

  it('marks a run-in heading up to and including its first full stop', () => {
    const line = '（一）强化理论武装，深入推进党的政治建设。认真学习贯彻习近平新时代中国特色社会主义思想。';

    const block = classifyLine(line);

    expect(block).toEqual({ kind: 'paragraph', text: line, runIn: { level: 2, length: 21 } });
    expect(line.slice(0, 21)).toBe('（一）强化理论武装，深入推进党的政治建设。');
  });

  it('keeps 一是… sentences as plain paragraphs', () => {
    expect(classifyLine('一是抓实党建责任落实。认真履行第一责任。')).toEqual({
      kind: 'paragraph',
      text: '一是抓实党建责任落实。认真履行第一责任。',
    });
  });

  it('does not mark a numbered paragraph whose first sentence is too long to be a heading', () => {
    const line = `1.${'在学习形式上积极探索多元化模式'.repeat(5)}。后文。`;

    expect(classifyLine(line)).toEqual({ kind: 'paragraph', text: line });
  });

  it('treats a long numbered line without a full stop as a paragraph', () => {
    const line = `一、${'以开展主题教育为主线深化思想政治建设'.repeat(4)}`;

    expect(classifyLine(line).kind).toBe('paragraph');
  });
});

describe('building a report', () => {
  it('skips blank lines and trims the rest, keeping their order', () => {
    const report = buildReport(' 2023年述职报告 ', ['', ' 一、成绩 ', '正文。', '']);

    expect(report).toEqual({
      title: '2023年述职报告',
      blocks: [
        { kind: 'heading', level: 1, text: '一、成绩' },
        { kind: 'paragraph', text: '正文。' },
      ],
    });
  });
});
