/**
 * Reports for the DOCX tests: one written to exercise every block kind, and the gold reports of
 * the fixtures as plain paragraphs (real text, real lengths).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../../lib/model/report.js';

export const EVERY_BLOCK_KIND: Report = {
  title: '关于2023年度全面加强党的建设和推进企业高质量发展工作情况的述职报告',
  blocks: [
    { kind: 'paragraph', text: '今年以来，在上级党委的坚强领导下，我认真履行第一责任人职责，现将有关情况报告如下。' },
    { kind: 'heading', level: 1, text: '一、履职尽责情况' },
    {
      kind: 'paragraph',
      text: '（一）强化理论武装。认真学习党的二十大精神，全年参加集中学习30次，撰写心得体会5篇。',
      runIn: { level: 2, length: '（一）强化理论武装。'.length },
    },
    { kind: 'heading', level: 2, text: '（二）抓好队伍建设' },
    { kind: 'heading', level: 3, text: '1.完善制度体系' },
    { kind: 'paragraph', text: '1.严格落实“三会一课”。全年召开支部委员会12次。', runIn: { level: 3, length: '1.严格落实“三会一课”。'.length } },
    { kind: 'heading', level: 4, text: '（1）建立工作台账' },
    { kind: 'paragraph', text: '对*公司、**村的x次检查中，R&D 投入 <5% 的问题已整改。' },
  ],
};

/** A report with an author line under the title and a closing signature and date. */
export const ATTRIBUTED: Report = {
  title: '2023年度抓基层党建工作述职报告',
  blocks: [
    { kind: 'paragraph', text: 'XX县委办公室 张三', role: 'byline' },
    { kind: 'paragraph', text: '一年来，我认真履行第一责任人职责，现将有关情况报告如下。' },
    { kind: 'paragraph', text: '中共XX县委办公室', role: 'signature' },
    { kind: 'paragraph', text: '2024年1月15日', role: 'date' },
  ],
};

interface GoldFile {
  readonly reports: readonly { readonly title: string; readonly paragraphs: readonly string[] }[];
}

const GOLD_DIR = join(import.meta.dirname, '../../fixtures/gold');

/** Every gold report of the fixtures, its paragraphs as body paragraphs. */
export function goldReports(): Report[] {
  return readdirSync(GOLD_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => (JSON.parse(readFileSync(join(GOLD_DIR, name), 'utf8')) as GoldFile).reports)
    .map((gold) => ({ title: gold.title, blocks: gold.paragraphs.map((text) => ({ kind: 'paragraph' as const, text })) }));
}
