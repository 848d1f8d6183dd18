/**
 * English messages of corrections and user rules (lib/corrections): the refusals of a corrections
 * or rules document, the warnings of a conversion that applied them, and the proofread view's
 * words. Spread into en.ts; zh-CN has the same keys (corrections-zh-CN.ts).
 */
import type { CorrectionOp } from '../corrections/corrections-document.js';
import type { DropReason } from '../corrections/correction-outcomes.js';
import type { UserRuleKind } from '../corrections/user-rules.js';

const kib = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

/** What each operation does, as a short phrase. */
export const OP_NAMES_EN: Readonly<Record<CorrectionOp, string>> = {
  'restore-cut': 'restore a cut',
  'remove-lines': 'remove a passage',
  'start-report': 'start a report',
  'join-report': 'join to the report before',
  'set-title': 'rename a report',
};

const WHY_EN: Readonly<Record<DropReason, string>> = {
  stale: 'the input no longer holds its text at that place',
  'cut-gone': 'that text is no longer cut',
  'not-in-report': 'the line is in no report’s text',
  'already-starts': 'the line already opens a report',
  'no-text-above': 'the report above would keep nothing but its title',
  'first-report': 'there is no report before it',
  'not-report-start': 'the line does not open a report',
};

/** How a user rule matches, as a phrase. */
export const RULE_KINDS_EN: Readonly<Record<UserRuleKind, string>> = {
  phrase: 'the phrase',
  'line-starts-with': 'lines starting with',
  'line-ends-with': 'lines ending with',
};

/**
 * The facts of a corrections or rules file the chain could not use: the refusal's code and its
 * params (a manifest warning stores them, so any language can word the reason).
 */
export interface UnusableFile {
  readonly code?: string;
  readonly reason?: string;
  readonly bytes?: number;
  readonly limit?: number;
  readonly where?: string;
  readonly problem?: string;
  readonly count?: number;
  readonly first?: string;
  readonly second?: string;
  readonly phrase?: string;
  readonly min?: number;
  readonly max?: number;
}

/** The sentence of the refusal an {@link UnusableFile} names, from `table`; its `reason` when the code is not one of them. */
export function unusableReason(table: Readonly<Record<string, unknown>>, p: UnusableFile): string {
  const refusal = p.code !== undefined && Object.hasOwn(table, p.code) ? (table[p.code] as (params: UnusableFile) => string) : undefined;
  return refusal ? refusal(p) : (p.reason ?? p.code ?? '');
}

