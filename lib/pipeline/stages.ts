/**
 * The stage table: the one description of the event-driven chain. The CDK stack builds its
 * functions, triggers and permissions from it, and the local dev runner routes events with it, so
 * the chain that runs on this machine is the chain that is deployed.
 */

/** The three buckets, by role. Actual names come from the deployment (CDK) or the dev server. */
export const BucketRole = {
  /** Users write `.txt` files here; nothing in the chain ever writes to it. */
  Input: 'input',
  /** Private intermediates: cleaned text and one model JSON per report. */
  Work: 'work',
  /** Users read documents, manifests and error records here. */
  Output: 'output',
} as const;
export type BucketRole = (typeof BucketRole)[keyof typeof BucketRole];

export const StageName = {
  Clean: 'clean',
  Split: 'split',
  RenderDocx: 'render-docx',
  RenderPdf: 'render-pdf',
} as const;
export type StageName = (typeof StageName)[keyof typeof StageName];

/** How a stage hears about new objects. */
export const TriggerKind = {
  /** An S3 event notification straight to the function (one consumer per event). */
  Notification: 's3-notification',
  /** S3 → EventBridge → one rule target per function, so one object can reach several stages. */
  EventBridge: 'eventbridge',
} as const;
export type TriggerKind = (typeof TriggerKind)[keyof typeof TriggerKind];

/** The objects a stage reacts to: created in `bucket` with a key starting `prefix`, ending `suffix`. */
export interface ObjectFilter {
  readonly bucket: BucketRole;
  readonly prefix: string;
  readonly suffix: string;
}

/** Objects a stage writes: `keyPattern` is an IAM-style pattern where `*` matches any characters. */
export interface ObjectTarget {
  readonly bucket: BucketRole;
  readonly keyPattern: string;
}

export interface StageDefinition {
  readonly name: StageName;
  readonly description: string;
  readonly source: ObjectFilter;
  readonly trigger: TriggerKind;
  /** Everything the stage may write; the deployment grants exactly these. */
  readonly targets: readonly ObjectTarget[];
  /** The Lambda entry module, relative to the project root. */
  readonly entry: string;
}

/** Key prefixes inside the work bucket. */
export const WorkPrefix = { Cleaned: 'cleaned/', Reports: 'reports/' } as const;

/** Every stage may record why an input cannot be converted: `<path>/error.json` in the output bucket. */
const errorRecords: ObjectTarget = { bucket: BucketRole.Output, keyPattern: '*/error.json' };

/** The chain: clean → split → render (DOCX and PDF in parallel from the same work object). */
export const STAGES: readonly StageDefinition[] = [
  {
    name: StageName.Clean,
    description: 'Decode and clean an uploaded .txt; keep the removal log.',
    source: { bucket: BucketRole.Input, prefix: '', suffix: '.txt' },
    trigger: TriggerKind.Notification,
    targets: [{ bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Cleaned}*` }, errorRecords],
    entry: 'functions/clean.ts',
  },
  {
    name: StageName.Split,
    description: 'Split cleaned text into reports; publish the removal log and the manifest.',
    source: { bucket: BucketRole.Work, prefix: WorkPrefix.Cleaned, suffix: '.json' },
    trigger: TriggerKind.Notification,
    targets: [
      { bucket: BucketRole.Work, keyPattern: `${WorkPrefix.Reports}*` },
      { bucket: BucketRole.Output, keyPattern: '*/removals.json' },
      { bucket: BucketRole.Output, keyPattern: '*/manifest.json' },
      errorRecords,
    ],
    entry: 'functions/split.ts',
  },
  {
    name: StageName.RenderDocx,
    description: 'Render one report to DOCX.',
    source: { bucket: BucketRole.Work, prefix: WorkPrefix.Reports, suffix: '.json' },
    trigger: TriggerKind.EventBridge,
    targets: [{ bucket: BucketRole.Output, keyPattern: '*.docx' }, errorRecords],
    entry: 'functions/render-docx.ts',
  },
  {
    name: StageName.RenderPdf,
    description: 'Render one report to PDF with the bundled fonts.',
    source: { bucket: BucketRole.Work, prefix: WorkPrefix.Reports, suffix: '.json' },
    trigger: TriggerKind.EventBridge,
    targets: [{ bucket: BucketRole.Output, keyPattern: '*.pdf' }, errorRecords],
    entry: 'functions/render-pdf.ts',
  },
];

/** The stage called `name`. */
export function stageNamed(name: StageName): StageDefinition {
  const stage = STAGES.find((s) => s.name === name);
  if (!stage) throw new Error(`no stage named "${name}" in the stage table`);
  return stage;
}

/** True when a created object with this (decoded) key in a bucket of this role triggers `stage`. */
export function stageListensTo(stage: StageDefinition, bucket: BucketRole, key: string): boolean {
  const { source } = stage;
  return (
    source.bucket === bucket &&
    key.length >= source.prefix.length + source.suffix.length &&
    key.startsWith(source.prefix) &&
    key.endsWith(source.suffix)
  );
}

/** The stages a created object triggers, in table order. */
export function stagesTriggeredBy(bucket: BucketRole, key: string, stages: readonly StageDefinition[] = STAGES): StageDefinition[] {
  return stages.filter((stage) => stageListensTo(stage, bucket, key));
}

/** The IAM-style pattern of the keys a stage reads, e.g. `cleaned/*.json`. */
export function sourceKeyPattern(stage: StageDefinition): string {
  return `${stage.source.prefix}*${stage.source.suffix}`;
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

/** True when the deployed stage is allowed to write `key` into the bucket of role `bucket`. */
export function stageMayWrite(stage: StageDefinition, bucket: BucketRole, key: string): boolean {
  return stage.targets.some((t) => t.bucket === bucket && keyMatchesPattern(key, t.keyPattern));
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
