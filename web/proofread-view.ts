/**
 * 校对: the proofread view of a finished job. The input's lines in their reports, the text the
 * documents keep as it is and every cut struck through where it was made, with its family; report
 * titles and boundaries marked. A line is chosen by clicking it; its actions are then offered:
 * restore a cut, remove the line, start a report at it, join its report to the one before, rename
 * the report, always remove lines like it. Each change can be undone until 应用修改 stores them all
 * and the job is converted again; the changes applied before are reopened with the view.
 */
import type { CorrectionOp } from '../lib/corrections/corrections-document.js';
import { messages, Lang } from '../lib/messages/index.js';
import { decodeText } from '../lib/text/decode.js';
import type { JobView } from '../lib/web/api-contract.js';
import { ApiRefusal } from './api-client.js';
import { CorrectionsDraft, onLine, removeLine, restoreCut } from './corrections-draft.js';
import { h } from './dom.js';
import type { ProofApi } from './proof-api.js';
import { proofSections, type LoggedCut, type ProofLine, type ProofSection } from './proof-model.js';
import { visibleText } from './removal-groups.js';
import { rulePhraseOf } from './rules-editor.js';

const m = messages(Lang.ZhCN);

export interface ProofreadOptions {
  readonly view: JobView;
  readonly api: ProofApi;
  readonly onClose: () => void;
  /** The corrections are stored and the job is being converted again. */
  readonly onApplied: () => void;
  /** "Always remove lines like this": a rule to add for this phrase. */
  readonly onAlwaysRemove: (phrase: string) => void;
}

