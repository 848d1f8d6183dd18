import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface OutputFile {
  /** Path relative to the output folder. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * Writes files so that none is ever seen half-written: each goes to a temporary name beside its
 * target and is renamed into place. Files are written in the order given (the manifest last), so a
 * manifest on disk always lists documents that exist.
 */
export async function writeFilesAtomically(folder: string, files: readonly OutputFile[]): Promise<void> {
  for (const file of files) {
    const target = join(folder, file.path);
    const temporary = join(dirname(target), `.${process.pid}-${Date.now()}.partial`);
    await mkdir(dirname(target), { recursive: true });
    try {
      await writeFile(temporary, file.bytes);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
