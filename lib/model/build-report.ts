/**
 * Builds a report's blocks from its body lines: numbered headings on their own line become
 * heading blocks; a numbered heading that runs into its paragraph (`（一）强化理论武装。认真学习…`)
 * becomes one paragraph with its heading part marked; an author line, signature and date become
 * paragraphs with their role (attribution.ts).
 */
import { markAttribution } from './attribution.js';
import { matchHeadingNumber } from '../text/lexicon/numbering.js';
import { charClass, SENTENCE_FINAL_WITH_ASCII } from '../text/lexicon/punctuation.js';
import { TUNING } from '../text/tuning.js';
import type { Block, Report } from './report.js';

export interface BuildReportOptions {
  /** Longest line (in characters) still taken for a heading on its own line (default 60). */
  readonly maxHeadingLength?: number;
  /** Longest run-in heading, up to and including its full stop (default 60). */
  readonly maxRunInLength?: number;
}

/** Marks that end a heading sentence. `；` and `：` do not: they continue it. */
const FULL_STOP = new RegExp(charClass(SENTENCE_FINAL_WITH_ASCII));

/**
 * A report from its title and body lines (blank lines are skipped; lines are trimmed), with an
 * author line under the title and a closing signature and date marked where the text has them.
 */
export function buildReport(title: string, lines: readonly string[], options: BuildReportOptions = {}): Report {
  const blocks: Block[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line !== '') blocks.push(classifyLine(line, options));
  }
  return { title: title.trim(), blocks: markAttribution(blocks) };
}

/**
 * One body line as a block. Headings need numbering (`一、`, `（一）`, `1.`, `（1）`); lines that
 * merely open with `一是` are paragraphs.
 */
export function classifyLine(line: string, options: BuildReportOptions = {}): Block {
  const maxHeading = options.maxHeadingLength ?? TUNING.report.maxHeadingLength;
  const maxRunIn = options.maxRunInLength ?? TUNING.report.maxRunInLength;
  const number = matchHeadingNumber(line);
  if (!number || line.length <= number.length) {
    return number ? { kind: 'heading', level: number.level, text: line } : { kind: 'paragraph', text: line };
  }
  const stop = line.slice(number.length).search(FULL_STOP);
  if (stop === -1) {
    return line.length <= maxHeading ? { kind: 'heading', level: number.level, text: line } : { kind: 'paragraph', text: line };
  }
  const headingLength = number.length + stop + 1;
  if (headingLength === line.length) {
    // A heading written as a sentence (`（二）加强基层党组织建设，凝聚乡村振兴合力。`) on its own line.
    return line.length <= maxHeading ? { kind: 'heading', level: number.level, text: line } : { kind: 'paragraph', text: line };
  }
  if (headingLength <= maxRunIn) {
    return { kind: 'paragraph', text: line, runIn: { level: number.level, length: headingLength } };
  }
  return { kind: 'paragraph', text: line };
}
