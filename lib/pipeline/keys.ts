/**
 * Object keys of the chain. Every key is derived from the input key alone, so a retried or
 * duplicated event rewrites the same objects and never creates extras.
 *
 * `<path>` is the input key without its extension: input `2024/report.txt` → output
 * `2024/report/manifest.json`, `2024/report/01-<title>.docx` …, the layout `report-press convert`
 * writes under its output folder.
 */
import { MANIFEST, sourceStem } from '../convert.js';
import { StageName, WorkPrefix } from './stages.js';

/** The document path of an input key: the key without the extension of its last segment. */
export function documentPath(inputKey: string): string {
  const slash = inputKey.lastIndexOf('/');
  return inputKey.slice(0, slash + 1) + sourceStem(inputKey.slice(slash + 1));
}

/** The input's file name without folders, as the CLI records it in the manifest (`report.txt`). */
export function inputFileName(inputKey: string): string {
  return inputKey.slice(inputKey.lastIndexOf('/') + 1);
}

/** Work bucket: the cleaned text and removal log of one input. */
export function cleanedKey(path: string): string {
  return `${WorkPrefix.Cleaned}${path}.json`;
}

/** Work bucket: the model of report `index` (1-based) of one input. */
export function reportKey(path: string, index: number): string {
  return `${WorkPrefix.Reports}${path}/${String(index).padStart(2, '0')}.json`;
}

/** Output bucket: the manifest, the same file `report-press convert` writes. */
export function manifestKey(path: string): string {
  return `${path}/${MANIFEST}`;
}

/** Output bucket: a document named as in the manifest (`01-<title>.docx`). */
export function documentKey(path: string, fileName: string): string {
  return `${path}/${fileName}`;
}

/** Output bucket: why an input could not be converted. */
export function errorKey(path: string): string {
  return `${path}/error.json`;
}

/** The document path of a cleaned-text key (`cleaned/<path>.json`), or `undefined` if it is not one. */
export function pathOfCleanedKey(key: string): string | undefined {
  const match = /^cleaned\/(.+)\.json$/.exec(key);
  return match?.[1];
}

/** The document path and report index of a report key (`reports/<path>/NN.json`). */
export function parseReportKey(key: string): { readonly path: string; readonly index: number } | undefined {
  const match = /^reports\/(.+)\/(\d+)\.json$/.exec(key);
  if (!match?.[1] || !match[2]) return undefined;
  return { path: match[1], index: Number(match[2]) };
}

/**
 * The document path a stage's source key belongs to, where its error record goes. Falls back to
 * the key itself for a key the stage does not expect, so the record still lands somewhere visible.
 */
export function documentPathForStage(stage: StageName, sourceKey: string): string {
  switch (stage) {
    case StageName.Clean:
      return documentPath(sourceKey);
    case StageName.Split:
      return pathOfCleanedKey(sourceKey) ?? sourceKey;
    case StageName.RenderDocx:
    case StageName.RenderPdf:
      return parseReportKey(sourceKey)?.path ?? sourceKey;
  }
}
