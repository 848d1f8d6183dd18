import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { sourceStem } from '../lib/convert.js';
import { FileErrorCode } from '../lib/errors.js';
import type { MessageParams } from '../lib/messages/index.js';

/** One file to convert and the output folder it gets, relative to `--out`. */
export interface InputFile {
  readonly ok: true;
  /** The path as the user would type it: the argument, or the folder argument joined with the file. */
  readonly input: string;
  /** `name` for a file given by itself; `sub/name` for `DIR/sub/name.txt` found in folder `DIR`. */
  readonly folder: string;
}

/** An argument that is not something to convert, with the code and facts of its message. */
export interface InputProblem {
  readonly ok: false;
  readonly input: string;
  readonly code: FileErrorCode;
  readonly params: MessageParams;
}

/** What a folder argument held. */
export interface FolderScan {
  readonly folder: string;
  /** `.txt` and `.docx` files found (at every depth searched). */
  readonly found: number;
  /** Other files, not converted. */
  readonly skipped: number;
  /** Subfolders left unsearched (without `--recursive`). */
  readonly subfolders: number;
}

export interface CollectInputsOptions {
  /** Search the subfolders of folder arguments too. */
  readonly recursive: boolean;
}

export interface CollectedInputs {
  /** In argument order; the files of a folder sorted by their relative path. */
  readonly entries: readonly (InputFile | InputProblem)[];
  readonly folders: readonly FolderScan[];
}

/** The files a folder input gives: plain text and Word documents, not Word's lock files (`~$name.docx`). */
const INPUT_FILE = /^(?!~\$).*\.(?:txt|docx)$/i;

/** Code-point order, the same on every machine and locale (unlike localeCompare). */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface FolderWalk {
  readonly files: string[];
  skipped: number;
  subfolders: number;
}

/**
 * Collects the `.txt` and `.docx` files under `root`, as paths relative to it with `/` separators. Hidden
 * entries (`.git`, `.DS_Store`) are not looked at; linked folders are not followed, so a link
 * loop cannot make the walk endless.
 */
async function walkFolder(root: string, relative: string, recursive: boolean, walk: FolderWalk): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, relative), { withFileTypes: true });
  } catch (error) {
    // An unreadable subfolder is left out rather than failing its siblings.
    if (relative === '') throw error;
    walk.subfolders += 1;
    return;
  }
  for (const entry of entries.sort((a, b) => byPath(a.name, b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = relative === '' ? entry.name : posix.join(relative, entry.name);
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) isFile = await stat(join(root, path)).then((s) => s.isFile(), () => false);
    if (entry.isDirectory()) {
      if (recursive) await walkFolder(root, path, recursive, walk);
      else walk.subfolders += 1;
    } else if (isFile && INPUT_FILE.test(entry.name)) walk.files.push(path);
    else walk.skipped += 1;
  }
}

/** The output folder for a file found in a folder argument: its relative path without its extension. */
function folderFor(relativePath: string): string {
  const parent = posix.dirname(relativePath);
  const stem = sourceStem(posix.basename(relativePath));
  return parent === '.' ? stem : posix.join(parent, stem);
}

/**
 * The folder an input's documents go to: `folder` (an {@link InputFile}'s) under `out`. Folder names
 * are made safe where they are derived ({@link sourceStem}, hidden folders never walked); this is the
 * last check before anything is written or removed, so a name that would still leave `out` is an
 * internal error rather than a write elsewhere.
 */
export function outputFolder(out: string, folder: string): string {
  const path = join(out, folder);
  const inside = relative(resolve(out), resolve(path));
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new Error(`output folder ${JSON.stringify(folder)} is not inside ${out}`);
  }
  return path;
}

/**
 * Turns command-line arguments into the files to convert. A file gives itself (output folder: its
 * name); a folder gives its `.txt` and `.docx` files (output folder: their path relative to it), so two
 * `report.txt` in different subfolders keep apart.
 */
export async function collectInputs(args: readonly string[], options: CollectInputsOptions): Promise<CollectedInputs> {
  const entries: (InputFile | InputProblem)[] = [];
  const folders: FolderScan[] = [];
  // The same path given twice (or by a shell glob and by hand) is converted once.
  const seen = new Set<string>();
  const once = (entry: InputFile) => {
    const key = resolve(entry.input);
    if (!seen.has(key)) entries.push(entry);
    seen.add(key);
  };
  for (const arg of args) {
    let isDirectory: boolean;
    try {
      const info = await stat(arg);
      if (!info.isFile() && !info.isDirectory()) {
        entries.push({ ok: false, input: arg, code: FileErrorCode.NotAFile, params: {} });
        continue;
      }
      isDirectory = info.isDirectory();
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).code ?? 'EIO';
      const code = errno === 'ENOENT' || errno === 'ENOTDIR' ? FileErrorCode.NotFound : FileErrorCode.Unreadable;
      entries.push({ ok: false, input: arg, code, params: code === FileErrorCode.Unreadable ? { errno } : {} });
      continue;
    }
    if (!isDirectory) {
      once({ ok: true, input: arg, folder: sourceStem(arg) });
      continue;
    }
    const walk: FolderWalk = { files: [], skipped: 0, subfolders: 0 };
    try {
      await walkFolder(arg, '', options.recursive, walk);
    } catch (error) {
      entries.push({ ok: false, input: arg, code: FileErrorCode.Unreadable, params: { errno: (error as NodeJS.ErrnoException).code ?? 'EIO' } });
      continue;
    }
    folders.push({ folder: arg, found: walk.files.length, skipped: walk.skipped, subfolders: walk.subfolders });
    if (walk.files.length === 0) {
      entries.push({ ok: false, input: arg, code: FileErrorCode.NoTextFiles, params: { skipped: walk.skipped, subfolders: walk.subfolders } });
      continue;
    }
    for (const file of walk.files) once({ ok: true, input: join(arg, file), folder: folderFor(file) });
  }
  return { entries, folders };
}
