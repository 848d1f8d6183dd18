/**
 * The stage table: the one description of the event-driven chain. The CDK stack builds its
 * functions, triggers and permissions from it, and the local dev runner routes events with it, so
 * the chain that runs on this machine is the chain that is deployed.
 */
import { CORRECTIONS_SUFFIX, USER_RULES_NAME } from '../corrections/file-names.js';

/** The three buckets, by role. Actual names come from the deployment (CDK) or the dev server. */
export const BucketRole = {
  /** Users write `.txt` and `.docx` files here; nothing in the chain ever writes to it. */
  Input: 'input',
  /** Private intermediates: cleaned text, one model JSON per report, each upload's job facts. */
  Work: 'work',
  /** Users read status, documents, manifests and error records here; only the publisher writes it. */
  Output: 'output',
} as const;
export type BucketRole = (typeof BucketRole)[keyof typeof BucketRole];

export const StageName = {
  Clean: 'clean',
  Split: 'split',
  RenderDocx: 'render-docx',
  RenderPdf: 'render-pdf',
  Publish: 'publish',
  RecordFailure: 'record-failure',
  Sweep: 'sweep',
} as const;
export type StageName = (typeof StageName)[keyof typeof StageName];

/** How a stage hears about its work. */
export const TriggerKind = {
  /** An S3 event notification straight to the function (one consumer per event). */
  Notification: 's3-notification',
  /** S3 → EventBridge → one rule target per function, so one object can reach several stages. */
  EventBridge: 'eventbridge',
  /**
   * Another stage's invocation that failed on every retry: on AWS its Lambda on-failure
   * destination (EventBridge) routes the invocation record here; locally the dev runner does.
   */
  StageFailure: 'stage-failure',
  /** A clock: an EventBridge schedule on AWS, a timer in the dev runner. */
  Schedule: 'schedule',
} as const;
export type TriggerKind = (typeof TriggerKind)[keyof typeof TriggerKind];

/** What happened to an object: the S3 event types the chain listens to. */
export const ObjectEvent = { Created: 'created', Removed: 'removed' } as const;
export type ObjectEvent = (typeof ObjectEvent)[keyof typeof ObjectEvent];

/** Objects in `bucket` with a key starting `prefix` and ending `suffix`. */
export interface ObjectFilter {
  readonly bucket: BucketRole;
  readonly prefix: string;
  readonly suffix: string;
}

/** A stage reacting to objects being created (or removed) under a filter. */
export interface ObjectTrigger extends ObjectFilter {
  readonly kind: typeof TriggerKind.Notification | typeof TriggerKind.EventBridge;
  readonly event: ObjectEvent;
  /** True when these events wait in the stage's queue (its `queue`) and come in batches; otherwise each invokes the stage at once. */
  readonly queued?: boolean;
}

/** A stage reacting to invocations of other stages that failed on every retry. */
export interface FailureTrigger {
  readonly kind: typeof TriggerKind.StageFailure;
  readonly stages: readonly StageName[];
}

/** A stage run every `everyMinutes` minutes, whatever happens to objects. */
export interface ScheduleTrigger {
  readonly kind: typeof TriggerKind.Schedule;
  readonly everyMinutes: number;
}

export type StageTrigger = ObjectTrigger | FailureTrigger | ScheduleTrigger;

/** Objects a stage reads, writes or deletes: `keyPattern` is an IAM-style pattern where `*` matches any characters. */
export interface ObjectTarget {
  readonly bucket: BucketRole;
  readonly keyPattern: string;
}

/**
 * How a stage takes its object events when they wait in a queue first: in batches, as an SQS
 * queue's event source mapping hands them to Lambda. The CDK stack builds the queue and the mapping
 * from these figures; the dev runner batches the same way.
 */
export interface StageQueue {
  /** Most events in one invocation. */
  readonly batchSize: number;
  /** How long the first event of a batch waits for more before the batch goes, in seconds. */
  readonly batchWindowSeconds: number;
  /** Invocations at once, at most (the mapping's maximum concurrency: 2 at least on AWS). */
  readonly maxConcurrency: number;
  /** Receives of an event before it goes to the stage's dead-letter queue (the queue's redrive). */
  readonly maxReceives: number;
}

