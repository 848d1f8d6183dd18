/**
 * The cleaning passes as data: one list, in the order the passes run, that applies every default
 * rule once; what a caller switches off or adds changes the list, not the engine.
 */
import { describe, expect, it } from 'vitest';
import { CleanPhase, DEFAULT_CLEAN_PASSES, passesInForce } from '../../../lib/text/clean-passes.js';
import { CleanFamily, cleanText, DEFAULT_CLEAN_RULES, DOUBLE_SPACING_RULE_ID, HARD_WRAP_RULE_ID, RuleScope, type CleanRule } from '../../../lib/text/clean.js';

describe('the default cleaning passes', () => {
  it('apply every default rule exactly once, in the order of the rule list', () => {
    const applied = DEFAULT_CLEAN_PASSES.flatMap((pass) => pass.rules ?? [])
      .filter((rule) => 'pattern' in rule)
      .map((rule) => rule.id);

    expect(applied).toEqual(DEFAULT_CLEAN_RULES.map((rule) => rule.id));
  });

  it('have unique ids of the form family/name, a known family, a phase and a description', () => {
    const families = new Set<string>(Object.values(CleanFamily));
    const phases = new Set<string>(Object.values(CleanPhase));

    expect(new Set(DEFAULT_CLEAN_PASSES.map((pass) => pass.id)).size).toBe(DEFAULT_CLEAN_PASSES.length);
    for (const pass of DEFAULT_CLEAN_PASSES) {
      expect(pass.id).toMatch(/^[a-z-]+\/[a-z-]+$/);
      expect(families.has(pass.family)).toBe(true);
      expect(phases.has(pass.phase)).toBe(true);
      expect(pass.description.length).toBeGreaterThan(10);
    }
  });

  it('run the prepare phase before every pass that repeats', () => {
    const phases = DEFAULT_CLEAN_PASSES.map((pass) => pass.phase);

    expect(phases.lastIndexOf(CleanPhase.Prepare)).toBeLessThan(phases.indexOf(CleanPhase.Repeat));
  });

  it('re-join hard wraps just before the line rules judge whole lines', () => {
    const ids = DEFAULT_CLEAN_PASSES.map((pass) => pass.id);
    const lineRules = DEFAULT_CLEAN_PASSES.findIndex((pass) => pass.rules?.some((rule) => 'scope' in rule && rule.scope === RuleScope.Line));

    expect(ids.indexOf(HARD_WRAP_RULE_ID)).toBe(lineRules - 1);
  });
});

describe('the passes in force', () => {
  it('leave out a switched-off pass, and double spacing with the hard wraps', () => {
    const ids = passesInForce({ disable: [HARD_WRAP_RULE_ID] }).map((pass) => pass.id);

    expect(ids).not.toContain(HARD_WRAP_RULE_ID);
    expect(ids).not.toContain(DOUBLE_SPACING_RULE_ID);
  });

  it('leave out a switched-off rule of the line pass and keep the others', () => {
    const rules = passesInForce({ disable: ['advert-block/footer-neighbour'] }).flatMap((pass) => pass.rules ?? []).map((rule) => rule.id);

    expect(rules).not.toContain('advert-block/footer-neighbour');
    expect(rules).toContain('advert-line/promotion');
  });

  it('add an extra inline rule as a pass after the defaults', () => {
    const rule: CleanRule = { id: 'paywall-marker/site', family: CleanFamily.PaywallMarker, description: 'a site mark', pattern: /@@site@@/g };

    expect(passesInForce({ rules: [rule] }).at(-1)?.id).toBe('paywall-marker/site');
  });

  it('cut the same with a rule whose pattern a caller left advanced', () => {
    const pattern = /@@site@@/g;
    const rule: CleanRule = { id: 'paywall-marker/site', family: CleanFamily.PaywallMarker, description: 'a site mark', pattern };
    pattern.lastIndex = 5;

    const result = cleanText('@@site@@正文。', { rules: [rule] });

    expect(result.text).toBe('正文。');
    expect(pattern.lastIndex).toBe(5);
  });
});