/** The SHA-256 of some bytes, hex, as the manifest and the corrections file give it. */
async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fills `panel` with the proofread view of a finished job. */
export async function openProofread(panel: HTMLElement, options: ProofreadOptions): Promise<void> {
  const { view, api } = options;
  panel.className = 'panel proofread';
  panel.dataset.proofreadView = view.jobId;
  panel.replaceChildren(h('p', { class: 'muted' }, m['web.loading']()));
  let input: string;
  let sha256: string;
  let cuts: LoggedCut[];
  let applied;
  try {
    const proof = await api.proof(view.jobId);
    const bytes = await (await fetch(proof.inputUrl, { cache: 'no-store' })).arrayBuffer();
    input = decodeText(new Uint8Array(bytes));
    sha256 = await sha256Hex(bytes);
    cuts = ((await (await fetch(view.result!.removalsUrl, { cache: 'no-store' })).json()) as { removals: LoggedCut[] }).removals;
    applied = proof.corrections?.input.sha256 === sha256 ? proof.corrections.operations : [];
  } catch {
    panel.replaceChildren(h('p', { class: 'error' }, m['web.networkError']()), closeButton(options.onClose));
    return;
  }
  const sections = proofSections(input, cuts, view.result?.reports ?? []);
  const draft = new CorrectionsDraft(sha256, applied);
  let chosen: number | undefined;
  let renaming = false;

  const apply = h('button', { type: 'button', class: 'button button-primary', 'data-apply': '' }, m['web.apply']());
  const status = h('p', { class: 'apply-status', role: 'status' });
  const changes = h('div', { class: 'changes', 'data-changes': '' });
  const text = h('div', { class: 'proof-text' });

  const rerender = () => {
    changes.replaceChildren(changeList(draft, rerender));
    apply.disabled = !draft.dirty;
    text.replaceChildren(...sections.map((section) => sectionElement(section)));
  };

  const choose = (line: number) => {
    chosen = chosen === line ? undefined : line;
    renaming = false;
    rerender();
    text.querySelector<HTMLElement>(`[data-line="${line}"]`)?.focus();
  };

  /** The actions offered for the chosen line. */
  const actions = (line: ProofLine, section: ProofSection, first: boolean): HTMLElement => {
    const bar = h('div', { class: 'line-actions', 'data-actions': String(line.line) });
    const button = (label: string, data: string, act: () => void) => {
      const b = h('button', { type: 'button', class: 'button', [`data-${data}`]: '' }, label);
      b.addEventListener('click', (event) => {
        event.stopPropagation();
        act();
        // Done with this line, unless the action asks for more (a new title).
        if (!renaming) chosen = undefined;
        rerender();
      });
      bar.append(b);
    };
    const lineCuts = [...new Map(line.pieces.flatMap((p) => (p.kind === 'cut' ? [[p.cut.offset, p.cut] as const] : []))).values()];
    for (const cut of lineCuts) {
      if (cut.family === 'correction') continue;
      button(`${m['web.restore']()}「${short(visibleText(cut.text))}」`, 'restore', () => draft.add(restoreCut(cut)));
    }
    const opensNew = draft.pending('start-report').some((c) => c.offset === line.offset);
    if ((first && section.report) || opensNew) {
      if (renaming) {
        const current = draft.pending('set-title').find((c) => c.offset === line.offset)?.title ?? (opensNew ? line.text.trim() : (section.report?.title ?? ''));
        const field = h('input', { type: 'text', value: current, 'aria-label': m['web.renamePrompt'](), 'data-title-input': '' });
        const ok = h('button', { type: 'button', class: 'button button-primary', 'data-rename-ok': '' }, m['web.rename']());
        ok.addEventListener('click', (event) => {
          event.stopPropagation();
          const title = field.value.trim();
          if (title !== '') draft.add(onLine('set-title', line, title));
          renaming = false;
          chosen = undefined;
          rerender();
        });
        field.addEventListener('click', (event) => event.stopPropagation());
        bar.append(field, ok);
        queueMicrotask(() => field.focus());
      } else {
        button(m['web.rename'](), 'rename', () => (renaming = true));
      }
      if (!opensNew && sections.filter((s) => s.report).indexOf(section) > 0) button(m['web.joinReport'](), 'join', () => draft.add(onLine('join-report', line)));
    } else if (line.kept) {
      button(m['web.startReport'](), 'start-report', () => draft.add(onLine('start-report', line)));
    }
    if (line.kept) button(m['web.removeLine'](), 'remove-line', () => draft.add(removeLine(line, input)));
    const phrase = rulePhraseOf(lineCuts.length > 0 && !line.kept ? lineCuts.map((c) => c.text).join('') : line.text);
    if (phrase.length >= 2) {
      const always = h('button', { type: 'button', class: 'button button-quiet', 'data-always': '' }, m['web.alwaysRemove']());
      always.addEventListener('click', (event) => {
        event.stopPropagation();
        options.onAlwaysRemove(phrase);
      });
      bar.append(always);
    }
    return bar;
  };

  const sectionElement = (section: ProofSection): HTMLElement => {
    const restored = new Set(draft.pending('restore-cut').map((c) => c.offset));
    const marks = (op: CorrectionOp) => new Map(draft.pending(op).map((c) => [c.offset, c]));
    const removed = marks('remove-lines');
    const started = marks('start-report');
    const joined = marks('join-report');
    const renamed = marks('set-title');
    const firstTitle = section.lines.find((l) => l.title) ?? section.lines[0];
    const title = section.report ? (renamed.get(firstTitle?.offset ?? -1)?.title ?? section.report.title) : undefined;
    return h(
      'section',
      { class: 'proof-report', ...(section.report ? { 'data-report': String(section.report.index) } : { 'data-before': '' }) },
      h('h3', {}, section.report ? m['web.reportHeading']({ index: section.report.index, title: title ?? '' }) : m['web.beforeFirstReport']()),
      ...section.lines.map((line) => {
        const classes = ['proof-line', line.title ? 'title' : '', line.kept ? '' : 'all-cut', removed.has(line.offset) ? 'removed' : '', started.has(line.offset) ? 'new-report' : '', joined.has(line.offset) ? 'joined' : ''];
        const label = removed.has(line.offset) ? m['web.removedMark']() : started.has(line.offset) ? m['web.newReportMark']() : joined.has(line.offset) ? m['web.joinedMark']() : undefined;
        const element = h(
          'div',
          { class: classes.filter(Boolean).join(' '), 'data-line': String(line.line), tabindex: '0', ...(line.title ? { 'data-title': '' } : {}) },
          h('span', { class: 'ln' }, String(line.line)),
          h(
            'span',
            { class: 'text' },
            ...line.pieces.map((piece) => {
              if (piece.kind === 'kept') return piece.text;
              if (restored.has(piece.cut.offset)) return h('ins', { class: 'restored', title: m['web.restoredMark']() }, piece.text.replace(/\n$/, ''));
              const shown = visibleText(piece.text);
              const family = m['web.family']({ family: piece.cut.family });
              const rule = piece.cut.rule ? m['web.userRule'](piece.cut.rule) : m['web.rule']({ ruleId: piece.cut.ruleId });
              return h('del', { class: 'cut', 'data-family': piece.cut.family, 'data-label': family, title: `${family} · ${rule}` }, shown);
            }),
            piece(renamed.get(line.offset)?.title),
          ),
          label ? h('span', { class: 'mark' }, label) : undefined,
        );
        element.addEventListener('click', () => choose(line.line));
        element.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' && event.target === element) choose(line.line);
        });
        if (chosen !== line.line) return element;
        return h('div', { class: 'proof-line-chosen' }, element, actions(line, section, line === firstTitle && section.report !== undefined));
      }),
    );
  };

  apply.addEventListener('click', async () => {
    apply.disabled = true;
    status.textContent = m['web.applying']();
    try {
      await api.putCorrections(view.jobId, draft.document());
      status.textContent = m['web.applied']();
      options.onApplied();
    } catch (error) {
      status.textContent = error instanceof ApiRefusal && error.error ? (error.error.reasons[Lang.ZhCN] ?? error.message) : m['web.networkError']();
      apply.disabled = !draft.dirty;
    }
  });

  rerender();
  panel.replaceChildren(
    h('header', { class: 'panel-head' }, h('h2', {}, m['web.proofreadTitle']({ name: view.name })), h('div', { class: 'panel-actions' }, apply, closeButton(options.onClose))),
    h('p', { class: 'muted' }, m['web.proofreadHint']()),
    status,
    changes,
    text,
  );
}

