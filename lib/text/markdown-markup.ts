/**
 * Markdown served as text: a page that prints a writing assistant's draft as it came
 * (`### 社区工作计划`, `#### 一、总体目标`, `1. **文化传承与创新**:弘扬…`), or a draft copied out of
 * a chat window (`## 一、指导思想`, `**（一）加强领导。**…`). The marks are formatting, not the
 * author's words: the step takes the heading marks and the emphasis pairs out, each logged under its
 * rule in the `markdown` family. Only a text that shows Markdown is read so — a heading mark at a
 * line's start, or emphasis pairs on two lines — and only pairs whose words end with a mark or that
 * close before a mark, a space or the line's end: a redaction such as `**村**组` (two masked names)
 * stays.
 */
import { CleanFamily, type PassRule, type RuleCut } from './clean-rules.js';

export const HEADING_MARK_RULE_ID = 'markdown/heading-mark';
export const EMPHASIS_RULE_ID = 'markdown/emphasis';

/** The family's limits, as data. */
export const MARKDOWN = {
  /** Longest emphasised run read as one (a heading's words, a lead-in). */
  maxEmphasis: 40,
  /** Fewest lines with emphasis pairs that show Markdown where no heading mark does. */
  minEmphasisLines: 2,
} as const;

/** A heading mark at a line's start, before words: `### `, `####`. */
const HEADING_MARK = /^[ \t]{0,3}#{1,6}[ \t]+(?=\S)/gmu;
/**
 * An emphasis pair: `**…**` or `__…__`, opening after no letter (a masked name's `**` follows one,
 * `**村**组`), its words neither starting nor ending with a space.
 */
const EMPHASIS = new RegExp(String.raw`(?<![\p{Script=Han}\p{L}\p{N}*_])(\*\*|__)(?![ \t])([^*_\n]{1,${MARKDOWN.maxEmphasis}}?)(?<![ \t])\1(?:(?<=\p{P}\1)|(?=[\s\p{P}]|$))`, 'gu');
const HAN = /\p{Script=Han}/u;

/** Finds the Markdown marks of `text`, when it shows Markdown, and reports each as a cut. */
export function findMarkdownMarkup(text: string, cut: RuleCut): void {
  const cuts: { start: number; end: number; ruleId: string }[] = [];
  for (const match of text.matchAll(HEADING_MARK)) {
    if (HAN.test(lineAt(text, match.index))) cuts.push({ start: match.index, end: match.index + match[0].length, ruleId: HEADING_MARK_RULE_ID });
  }
  const emphasis: { start: number; end: number; ruleId: string }[] = [];
  const emphasisLines = new Set<number>();
  for (const match of text.matchAll(EMPHASIS)) {
    const marks = (match[1] as string).length;
    const words = match[2] as string;
    if (!HAN.test(words)) continue;
    const start = match.index;
    const end = start + match[0].length;
    emphasis.push({ start, end: start + marks, ruleId: EMPHASIS_RULE_ID }, { start: end - marks, end, ruleId: EMPHASIS_RULE_ID });
    emphasisLines.add(text.lastIndexOf('\n', start));
  }
  if (cuts.length === 0 && emphasisLines.size < MARKDOWN.minEmphasisLines) return;
  for (const { start, end, ruleId } of [...cuts, ...emphasis].sort((a, b) => a.start - b.start)) cut(start, end, ruleId);
}

/** The line holding `at`. */
function lineAt(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(text.lastIndexOf('\n', at - 1) + 1, end === -1 ? text.length : end);
}

/** The rules the markdown pass cuts by (clean-passes.ts runs it before any rule judges lines, which the marks hide). */
export const MARKDOWN_RULES: readonly PassRule[] = [
  { id: HEADING_MARK_RULE_ID, family: CleanFamily.Markdown, description: 'a Markdown heading mark (### ) at the start of a line, served as text' },
  { id: EMPHASIS_RULE_ID, family: CleanFamily.Markdown, description: 'a Markdown emphasis pair (**…**, __…__) around words, served as text' },
];
