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
import { awsEventBridgeObjectCreated, awsNotification } from '../support/aws-events.js';

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

const notification = (key: string) => awsNotification('in-bucket', key, 1024);
const eventBridge = (key: string) => awsEventBridgeObjectCreated('work-bucket', key, 5);

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
