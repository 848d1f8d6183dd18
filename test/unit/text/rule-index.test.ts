/**
 * Every cut and every decision names a rule that exists: the removal log's rule ids and the trace's
 * rules are all in the rule index, over the fixtures and the real pages of ../shared/fixtures/real
 * when that corpus is beside the project.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanStage, encodeRemovalLog, forEachCut, splitStage, type RemovalLog } from '../../../lib/convert.js';
import { explanation } from '../../../lib/explain.js';
import { CUT_RULE_IDS, KNOWN_RULES, RuleKind } from '../../../lib/text/rule-index.js';

const FIXTURES = [join(process.cwd(), 'test', 'fixtures', 'seeds'), join(process.cwd(), 'test', 'fixtures', 'traditional')];
/** The shared real-page corpus (not in the repository); its cases are checked when it is there. */
const REAL = join(process.cwd(), '..', 'shared', 'fixtures', 'real', 'cases');

const inputs = [...FIXTURES, ...(existsSync(REAL) ? [REAL] : [])].flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, path: join(folder, name) })),
);

describe('the rule index', () => {
  it('knows every rule once, each with a reason', () => {
    for (const rule of KNOWN_RULES.values()) expect(rule.why.length, rule.id).toBeGreaterThan(20);
    expect(CUT_RULE_IDS.length).toBeGreaterThan(10);
  });

  it.each(inputs)('names an existing cutting rule for every cut in the removal log of $name', ({ name, path }) => {
    const cleaned = cleanStage(readFileSync(path), name);
    const { removals } = splitStage(cleaned);

    const log = JSON.parse(new TextDecoder().decode(encodeRemovalLog(cleaned, removals))) as RemovalLog;

    for (const removal of log.removals) expect(CUT_RULE_IDS, removal.ruleId).toContain(removal.ruleId);
  });

  it.each(inputs)('names an existing rule, and why, for every decision in the trace of $name', ({ name, path }) => {
    const cleaned = cleanStage(readFileSync(path), name, { explain: true });
    const split = splitStage(cleaned, { explain: true });

    const { decisions } = explanation({ source: name, forEachCut: (visit) => forEachCut(cleaned, split.removals, visit), clean: cleaned.decisions ?? [], split: split.decisions ?? [] });

    for (const decision of decisions) {
      const rule = KNOWN_RULES.get(decision.rule);
      expect(rule, decision.rule).toBeDefined();
      expect(rule?.kind, decision.rule).toBe(decision.kind);
      expect(decision.why).toBe(rule?.why);
    }
    // Every cut of the log, and every report, is in the trace.
    expect(decisions.filter((d) => d.kind === RuleKind.Cut)).toHaveLength(cleaned.summary.removals + split.removals.length);
    expect(decisions.filter((d) => d.kind === RuleKind.Report)).toHaveLength(split.reports.length);
  });
});
