/**
 * Every rule the cleaner and the splitter decide by, by id: the cleaning rules and passes that cut
 * text, the split's rules for text no report holds, and the rules of every decision table. A cut
 * in the removal log, a decision in a trace and a tally of a sweep all name one of these.
 */
import { DEFAULT_CLEAN_PASSES } from './clean-passes.js';
import { OUTSIDE_REPORTS_FAMILY, OUTSIDE_RULE_DESCRIPTIONS } from './split.js';
import { tableRules } from './decision.js';
import { BREAK_RULES } from './hard-wrap.js';
import { RUNNING_HEADER } from './page-furniture.js';
import { familyOf, FURNITURE_RULE_DESCRIPTIONS, type FurnitureRule } from './zones/furniture-family.js';
import { OPENS_REPORT, OpeningVerdict, ReportBoundary, RUN_END, WRAPPED_TITLE_HEAD } from './split-rules.js';

/** What a rule decides. */
export const RuleKind = {
  /** It removes text (every cut in the removal log names one). */
  Cut: 'cut',
  /** It keeps or joins a line break under a full line. */
  Break: 'break',
  /** It decides whether a line beside page numbers is a running header. */
  Furniture: 'furniture',
  /** It opens a report. */
  Report: 'report',
  /** It decides something else about a line of the split (a title that does not open a report, a run's end, a wrapped title's head). */
  Line: 'line',
} as const;
export type RuleKind = (typeof RuleKind)[keyof typeof RuleKind];

/** A rule as the trace names it. */
export interface KnownRule {
  readonly id: string;
  readonly kind: RuleKind;
  readonly stage: 'clean' | 'split';
  /** What the rule recognises, or why it decides as it does. */
  readonly why: string;
  /** The removal-log family of a cutting rule. */
  readonly family?: string;
}

function knownRules(): Map<string, KnownRule> {
  const rules: KnownRule[] = [
    ...DEFAULT_CLEAN_PASSES.flatMap((pass): KnownRule[] =>
      (pass.rules ?? [pass]).map((rule) => ({ id: rule.id, kind: RuleKind.Cut, stage: 'clean', why: rule.description, family: rule.family })),
    ),
    ...Object.entries(FURNITURE_RULE_DESCRIPTIONS).map(([id, why]): KnownRule => ({ id, kind: RuleKind.Cut, stage: 'split', why, family: familyOf(id as FurnitureRule) })),
    ...Object.entries(OUTSIDE_RULE_DESCRIPTIONS).map(([id, why]): KnownRule => ({ id, kind: RuleKind.Cut, stage: 'split', why, family: OUTSIDE_REPORTS_FAMILY })),
    ...tableRules(BREAK_RULES).map(({ id, why }): KnownRule => ({ id, kind: RuleKind.Break, stage: 'clean', why })),
    ...tableRules(RUNNING_HEADER).map(({ id, why }): KnownRule => ({ id, kind: RuleKind.Furniture, stage: 'clean', why })),
    ...tableRules(OPENS_REPORT).map(({ id, why, verdict }): KnownRule => ({ id, kind: verdict === OpeningVerdict.Opens ? RuleKind.Report : RuleKind.Line, stage: 'split', why })),
    ...Object.values(ReportBoundary).map(({ id, why }): KnownRule => ({ id, kind: RuleKind.Report, stage: 'split', why })),
    ...[...tableRules(RUN_END), ...tableRules(WRAPPED_TITLE_HEAD)].map(({ id, why }): KnownRule => ({ id, kind: RuleKind.Line, stage: 'split', why })),
  ];
  const byId = new Map<string, KnownRule>();
  for (const rule of rules) {
    if (byId.has(rule.id)) throw new Error(`rule-index: two rules are named ${rule.id}`);
    byId.set(rule.id, rule);
  }
  return byId;
}

/** Every rule by id. */
export const KNOWN_RULES: ReadonlyMap<string, KnownRule> = knownRules();

/** The ids of the rules that cut text: what a removal log's `ruleId` may be. */
export const CUT_RULE_IDS: readonly string[] = [...KNOWN_RULES.values()].filter((rule) => rule.kind === RuleKind.Cut).map((rule) => rule.id);