export const correctionsEn = {
  // ── Corrections documents refused (lib/corrections/corrections-document.ts CorrectionsErrorCode) ──
  CORRECTIONS_TOO_LARGE: (p: { bytes: number; limit: number }) =>
    `the corrections are ${kib(p.bytes)}, over the ${kib(p.limit)} limit; they are a list of changes, not the text: fewer changes at a time`,
  CORRECTIONS_NOT_JSON: () => 'the corrections file is not UTF-8 JSON; save it again from the proofread view',
  CORRECTIONS_MALFORMED: (p: { where: string; problem: string }) => `the corrections file is not in the expected form: ${p.where} ${p.problem}`,
  CORRECTIONS_TOO_MANY: (p: { count: number; limit: number }) => `${p.count} corrections are more than the ${p.limit} one file holds; apply some, then make the rest`,
  CORRECTIONS_OVERLAP: (p: { first: string; second: string }) =>
    `corrections ${p.first} and ${p.second} change the same text; undo one of them and apply again`,
  CORRECTIONS_ANCHOR: (p: { id: string; line: number }) =>
    `correction ${p.id} names text the input does not hold at line ${p.line}; reopen the proofread view and make it again`,
  CORRECTIONS_INPUT_CHANGED: () => 'the job’s input has changed since these corrections were made; wait for it to finish, reopen the proofread view and make them again',
  CORRECTIONS_NO_INPUT: (p: { jobId: string }) => `job ${p.jobId} has no input to correct; upload the file first`,
  // ── User rules refused (lib/corrections/user-rules.ts UserRulesErrorCode) ──
  RULES_TOO_LARGE: (p: { bytes: number; limit: number }) => `the rules are ${kib(p.bytes)}, over the ${kib(p.limit)} limit; delete rules you no longer need`,
  RULES_NOT_JSON: () => 'the rules file is not UTF-8 JSON',
  RULES_MALFORMED: (p: { where: string; problem: string }) => `the rules file is not in the expected form: ${p.where} ${p.problem}`,
  RULES_TOO_MANY: (p: { count: number; limit: number }) => `${p.count} rules are more than the ${p.limit} allowed; delete rules you no longer need`,
  RULE_PHRASE: (p: { phrase: string; min: number; max: number }) =>
    `“${p.phrase}” cannot be a rule: a phrase is ${p.min} to ${p.max} characters on one line`,
  // ── Warnings (lib/warnings.ts) ──
  CORRECTION_DROPPED: (p: { id?: string; op?: string; why?: string }) =>
    `correction ${p.id ?? ''} (${OP_NAMES_EN[p.op as CorrectionOp] ?? p.op ?? ''}) was not applied: ${WHY_EN[p.why as DropReason] ?? WHY_EN.stale}; reopen the proofread view to check`,
  CORRECTIONS_OTHER_INPUT: (p: { madeFor?: string }) =>
    `the corrections were made on another version of this input (${p.madeFor ?? ''}…); each was applied only where its text still stands`,
  CORRECTIONS_UNUSABLE: (p: UnusableFile) => `the corrections beside the input were not applied: ${unusableReason(correctionsEn, p)}`,
  USER_RULES_UNUSABLE: (p: UnusableFile) => `your own rules were not applied: ${unusableReason(correctionsEn, p)}`,
  // ── The command line ──
  'help.corrections': () => 'apply the corrections in FILE (a proofread view’s <name>.corrections.json) to the one input',
  'help.rules': () => 'apply your own rules in FILE (rules.json: phrases, lines starting or ending with a phrase) to every input',
  'usage.correctionsOneInput': (p: { inputs: number }) => `--corrections belongs to one input, and ${p.inputs} were given; convert that input on its own`,
  /** A corrections or rules file named on the command line that cannot be used: `reason` says why. */
  'cli.unusableFile': (p: { path: string; reason: string }) => `${p.path}: ${p.reason}`,
  // ── The page: proofreading and user rules ──
  'web.userRule': (p: { kind: string; phrase: string }) => `your rule: ${RULE_KINDS_EN[p.kind as UserRuleKind] ?? p.kind} “${p.phrase}”`,
  'web.ruleKind': (p: { kind: string }) => RULE_KINDS_EN[p.kind as UserRuleKind] ?? p.kind,
  'web.op': (p: { op: string }) => OP_NAMES_EN[p.op as CorrectionOp] ?? p.op,
  'web.proofread': () => 'Proofread',
  'web.proofreadTitle': (p: { name: string }) => `Proofread ${p.name}`,
  'web.proofreadHint': () =>
    'The text as the documents show it. Struck-through text was cut: restore it if it is real content. Remove a line the tool left in, start a report at a line, join a report to the one before, or rename it; then apply.',
  'web.beforeFirstReport': () => 'Before the first report',
  'web.reportHeading': (p: { index: number; title: string }) => `Report ${p.index}: ${p.title}`,
  'web.restore': () => 'restore',
  'web.removeLine': () => 'remove line',
  'web.startReport': () => 'start a report here',
  'web.joinReport': () => 'join to the report before',
  'web.rename': () => 'rename',
  'web.renamePrompt': () => 'New title',
  'web.alwaysRemove': () => 'always remove lines like this',
  'web.undo': () => 'undo',
  'web.changes': (p: { count: number }) => (p.count === 1 ? '1 change' : `${p.count} changes`),
  'web.noChanges': () => 'No changes yet.',
  'web.apply': () => 'Apply changes',
  'web.applying': () => 'applying…',
  'web.applied': () => 'Applied: the documents are being made again.',
  'web.close': () => 'Close',
  'web.inputChanged': () => 'The input has changed since this job finished; wait for the new job, then proofread it.',
  'web.restoredMark': () => 'restored',
  'web.removedMark': () => 'removed',
  'web.newReportMark': () => 'new report',
  'web.joinedMark': () => 'joined',
  'web.rules': () => 'My rules',
  'web.rulesHint': () => 'Lines or phrases removed from every file you upload from now on. A phrase is matched exactly as written.',
  'web.rulesNone': () => 'No rules yet: use “always remove lines like this” on a line of a proofread job.',
  'web.addRule': () => 'add',
  'web.saveRules': () => 'Save rules',
  'web.rulesSaved': () => 'Saved: they apply to your next uploads.',
  'web.deleteRule': () => 'delete',
  'web.rulePhrase': () => 'Phrase',
} as const;
