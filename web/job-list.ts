/** The jobs of this browser, kept in localStorage (the job ids; everything else comes from the API). */

export interface StoredJob {
  readonly jobId: string;
  readonly name: string;
  /** ISO 8601: when it was uploaded. */
  readonly created: string;
}

/** What the list needs of a Storage: the page passes its localStorage, a test one in memory. */
export interface JobStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The page's localStorage, looked up when called (the module is also loaded where there is none). */
const pageStorage = (): JobStorage => (globalThis as unknown as { localStorage: JobStorage }).localStorage;

const KEY = 'report-press.jobs';
/** Enough for months of use; the oldest drop out first. */
const MAX_JOBS = 200;

export function storedJobs(storage: JobStorage = pageStorage()): StoredJob[] {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((j): j is StoredJob => typeof j?.jobId === 'string' && typeof j?.name === 'string') : [];
  } catch {
    return [];
  }
}

/** Keeps `job`, newest first by when it was made (uploads answered out of order keep the order they were dropped in). */
export function rememberJob(job: StoredJob, storage: JobStorage = pageStorage()): void {
  const jobs = [job, ...storedJobs(storage).filter((j) => j.jobId !== job.jobId)]
    .sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0))
    .slice(0, MAX_JOBS);
  storage.setItem(KEY, JSON.stringify(jobs));
}

export function forgetJob(jobId: string, storage: JobStorage = pageStorage()): void {
  storage.setItem(KEY, JSON.stringify(storedJobs(storage).filter((j) => j.jobId !== jobId)));
}