export interface StageDefinition {
  readonly name: StageName;
  readonly description: string;
  readonly triggers: readonly StageTrigger[];
  /** Everything the stage may read (GET, HEAD); the deployment grants exactly these. */
  readonly reads: readonly ObjectTarget[];
  /** Buckets the stage lists (and where a HEAD of a missing key must answer 404, not 403). */
  readonly lists: readonly BucketRole[];
  /** Everything the stage may write. */
  readonly targets: readonly ObjectTarget[];
  /** Everything the stage may delete. */
  readonly deletes: readonly ObjectTarget[];
  /** True for the stage that announces finished jobs on the default EventBridge bus. */
  readonly publishesJobEvents: boolean;
  /**
   * What limits the stage: `cpu` (rendering, cleaning) or `io` (S3 requests only). The local runner
   * runs more invocations of an I/O-bound stage at once; on AWS each invocation has its own CPU anyway.
   */
  readonly bound: 'cpu' | 'io';
  /** The Lambda entry module, relative to the project root. */
  readonly entry: string;
  /**
   * Present when some of the stage's object events (its triggers marked `queued`) wait in a queue
   * and come in batches; any other event invokes the stage on its own (asynchronous invocation,
   * retried by Lambda).
   */
  readonly queue?: StageQueue;
}

/** The publisher's tally of the documents it has heard of, in each job folder (job-progress.ts). */
export const TALLY = 'tally.json';

/** The uploads the chain converts: plain text, and Word documents (.docx, read by the clean stage). */
export const InputSuffix = { Text: '.txt', Docx: '.docx' } as const;
export type InputSuffix = (typeof InputSuffix)[keyof typeof InputSuffix];
const INPUT_SUFFIXES: readonly InputSuffix[] = Object.values(InputSuffix);

/**
 * True for a key the chain converts by its name: ending in `.txt` or `.docx`, in lower case, as
 * S3's event filters compare suffixes (`REPORT.TXT` never reaches the chain).
 */
export function isInputKey(key: string): boolean {
  return INPUT_SUFFIXES.some((suffix) => key.endsWith(suffix));
}

/** Key prefixes inside the work bucket. */
export const WorkPrefix = {
  Cleaned: 'cleaned/',
  Reports: 'reports/',
  /** One folder per upload with the facts the publisher decides from (see publish.ts). */
  Jobs: 'jobs/',
} as const;

