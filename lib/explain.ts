/**
 * The trace of a conversion (`report-press convert --explain`): for every cut, every line break
 * under a full line (kept or joined), every line beside page numbers, every title-shaped line and
 * every report boundary, the rule that decided it and why, at its line of the input file. Built from
 * the decisions the clean and split stages record when asked to; written as `explain.json` beside
 * the manifest.
 */
import type { Removal } from './text/clean.js';
import { encodeJsonLines } from './json-bytes.js';
import { KNOWN_RULES, RuleKind } from './text/rule-index.js';

/** File name of the trace, written beside the manifest when asked for. */
export const EXPLANATION = 'explain.json';

/** A decision about a line, placed at its line of the input file. */
export interface LineDecision {
  /** 1-based line of the input file. */
  readonly line: number;
  readonly kind: RuleKind;
  readonly text: string;
  readonly rule: { readonly id: string; readonly why: string; readonly verdict?: string };
}

/** One decision of the trace. */
export interface ExplainedDecision {
  /** 1-based line of the input file. */
  readonly line: number;
  readonly stage: 'clean' | 'split';
  /** What was decided: a cut, a line break, a line beside page numbers, a report's opening, another decision about a line. */
  readonly kind: RuleKind;
  /** Id of the rule that decided (see lib/text/rule-index.ts). */
  readonly rule: string;
  /** What the rule decided (`keep`, `join`, `opens` …); absent for a cut, which only removes. */
  readonly verdict?: string;
  readonly why: string;
  /** The text decided about: the removed characters, the line, the report's title. */
  readonly text: string;
}

/** `explain.json`. */
export interface Explanation {
  readonly source: string;
  /** Every decision, in input order (by line; on one line, cuts, then the other decisions as taken). */
  readonly decisions: readonly ExplainedDecision[];
}

/** What the trace is built from: the cuts of both stages and the decisions each recorded. */
export interface ExplanationParts {
  readonly source: string;
  /** Every cut in offset order (the cleaning's and the split's). */
  readonly forEachCut: (visit: (removal: Removal) => void) => void;
  readonly clean: readonly LineDecision[];
  readonly split: readonly LineDecision[];
}

/** The trace of one conversion. */
export function explanation(parts: ExplanationParts): Explanation {
  const decisions: (ExplainedDecision & { readonly order: number })[] = [];
  const add = (decision: ExplainedDecision) => decisions.push({ ...decision, order: decisions.length });
  parts.forEachCut((removal) => {
    const rule = KNOWN_RULES.get(removal.ruleId);
    add({ line: removal.line, stage: rule?.stage ?? 'clean', kind: RuleKind.Cut, rule: removal.ruleId, why: rule?.why ?? '', text: removal.text });
  });
  for (const [stage, list] of [['clean', parts.clean], ['split', parts.split]] as const) {
    for (const { line, kind, text, rule } of list) {
      add({ line, stage, kind, rule: rule.id, ...(rule.verdict === undefined ? {} : { verdict: rule.verdict }), why: rule.why, text });
    }
  }
  decisions.sort((a, b) => a.line - b.line || a.order - b.order);
  return { source: parts.source, decisions: decisions.map(({ order: _order, ...decision }) => decision) };
}

/** The bytes of `explain.json`: one decision per line, like the removal log. */
export function encodeExplanation(explained: Explanation): Uint8Array {
  const head = `{\n  "source": ${JSON.stringify(explained.source)},\n  "decisions": `;
  const { decisions } = explained;
  if (decisions.length === 0) return encodeJsonLines(`${head}[]\n}\n`, () => {}, '');
  return encodeJsonLines(
    `${head}[\n`,
    (line) => decisions.forEach((decision, i) => line(`    ${JSON.stringify(decision)}${i < decisions.length - 1 ? ',' : ''}\n`)),
    '  ]\n}\n',
  );
}
