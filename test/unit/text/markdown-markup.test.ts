/**
 * Markdown served as text (family markdown). Each row is a shape written for the test: a page that
 * prints a writing assistant's draft as it came (### headings, numbered items with **bold** lead-ins
 * before a colon), and a draft copied out of a chat window (## headings, **bold** lead-in sentences).
 * The texts that must stay use the same characters for something else.
 */
import { describe, expect, it } from 'vitest';
import { CleanFamily, cleanText } from '../../../lib/text/clean.js';
import { EMPHASIS_RULE_ID, HEADING_MARK_RULE_ID } from '../../../lib/text/markdown-markup.js';
import { restoreRemovals } from './restore-removals.js';

describe('Markdown marks served as text are taken out', () => {
  it.each([
    [
      "a page printing a writing assistant's draft: heading marks and bold lead-ins before a colon",
      ['社区2025年志愿服务工作计划', '', '### 社区2025年志愿服务工作计划', '', '#### 一、总体目标', '', '1. **队伍建设**：扩大志愿者队伍，完善招募和培训机制。', '', '2. **服务提升**：围绕一老一小开展常态化服务。'],
      ['社区2025年志愿服务工作计划', '', '社区2025年志愿服务工作计划', '', '一、总体目标', '', '1. 队伍建设：扩大志愿者队伍，完善招募和培训机制。', '', '2. 服务提升：围绕一老一小开展常态化服务。'],
    ],
    [
      'a draft copied out of a chat window: level-two headings and bold lead-in sentences',
      ['## 一、指导思想', '以党的建设为统领，推动各项工作落实。', '## 二、主要措施', '**（一）加强组织领导。**成立工作专班，明确责任分工。', '**（二）强化督导检查。**定期通报进展，确保取得实效。'],
      ['一、指导思想', '以党的建设为统领，推动各项工作落实。', '二、主要措施', '（一）加强组织领导。成立工作专班，明确责任分工。', '（二）强化督导检查。定期通报进展，确保取得实效。'],
    ],
  ])('%s', (_name, lines, cleaned) => {
    // prepare
    const input = lines.join('\n');

    // act
    const result = cleanText(input);

    // assert
    expect(result.text).toBe(cleaned.join('\n'));
    const marks = result.removals.filter((removal) => removal.family === CleanFamily.Markdown);
    expect(new Set(marks.map((removal) => removal.ruleId))).toEqual(new Set([HEADING_MARK_RULE_ID, EMPHASIS_RULE_ID]));
    expect(restoreRemovals(result.text, result.removals)).toBe(input);
  });

  it.each([
    ['masked names in a report (two in a row, then a unit)', ['经查，**村**组存在违规问题，**公司未按期整改。', '经查，**村**组存在违规问题，**镇已督促整改。']],
    ['a single bold pair in a text with no other Markdown', ['本次活动以“**学习强国**”平台为依托，组织党员开展学习。']],
    ['a topic tag and a building number', ['#学习贯彻党的二十大精神#', '3#楼外墙维修已经完成。']],
  ])('leaves %s alone', (_name, lines) => {
    // act
    const result = cleanText(lines.join('\n'));

    // assert
    expect(result.removals.filter((removal) => removal.family === CleanFamily.Markdown)).toEqual([]);
  });
});
