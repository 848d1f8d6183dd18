import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { cleanStage, completeManifest, digestOf, DocumentFormat, encodeJson, MANIFEST, removalLog, renderStage, sourceStem, splitStage, staleDocuments, type Manifest } from '../lib/convert.js';
import { isInputError } from '../lib/errors.js';
import { PROFILES, type ProfileId } from '../lib/render/style.js';
import type { Progress } from './progress.js';
import { fontLibrary } from './fonts.js';
import { writeFilesAtomically, type OutputFile } from './write-files.js';

export interface ConvertCommandOptions {
  readonly out: string;
  readonly profile: ProfileId;
  readonly formats: readonly DocumentFormat[];
  /** Largest accepted input in bytes. */
  readonly maxBytes: number;
}

/** What happened to one input. */
export type InputOutcome =
  | { readonly input: string; readonly ok: true; readonly folder: string; readonly manifest: Manifest; readonly seconds: number }
  | { readonly input: string; readonly ok: false; readonly reason: string; readonly code: string };

/** The manifest as written: a format that was not asked for (`--format`) is listed as null. */
function writtenManifest(manifest: Manifest, formats: readonly DocumentFormat[]): unknown {
  if (Object.values(DocumentFormat).every((f) => formats.includes(f))) return manifest;
  return {
    ...manifest,
    reports: manifest.reports.map((r) => ({
      ...r,
      docx: formats.includes(DocumentFormat.Docx) ? r.docx : null,
      pdf: formats.includes(DocumentFormat.Pdf) ? r.pdf : null,
    })),
  };
}

/**
 * Converts one input file into `out/<stem>/`: documents first, manifest last. Bad input is reported
 * as a failed outcome (nothing written); anything unexpected propagates.
 */
export async function convertFile(input: string, options: ConvertCommandOptions, progress: Progress): Promise<InputOutcome> {
  const started = performance.now();
  const source = basename(input);
  let bytes: Uint8Array;
  try {
    const info = await stat(input);
    if (!info.isFile()) return { input, ok: false, code: 'NOT_A_FILE', reason: 'not a regular file' };
    bytes = await readFile(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'READ_FAILED';
    const reason = code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`;
    return { input, ok: false, code, reason };
  }
  try {
    const profile = PROFILES[options.profile];
    const cleaned = cleanStage(bytes, source, { decode: { maxBytes: options.maxBytes } });
    const { reports, manifest: draft } = splitStage(cleaned, { profile: profile.id });
    progress.addTotal(reports.length);
    // One thread on purpose: a worker thread measured slower and heavier on 2 cores (each thread
    // parses its own fonts and warms up its own JIT), see `npm run bench`.
    const fonts = options.formats.includes(DocumentFormat.Pdf) ? fontLibrary() : undefined;
    const files: OutputFile[] = [];
    for (const [i, report] of reports.entries()) {
      const entry = draft.reports[i]!;
      for (const format of options.formats) {
        files.push({ path: entry[format], bytes: await renderStage(report, format, { profile, fonts }) });
      }
      progress.tick(report.title);
    }
    // The same digests the S3 chain records, so a download from either can be verified.
    const written = new Map(files.map((file) => [file.path, digestOf(file.bytes)]));
    const manifest = completeManifest(draft, { input: digestOf(bytes), document: (index, format) => written.get(draft.reports[index - 1]![format]) });
    files.push({ path: manifest.cleaning.log, bytes: encodeJson(removalLog(cleaned)) });
    files.push({ path: MANIFEST, bytes: encodeJson(writtenManifest(manifest, options.formats)) });
    const folder = join(options.out, sourceStem(source));
    await writeFilesAtomically(folder, files);
    // Only after the new manifest is in place: documents of an earlier, longer version of the input.
    const stale = staleDocuments(await readdir(folder), manifest);
    await Promise.all(stale.map((name) => rm(join(folder, name), { force: true })));
    return { input, ok: true, folder, manifest, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    if (isInputError(error)) return { input, ok: false, code: error.code, reason: error.message };
    throw error;
  }
}
