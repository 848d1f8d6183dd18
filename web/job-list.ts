/** The jobs of this browser, kept in localStorage (the job ids; everything else comes from the API). */

export interface StoredJob {
  readonly jobId: string;
  readonly name: string;
  /** ISO 8601: when it was uploaded. */
  readonly created: string;
}

const KEY = 'report-press.jobs';
/** Enough for months of use; the oldest drop out first. */
const MAX_JOBS = 200;

export function storedJobs(storage: Storage = localStorage): StoredJob[] {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((j): j is StoredJob => typeof j?.jobId === 'string' && typeof j?.name === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberJob(job: StoredJob, storage: Storage = localStorage): void {
  const jobs = [job, ...storedJobs(storage).filter((j) => j.jobId !== job.jobId)].slice(0, MAX_JOBS);
  storage.setItem(KEY, JSON.stringify(jobs));
}

export function forgetJob(jobId: string, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(storedJobs(storage).filter((j) => j.jobId !== jobId)));
}
