/**
 * The work of each stage as a pure step: the source object's key and bytes in, the objects to write
 * out. Handlers (functions/) do the reading and writing; the steps call the same lib/convert.ts
 * stages as `report-press convert`, so both produce the same bytes.
 */
import {
  cleanStage,
  encodeJson,
  removalLog,
  renderStage,
  splitStage,
  type CleanStageOptions,
  type DocumentFormat,
  type RenderStageOptions,
  type SplitStageOptions,
} from '../convert.js';
import type { Manifest } from '../convert.js';
import { cleanedKey, documentKey, documentPath, inputFileName, manifestKey, parseReportKey, pathOfCleanedKey, reportKey } from './keys.js';
import { BucketRole } from './stages.js';
import { WorkItemError, decodeCleanedItem, decodeReportItem, type CleanedItem, type ReportItem } from './work-items.js';

/** The object that triggered a stage. */
export interface StepInput {
  /** Decoded key in the stage's source bucket. */
  readonly key: string;
  readonly bytes: Uint8Array;
}

/** One object to write. Keys are deterministic, so writing them again changes nothing. */
export interface ObjectWrite {
  readonly bucket: BucketRole;
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType: string;
}

/** Figures worth a log field or a metric. */
export interface StepFacts {
  readonly reports?: number;
  readonly removals?: number;
  readonly charactersRemoved?: number;
  readonly bytesWritten?: number;
}

export interface StepResult {
  /** Written in order; the last write is the one that tells users the step is done. */
  readonly writes: readonly ObjectWrite[];
  readonly facts: StepFacts;
}

export type StageStep = (input: StepInput) => Promise<StepResult>;

export const ContentType = {
  Json: 'application/json; charset=utf-8',
  Docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  Pdf: 'application/pdf',
} as const;

const totalBytes = (writes: readonly ObjectWrite[]): number => writes.reduce((n, w) => n + w.body.byteLength, 0);

/** Clean: input `<path>.txt` → work `cleaned/<path>.json`. Throws InputError for unusable input. */
export function cleanStep(options: CleanStageOptions = {}): StageStep {
  return async ({ key, bytes }) => {
    const cleaned = cleanStage(bytes, inputFileName(key), options);
    const item: CleanedItem = { inputKey: key, cleaned };
    const writes = [{ bucket: BucketRole.Work, key: cleanedKey(documentPath(key)), body: encodeJson(item), contentType: ContentType.Json }];
    const charactersRemoved = cleaned.removals.reduce((n, r) => n + r.text.length, 0);
    return { writes, facts: { removals: cleaned.removals.length, charactersRemoved, bytesWritten: totalBytes(writes) } };
  };
}

/**
 * Split: work `cleaned/<path>.json` → work `reports/<path>/NN.json` per report, then the output
 * manifest last, so that once users see the manifest every report is on its way to rendering.
 */
export function splitStep(options: SplitStageOptions = {}): StageStep {
  return async ({ key, bytes }) => {
    const path = pathOfCleanedKey(key);
    if (path === undefined) throw new WorkItemError(`"${key}" is not a cleaned-text key (cleaned/<path>.json)`);
    const { inputKey, cleaned } = decodeCleanedItem(bytes);
    const { reports, manifest } = splitStage(cleaned, options);
    const writes: ObjectWrite[] = reports.map((report, i) => {
      const entry = manifest.reports[i] as Manifest['reports'][number];
      const item: ReportItem = { inputKey, index: entry.index, docx: entry.docx, pdf: entry.pdf, report };
      return { bucket: BucketRole.Work, key: reportKey(path, entry.index), body: encodeJson(item), contentType: ContentType.Json };
    });
    writes.push({ bucket: BucketRole.Output, key: documentKey(path, manifest.cleaning.log), body: encodeJson(removalLog(cleaned)), contentType: ContentType.Json });
    writes.push({ bucket: BucketRole.Output, key: manifestKey(path), body: encodeJson(manifest), contentType: ContentType.Json });
    return {
      writes,
      facts: {
        reports: reports.length,
        removals: manifest.cleaning.removals,
        charactersRemoved: manifest.cleaning.charactersRemoved,
        bytesWritten: totalBytes(writes),
      },
    };
  };
}

/** Render: work `reports/<path>/NN.json` → output `<path>/NN-<title>.<format>`. */
export function renderStep(format: DocumentFormat, options: () => RenderStageOptions): StageStep {
  return async ({ key, bytes }) => {
    const parsed = parseReportKey(key);
    if (!parsed) throw new WorkItemError(`"${key}" is not a report key (reports/<path>/NN.json)`);
    const item = decodeReportItem(bytes);
    const body = await renderStage(item.report, format, options());
    const fileName = format === 'docx' ? item.docx : item.pdf;
    const contentType = format === 'docx' ? ContentType.Docx : ContentType.Pdf;
    const writes = [{ bucket: BucketRole.Output, key: documentKey(parsed.path, fileName), body, contentType }];
    return { writes, facts: { reports: 1, bytesWritten: body.byteLength } };
  };
}
