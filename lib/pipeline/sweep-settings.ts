/**
 * How the sweep (job-sweep.ts) judges a job. Its own module, free of imports, so that the CDK app
 * and the command line can read the defaults without loading the chain.
 */
export interface SweepSettings {
  /** A running job with nothing recorded for this long is settled, then failed `STALLED`. */
  readonly stallMinutes: number;
  /** Uploads older than this are not looked at (the sweep has run over them for days already). */
  readonly lookbackDays: number;
}

/**
 * An hour without a new fact: a job's facts follow each other within seconds, a failed invocation
 * is retried within minutes (Lambda's two retries, then record-failure), and the largest input
 * renders in well under an hour at the render functions' reserved concurrency. A week of uploads:
 * any job older has been swept about a thousand times.
 */
export const DEFAULT_SWEEP_SETTINGS: SweepSettings = { stallMinutes: 60, lookbackDays: 7 };
