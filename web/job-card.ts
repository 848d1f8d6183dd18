/**
 * One job on the page: its state live from the API (uploading with a byte progress bar, waiting,
 * cleaning/splitting, rendering d/t, done, failed with the reason), and once done its reports with
 * downloads, a preview, the ZIP of all documents, the split warnings and the removal log.
 */
import { formatMessage, messages, Lang } from '../lib/messages/index.js';
import { JobViewState, type DocumentLink, type JobView, type JobViewWarning } from '../lib/web/api-contract.js';
import { h } from './dom.js';
import { groupRemovals, shownChange, type RemovalEntry } from './removal-groups.js';
import { saveBlob } from './save-blob.js';
import { UNCACHED } from './uncached.js';
import { ZipFetchFailure, zipDocuments } from './zip-download.js';

const m = messages(Lang.ZhCN);

/** Cuts listed one by one per family; the rest are counted (a hard-wrapped file has thousands). */
const LISTED_PER_FAMILY = 200;

/** What the card shows: a view from the API, or the upload that comes before one. */
export type CardState =
  /** An earlier job, before its first view arrives. */
  | { readonly kind: 'loading' }
  | { readonly kind: 'uploading'; readonly sent: number; readonly total: number }
  /** Refused or failed before the chain had it; `retryable` when sending it again may work (a network failure). */
  | { readonly kind: 'refused'; readonly reason: string; readonly retryable: boolean }
  | { readonly kind: 'gone' }
  | { readonly kind: 'view'; readonly view: JobView };

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { dateStyle: 'short', timeStyle: 'short' });

function badge(state: string): HTMLElement {
  return h('span', { class: `badge badge-${state}`, 'data-state': state }, m['web.state']({ state }));
}

function progressBar(value: number, max: number, label: string): HTMLElement {
  const bar = h('progress', { max: String(Math.max(max, 1)), value: String(Math.min(value, max)), 'aria-label': label });
  return h('div', { class: 'progress' }, bar, h('span', { class: 'progress-label' }, label));
}

function warningList(warnings: readonly JobViewWarning[]): HTMLElement | undefined {
  if (warnings.length === 0) return undefined;
  return h(
    'section',
    { class: 'warnings', 'aria-label': m['web.warnings']() },
    h('h4', {}, m['web.warnings']()),
    h('ul', {}, ...warnings.map((w) => h('li', {}, h('span', { class: 'where' }, m['web.warningAt']({ report: w.report, line: w.line })), ' ', formatMessage(w.code, { text: w.text, ...w.params }, Lang.ZhCN)))),
  );
}

function downloadLink(link: DocumentLink | null, label: string, kind: string): HTMLElement | undefined {
  if (!link) return undefined;
  return h('a', { class: `button button-${kind}`, href: link.url, 'data-download': kind, title: link.name }, label);
}

function reportTable(view: JobView): HTMLElement {
  const reports = view.result?.reports ?? [];
  const rows = reports.map((report) =>
    h(
      'tr',
      { 'data-report': String(report.index) },
      h('td', { class: 'num' }, String(report.index)),
      h('td', { class: 'title' }, report.title),
      h('td', { class: 'num' }, report.pages === null ? '—' : m['web.pages']({ pages: report.pages })),
      h('td', { class: 'num' }, m['web.characters']({ characters: report.characters })),
      h(
        'td',
        { class: 'actions' },
        downloadLink(report.docx, m['web.downloadDocx'](), 'docx'),
        downloadLink(report.pdf, m['web.downloadPdf'](), 'pdf'),
        report.pdf ? h('a', { class: 'button button-preview', href: report.pdf.previewUrl, target: '_blank', rel: 'noopener', 'data-preview': 'pdf' }, m['web.previewPdf']()) : undefined,
      ),
    ),
  );
  return h('table', { class: 'reports' }, h('tbody', {}, ...rows));
}

function zipButton(view: JobView): HTMLElement {
  const documents = (view.result?.reports ?? []).flatMap((r) => [r.docx, r.pdf].filter((d): d is DocumentLink => d !== null));
  const status = h('span', { class: 'zip-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'button button-primary', 'data-zip': '' }, m['web.downloadAll']());
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const blob = await zipDocuments(documents, (done, total) => (status.textContent = m['web.zipping']({ done, total })));
      saveBlob(blob, `${view.name.replace(/\.(?:txt|docx)$/i, '')}.zip`);
      status.textContent = '';
    } catch (error) {
      status.textContent = error instanceof ZipFetchFailure ? m['web.zipFailed']({ status: error.status }) : m['web.networkError']();
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'zip' }, button, status);
}