/** What a stage that cannot go on records: `jobs/<path>/<version>/error.json` in the work bucket. */
const jobError: ObjectTarget = { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Jobs}*/error.json` };

/** What users read in the output bucket; only the publisher writes or deletes it. */
const published: readonly ObjectTarget[] = [
  { bucket: BucketRole.Output, keyPattern: '*/manifest.json' },
  { bucket: BucketRole.Output, keyPattern: '*/status.json' },
  { bucket: BucketRole.Output, keyPattern: '*/error.json' },
  { bucket: BucketRole.Output, keyPattern: '*/removals.json' },
  { bucket: BucketRole.Output, keyPattern: '*.docx' },
  { bucket: BucketRole.Output, keyPattern: '*.pdf' },
];

/** Every upload the chain converts, to read (GET, HEAD). */
const inputReads = (): ObjectTarget[] => INPUT_SUFFIXES.map((suffix) => ({ bucket: BucketRole.Input, keyPattern: `*${suffix}` }));

const renderTargets = (format: 'docx' | 'pdf'): ObjectTarget[] => [
  { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Jobs}*.${format}` },
  { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Jobs}*.${format}.warnings.json` },
  jobError,
];

/**
 * The chain: clean → split → render (DOCX and PDF in parallel from the same work object), each
 * recording facts in the upload's job folder; the publisher turns the facts into what users see
 * (status, then documents and manifest, or the error record), and record-failure turns an
 * invocation that failed on every retry into a fact too. The sweep, on a clock, ends the jobs that
 * nothing moves any more.
 */
export const STAGES: readonly StageDefinition[] = [
  {
    name: StageName.Clean,
    description: 'Decode (or read as a Word document) and clean an upload; keep the removal log.',
    triggers: INPUT_SUFFIXES.map((suffix): ObjectTrigger => ({ kind: TriggerKind.Notification, event: ObjectEvent.Created, bucket: BucketRole.Input, prefix: '', suffix })),
    // Beside the upload: its corrections, and the rules of the user whose prefix it is under.
    // Listing lets a GET of a missing one answer 404 (most uploads have neither).
    reads: [
      ...inputReads(),
      { bucket: BucketRole.Input, keyPattern: `*${CORRECTIONS_SUFFIX}` },
      { bucket: BucketRole.Input, keyPattern: `users/*/${USER_RULES_NAME}` },
    ],
    lists: [BucketRole.Input],
    targets: [
      { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Cleaned}*` },
      { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Jobs}*/input.json` },
      { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Jobs}*/removals.json` },
      jobError,
    ],
    deletes: [],
    publishesJobEvents: false,
    bound: 'cpu',
    entry: 'functions/clean.ts',
  },
  {
    name: StageName.Split,
    description: 'Split cleaned text into reports; describe them for the publisher.',
    triggers: [{ kind: TriggerKind.Notification, event: ObjectEvent.Created, bucket: BucketRole.Work, prefix: WorkPrefix.Cleaned, suffix: '.json' }],
    reads: [{ bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Cleaned}*.json` }],
    lists: [],
    targets: [
      { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Reports}*` },
      { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Jobs}*/plan.json` },
      { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Jobs}*/manifest.json` },
      // The split of a compilation too large for one invocation goes on in another (keys.ts splitContinuationKey).
      { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Cleaned}*.from-*.json` },
      jobError,
    ],
    deletes: [],
    publishesJobEvents: false,
    bound: 'cpu',
    entry: 'functions/split.ts',
  },
  {
    name: StageName.RenderDocx,
    description: 'Render one report to DOCX.',
    triggers: [{ kind: TriggerKind.EventBridge, event: ObjectEvent.Created, bucket: BucketRole.Work, prefix: WorkPrefix.Reports, suffix: '.json' }],
    reads: [{ bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Reports}*.json` }],
    lists: [],
    targets: renderTargets('docx'),
    deletes: [],
    publishesJobEvents: false,
    bound: 'cpu',
    entry: 'functions/render-docx.ts',
  },
  {
    name: StageName.RenderPdf,
    description: 'Render one report to PDF with the bundled fonts.',
    triggers: [{ kind: TriggerKind.EventBridge, event: ObjectEvent.Created, bucket: BucketRole.Work, prefix: WorkPrefix.Reports, suffix: '.json' }],
    reads: [{ bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Reports}*.json` }],
    lists: [],
    targets: renderTargets('pdf'),
    deletes: [],
    publishesJobEvents: false,
    bound: 'cpu',
    entry: 'functions/render-pdf.ts',
  },
  {
    name: StageName.Publish,
    description: 'Publish status, documents and manifest of the current upload; remove outputs of deleted inputs.',
    // The facts that change what users see; split's draft manifest and removal log come before its
    // plan, and a renderer's warnings before its document, so those need no invocation of their own.
    // The upload itself too: the job shows running at once, and a key the chain refuses (keys.ts
    // checkInputKey) gets its failed status although no stage records a fact for it.
    triggers: [
      // The facts come in batches (see `queue`); an upload or a removal settles at once, so that a
      // new upload shows running (and an old "done" goes) as soon as it lands.
      ...['/input.json', '/plan.json', '/error.json', '.docx', '.pdf'].map(
        (suffix): ObjectTrigger => ({ kind: TriggerKind.EventBridge, event: ObjectEvent.Created, bucket: BucketRole.Work, prefix: WorkPrefix.Jobs, suffix, queued: true }),
      ),
      ...INPUT_SUFFIXES.map((suffix): ObjectTrigger => ({ kind: TriggerKind.EventBridge, event: ObjectEvent.Created, bucket: BucketRole.Input, prefix: '', suffix })),
      ...INPUT_SUFFIXES.map((suffix): ObjectTrigger => ({ kind: TriggerKind.Notification, event: ObjectEvent.Removed, bucket: BucketRole.Input, prefix: '', suffix })),
    ],
    reads: [
      ...inputReads(),
      { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Jobs}*` },
      { bucket: BucketRole.Output, keyPattern: '*/status.json' },
      // What a count of documents must not leave in sight of a running status (job-progress.ts).
      { bucket: BucketRole.Output, keyPattern: '*/manifest.json' },
      { bucket: BucketRole.Output, keyPattern: '*/error.json' },
    ],
    lists: [BucketRole.Input, BucketRole.Work, BucketRole.Output],
    // Its own tally of the documents announced (job-progress.ts), which no trigger listens to.
    targets: [...published, { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Jobs}*/${TALLY}` }],
    deletes: published,
    publishesJobEvents: true,
    bound: 'io',
    entry: 'functions/publish.ts',
    // One settle per burst of facts instead of one per fact: a compilation of N reports records
    // 2N documents, and each settle of the whole job folder reads all of them (docs/chain.md).
    // Only the triggers marked `queued` use it.
    queue: { batchSize: 100, batchWindowSeconds: 1, maxConcurrency: 4, maxReceives: 3 },
  },
  {
    name: StageName.RecordFailure,
    description: "Record a stage that failed on every retry as the job's error, so the job ends failed.",
    // Not the publisher's: its events wait in a queue, whose redrive parks a failing one in the
    // dead-letter queue, and the sweep ends the job; a publisher that failed has no fact to record.
    triggers: [{ kind: TriggerKind.StageFailure, stages: [StageName.Clean, StageName.Split, StageName.RenderDocx, StageName.RenderPdf] }],
    reads: inputReads(),
    lists: [BucketRole.Input],
    targets: [jobError],
    deletes: [],
    publishesJobEvents: false,
    bound: 'io',
    entry: 'functions/record-failure.ts',
  },
  {
    name: StageName.Sweep,
    description: 'Settle every job without progress for the stall time, and fail it STALLED if it still runs; put Job Finished events still owed.',
    // Nothing else bounds a job's life: a lost S3 or EventBridge event, or a record-failure that
    // failed too, would leave it running. The sweep runs the publisher's own settling.
    triggers: [{ kind: TriggerKind.Schedule, everyMinutes: 10 }],
    reads: [
      ...inputReads(),
      { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Jobs}*` },
      { bucket: BucketRole.Output, keyPattern: '*/status.json' },
    ],
    lists: [BucketRole.Input, BucketRole.Work, BucketRole.Output],
    targets: [...published, jobError],
    deletes: published,
    publishesJobEvents: true,
    bound: 'io',
    entry: 'functions/sweep.ts',
  },
];

