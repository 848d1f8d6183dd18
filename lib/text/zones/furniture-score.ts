/**
 * How much a line looks like page furniture, by family: the weights of the vocabulary it holds
 * (furniture-vocabulary.ts) plus what its shape says (a breadcrumb's separators, a menu's short
 * words, a field with no value, a line built around a date, a line that is only marks). Where the
 * line stands decides whether the score is enough (page-zones.ts): the same words that give a line
 * above the title away are not enough inside the document.
 */
import { FurnitureFamily, FurnitureRule, familyOf } from './furniture-family.js';
import { FURNITURE_TERMS, SITE_DATE } from './furniture-vocabulary.js';

/** A line's furniture score: the best family, its score and the rule that weighs most in it. */
export interface FurnitureScore {
  readonly family: FurnitureFamily | undefined;
  readonly rule: FurnitureRule | undefined;
  readonly score: number;
}

/** Most different words of one term that count. */
const MAX_HITS = 3;

const COMPILED = FURNITURE_TERMS.map((term) => ({ ...term, pattern: new RegExp(term.source, 'gu') }));

/** A breadcrumb's separator between two steps (`首页 > 范文`, `>>`, `»`, `->`, `→`). */
const SEPARATOR = /\s{0,3}(?:>>|->|[>»›→＞])\s{0,3}/gu;
/** A field label standing alone with no value after it (`时间：`, `标签:`), as an empty template prints it. */
const EMPTY_FIELD = /^[\p{Script=Han}]{1,6}\s{0,2}[:：]$/u;
/** A line that begins or ends with a table bar (`| 郭家2`, `…工作思路 |`): a cell of the page's layout. */
const TABLE_BAR = /^[|｜]|[|｜]$/u;
/** Words of a menu: several short words side by side, no punctuation. */
const MENU = /^(?:[\p{Script=Han}\w]{1,6}\s{1,4}){3,12}[\p{Script=Han}\w]{1,6}$/u;
const SITE_DATE_ALL = new RegExp(SITE_DATE, 'gu');
const LETTERS = /[\p{L}\p{N}]/gu;
const SENTENCE_END = /[。！？!?]/u;

/** Scores `line` (trimmed) for every family of furniture and gives the best. */
export function scoreFurniture(line: string): FurnitureScore {
  if (line === '') return { family: undefined, rule: undefined, score: 0 };
  const byRule = new Map<FurnitureRule, number>();
  const add = (rule: FurnitureRule, weight: number) => byRule.set(rule, (byRule.get(rule) ?? 0) + weight);
  for (const term of COMPILED) {
    term.pattern.lastIndex = 0;
    const hits = new Set(line.match(term.pattern) ?? []).size;
    // A word said twice is not twice the evidence; different words of the same kind are (two fields, three buttons).
    if (hits > 0) add(term.rule, term.weight * Math.min(hits, MAX_HITS));
  }
  // Steps of a trail are names, not sentences: markup's `<p>…</p>` in a paragraph is no breadcrumb.
  const separators = SENTENCE_END.test(line) ? 0 : (line.match(SEPARATOR)?.length ?? 0);
  if (separators >= 2) add(FurnitureRule.Breadcrumb, 3);
  else if (separators === 1) add(FurnitureRule.Breadcrumb, 1);
  // A salutation (`同志们：`) has the same shape as an empty field: only a label makes it one.
  if (EMPTY_FIELD.test(line) && byRule.has(FurnitureRule.MetaLine)) add(FurnitureRule.MetaLine, 2);
  if (TABLE_BAR.test(line)) add(FurnitureRule.MetaLine, line.length <= 12 ? 3 : 1);
  if (MENU.test(line)) add(FurnitureRule.Toolbar, 2);
  // A short line built around a date (`裘洋波 2021-04-25 162217`, `2011/9/24`): a byline's date and counts.
  const withoutDates = line.replace(SITE_DATE_ALL, '');
  if (withoutDates !== line && !SENTENCE_END.test(line) && (withoutDates.match(LETTERS)?.length ?? 0) <= 12) add(FurnitureRule.MetaLine, 1);
  // The family with the most weight, named by its rule with the most weight.
  const byFamily = new Map<FurnitureFamily, number>();
  for (const [rule, weight] of byRule) byFamily.set(familyOf(rule), (byFamily.get(familyOf(rule)) ?? 0) + weight);
  let best: FurnitureScore = { family: undefined, rule: undefined, score: 0 };
  for (const [family, score] of byFamily) if (score > best.score) best = { family, rule: undefined, score };
  let ruleWeight = 0;
  for (const [rule, weight] of byRule) {
    if (familyOf(rule) === best.family && weight > ruleWeight) {
      best = { ...best, rule };
      ruleWeight = weight;
    }
  }
  return best;
}