function removalGroups(removals: readonly RemovalEntry[]): HTMLElement {
  if (removals.length === 0) return h('p', { class: 'muted' }, m['web.removalsNone']());
  return h(
    'div',
    { class: 'removal-groups' },
    ...groupRemovals(removals).map((group) => {
      const listed = group.removals.slice(0, LISTED_PER_FAMILY);
      const rest = group.removals.length - listed.length;
      return h(
        'section',
        { class: 'removal-group', 'data-family': group.family },
        h('h5', {}, m['web.family']({ family: group.family }), ' ', h('span', { class: 'count' }, m['web.familyCount']({ removals: group.removals.length }))),
        h(
          'ol',
          {},
          ...listed.map((r) => {
            const text = shownChange(r);
            return h(
              'li',
              {},
              h('span', { class: 'where' }, m['web.removalLine']({ line: r.line })),
              h('span', { class: 'rule', title: r.ruleId }, m['web.rule']({ ruleId: r.ruleId })),
              h('code', {}, text.trim() === '' ? m['web.whitespaceOnly']() : text),
            );
          }),
        ),
        rest > 0 ? h('p', { class: 'muted' }, m['web.moreRemovals']({ count: rest })) : undefined,
      );
    }),
  );
}

function removalLog(view: JobView): HTMLElement | undefined {
  const result = view.result;
  if (!result) return undefined;
  const body = h('div', { class: 'removal-body' }, m['web.loading']());
  const details = h('details', { class: 'removals' }, h('summary', {}, m['web.removals']({ removals: result.cleaning.removals, characters: result.cleaning.charactersRemoved })), body);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    try {
      const response = await fetch(result.removalsUrl, UNCACHED);
      if (!response.ok) throw new ZipFetchFailure(response.status);
      const log = (await response.json()) as { removals: RemovalEntry[] };
      body.replaceChildren(removalGroups(log.removals));
    } catch {
      loaded = false;
      body.replaceChildren(h('p', { class: 'error' }, m['web.networkError']()));
    }
  });
  return details;
}

function stateBadgeOf(state: CardState): string {
  if (state.kind === 'loading' || state.kind === 'uploading') return state.kind;
  if (state.kind === 'refused' || state.kind === 'gone') return 'failed';
  const { view } = state;
  if (view.state === JobViewState.Running) return view.phase ?? 'cleaning';
  return view.state;
}

/** Why a job failed, worded alike whether the API refused the upload or the chain gave up on it. */
function failure(reason: string): HTMLElement {
  return h('p', { class: 'error', role: 'alert', 'data-reason': '' }, h('strong', {}, `${m['web.failedReason']()}：`), reason);
}

function body(state: CardState): (HTMLElement | undefined)[] {
  switch (state.kind) {
    case 'loading':
      return [h('div', { class: 'progress progress-busy' }, h('progress', { 'aria-label': m['web.loading']() }))];
    case 'uploading':
      return [progressBar(state.sent, state.total, m['web.uploadProgress']({ sent: state.sent, total: state.total }))];
    case 'refused':
      return [failure(state.reason)];
    case 'gone':
      return [h('p', { class: 'error' }, m['web.jobGone']())];
    case 'view': {
      const { view } = state;
      if (view.state === JobViewState.Failed) {
        return [failure(view.error?.reasons[Lang.ZhCN] ?? view.error?.reasons[Lang.En] ?? '')];
      }
      if (view.state === JobViewState.Done && view.result) return [warningList(view.result.warnings), reportTable(view), zipButton(view), removalLog(view)];
      const documents = view.documents;
      if (view.phase === 'rendering' && documents?.total) return [progressBar(documents.done, documents.total, m['web.renderProgress']({ done: documents.done, total: documents.total }))];
      return [h('div', { class: 'progress progress-busy' }, h('progress', { 'aria-label': m['web.state']({ state: stateBadgeOf(state) }) }))];
    }
  }
}

/** What the card's buttons do. */
export interface CardActions {
  /** × : take the job off this browser's list. */
  onForget(): void;
  /** 重试: upload the same file again; the button is shown only when given. */
  onRetry?(): void;
}

/** The card's element, rebuilt in place on every state change. */
export function renderJobCard(card: HTMLElement, job: { readonly name: string; readonly created: string; readonly jobId?: string }, state: CardState, actions: CardActions): void {
  const badgeState = stateBadgeOf(state);
  const summary = state.kind === 'view' && state.view.state === JobViewState.Done && state.view.result ? m['web.reportCount']({ reports: state.view.result.reports.length }) : undefined;
  const forget = h('button', { type: 'button', class: 'link', title: m['web.forget']() }, '×');
  forget.addEventListener('click', () => actions.onForget());
  const retry = actions.onRetry ? h('button', { type: 'button', class: 'button', 'data-retry': '' }, m['web.retry']()) : undefined;
  retry?.addEventListener('click', () => actions.onRetry?.());
  // Keep an open removal log open across refreshes of the same finished job.
  const wasOpen = card.querySelector('details.removals')?.hasAttribute('open') ?? false;
  card.className = `job job-${badgeState}`;
  card.dataset.state = badgeState;
  if (job.jobId) card.dataset.job = job.jobId;
  card.replaceChildren(
    h('header', {}, h('h3', { class: 'name' }, job.name), badge(badgeState), summary ? h('span', { class: 'muted' }, summary) : undefined, h('time', { class: 'muted', datetime: job.created }, when(job.created)), forget),
    ...body(state).filter((e): e is HTMLElement => e !== undefined),
    ...(retry ? [h('div', { class: 'retry' }, retry)] : []),
  );
  if (wasOpen) card.querySelector('details.removals')?.setAttribute('open', '');
}
