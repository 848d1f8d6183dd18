/**
 * Decisions as tables of named rules. A decision ("keep this line break", "this line opens a
 * report") asks its rules in order; the first that fires decides, and the decision names it, so
 * that a trace can say which rule decided and why, and a sweep can count how often each one did.
 * A table ends with the rule that decides when no other fires.
 */

/** A rule of a decision table: when it fires, what it decides and why. */
export interface DecisionRule<Context, Verdict extends string> {
  /** Stable id, `decision/name` (`wrap/title-after-sentence`). */
  readonly id: string;
  /** What the rule recognises and why that decides, in a sentence. */
  readonly why: string;
  readonly verdict: Verdict;
  test(context: Context): boolean;
}

/** The rule that decides when no other fires. */
export interface FallbackRule<Verdict extends string> {
  readonly id: string;
  readonly why: string;
  readonly verdict: Verdict;
}

/** A decision table: its rules in the order they are asked, and the fallback. */
export interface DecisionTable<Context, Verdict extends string> {
  readonly rules: readonly DecisionRule<Context, Verdict>[];
  readonly otherwise: FallbackRule<Verdict>;
}

/** The first rule of `table` that fires on `context` (the fallback when none does). */
export function decide<Context, Verdict extends string>(table: DecisionTable<Context, Verdict>, context: Context): FallbackRule<Verdict> {
  for (const rule of table.rules) if (rule.test(context)) return rule;
  return table.otherwise;
}

/** Every rule of `table`, the fallback last: what a trace or a sweep can name. */
export function tableRules<Verdict extends string>(table: DecisionTable<never, Verdict>): readonly FallbackRule<Verdict>[] {
  return [...table.rules, table.otherwise];
}

