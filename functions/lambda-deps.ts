/**
 * Dependencies of a deployed handler, from the environment the CDK stack sets. Built once per
 * container at init, so the S3 client and its connections are reused across invocations.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { StageName } from '../lib/pipeline/stages.js';
import { AUTHOR_ENV, BucketEnv, EVENTS_ENDPOINT_ENV, S3_ENDPOINT_ENV, SWEEP_STALL_MINUTES_ENV } from './environment.js';
import { eventBridgeSink } from './event-sink.js';
import { bundledFontDir, fontLibraryFrom } from './fonts.js';
import type { HandlerDeps } from './handlers.js';
import { s3ObjectStore } from './object-store.js';
import { createS3Client } from './s3-client.js';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; the CDK stack sets it to the bucket name (deploy with \`npx cdk deploy\`)`);
  return value;
}

/** Handler dependencies for `stage` from `process.env`. */
export function lambdaDeps(stage: StageName): HandlerDeps {
  const client = createS3Client({ endpoint: process.env[S3_ENDPOINT_ENV], region: process.env.AWS_REGION });
  return {
    store: s3ObjectStore(client),
    buckets: { input: requireEnv(BucketEnv.input), work: requireEnv(BucketEnv.work), output: requireEnv(BucketEnv.output) },
    logger: new Logger({ serviceName: 'report-press', persistentKeys: { stage } }),
    fonts: () => fontLibraryFrom(bundledFontDir()),
    events: eventBridgeSink({ endpoint: process.env[EVENTS_ENDPOINT_ENV], region: process.env.AWS_REGION }),
    ...(process.env[AUTHOR_ENV] ? { author: process.env[AUTHOR_ENV] } : {}),
    sweep: positiveNumberEnv(SWEEP_STALL_MINUTES_ENV, 'stallMinutes'),
  };
}

/** `{ [field]: value }` for a set variable holding a positive number; a bad value is a deployment mistake. */
function positiveNumberEnv<K extends string>(name: string, field: K): Partial<Record<K, number>> {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return {};
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${name} must be a positive number (got "${raw}"); the CDK stack sets it from its props`);
  return { [field]: value } as Partial<Record<K, number>>;
}
