/**
 * The page: sign in (local token or Cognito), drop or pick .txt or .docx files, follow each job live, and
 * download what it made. All interface text comes from the message catalogue (lib/messages), in
 * Simplified Chinese.
 */
import { messages, Lang } from '../lib/messages/index.js';
import { DEFAULT_MAX_BYTES } from '../lib/text/decode.js';
import { StageErrorCode } from '../lib/pipeline/error-codes.js';
import { DOCX_CONTENT_TYPE, JobViewState, type JobView, type WebConfig } from '../lib/web/api-contract.js';
import { ApiRefusal, apiClient, type ApiClient, type ApiClientOptions } from './api-client.js';
import { CognitoError, completeNewPassword, signIn, type CognitoClientOptions, type CognitoSession, type SignInStep } from './cognito-auth.js';
import { h } from './dom.js';
import { renderJobCard, type CardState } from './job-card.js';
import { forgetJob, rememberJob, storedJobs, type StoredJob } from './job-list.js';
import { Panels } from './panels.js';
import { proofApi, type ProofApi } from './proof-api.js';
import { openProofread } from './proofread-view.js';
import { openRulesEditor } from './rules-editor.js';
import { UNCACHED } from './uncached.js';
import { earlierJob, fileSha256, rememberInput } from './upload-again.js';
import { uploadFile, UploadFailure } from './upload-file.js';

const m = messages(Lang.ZhCN);
const SESSION_KEY = 'report-press.session';

/** How often a running job is asked about, and how soon before its URLs expire a done one is refreshed. */
const POLL_MS = 1000;
/** How long a view from before corrections were applied is waited past (the chain starts within seconds). */
const STALE_VIEW_MS = 120_000;
const REFRESH_BEFORE_EXPIRY_MS = 60_000;

function savedSession(): CognitoSession | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as CognitoSession | null;
    return session && session.expiresAt > Date.now() + 60_000 ? session : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves with a session once the user has signed in through the form. */
function signInForm(root: HTMLElement, cognito: CognitoClientOptions): Promise<CognitoSession> {
  return new Promise((resolveSession) => {
    const username = h('input', { name: 'username', autocomplete: 'username', required: true });
    const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    const newPassword = h('input', { name: 'new-password', type: 'password', autocomplete: 'new-password', minlength: '8' });
    const newPasswordField = h('label', { class: 'field', hidden: true }, m['web.newPassword'](), newPassword, h('small', {}, m['web.newPasswordHint']()));
    const message = h('p', { class: 'error', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'button button-primary' }, m['web.signIn']());
    const form = h(
      'form',
      { class: 'sign-in' },
      h('h2', {}, m['web.signInTitle']()),
      h('label', { class: 'field' }, m['web.username'](), username),
      h('label', { class: 'field' }, m['web.password'](), password),
      newPasswordField,
      message,
      submit,
    );
    let challenge: Extract<SignInStep, { kind: 'new-password' }> | undefined;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      message.textContent = '';
      try {
        const next = challenge ? await completeNewPassword(cognito, challenge, newPassword.value) : await signIn(cognito, username.value.trim(), password.value);
        if (next.kind === 'signed-in') {
          sessionStorage.setItem(SESSION_KEY, JSON.stringify(next.session));
          resolveSession(next.session);
          return;
        }
        challenge = next;
        newPasswordField.hidden = false;
        newPassword.required = true;
        submit.textContent = m['web.setPassword']();
        newPassword.focus();
      } catch (error) {
        message.textContent = m['web.signInFailed']({ reason: error instanceof CognitoError ? error.message : m['web.networkError']() });
      } finally {
        submit.disabled = false;
      }
    });
    root.replaceChildren(form);
    username.focus();
  });
}

/** Failures of the chain that the same file may get past when uploaded again (not its content's). */
const RETRYABLE_FAILURES: ReadonlySet<string> = new Set(Object.values(StageErrorCode));
/** A Word document's name: its job has no 校对, which works on a .txt's text. */
const WORD_DOCUMENT = /\.docx$/i;

