/**
 * The two shapes in which S3 announces a created or removed object, parsed to plain
 * `{ bucket, key, event }` refs, and built from them (for the local runner, which must hand
 * handlers exactly what AWS would).
 *
 * - S3 event notification (`Records[].s3`): the key is URL-encoded in form style, a space arriving
 *   as `+` and a literal `+` as `%2B` (S3 docs, "Event message structure").
 * - EventBridge `Object Created` (`detail.object.key`): the key arrives as stored, not encoded.
 *
 * Either may also come wrapped in an SQS message (a stage whose events wait in a queue, see
 * stages.ts `StageQueue`): the event is the message's body, and a batch holds many.
 */
import { createHash } from 'node:crypto';
import { ReportPressError } from '../errors.js';
import { bareEtag } from './object-store.js';
import { ObjectEvent } from './stages.js';

/** A created or removed object, with its key decoded to the key S3 stores. */
export interface ObjectRef {
  readonly bucket: string;
  readonly key: string;
  readonly event: ObjectEvent;
  readonly size?: number;
  /** Bare; S3 sends none for removals. */
  readonly etag?: string;
}

/** The event is not one the chain understands: a wiring mistake, never the user's input. */
export class EventShapeError extends ReportPressError {
  override readonly name = 'EventShapeError';
}

/** Turns an S3 notification key back into the stored key (`a+b%2Bc` → `a b+c`). */
export function decodeNotificationKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    throw new EventShapeError(`object key "${key}" is not validly URL-encoded; S3 notifications always encode keys`);
  }
}

/** Encodes a stored key the way S3 notifications do: form-style, `/` kept, space as `+`. */
export function encodeNotificationKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/[!'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
    .replace(/%2F/gi, '/');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const name of path) {
    if (!isRecord(current)) return undefined;
    current = current[name];
  }
  return current;
}

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new EventShapeError(`${what} is missing from the event`);
  return value;
}

const optionalSize = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const optionalEtag = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? bareEtag(value) : undefined);

/** The object event of an S3 notification's `eventName` (`ObjectCreated:Put`, `ObjectRemoved:DeleteMarkerCreated` …). */
function notificationEvent(eventName: unknown): ObjectEvent | undefined {
  const name = String(eventName);
  if (name.startsWith('ObjectCreated:')) return ObjectEvent.Created;
  if (name.startsWith('ObjectRemoved:')) return ObjectEvent.Removed;
  return undefined;
}

const EVENTBRIDGE_TYPES: Readonly<Record<string, ObjectEvent>> = { 'Object Created': ObjectEvent.Created, 'Object Deleted': ObjectEvent.Removed };

/**
 * The created and removed objects an event announces. Accepts S3 notifications (one or more
 * records) and EventBridge `Object Created` / `Object Deleted` events; other S3 events (restores,
 * tagging) yield no refs. Throws {@link EventShapeError} for anything else, so a mis-wired trigger
 * fails loudly.
 */
export function objectRefsFromEvent(event: unknown): ObjectRef[] {
  return queuedObjectRefs(event).flatMap((message) => message.refs);
}

/** The object refs of one event as it was queued: an SQS message, or the event itself when it came straight. */
export interface QueuedRefs {
  /** The SQS message id (for a partial batch failure); absent for an event that came straight. */
  readonly messageId?: string;
  readonly refs: readonly ObjectRef[];
}

const isSqsRecord = (record: unknown): boolean => field(record, 'eventSource') === 'aws:sqs';

/**
 * The object refs of an event, message by message: an SQS batch gives one entry per message (S3's
 * test event, sent when a bucket's notifications are set up, gives none), any other event one
 * entry without a message id.
 */
export function queuedObjectRefs(event: unknown): QueuedRefs[] {
  const records = field(event, 'Records');
  if (Array.isArray(records) && records.length > 0 && records.every(isSqsRecord)) {
    return records.map((record): QueuedRefs => {
      const messageId = requireString(field(record, 'messageId'), 'Records[].messageId');
      let body: unknown;
      try {
        body = JSON.parse(requireString(field(record, 'body'), 'Records[].body'));
      } catch (error) {
        if (error instanceof EventShapeError) throw error;
        throw new EventShapeError(`SQS message ${messageId} does not hold a JSON event; only S3 notifications and EventBridge rules should send to the stage's queue`);
      }
      if (field(body, 'Event') === 's3:TestEvent') return { messageId, refs: [] };
      return { messageId, refs: directObjectRefs(body) };
    });
  }
  return [{ refs: directObjectRefs(event) }];
}

