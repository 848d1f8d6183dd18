/**
 * Events in and out of the chain that are not S3's: the "job finished" signal users subscribe to,
 * and the Lambda invocation records of stage invocations that failed on every retry.
 */
import { ReportPressError } from '../errors.js';
import { StageName } from './stages.js';

/** The EventBridge `source` of report-press's own events. */
export const JOB_EVENT_SOURCE = 'report-press';

/** The EventBridge `detail-type` of the one event per finished job. */
export const JobEventType = { Finished: 'Job Finished' } as const;
export type JobEventType = (typeof JobEventType)[keyof typeof JobEventType];

/** How a job ended. */
export const FinishedState = { Done: 'done', Failed: 'failed' } as const;
export type FinishedState = (typeof FinishedState)[keyof typeof FinishedState];

/** `detail` of a `Job Finished` event: enough to fetch the result or show the error. */
export interface JobFinishedDetail {
  readonly state: FinishedState;
  readonly inputBucket: string;
  readonly inputKey: string;
  /** The upload converted (keys.ts `inputVersion`). */
  readonly version: string;
  readonly outputBucket: string;
  readonly statusKey: string;
  /** Set when done. */
  readonly manifestKey: string | null;
  /** Set when failed. */
  readonly errorKey: string | null;
  /** `null` when the job failed before the input was split. */
  readonly reports: number | null;
  /** Documents written (0 when failed). */
  readonly documents: number;
  readonly warnings: number;
  /** Set when failed: which stage, and why in words a user can act on. */
  readonly error: { readonly stage: string; readonly code: string; readonly reason: string } | null;
}

/** Where finished jobs are announced: EventBridge on AWS, the dev runner's output locally. */
export interface JobEventSink {
  publish(detailType: JobEventType, detail: JobFinishedDetail): Promise<void>;
}

/**
 * A Lambda invocation record, as Lambda hands it to an on-failure destination (the `detail` of
 * the EventBridge event when the destination is an event bus).
 */
export interface InvocationRecord {
  readonly version: string;
  readonly timestamp: string;
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    /** `RetriesExhausted` or `EventAgeExceeded`. */
    readonly condition: string;
    readonly approximateInvokeCount: number;
  };
  /** The event the function failed on. */
  readonly requestPayload: unknown;
  readonly responseContext?: { readonly statusCode?: number; readonly executedVersion?: string; readonly functionError?: string };
  readonly responsePayload?: { readonly errorType?: string; readonly errorMessage?: string; readonly trace?: readonly string[] } | null;
}

/**
 * What the record-failure stage receives: the failed stage (set by the rule that routes that
 * stage's failures, see the CDK stack) and Lambda's invocation record.
 */
export interface StageFailureEvent {
  readonly stage: StageName;
  readonly failure: InvocationRecord;
}

/** The event is not a stage failure as the failure rules deliver it: a wiring mistake. */
export class FailureEventError extends ReportPressError {
  override readonly name = 'FailureEventError';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const STAGE_NAMES: readonly string[] = Object.values(StageName);

/** Reads and checks a stage-failure event. */
export function parseStageFailureEvent(event: unknown): StageFailureEvent {
  if (!isRecord(event) || typeof event.stage !== 'string' || !STAGE_NAMES.includes(event.stage)) {
    throw new FailureEventError('expected { stage, failure } from a stage-failure rule (see cdk/report-press-stack.ts); check the rule’s input transformer');
  }
  const failure = event.failure;
  if (!isRecord(failure) || !isRecord(failure.requestContext) || !('requestPayload' in failure)) {
    throw new FailureEventError(`the failure of the ${event.stage} stage carries no Lambda invocation record (requestContext, requestPayload)`);
  }
  return event as unknown as StageFailureEvent;
}

export interface InvocationFailureOptions {
  readonly functionArn: string;
  /** The event every attempt failed on. */
  readonly requestPayload: unknown;
  readonly error: unknown;
  readonly attempts: number;
  readonly time?: Date;
}

/** The invocation record Lambda writes for an asynchronous invocation that failed on every retry. */
export function invocationFailureRecord(options: InvocationFailureOptions): InvocationRecord {
  const error = options.error instanceof Error ? options.error : new Error(String(options.error));
  return {
    version: '1.0',
    timestamp: (options.time ?? new Date()).toISOString(),
    requestContext: { requestId: 'local', functionArn: `${options.functionArn}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: options.attempts },
    requestPayload: options.requestPayload,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: error.name, errorMessage: error.message, trace: [] },
  };
}

/** What an EventBridge schedule rule delivers to its target. */
export interface ScheduledEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': 'Scheduled Event';
  readonly source: 'aws.events';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, never>;
}

/** A scheduled event as EventBridge delivers it (the dev runner's timer hands the same to the stage). */
export function scheduledEvent(options: { readonly ruleArn: string; readonly time?: Date; readonly region?: string }): ScheduledEvent {
  const time = options.time ?? new Date();
  return {
    version: '0',
    id: `local-${time.getTime().toString(16)}`,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: options.region ?? 'us-east-1',
    resources: [options.ruleArn],
    detail: {},
  };
}

/** True for an event a schedule rule delivered. */
export function isScheduledEvent(event: unknown): boolean {
  return isRecord(event) && event.source === 'aws.events' && event['detail-type'] === 'Scheduled Event';
}