/** Follows one job: the card re-renders on every change until the job is done or failed. */
class JobTracker {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** The file uploaded from this page and its digest, kept to send again on 重试 (jobs of earlier visits have none). */
  private file: { readonly file: File; readonly sha256?: string } | undefined;
  /** The last view shown, for the proofread view. */
  view: JobView | undefined;
  /** The finished job's `started` before corrections were applied, while the new conversion has not shown up. */
  private stale: { readonly started: string | null; readonly until: number } | undefined;
  constructor(
    readonly card: HTMLElement,
    private job: StoredJob | { readonly name: string; readonly created: string },
    private readonly api: ApiClient,
    private readonly onForget: (tracker: JobTracker) => void,
    private readonly onSignedOut: () => void,
    private readonly onProofread: (tracker: JobTracker) => void = () => {},
  ) {}

  show(state: CardState): void {
    renderJobCard(this.card, this.job, state, { onForget: () => this.onForget(this), ...(this.retryable(state) ? { onRetry: () => void this.retry() } : {}) });
    this.view = state.kind === 'view' ? state.view : undefined;
    // Proofreading works on an input's text as the page decodes it: a .txt's (not a Word document's).
    if (this.view?.state === JobViewState.Done && this.view.result && !WORD_DOCUMENT.test(this.view.name)) {
      const proofread = h('button', { type: 'button', class: 'button', 'data-proofread': '' }, m['web.proofread']());
      proofread.addEventListener('click', () => this.onProofread(this));
      this.card.append(h('div', { class: 'proof-entry' }, proofread));
    }
  }

  private retryable(state: CardState): boolean {
    if (!this.file) return false;
    if (state.kind === 'refused') return state.retryable;
    return state.kind === 'view' && state.view.state === JobViewState.Failed && RETRYABLE_FAILURES.has(state.view.error?.code ?? '');
  }

  /**
   * Follows the job again at once (it is being converted anew), whatever was scheduled. Until the
   * chain has started the new conversion, the job's view is still the finished one before it (same
   * bytes, so the same ETag): it is not taken for the result while its `started` is the old one,
   * for at most {@link STALE_VIEW_MS}.
   */
  refollow(): void {
    clearTimeout(this.timer);
    this.stale = this.view ? { started: this.view.started, until: Date.now() + STALE_VIEW_MS } : undefined;
    // The documents shown are about to be replaced: not done any more, waiting for the new conversion.
    if (this.stale) this.show({ kind: 'loading' });
    this.follow();
  }

  /** Uploads `file` (into the job `into` again when given), then follows its job. */
  async upload(file: File, sha256?: string, into?: string): Promise<void> {
    clearTimeout(this.timer);
    this.file = { file, ...(sha256 ? { sha256 } : {}) };
    this.show({ kind: 'uploading', sent: 0, total: file.size });
    let grant;
    try {
      grant = await this.api.askUpload(file, into);
    } catch (error) {
      // A refusal with a reason is about the file (not .txt, too large …): sending it again cannot help.
      const refusal = error instanceof ApiRefusal && error.error && error.status < 500 ? error.error : undefined;
      this.show({ kind: 'refused', reason: refusal ? (refusal.reasons[Lang.ZhCN] ?? refusal.reasons[Lang.En] ?? '') : m['web.networkError'](), retryable: refusal === undefined });
      return;
    }
    // Dated when the file was dropped, not when the API answered: the list keeps the order the cards were made in.
    this.job = { jobId: grant.jobId, name: file.name, created: this.job.created };
    rememberJob(this.job);
    if (sha256) rememberInput({ jobId: grant.jobId, name: file.name, sha256 });
    try {
      await uploadFile(grant, file, (sent, total) => this.show({ kind: 'uploading', sent, total }));
    } catch (error) {
      this.show({ kind: 'refused', reason: error instanceof UploadFailure && error.status !== 0 ? m['web.uploadFailed']({ status: error.status }) : m['web.networkError'](), retryable: true });
      return;
    }
    this.follow();
  }

