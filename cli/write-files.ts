import { lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { writeFileSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface OutputFile {
  /** Path relative to the output folder. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** An output folder or file that cannot be created or written: which, why, and where. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(
    /** `create` for a folder, `write` for a file. */
    readonly action: 'create' | 'write',
    /** The folder or file that was to be made, as the caller named it. */
    readonly path: string,
    /** The system error code (`EACCES`, `ENOENT` …). */
    readonly errno: string,
    /** Where the problem is: the parent that refused, the file in the way. */
    readonly at: string,
  ) {
    super(`cannot ${action} ${path}: ${errno} at ${at}`);
  }
}

export function isOutputError(error: unknown): error is OutputError {
  return error instanceof OutputError;
}

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'EIO';
}

async function statOrErrno(path: string, follow: boolean): Promise<Stats | string> {
  try {
    return await (follow ? stat(path) : lstat(path));
  } catch (error) {
    return errnoOf(error);
  }
}

/**
 * Creates a folder and its missing parents, failing at once with an {@link OutputError}.
 *
 * Not `mkdir(path, { recursive: true })`: Node's recursive mkdir spins forever when a parent
 * exists but refuses children with ENOENT (anything under /proc, some FUSE mounts), because it
 * reads ENOENT as "parent missing", re-creates the parent (EEXIST) and retries. Here the existing
 * ancestor is found first, then each missing folder is made once; every error is final.
 */
export async function makeFolder(path: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(path);
  for (;;) {
    const found = await statOrErrno(current, false);
    if (typeof found !== 'string') {
      if (found.isDirectory()) break;
      if (found.isSymbolicLink()) {
        const target = await statOrErrno(current, true);
        if (typeof target !== 'string' && target.isDirectory()) break;
        // A broken link cannot be made into a folder; a link to a file is a file in the way.
        throw new OutputError('create', path, target === 'ENOENT' ? 'ENOENT' : 'ENOTDIR', current);
      }
      throw new OutputError('create', path, 'ENOTDIR', current);
    }
    // ENOTDIR: some ancestor is a file; keep walking up to name it.
    if (found !== 'ENOENT' && found !== 'ENOTDIR') throw new OutputError('create', path, found, current);
    const parent = dirname(current);
    if (parent === current) throw new OutputError('create', path, found, current);
    missing.push(current);
    current = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      const errno = errnoOf(error);
      // Someone else made it meanwhile: fine if it is a folder.
      if (errno === 'EEXIST' && (await statOrErrno(folder, true).then((s) => typeof s !== 'string' && s.isDirectory()))) continue;
      throw new OutputError('create', path, errno === 'EEXIST' ? 'ENOTDIR' : errno, errno === 'EEXIST' ? folder : dirname(folder));
    }
  }
}

/** A file written under a temporary name beside its target, not yet in place (see {@link stageFile}). */
export interface StagedFile {
  readonly target: string;
  readonly temporary: string;
}

let staged = 0;

/** The name of a staged file: hidden, the writing process's id, a number, `.partial`. */
const partialName = (pid: number, sequence: number) => `.${pid}-${sequence}.partial`;
const PARTIAL_NAME = /^\.(\d+)-\d+\.partial$/;

/**
 * Age from which a partial file is stale even though a process with its id runs: ids are reused,
 * and no run keeps a staged file for long (each waits only for the rest of its input's documents;
 * the largest input renders in minutes).
 */
export const PARTIAL_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** True while a process with this id exists (ours or another user's). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return errnoOf(error) === 'EPERM';
  }
}

/**
 * Removes from `folder` the staged files of runs that were killed before they could commit or
 * discard them: regular files named as {@link stageFile} names them whose process no longer runs,
 * or older than {@link PARTIAL_MAX_AGE_MS}. Nothing else is touched, and a staged file of a run
 * still going (this one, another at the same time) stays. Best effort: a folder that cannot be
 * read or a file that cannot be removed is left as it is, since the run that asked can go on.
 *
 * @returns the names removed.
 */
export async function sweepPartials(folder: string, now: Date = new Date()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = PARTIAL_NAME.exec(name);
    if (!match) continue;
    const path = join(folder, name);
    const found = await statOrErrno(path, false);
    if (typeof found === 'string' || !found.isFile()) continue;
    const pid = Number(match[1]);
    const stale = pid === 0 || !Number.isSafeInteger(pid) || !isRunning(pid) || now.getTime() - found.mtimeMs > PARTIAL_MAX_AGE_MS;
    if (!stale) continue;
    try {
      await rm(path);
      removed.push(name);
    } catch {
      // Removed meanwhile, or not ours to remove: either way nothing this run needs.
    }
  }
  return removed;
}

/**
 * Writes a file under a temporary name beside its target (a hidden `.partial` file) and returns it
 * staged: {@link commitStaged} renames it into place, {@link discardStaged} removes it. Lets a caller
 * write each document as soon as it exists, so that memory holds one document and not all of them,
 * while no document of a run replaces an older one until the whole run has succeeded. Any failure is
 * an {@link OutputError} naming the file.
 *
 * The first time a folder is met (not in `made`), the partial files killed runs left there are swept
 * ({@link sweepPartials}): a kill cannot clean up after itself, so the next run into the folder does.
 */
export async function stageFile(folder: string, file: OutputFile, made: Set<string> = new Set()): Promise<StagedFile> {
  const target = join(folder, file.path);
  const parent = dirname(target);
  if (!made.has(parent)) {
    await makeFolder(parent);
    await sweepPartials(parent);
    made.add(parent);
  }
  staged += 1;
  const temporary = join(parent, partialName(process.pid, staged));
  try {
    // Synchronous on purpose: an asynchronous write is three thread-pool round trips (open, write,
    // close) with the thread idle in between, ~120 ms of a 1 s run of 40 reports (`npm run bench`).
    writeFileSync(temporary, file.bytes);
    // One turn of the event loop, so that V8's tasks for this thread (GC finishing, buffers freed)
    // run between renders: without it the 40 reports peak 14 MB higher.
    await new Promise((resolveTurn) => setImmediate(resolveTurn));
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw writeError(error, target, parent);
  }
  return { target, temporary };
}

function writeError(error: unknown, target: string, parent: string): OutputError {
  const errno = errnoOf(error);
  return new OutputError('write', target, errno, errno === 'EISDIR' || errno === 'ENOTDIR' ? target : parent);
}

/** Puts staged files in place, in the order given; the first that cannot be is an {@link OutputError}. */
export async function commitStaged(files: readonly StagedFile[]): Promise<void> {
  for (const file of files) {
    try {
      await rename(file.temporary, file.target);
    } catch (error) {
      throw writeError(error, file.target, dirname(file.target));
    }
  }
}

/** Removes staged files that were not committed (a failed run leaves nothing half-done behind). */
export async function discardStaged(files: readonly StagedFile[]): Promise<void> {
  await Promise.all(files.map((file) => rm(file.temporary, { force: true }).catch(() => undefined)));
}

/**
 * Writes files so that none is ever seen half-written: each goes to a temporary name beside its
 * target and is renamed into place. Files are written in the order given (the manifest last), so a
 * manifest on disk always lists documents that exist. Any failure is an {@link OutputError} naming
 * the file.
 */
export async function writeFilesAtomically(folder: string, files: readonly OutputFile[]): Promise<void> {
  const made = new Set<string>();
  for (const file of files) {
    const done = await stageFile(folder, file, made);
    try {
      await commitStaged([done]);
    } catch (error) {
      await discardStaged([done]);
      throw error;
    }
  }
}
