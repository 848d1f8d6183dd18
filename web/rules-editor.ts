/**
 * "My rules": the signed-in user's own rules (a phrase, a line starting or ending with a phrase),
 * listed, edited, deleted and saved through the API. Opened from the header, or from a line the
 * person wants always removed, with a new rule for it filled in.
 */
import { messages, Lang } from '../lib/messages/index.js';
import { USER_RULE_LIMITS, UserRuleKind, type UserRule, type UserRules } from '../lib/corrections/user-rules.js';
import { ApiRefusal } from './api-client.js';
import { h } from './dom.js';
import type { ProofApi } from './proof-api.js';

const m = messages(Lang.ZhCN);

export interface RulesEditorOptions {
  readonly api: ProofApi;
  /** A rule to add at once (from "always remove lines like this"). */
  readonly add?: Pick<UserRule, 'kind' | 'phrase'>;
  readonly onClose: () => void;
}

/** A rule's phrase as a rule takes it: one line, within the length limits. */
export function rulePhraseOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, USER_RULE_LIMITS.maxPhrase);
}

/** Fills `panel` with the editor of the user's rules. */
export async function openRulesEditor(panel: HTMLElement, options: RulesEditorOptions): Promise<void> {
  panel.className = 'rules-editor';
  panel.dataset.rules = '';
  panel.replaceChildren(h('p', { class: 'muted' }, m['web.loading']()));
  let rules: UserRule[];
  try {
    rules = [...(await options.api.rules()).rules];
  } catch {
    panel.replaceChildren(h('p', { class: 'error' }, m['web.networkError']()));
    return;
  }
  let counter = rules.reduce((n, r) => Math.max(n, Number(/^r(\d+)$/.exec(r.id)?.[1] ?? 0)), 0);
  if (options.add) rules.push({ id: `r${++counter}`, ...options.add });
  const list = h('ol', { class: 'rule-list' });
  const status = h('p', { class: 'rules-status', role: 'status' });
  const save = h('button', { type: 'button', class: 'button button-primary', 'data-save-rules': '' }, m['web.saveRules']());
  const add = h('button', { type: 'button', class: 'button' }, m['web.addRule']());
  const close = h('button', { type: 'button', class: 'button button-quiet' }, m['web.close']());

  const row = (rule: UserRule): HTMLElement => {
    const kind = h('select', { 'aria-label': m['web.ruleKind']({ kind: rule.kind }), 'data-rule-kind': '' }, ...Object.values(UserRuleKind).map((k) => h('option', { value: k, selected: k === rule.kind }, m['web.ruleKind']({ kind: k }))));
    const phrase = h('input', { type: 'text', value: rule.phrase, maxlength: String(USER_RULE_LIMITS.maxPhrase), 'aria-label': m['web.rulePhrase'](), 'data-rule-phrase': '' });
    const remove = h('button', { type: 'button', class: 'button button-quiet', 'data-delete-rule': '' }, m['web.deleteRule']());
    const item = h('li', { 'data-rule': rule.id }, kind, phrase, remove);
    remove.addEventListener('click', () => item.remove());
    return item;
  };
  const show = () => {
    list.replaceChildren(...rules.map(row));
  };
  const collect = (): UserRules => ({
    version: 1,
    rules: [...list.querySelectorAll('li')].map((item) => ({
      id: item.dataset.rule ?? `r${++counter}`,
      kind: (item.querySelector('select') as HTMLSelectElement).value as UserRule['kind'],
      phrase: rulePhraseOf((item.querySelector('input') as HTMLInputElement).value),
    })),
  });
  add.addEventListener('click', () => {
    const rule: UserRule = { id: `r${++counter}`, kind: UserRuleKind.LineStartsWith, phrase: '' };
    list.append(row(rule));
    list.querySelector<HTMLInputElement>('li:last-child input')?.focus();
  });
  save.addEventListener('click', async () => {
    save.disabled = true;
    status.textContent = '';
    try {
      rules = [...(await options.api.putRules(collect())).rules];
      show();
      status.textContent = m['web.rulesSaved']();
    } catch (error) {
      status.textContent = error instanceof ApiRefusal && error.error ? (error.error.reasons[Lang.ZhCN] ?? error.message) : m['web.networkError']();
    } finally {
      save.disabled = false;
    }
  });
  close.addEventListener('click', options.onClose);
  show();
  panel.replaceChildren(
    h('header', { class: 'panel-head' }, h('h2', {}, m['web.rules']()), close),
    h('p', { class: 'muted' }, m['web.rulesHint']()),
    h('p', { class: 'muted rules-none', hidden: rules.length > 0 }, m['web.rulesNone']()),
    list,
    h('div', { class: 'panel-actions' }, add, save, status),
  );
}