/** A renamed title shown after its old one. */
function piece(title: string | undefined): HTMLElement | undefined {
  return title === undefined ? undefined : h('span', { class: 'renamed' }, ` → ${title}`);
}

const short = (text: string) => (text.length > 16 ? `${text.slice(0, 15)}…` : text);

function closeButton(onClose: () => void): HTMLElement {
  const close = h('button', { type: 'button', class: 'button button-quiet', 'data-close': '' }, m['web.close']());
  close.addEventListener('click', onClose);
  return close;
}

/** The changes made so far, each with 撤销. */
function changeList(draft: CorrectionsDraft, rerender: () => void): HTMLElement {
  const list = draft.list();
  if (list.length === 0) return h('p', { class: 'muted' }, m['web.noChanges']());
  return h(
    'div',
    {},
    h('h4', {}, m['web.changes']({ count: list.filter((c) => !c.undone).length })),
    h(
      'ol',
      {},
      ...list.map(({ correction, undone }) => {
        const undo = h('button', { type: 'button', class: 'link', 'data-undo': correction.id }, m['web.undo']());
        undo.addEventListener('click', () => {
          draft.undo(correction.id);
          rerender();
        });
        const what = correction.title !== undefined ? `→ ${correction.title}` : short(visibleText(correction.text));
        return h(
          'li',
          { class: undone ? 'undone' : '', 'data-change': correction.id },
          h('span', { class: 'where' }, m['web.removalLine']({ line: correction.line })),
          ' ',
          m['web.op']({ op: correction.op }),
          ' ',
          h('code', {}, what),
          ' ',
          undo,
        );
      }),
    ),
  );
}
