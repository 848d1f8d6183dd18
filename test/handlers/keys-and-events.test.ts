import { describe, expect, it } from 'vitest';
import {
  cleanedKey,
  documentKey,
  documentPath,
  documentPathForStage,
  errorKey,
  manifestKey,
  parseReportKey,
  pathOfCleanedKey,
  reportKey,
} from '../../lib/pipeline/keys.js';
import {
  EventShapeError,
  decodeNotificationKey,
  encodeNotificationKey,
  eventBridgeObjectCreatedEvent,
  objectRefsFromEvent,
  s3NotificationEvent,
} from '../../lib/pipeline/object-events.js';
import { StageName } from '../../lib/pipeline/stages.js';

describe('object keys', () => {
  it('put the outputs of input 2024/report.txt under 2024/report/, as the CLI does under its folder', () => {
    const path = documentPath('2024/report.txt');
    expect(path).toBe('2024/report');
    expect(manifestKey(path)).toBe('2024/report/manifest.json');
    expect(documentKey(path, '01-述职报告.docx')).toBe('2024/report/01-述职报告.docx');
    expect(errorKey(path)).toBe('2024/report/error.json');
  });

  it('keep intermediates under cleaned/ and reports/ with two-digit report numbers', () => {
    expect(cleanedKey('2024/report')).toBe('cleaned/2024/report.json');
    expect(reportKey('2024/report', 3)).toBe('reports/2024/report/03.json');
  });

  it('read back the path and index from the intermediate keys, for any characters in the path', () => {
    const path = '年度/工作 总结+1%.v2';
    expect(pathOfCleanedKey(cleanedKey(path))).toBe(path);
    expect(parseReportKey(reportKey(path, 12))).toEqual({ path, index: 12 });
    expect(parseReportKey('reports/x.json')).toBeUndefined();
  });

  it('strip only the extension of the last segment', () => {
    expect(documentPath('a.b/c.d/name.txt')).toBe('a.b/c.d/name');
    expect(documentPath('report.txt')).toBe('report');
  });

  it('send every stage’s error record to the folder of the input it came from', () => {
    expect(documentPathForStage(StageName.Clean, 'a/b.txt')).toBe('a/b');
    expect(documentPathForStage(StageName.Split, 'cleaned/a/b.json')).toBe('a/b');
    expect(documentPathForStage(StageName.RenderPdf, 'reports/a/b/01.json')).toBe('a/b');
  });
});

// Shaped after the S3 user guide's "Event message structure" (notification) and "EventBridge
// event message structure" examples: notification keys are form-URL-encoded, EventBridge keys are not.
const notification = (key: string) => ({
  Records: [
    {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventTime: '2024-05-01T10:00:00.000Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
      requestParameters: { sourceIPAddress: '203.0.113.7' },
      responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'clean-trigger',
        bucket: { name: 'in-bucket', ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: 'arn:aws:s3:::in-bucket' },
        object: { key, size: 1024, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0055AED6DCD90281E5' },
      },
    },
  ],
});

const eventBridge = (key: string) => ({
  version: '0',
  id: '17793124-05d4-b198-2fde-7ededc63b103',
  'detail-type': 'Object Created',
  source: 'aws.s3',
  account: '111122223333',
  time: '2024-05-01T10:00:01Z',
  region: 'eu-west-1',
  resources: ['arn:aws:s3:::work-bucket'],
  detail: {
    version: '0',
    bucket: { name: 'work-bucket' },
    object: { key, size: 5, etag: 'b1946ac92492d2347c6235b4d2611184', sequencer: '00617F08299329D189' },
    'request-id': 'N4N7GDK58NMKJ12R',
    requester: '123456789012',
    'source-ip-address': '1.2.3.4',
    reason: 'PutObject',
  },
});

describe('object events', () => {
  it('decode notification keys: + is a space, %2B a plus, %25 a percent, Chinese percent-encoded', () => {
    const refs = objectRefsFromEvent(notification('2024/%E5%B9%B4%E5%BA%A6+%E6%8A%A5%E5%91%8A%2B1%25.txt'));
    expect(refs).toEqual([{ bucket: 'in-bucket', key: '2024/年度 报告+1%.txt', size: 1024 }]);
  });

  it('take EventBridge keys as they are, since EventBridge does not encode them', () => {
    const refs = objectRefsFromEvent(eventBridge('reports/年度 报告+1%/01.json'));
    expect(refs).toEqual([{ bucket: 'work-bucket', key: 'reports/年度 报告+1%/01.json', size: 5 }]);
  });

  it('round-trip any key through the notification encoding', () => {
    for (const key of ['a b+c%d.txt', '年度/（一）报告 (1)!.txt', "it's*~.txt", 'plain/key.txt']) {
      expect(decodeNotificationKey(encodeNotificationKey(key))).toBe(key);
    }
    expect(encodeNotificationKey('a b+c.txt')).toBe('a+b%2Bc.txt');
  });

  it('build the same refs from the events the local runner fabricates as from AWS-shaped ones', () => {
    const key = '2024/年度 报告+1%.txt';
    expect(objectRefsFromEvent(s3NotificationEvent({ bucket: 'in-bucket', key, size: 1024 }))).toEqual(
      objectRefsFromEvent(notification(encodeNotificationKey(key))),
    );
    expect(objectRefsFromEvent(eventBridgeObjectCreatedEvent({ bucket: 'work-bucket', key, size: 5 }))).toEqual(
      objectRefsFromEvent(eventBridge(key)),
    );
  });

  it('ignore removals and reject events the chain is not wired for', () => {
    const removal = notification('a.txt');
    removal.Records[0]!.eventName = 'ObjectRemoved:Delete';
    expect(objectRefsFromEvent(removal)).toEqual([]);
    expect(objectRefsFromEvent({ ...eventBridge('a.txt'), 'detail-type': 'Object Deleted' })).toEqual([]);
    expect(() => objectRefsFromEvent({ hello: 'world' })).toThrow(EventShapeError);
    expect(() => objectRefsFromEvent(notification('bad%E5.txt'))).toThrow(/not validly URL-encoded/);
  });
});
