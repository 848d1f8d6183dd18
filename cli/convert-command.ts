import { readFile, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  cleanStage,
  completeManifest,
  digestOf,
  DocumentFormat,
  encodeJson,
  encodeRemovalLog,
  forEachCut,
  MANIFEST,
  manifestListing,
  renderDocument,
  splitStage,
  staleDocuments,
  type FileDigest,
  type Manifest,
} from '../lib/convert.js';
import { encodeExplanation, EXPLANATION, explanation } from '../lib/explain.js';
import { FileErrorCode, isInputError } from '../lib/errors.js';
import type { MessageParams } from '../lib/messages/index.js';
import { PROFILES, type ProfileId } from '../lib/render/style.js';
import type { ConversionWarning } from '../lib/warnings.js';
import type { CorrectionsDocument } from '../lib/corrections/corrections-document.js';
import type { UserRules } from '../lib/corrections/user-rules.js';
import type { Progress } from './progress.js';
import { fontLibrary } from './fonts.js';
import { commitStaged, discardStaged, isOutputError, makeFolder, stageFile, writeFilesAtomically, type StagedFile } from './write-files.js';

export interface ConvertCommandOptions {
  /** The input's own output folder (`<out>/<name>` or `<out>/<sub>/<name>`). */
  readonly folder: string;
  readonly profile: ProfileId;
  readonly formats: readonly DocumentFormat[];
  /** Largest accepted input in bytes. */
  readonly maxBytes: number;
  /** Author in the documents' properties (`--author`); unset, the renderers' default. */
  readonly author?: string;
  /** Write `explain.json` beside the manifest: the rule of every decision (`--explain`). */
  readonly explain?: boolean;
  /** Corrections of this input (`--corrections`). */
  readonly corrections?: CorrectionsDocument;
  /** The person's own rules (`--rules`). */
  readonly userRules?: UserRules;
}

/**
 * An input that was not converted: a stable code and the facts to word it in any language
 * (`formatError`). `message` is the English text an InputError was raised with.
 */
export interface InputFailure {
  readonly input: string;
  readonly ok: false;
  readonly code: string;
  readonly params: MessageParams;
  readonly message?: string;
}

/** What happened to one input. */
export type InputOutcome = { readonly input: string; readonly ok: true; readonly folder: string; readonly manifest: Manifest; readonly seconds: number } | InputFailure;

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
 * Converts one input file into `options.folder`: documents first, manifest last. Bad input and an
 * output that cannot be written are failed outcomes (nothing more is written for this input);
 * anything unexpected propagates. The caller has checked that `input` is a regular file.
 */
export async function convertFile(input: string, options: ConvertCommandOptions, progress: Progress): Promise<InputOutcome> {
  const started = performance.now();
  const source = basename(input);
  const { folder } = options;
  let bytes: Uint8Array;
  // The documents are dated by the input's mtime (the chain: its LastModified), never the clock.
  let timestamp: Date;
  try {
    bytes = await readFile(input);
    timestamp = (await stat(input)).mtime;
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (errno === 'ENOENT') return { input, ok: false, code: FileErrorCode.NotFound, params: {} };
    return { input, ok: false, code: FileErrorCode.Unreadable, params: { errno } };
  }
  try {
    const profile = PROFILES[options.profile];
    const explain = options.explain === true;
    const { corrections, userRules } = options;
    const cleaned = cleanStage(bytes, source, { decode: { maxBytes: options.maxBytes, limitOption: '--max-size' }, explain, ...(corrections ? { corrections } : {}), ...(userRules ? { userRules } : {}) });
    const { reports, manifest: draft, removals: splitCuts, decisions } = splitStage(cleaned, { profile: profile.id, explain });
    // Before the slow part: an output folder that cannot be made fails this input at once.
    await makeFolder(folder);
    // What this folder's last manifest listed: the only documents a re-conversion may remove.
    const previous = await readFile(join(folder, MANIFEST)).then(manifestListing, () => undefined);
    progress.addTotal(reports.length);
    // One thread on purpose: a render worker thread (reports claimed largest first) measured slower
    // and heavier on 2 cores, 40 reports 2.23 s / 318 MB against 1.72 s / 199 MB (medians of 9,
    // interleaved, machine shared): one thread already keeps V8's helper threads busy for ~0.4 of
    // the second core, and a worker adds ~0.5 CPU s of its own (bundle, fonts, JIT, heap).
    const fonts = options.formats.includes(DocumentFormat.Pdf) ? fontLibrary() : undefined;
    // Each document goes to disk as soon as it is rendered (staged under a temporary name), so memory
    // holds one report's documents however many the input has; all are put in place at the end.
    const staged: StagedFile[] = [];
    const folders = new Set<string>();
    const written = new Map<string, FileDigest>();
    const pages = new Map<number, number>();
    // Found while rendering; completeManifest appends them after split's own.
    const warnings: ConversionWarning[] = [];
    try {
      for (const [i, report] of reports.entries()) {
        const entry = draft.reports[i]!;
        for (const format of options.formats) {
          // Characters the PDF can only show as boxes come back as warnings: listed, never lost silently.
          const rendered = await renderDocument(report, entry.index, format, { profile, fonts, timestamp, ...(options.author ? { author: options.author } : {}) });
          // The same digests the S3 chain records, so a download from either can be verified.
          written.set(entry[format], digestOf(rendered.bytes));
          if (rendered.pages !== undefined) pages.set(entry.index, rendered.pages);
          staged.push(await stageFile(folder, { path: entry[format], bytes: rendered.bytes }, folders));
          warnings.push(...rendered.warnings);
        }
        progress.tick(report.title);
      }
      await commitStaged(staged);
    } catch (error) {
      await discardStaged(staged);
      throw error;
    }
    const manifest = completeManifest(draft, {
      input: digestOf(bytes),
      document: (index, format) => written.get(draft.reports[index - 1]![format]),
      warnings,
      pages: (index) => pages.get(index),
    });
    const trace = explain
      ? [{ path: EXPLANATION, bytes: encodeExplanation(explanation({ source, forEachCut: (visit) => forEachCut(cleaned, splitCuts, visit), clean: cleaned.decisions ?? [], split: decisions ?? [] })) }]
      : [];
    await writeFilesAtomically(folder, [
      { path: manifest.cleaning.log, bytes: encodeRemovalLog(cleaned, splitCuts) },
      ...trace,
      { path: MANIFEST, bytes: encodeJson(writtenManifest(manifest, options.formats)) },
    ]);
    // Only after the new manifest is in place: documents of an earlier, longer version of the input.
    const stale = staleDocuments(previous, manifest);
    await Promise.all(stale.map((name) => rm(join(folder, name), { force: true })));
    return { input, ok: true, folder, manifest, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    if (isInputError(error)) {
      // Size and limit are facts only the shell has; they let every language say how big.
      return { input, ok: false, code: error.code, params: { size: bytes.length, limit: options.maxBytes, ...error.params }, message: error.message };
    }
    if (isOutputError(error)) {
      return { input, ok: false, code: FileErrorCode.Unwritable, params: { action: error.action, path: error.path, errno: error.errno, at: error.at } };
    }
    throw error;
  }
}
