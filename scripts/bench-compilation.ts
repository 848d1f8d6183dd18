/**
 * The benchmark's inputs made from the fixtures: their reports as the pipeline splits them, and
 * compilations of any number of them (scripts/bench.ts, scripts/bench-chain.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanStage, splitStage } from '../lib/convert.js';
import type { Report } from '../lib/model/report.js';

const SEEDS = 'test/fixtures/seeds';

/** The fixtures' input files, in name order. */
export const seeds: readonly string[] = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => join(SEEDS, f));

/** The reports of every fixture, as split by the pipeline. */
export function fixtureReports(): Report[] {
  return seeds.flatMap((file) => splitStage(cleanStage(readFileSync(file), file)).reports);
}

const UNITS = ['第一党支部', '第二党支部', '第三党支部', '机关党委', '综合科', '办公室', '财务科', '组织部', '宣传部', '人事科', '法规科', '信息中心'];

/** The `i`-th report of a synthesized set: the fixtures' reports round-robin, each title made distinct by a unit name in front. */
export function synthesizedReport(source: readonly Report[], i: number): Report {
  const report = source[i % source.length]!;
  const round = Math.floor(i / source.length);
  const district = round >= UNITS.length ? `第${Math.floor(round / UNITS.length) + 1}片区` : '';
  const unit = `${district}${UNITS[round % UNITS.length]}`;
  return { ...report, title: `${unit}${report.title}` };
}

/** A report as the text a user would upload: its title, then its paragraphs. */
export const reportText = (report: Report): string => [report.title, ...report.blocks.map((b) => b.text)].join('\n');

/**
 * A compilation of `count` reports with a cover, a count line and a numbered table of contents.
 * Reports are reused round-robin; a unit name in front keeps every title distinct, as in a real one.
 */
export function synthesizeCompilation(source: readonly Report[], count: number): string {
  const picked = Array.from({ length: count }, (_, i) => synthesizedReport(source, i));
  const toc = picked.map((r, i) => `${i + 1}.${r.title}`);
  return [`2023年度述职报告汇编`, `（${count}篇）`, '目 录', ...toc, '', picked.map(reportText).join('\n\n')].join('\n');
}
