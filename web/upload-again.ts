/**
 * The same file dropped on the page again goes into the job it made before, under the same key,
 * as a re-upload: the job's corrections stay and its documents are replaced as for any re-upload.
 * The page remembers, per job of this browser, the name and SHA-256 of what it uploaded.
 */

interface UploadedInput {
  readonly jobId: string;
  readonly name: string;
  readonly sha256: string;
}

const KEY = 'report-press.inputs';
const MAX = 200;

function remembered(storage: Storage): UploadedInput[] {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((v): v is UploadedInput => typeof v?.jobId === 'string' && typeof v?.sha256 === 'string' && typeof v?.name === 'string') : [];
  } catch {
    return [];
  }
}

/** The SHA-256 of a file's bytes, hex. */
export async function fileSha256(file: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Notes what a job was made from. */
export function rememberInput(input: UploadedInput, storage: Storage = localStorage): void {
  const list = [input, ...remembered(storage).filter((i) => i.jobId !== input.jobId)].slice(0, MAX);
  storage.setItem(KEY, JSON.stringify(list));
}

/** The job among `jobIds` that was made from this very file (same name, same bytes), if any. */
export function earlierJob(name: string, sha256: string, jobIds: ReadonlySet<string>, storage: Storage = localStorage): string | undefined {
  return remembered(storage).find((i) => i.name === name && i.sha256 === sha256 && jobIds.has(i.jobId))?.jobId;
}
