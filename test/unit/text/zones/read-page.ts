/**
 * Helpers for the page-furniture tests: a page's lines through clean and split, as an upload goes,
 * and what came out (reports, cuts with their rules, warnings).
 */
import { cleanStage, encodeRemovalLog, splitStage, type RemovalLog } from '../../../../lib/convert.js';

const encoder = new TextEncoder();

/** The paragraphs of a report the tests write: plain sentences of official prose. */
export const BODY = '今年以来，我们认真贯彻落实上级决策部署，各项工作取得了新的进展和成效。';
export const BODY_B = '下一步，我们将进一步压实责任，补齐短板，推动各项工作再上新台阶。';
export const BODY_C = '一年来，在上级党委的坚强领导下，本人认真履行职责，全面完成年度工作任务。';

/** Converts `lines` as an upload named `page.txt` and gives what the tests look at. */
export function readLines(lines: readonly string[]) {
  const { reports, removals, manifest } = splitStage(cleanStage(encoder.encode(lines.join('\n')), 'page.txt'));
  return {
    reports: reports.map((report) => ({ title: report.title, texts: report.blocks.map((block) => block.text) })),
    /** The page-furniture cuts and the split's own, as `[rule, text]`, in input order. */
    cuts: removals.map((removal) => [removal.ruleId, removal.text]),
    warnings: manifest.warnings,
  };
}

/** The removal log of `lines` as an upload writes it, with the input it was made from. */
export function removalLog(lines: readonly string[]) {
  const input = lines.join('\n');
  const cleaned = cleanStage(encoder.encode(input), 'page.txt');
  const { removals } = splitStage(cleaned);
  const log = JSON.parse(new TextDecoder().decode(encodeRemovalLog(cleaned, removals))) as RemovalLog;
  return { input, removals: log.removals };
}
