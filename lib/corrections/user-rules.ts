/**
 * A person's own cleaning rules ("always remove lines like this"): a literal phrase, or a line that
 * starts or ends with a phrase. Never a regular expression a person wrote: a phrase is matched as
 * written, so a rule can neither run away on a long input nor match more than it says. Stored per
 * user (`users/<sub>/rules.json`), capped in count and size, and applied as cleaning rules of the
 * family `user-rule`, so every cut one makes is in the removal log with the rule that made it.
 */
import { ReportPressError } from '../errors.js';
import { ENTRY_ID, parseLimitedJson } from './limited-json.js';
import { formatMessage } from '../messages/format.js';
import type { MessageParams } from '../messages/types.js';
import { CleanFamily, RuleScope, type CleanRule } from '../text/clean-rules.js';
import type { Removal } from '../text/clean.js';

/** How a rule matches. */
export const UserRuleKind = {
  /** Every occurrence of the phrase is cut, wherever it stands. */
  Phrase: 'phrase',
  /** A line whose text starts with the phrase is cut whole. */
  LineStartsWith: 'line-starts-with',
  /** A line whose text ends with the phrase is cut whole. */
  LineEndsWith: 'line-ends-with',
} as const;
export type UserRuleKind = (typeof UserRuleKind)[keyof typeof UserRuleKind];

export interface UserRule {
  /** Names the rule in the removal log (`user-rule/<id>`). */
  readonly id: string;
  readonly kind: UserRuleKind;
  readonly phrase: string;
}

/** `users/<sub>/rules.json`. */
export interface UserRules {
  readonly version: 1;
  readonly rules: readonly UserRule[];
}

export const NO_USER_RULES: UserRules = { version: 1, rules: [] };

/** How many rules, how long a phrase, how large the file. */
export const USER_RULE_LIMITS = {
  bytes: 32 * 1024,
  rules: 100,
  /** A phrase of one character would cut that character everywhere. */
  minPhrase: 2,
  maxPhrase: 80,
} as const;

/** The family every cut of a user rule is logged under. */
export const USER_RULE_FAMILY = CleanFamily.UserRule;

/** The rule id prefix of user rules in the removal log. */
export const USER_RULE_PREFIX = `${USER_RULE_FAMILY}/`;

/** Why a rules document was refused. */
export const UserRulesErrorCode = {
  TooLarge: 'RULES_TOO_LARGE',
  NotJson: 'RULES_NOT_JSON',
  Malformed: 'RULES_MALFORMED',
  TooMany: 'RULES_TOO_MANY',
  /** A phrase too short, too long, or with a line break in it. */
  BadPhrase: 'RULE_PHRASE',
} as const;
export type UserRulesErrorCode = (typeof UserRulesErrorCode)[keyof typeof UserRulesErrorCode];

export class UserRulesError extends ReportPressError {
  override readonly name = 'UserRulesError';
  constructor(
    readonly code: UserRulesErrorCode,
    readonly params: MessageParams = {},
  ) {
    super(formatMessage(code, params));
  }
}

const KINDS = new Set<string>(Object.values(UserRuleKind));

/** Reads and checks a rules document (size, JSON, shape, count, phrases). Throws {@link UserRulesError}. */
export function parseUserRules(source: Uint8Array | string): UserRules {
  const limit = USER_RULE_LIMITS.bytes;
  return checkUserRules(
    parseLimitedJson(source, limit, {
      tooLarge: (bytes) => new UserRulesError(UserRulesErrorCode.TooLarge, { bytes, limit }),
      notJson: () => new UserRulesError(UserRulesErrorCode.NotJson),
    }),
  );
}

