/** Environment variables the CDK stack sets on the functions; dependency-free so the CDK app can import it. */
import type { BucketRole } from '../lib/pipeline/stages.js';

/** Bucket names, by role. */
export const BucketEnv = { input: 'INPUT_BUCKET', work: 'WORK_BUCKET', output: 'OUTPUT_BUCKET' } as const satisfies Record<BucketRole, string>;

/** The environment naming every bucket, for a function that needs their names. */
export function bucketEnvironment(buckets: Readonly<Record<BucketRole, { readonly bucketName: string }>>): Record<string, string> {
  return { [BucketEnv.input]: buckets.input.bucketName, [BucketEnv.work]: buckets.work.bucketName, [BucketEnv.output]: buckets.output.bucketName };
}

/** Optional: an S3-compatible endpoint (the bundle test points deployed bundles at the local server). */
export const S3_ENDPOINT_ENV = 'REPORT_PRESS_S3_ENDPOINT';

/** Optional: where the PDF fonts are; default `fonts/` beside the bundle. */
export const FONT_DIR_ENV = 'FONT_DIR';

/** Optional: an EventBridge-compatible endpoint for the job events (the bundle test's local stand-in). */
export const EVENTS_ENDPOINT_ENV = 'REPORT_PRESS_EVENTS_ENDPOINT';

/** Optional: the author written into the documents' properties (DOCX and PDF); unset, each report's author line, else none. */
export const AUTHOR_ENV = 'REPORT_PRESS_AUTHOR';

/** The sweep's stall time in minutes (lib/pipeline/job-sweep.ts); unset, its default. */
export const SWEEP_STALL_MINUTES_ENV = 'REPORT_PRESS_STALL_MINUTES';