/** The stage called `name`. */
export function stageNamed(name: StageName): StageDefinition {
  const stage = STAGES.find((s) => s.name === name);
  if (!stage) throw new Error(`no stage named "${name}" in the stage table`);
  return stage;
}

/** The stage's object triggers (not its failure or schedule triggers). */
export function objectTriggers(stage: StageDefinition): ObjectTrigger[] {
  return stage.triggers.filter((t): t is ObjectTrigger => t.kind === TriggerKind.Notification || t.kind === TriggerKind.EventBridge);
}

/** The stage's schedule, if it runs on a clock. */
export function scheduleOf(stage: StageDefinition): ScheduleTrigger | undefined {
  return stage.triggers.find((t): t is ScheduleTrigger => t.kind === TriggerKind.Schedule);
}

/** True when the (decoded) key of an object in a bucket of this role passes the filter. */
export function filterMatches(filter: ObjectFilter, bucket: BucketRole, key: string): boolean {
  return (
    filter.bucket === bucket &&
    key.length >= filter.prefix.length + filter.suffix.length &&
    key.startsWith(filter.prefix) &&
    key.endsWith(filter.suffix)
  );
}

/** The trigger through which an object event reaches `stage`, if any. */
export function triggerFor(stage: StageDefinition, bucket: BucketRole, key: string, event: ObjectEvent = ObjectEvent.Created): ObjectTrigger | undefined {
  return objectTriggers(stage).find((t) => t.event === event && filterMatches(t, bucket, key));
}