/** The refs of an S3 notification or an EventBridge event (not queued). */
function directObjectRefs(event: unknown): ObjectRef[] {
  const records = field(event, 'Records');
  if (Array.isArray(records)) {
    return records.flatMap((record): ObjectRef[] => {
      const type = notificationEvent(field(record, 'eventName'));
      if (!type) return [];
      return [
        {
          bucket: requireString(field(record, 's3', 'bucket', 'name'), 'Records[].s3.bucket.name'),
          key: decodeNotificationKey(requireString(field(record, 's3', 'object', 'key'), 'Records[].s3.object.key')),
          event: type,
          size: optionalSize(field(record, 's3', 'object', 'size')),
          etag: optionalEtag(field(record, 's3', 'object', 'eTag')),
        },
      ];
    });
  }
  if (field(event, 'source') === 'aws.s3' && isRecord(field(event, 'detail'))) {
    const type = EVENTBRIDGE_TYPES[String(field(event, 'detail-type'))];
    if (!type) return [];
    return [
      {
        bucket: requireString(field(event, 'detail', 'bucket', 'name'), 'detail.bucket.name'),
        key: requireString(field(event, 'detail', 'object', 'key'), 'detail.object.key'),
        event: type,
        size: optionalSize(field(event, 'detail', 'object', 'size')),
        etag: optionalEtag(field(event, 'detail', 'object', 'etag')),
      },
    ];
  }
  throw new EventShapeError(
    'expected an S3 event notification (Records[].s3) or an EventBridge "Object Created" / "Object Deleted" event from aws.s3; check the trigger wiring',
  );
}

export interface CreatedObjectEventOptions {
  readonly bucket: string;
  /** The stored key; it is encoded here where AWS would encode it. */
  readonly key: string;
  readonly size: number;
  readonly etag?: string;
  readonly time?: Date;
  readonly region?: string;
}

/** One S3 notification record as AWS delivers it; `object` carries what the event type has. */
function notificationRecord(options: Pick<CreatedObjectEventOptions, 'bucket' | 'key' | 'time' | 'region'>, eventName: string, object: Record<string, unknown>) {
  const time = options.time ?? new Date();
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: options.region ?? 'us-east-1',
    eventTime: time.toISOString(),
    eventName,
    userIdentity: { principalId: 'AWS:LOCAL' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'LOCAL', 'x-amz-id-2': 'LOCAL' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'report-press',
      bucket: { name: options.bucket, ownerIdentity: { principalId: 'LOCAL' }, arn: `arn:aws:s3:::${options.bucket}` },
      object: { key: encodeNotificationKey(options.key), ...object, sequencer: time.getTime().toString(16).toUpperCase() },
    },
  };
}

/** An `ObjectCreated:Put` S3 event notification for one object, shaped as AWS delivers it to Lambda. */
export function s3NotificationEvent(options: CreatedObjectEventOptions) {
  return { Records: [notificationRecord(options, 'ObjectCreated:Put', { size: options.size, eTag: options.etag ?? '' })] };
}

/**
 * An `ObjectRemoved:Delete` S3 event notification for one key, shaped as AWS delivers it to Lambda
 * (no size and no ETag: the object is gone).
 */
export function s3RemovalNotificationEvent(options: Omit<CreatedObjectEventOptions, 'size' | 'etag'>) {
  return { Records: [notificationRecord(options, 'ObjectRemoved:Delete', {})] };
}

/** An EventBridge `Object Created` event for one object, shaped as AWS delivers it to a rule target. */
export function eventBridgeObjectCreatedEvent(options: CreatedObjectEventOptions) {
  const time = options.time ?? new Date();
  return {
    version: '0',
    id: `local-${time.getTime().toString(16)}`,
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '000000000000',
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: options.region ?? 'us-east-1',
    resources: [`arn:aws:s3:::${options.bucket}`],
    detail: {
      version: '0',
      bucket: { name: options.bucket },
      object: { key: options.key, size: options.size, etag: options.etag ?? '', sequencer: time.getTime().toString(16).toUpperCase() },
      'request-id': 'LOCAL',
      requester: '000000000000',
      'source-ip-address': '127.0.0.1',
      reason: 'PutObject',
    },
  };
}

/** One message of an SQS batch as Lambda's event source mapping delivers it. */
export interface QueuedMessage {
  readonly messageId: string;
  /** The event the queue holds (an S3 notification or an EventBridge event), as its sender wrote it. */
  readonly body: unknown;
  /** How many times the message has been received, this time included. */
  readonly receiveCount: number;
  readonly sentAt: Date;
}

/** An SQS batch event as Lambda's event source mapping hands it to the function. */
export function sqsBatchEvent(messages: readonly QueuedMessage[], options: { readonly queueArn: string; readonly region?: string }) {
  return {
    Records: messages.map((message) => ({
      messageId: message.messageId,
      receiptHandle: `local-${message.messageId}-${message.receiveCount}`,
      body: JSON.stringify(message.body),
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt.getTime()),
        SenderId: 'LOCAL',
        ApproximateFirstReceiveTimestamp: String(message.sentAt.getTime()),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(JSON.stringify(message.body)).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: options.queueArn,
      awsRegion: options.region ?? 'us-east-1',
    })),
  };
}
