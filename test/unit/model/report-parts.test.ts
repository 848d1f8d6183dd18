import { describe, expect, it } from 'vitest';
import { cleanStage, splitStage } from '../../../lib/convert.js';
import type { Block, Report } from '../../../lib/model/report.js';
import { blockLines, MAX_PART_LINES, PART_LINE_CHARS, reportLines, reportParts } from '../../../lib/model/report-parts.js';
import { WarningCode } from '../../../lib/warnings.js';
import { repeatedLine } from '../../../scripts/bench-cases.js';

const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
const paragraphs = (count: number, text = '工作很好。'): Block[] => Array.from({ length: count }, () => paragraph(text));
const heading = (text: string): Block => ({ kind: 'heading', level: 1, text });

describe('a report cut into parts', () => {
  it('is left whole when it fits in one document', () => {
    // prepare
    const report: Report = { title: '述职报告', blocks: paragraphs(100) };
    // act
    const parts = reportParts(report, { maxLines: 200 });
    // assert
    expect(parts).toEqual([{ report }]);
  });

  it('comes in parts of at most the limit, titled （1）, （2） …, holding every block once and in order', () => {
    // prepare
    const blocks = Array.from({ length: 100 }, (_, i) => paragraph(`第${i}段。${'字'.repeat(i % 60)}`));
    const report: Report = { title: '述职报告', blocks };
    // act
    const parts = reportParts(report, { maxLines: 40 });
    // assert
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.report.title)).toEqual(parts.map((_, i) => `述职报告（${i + 1}）`));
    expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => ({ number: i + 1, count: parts.length })));
    expect(parts.flatMap((p) => p.report.blocks)).toEqual(blocks);
    for (const { report: part } of parts) expect(reportLines(part)).toBeLessThanOrEqual(40);
  });

  it('ends a part before a heading in its last fifth rather than inside that heading’s section', () => {
    // prepare: 17 one-line paragraphs, then a section; a part holds the title and 20 lines
    const report: Report = { title: '总结', blocks: [...paragraphs(17), heading('二、下一步打算'), ...paragraphs(10)] };
    // act
    const parts = reportParts(report, { maxLines: 24 });
    // assert
    expect(parts.map((p) => p.report.blocks.length)).toEqual([17, 11]);
    expect(parts[1]?.report.blocks[0]).toEqual(heading('二、下一步打算'));
  });

  it('keeps a closing signature and date together, and with the paragraph before them', () => {
    // prepare: the limit falls between the signature and the date
    const signature: Block = { kind: 'paragraph', text: 'XX县委办公室', role: 'signature' };
    const date: Block = { kind: 'paragraph', text: '2024年1月15日', role: 'date' };
    const report: Report = { title: '总结', blocks: [...paragraphs(19), signature, date] };
    // act
    const parts = reportParts(report, { maxLines: 24 });
    // assert
    expect(parts.map((p) => p.report.blocks.length)).toEqual([18, 3]);
    expect(parts[1]?.report.blocks).toEqual([paragraph('工作很好。'), signature, date]);
  });

  it('cuts a paragraph longer than a part after a sentence, the run-in heading staying with its first piece', () => {
    // prepare: a run-in paragraph of 3,000 characters in sentences of 30
    const sentence = `${'推进乡村振兴'.repeat(4)}抓好整改工作。`;
    const text = `（一）强化理论武装。${sentence.repeat(100)}`;
    const block: Block = { kind: 'paragraph', text, runIn: { level: 2, length: 10 } };
    // act
    const parts = reportParts({ title: '报告', blocks: [block] }, { maxLines: 24 });
    // assert
    const pieces = parts.flatMap((p) => p.report.blocks);
    expect(pieces.map((b) => b.text).join('')).toBe(text);
    expect(pieces.slice(0, -1).every((b) => b.text.endsWith('。'))).toBe(true);
    expect(pieces.every((b) => blockLines(b) <= 20)).toBe(true);
    expect(pieces.map((b) => (b.kind === 'paragraph' ? b.runIn : undefined))).toEqual([{ level: 2, length: 10 }, ...pieces.slice(1).map(() => undefined)]);
  });

  it('never cuts inside a character outside the Basic Multilingual Plane', () => {
    // prepare: 𠮷 is two UTF-16 code units; no sentence ends to cut after
    const text = '𠮷'.repeat(PART_LINE_CHARS * 30);
    // act
    const parts = reportParts({ title: '报告', blocks: [paragraph(text)] }, { maxLines: 24 });
    // assert
    const pieces = parts.flatMap((p) => p.report.blocks.map((b) => b.text));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(text);
    // Every piece decodes as whole characters: no lone half of a surrogate pair at either end.
    expect(pieces.every((piece) => /^(?:𠮷)+$/u.test(piece))).toBe(true);
  });
});

describe('the split stage on a report longer than one document holds', () => {
  it('lists each part as a report of its own, with its part, and warns once, naming the first part (issue 21: 450,000 lines)', () => {
    // prepare: the input, 7.2 MB; no title splits it
    const input = new TextEncoder().encode(repeatedLine(450_000));
    // act
    const { reports, manifest } = splitStage(cleanStage(input, '流水账.txt'));
    // assert
    expect(reports).toHaveLength(10);
    expect(reports.every((report) => reportLines(report) <= MAX_PART_LINES)).toBe(true);
    expect(reports.reduce((n, report) => n + report.blocks.length, 0)).toBe(450_000);
    expect(manifest.reports.map((r) => [r.index, r.title, r.docx, r.part])).toEqual(
      reports.map((_, i) => [i + 1, `流水账（${i + 1}）`, `${String(i + 1).padStart(2, '0')}-流水账（${i + 1}）.docx`, { number: i + 1, count: 10, reportTitle: '流水账' }]),
    );
    expect(manifest.warnings).toEqual([
      expect.objectContaining({ code: WarningCode.NoTitle, report: 1, text: '流水账' }),
      expect.objectContaining({ code: WarningCode.ReportInParts, report: 1, text: '流水账' }),
    ]);
  });

  it('numbers the reports after a report in parts on from its last part, and points their warnings at them', () => {
    // prepare: a short report, an endless one, and a short one with a title-shaped line in its body
    const long = repeatedLine(MAX_PART_LINES + 10);
    const text = ['2023年度述职报告', '工作很好。', '', '2023年度工作总结', long, '', '2024年度述职报告', '工作很好。', '2024年工作计划', '', '2025年度述职报告', '工作很好。'].join('\n');
    // act
    const { manifest } = splitStage(cleanStage(new TextEncoder().encode(text), 'a.txt'));
    // assert
    expect(manifest.reports.map((r) => r.title)).toEqual(['2023年度述职报告', '2023年度工作总结（1）', '2023年度工作总结（2）', '2024年度述职报告', '2025年度述职报告']);
    expect(manifest.warnings.map((w) => [w.code, w.report, w.text])).toEqual([
      [WarningCode.OversizedReport, 2, '2023年度工作总结'],
      [WarningCode.ReportInParts, 2, '2023年度工作总结'],
      [WarningCode.TitleInBody, 4, '2024年工作计划'],
    ]);
  });
});