  /**
   * 重试, in the same card: a job the chain gave up on holds its upload, so the same file goes into
   * it again (its corrections stay); an upload that never arrived starts a new job, and the one
   * it was granted leaves this browser's list.
   */
  async retry(): Promise<void> {
    if (!this.file) return;
    const { file, sha256 } = this.file;
    const into = this.view?.state === JobViewState.Failed ? this.jobId : undefined;
    if (!into && this.jobId) forgetJob(this.jobId);
    if (!into) this.job = { name: file.name, created: this.job.created };
    await this.upload(file, sha256, into);
  }

  /** Asks for the job's view now, and again while it runs or until its URLs near expiry. */
  follow(): void {
    if (this.stopped || !('jobId' in this.job)) return;
    const jobId = this.job.jobId;
    this.api
      .job(jobId)
      .then((view: JobView) => {
        if (this.stopped) return;
        if (this.stale && view.started === this.stale.started && Date.now() < this.stale.until) {
          this.timer = setTimeout(() => this.follow(), POLL_MS);
          return;
        }
        this.stale = undefined;
        this.show({ kind: 'view', view });
        const finished = view.state === JobViewState.Done || view.state === JobViewState.Failed;
        const delay = finished ? Math.max(new Date(view.expires).getTime() - Date.now() - REFRESH_BEFORE_EXPIRY_MS, POLL_MS) : POLL_MS;
        if (!finished || view.state === JobViewState.Done) this.timer = setTimeout(() => this.follow(), delay);
      })
      .catch((error: unknown) => {
        if (this.stopped) return;
        if (error instanceof ApiRefusal && error.status === 404) return this.show({ kind: 'gone' });
        if (error instanceof ApiRefusal && error.status === 401) return this.onSignedOut();
        // A dropped connection: try again a little later.
        this.timer = setTimeout(() => this.follow(), POLL_MS * 3);
      });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  get jobId(): string | undefined {
    return 'jobId' in this.job ? this.job.jobId : undefined;
  }
}

/**
 * The page once signed in. `signOut` forgets the session and starts again (a token the API no
 * longer takes does the same); undefined locally, where there is nothing to sign out of.
 */
function app(root: HTMLElement, api: ApiClient, proof: ProofApi, signOut: (() => void) | undefined): void {
  const panels = new Panels(root);
  const openRules = (add?: { kind: 'line-starts-with'; phrase: string }) => {
    const panel = panels.open();
    void openRulesEditor(panel, { api: proof, ...(add ? { add } : {}), onClose: () => panels.close(panel) });
  };
  const openProof = (tracker: JobTracker) => {
    const view = tracker.view;
    if (!view) return;
    const panel = panels.open();
    void openProofread(panel, {
      view,
      api: proof,
      onClose: () => panels.close(panel),
      onApplied: () => {
        panels.close(panel);
        tracker.refollow();
      },
      onAlwaysRemove: (phrase) => openRules({ kind: 'line-starts-with', phrase }),
    });
  };
  const list = h('div', { class: 'job-list' });
  const empty = h('p', { class: 'muted empty' }, m['web.noJobs']());
  const trackers = new Set<JobTracker>();
  const updateEmpty = () => (empty.hidden = trackers.size > 0);
  const forget = (tracker: JobTracker) => {
    tracker.stop();
    trackers.delete(tracker);
    if (tracker.jobId) forgetJob(tracker.jobId);
    tracker.card.remove();
    updateEmpty();
  };
  const track = (job: StoredJob | { name: string; created: string }) => {
    const tracker = new JobTracker(h('article', { class: 'job' }), job, api, forget, signOut ?? (() => location.reload()), openProof);
    trackers.add(tracker);
    updateEmpty();
    return tracker;
  };

  const input = h('input', { type: 'file', accept: `.txt,.docx,text/plain,${DOCX_CONTENT_TYPE}`, multiple: true, class: 'visually-hidden', id: 'file-input' });
  const drop = h(
    'label',
    { class: 'drop', for: 'file-input' },
    h('span', { class: 'drop-title' }, m['web.drop']()),
    h('span', { class: 'button button-primary' }, m['web.pick']()),
    h('span', { class: 'muted' }, m['web.dropHint']({ limit: DEFAULT_MAX_BYTES })),
    input,
  );
  const start = async (files: Iterable<File>) => {
    for (const file of [...files]) {
      // The same file again goes into the job it made before (a re-upload: its corrections stay).
      const sha256 = await fileSha256(file).catch(() => undefined);
      const known = new Map([...trackers].flatMap((t) => (t.jobId ? [[t.jobId, t] as const] : [])));
      const again = sha256 ? earlierJob(file.name, sha256, new Set(known.keys())) : undefined;
      const tracker = (again && known.get(again)) || track({ name: file.name, created: new Date().toISOString() });
      list.prepend(tracker.card);
      void tracker.upload(file, sha256, again);
    }
  };
  input.addEventListener('change', () => {
    void start([...(input.files ?? [])]);
    input.value = '';
  });
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('drop-over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('drop-over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('drop-over');
    void start([...(event.dataTransfer?.files ?? [])]);
  });