/** Checks a parsed value as {@link parseUserRules} does (everything but the byte size). */
export function checkUserRules(value: unknown): UserRules {
  const malformed = (where: string, problem: string) => new UserRulesError(UserRulesErrorCode.Malformed, { where, problem });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed('the document', 'is not a JSON object');
  const { version, rules } = value as Record<string, unknown>;
  if (version !== 1) throw malformed('version', 'must be 1');
  if (!Array.isArray(rules)) throw malformed('rules', 'must be a list');
  if (rules.length > USER_RULE_LIMITS.rules) throw new UserRulesError(UserRulesErrorCode.TooMany, { count: rules.length, limit: USER_RULE_LIMITS.rules });
  const ids = new Set<string>();
  return {
    version: 1,
    rules: rules.map((raw: unknown, i: number): UserRule => {
      const where = `rules[${i}]`;
      if (typeof raw !== 'object' || raw === null) throw malformed(where, 'is not an object');
      const { id, kind, phrase } = raw as Record<string, unknown>;
      if (typeof id !== 'string' || !ENTRY_ID.test(id) || ids.has(id)) throw malformed(`${where}.id`, 'must be a unique id of 1–40 letters, digits, - or _');
      ids.add(id);
      if (typeof kind !== 'string' || !KINDS.has(kind)) throw malformed(`${where}.kind`, `must be one of ${[...KINDS].join(', ')}`);
      if (typeof phrase !== 'string') throw malformed(`${where}.phrase`, 'must be text');
      const trimmed = phrase.trim();
      if (trimmed.length < USER_RULE_LIMITS.minPhrase || trimmed.length > USER_RULE_LIMITS.maxPhrase || /[\u0000-\u001f\u007f]/.test(trimmed)) {
        throw new UserRulesError(UserRulesErrorCode.BadPhrase, { phrase: trimmed, min: USER_RULE_LIMITS.minPhrase, max: USER_RULE_LIMITS.maxPhrase });
      }
      return { id, kind: kind as UserRuleKind, phrase: trimmed };
    }),
  };
}

/** `phrase` as a pattern that matches exactly it: every character that means something to RegExp escaped. */
function literal(phrase: string): string {
  return phrase.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** White space a copy leaves around a line's text. */
const SPACE = String.raw`[\s\u3000]*`;

/**
 * The cleaning rules of a user's rules, for `CleanOptions.rules`: a phrase rule cuts each
 * occurrence (an inline rule); a line rule cuts the line whole, as the advert-line rules do.
 */
export function userCleanRules(rules: UserRules): CleanRule[] {
  return rules.rules.map((rule) => {
    const id = `${USER_RULE_PREFIX}${rule.id}`;
    const description = `the user's rule: ${rule.kind} “${rule.phrase}”`;
    const phrase = literal(rule.phrase);
    switch (rule.kind) {
      case UserRuleKind.Phrase:
        return { id, family: USER_RULE_FAMILY, description, pattern: new RegExp(phrase, 'gu') };
      case UserRuleKind.LineStartsWith:
        return { id, family: USER_RULE_FAMILY, description, pattern: new RegExp(`^${SPACE}${phrase}`, 'u'), scope: RuleScope.Line };
      case UserRuleKind.LineEndsWith:
        return { id, family: USER_RULE_FAMILY, description, pattern: new RegExp(`${phrase}${SPACE}$`, 'u'), scope: RuleScope.Line };
    }
  });
}

/** A cut of a user rule as the removal log has it: with the rule (kind and phrase) that made it. */
export type UserRuleRemoval = Removal & { readonly rule?: Pick<UserRule, 'kind' | 'phrase'> };

/**
 * Visits removals as `visit` would, each cut of a user rule with the rule itself attached, so the
 * log says what the rule was even after the user edits or deletes it.
 */
export function withUserRuleFacts(forEachRemoval: (visit: (removal: Removal) => void) => void, rules: UserRules): (visit: (removal: Removal) => void) => void {
  if (rules.rules.length === 0) return forEachRemoval;
  const byId = new Map(rules.rules.map((rule) => [`${USER_RULE_PREFIX}${rule.id}`, { kind: rule.kind, phrase: rule.phrase }]));
  return (visit) =>
    forEachRemoval((removal) => {
      const rule = removal.family === USER_RULE_FAMILY ? byId.get(removal.ruleId) : undefined;
      visit(rule ? ({ ...removal, rule } as UserRuleRemoval) : removal);
    });
}
