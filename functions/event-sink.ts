/**
 * Announces finished jobs on the account's default EventBridge bus (source `report-press`,
 * detail-type `Job Finished`), where users attach rules: an SNS e-mail, a webhook, a queue.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { JOB_EVENT_SOURCE, type JobEventSink } from '../lib/pipeline/job-events.js';
import { LOCAL_CREDENTIALS } from './s3-client.js';

export interface EventBridgeSinkOptions {
  /** Default: the account's default bus. */
  readonly eventBusName?: string;
  /** An EventBridge-compatible endpoint (the bundle test points it at a local stand-in). */
  readonly endpoint?: string;
  readonly region?: string;
}

/** A {@link JobEventSink} that puts each event on an EventBridge bus. */
export function eventBridgeSink(options: EventBridgeSinkOptions = {}): JobEventSink {
  let client: EventBridgeClient | undefined;
  return {
    async publish(detailType, detail) {
      // Created on first use: only the publisher ever announces, and only when a job finishes.
      client ??= new EventBridgeClient({
        ...(options.region ? { region: options.region } : {}),
        // A stand-in endpoint takes any credentials; AWS uses the function's role.
        ...(options.endpoint ? { endpoint: options.endpoint, region: options.region ?? 'us-east-1', credentials: LOCAL_CREDENTIALS } : {}),
      });
      const response = await client.send(
        new PutEventsCommand({ Entries: [{ Source: JOB_EVENT_SOURCE, DetailType: detailType, Detail: JSON.stringify(detail), EventBusName: options.eventBusName }] }),
      );
      if ((response.FailedEntryCount ?? 0) > 0) {
        const entry = response.Entries?.[0];
        throw new Error(`EventBridge refused the ${detailType} event for ${detail.inputKey}: ${entry?.ErrorCode ?? 'unknown'} ${entry?.ErrorMessage ?? ''}`.trim());
      }
    },
  };
}