  for (const job of storedJobs()) {
    const tracker = track(job);
    list.append(tracker.card);
    tracker.show({ kind: 'loading' });
    tracker.follow();
  }
  updateEmpty();

  const signOutButton = signOut ? h('button', { type: 'button', class: 'button button-quiet' }, m['web.signOut']()) : undefined;
  signOutButton?.addEventListener('click', signOut!);
  const rulesButton = h('button', { type: 'button', class: 'button button-quiet', 'data-my-rules': '' }, m['web.rules']());
  rulesButton.addEventListener('click', () => openRules());
  root.replaceChildren(drop, h('section', { class: 'jobs' }, h('h2', {}, m['web.jobs']()), empty, list));
  document.querySelector('header.site .account')?.replaceChildren(rulesButton, ...(signOutButton ? [signOutButton] : []));
}

const loadConfig = async (): Promise<WebConfig> => (await (await fetch('config.json', UNCACHED)).json()) as WebConfig;

/**
 * The local page's token, renewed from `/config.json` when the API refuses it: `report-press dev`
 * makes a new one at every start, and a page left open across a restart must keep working.
 */
function localToken(first: string): ApiClientOptions {
  let token = first;
  let renewing: Promise<boolean> | undefined;
  return {
    token: () => token,
    renewToken(stale) {
      // Several requests refused at once share one renewal; one refused before it is renewed already.
      if (stale !== token) return Promise.resolve(true);
      renewing ??= loadConfig()
        .then((config) => {
          const fresh = config.auth.kind === 'local' ? config.auth.token : undefined;
          if (fresh === undefined || fresh === token) return false;
          token = fresh;
          return true;
        })
        .catch(() => false)
        .finally(() => (renewing = undefined));
      return renewing;
    },
  };
}

async function main(): Promise<void> {
  document.documentElement.lang = Lang.ZhCN;
  document.title = m['web.title']();
  const root = document.getElementById('app') as HTMLElement;
  document.body.prepend(h('header', { class: 'site' }, h('div', {}, h('h1', {}, m['web.heading']()), h('p', { class: 'lead' }, m['web.lead']())), h('div', { class: 'account' })));
  root.replaceChildren(h('p', { class: 'muted' }, m['web.loading']()));
  const config = await loadConfig();
  if (config.auth.kind === 'local') {
    const tokens = localToken(config.auth.token);
    app(root, apiClient(config.api, tokens), proofApi(config.api, tokens), undefined);
    return;
  }
  const cognito = { region: config.auth.region, clientId: config.auth.clientId };
  const session = savedSession() ?? (await signInForm(root, cognito));
  const signedIn = { token: () => session.idToken };
  app(root, apiClient(config.api, signedIn), proofApi(config.api, signedIn), () => {
    sessionStorage.removeItem(SESSION_KEY);
    location.reload();
  });
}

void main();