/** True when an object event with this (decoded) key in a bucket of this role triggers `stage`. */
export function stageListensTo(stage: StageDefinition, bucket: BucketRole, key: string, event: ObjectEvent = ObjectEvent.Created): boolean {
  return triggerFor(stage, bucket, key, event) !== undefined;
}

/** The stages an object event triggers, in table order. */
export function stagesTriggeredBy(
  bucket: BucketRole,
  key: string,
  event: ObjectEvent = ObjectEvent.Created,
  stages: readonly StageDefinition[] = STAGES,
): StageDefinition[] {
  return stages.filter((stage) => stageListensTo(stage, bucket, key, event));
}

/** The stages that take over when an invocation of `failed` fails on every retry. */
export function stagesHandlingFailureOf(failed: StageName, stages: readonly StageDefinition[] = STAGES): StageDefinition[] {
  return stages.filter((stage) => stage.triggers.some((t) => t.kind === TriggerKind.StageFailure && t.stages.includes(failed)));
}

/** The IAM-style pattern of the keys a trigger reacts to, e.g. `cleaned/*.json`. */
export function triggerKeyPattern(trigger: ObjectFilter): string {
  return `${trigger.prefix}*${trigger.suffix}`;
}

/** True when `key` matches the IAM-style `pattern` (`*` = any characters, everything else literal). */
export function keyMatchesPattern(key: string, pattern: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return key === pattern;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (key.length < first.length + last.length || !key.startsWith(first) || !key.endsWith(last)) return false;
  // Middle literals must appear in order between the fixed ends.
  let at = first.length;
  const end = key.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = key.indexOf(middle, at);
    if (found < 0 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}

const allows = (targets: readonly ObjectTarget[], bucket: BucketRole, key: string) =>
  targets.some((t) => t.bucket === bucket && keyMatchesPattern(key, t.keyPattern));

/** True when the deployed stage is allowed to write `key` into the bucket of role `bucket`. */
export function stageMayWrite(stage: StageDefinition, bucket: BucketRole, key: string): boolean {
  return allows(stage.targets, bucket, key);
}

/** True when the deployed stage is allowed to delete `key` from the bucket of role `bucket`. */
export function stageMayDelete(stage: StageDefinition, bucket: BucketRole, key: string): boolean {
  return allows(stage.deletes, bucket, key);
}

/** True when the deployed stage is allowed to read (GET, HEAD) `key` in the bucket of role `bucket`. */
export function stageMayRead(stage: StageDefinition, bucket: BucketRole, key: string): boolean {
  return allows(stage.reads, bucket, key);
}

/** True when the deployed stage is allowed to list the bucket of role `bucket`. */
export function stageMayList(stage: StageDefinition, bucket: BucketRole): boolean {
  return stage.lists.includes(bucket);
}

/**
 * True when some key could match both patterns (`*` = any characters). Used to prove that no stage
 * writes where a trigger listens, which would make the chain call itself.
 */
export function keyPatternsOverlap(a: string, b: string): boolean {
  const literalPrefix = (p: string) => p.split('*')[0] ?? '';
  const literalSuffix = (p: string) => (p.includes('*') ? (p.split('*').pop() ?? '') : p);
  const pa = literalPrefix(a);
  const pb = literalPrefix(b);
  const sa = literalSuffix(a);
  const sb = literalSuffix(b);
  const prefixesAgree = pa.startsWith(pb) || pb.startsWith(pa);
  const suffixesAgree = sa.endsWith(sb) || sb.endsWith(sa);
  return prefixesAgree && suffixesAgree;
}
