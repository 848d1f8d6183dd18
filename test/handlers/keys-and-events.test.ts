import { describe, expect, it } from 'vitest';
import { documentBaseName } from '../../lib/convert.js';
import {
  checkInputKey,
  cleanedKey,
  documentKey,
  documentPath,
  errorKey,
  inputKeyOfPath,
  inputVersion,
  jobFactKey,
  JobFact,
  jobFolder,
  jobOfSource,
  KeyErrorCode,
  manifestKey,
  MAX_CONVERTED_KEY_BYTES,
  parseCleanedKey,
  parseSplitSource,
  splitContinuationKey,
  parseJobKey,
  parseRenderedName,
  parseReportKey,
  renderedName,
  renderWarningsName,
  reportKey,
  statusKey,
} from '../../lib/pipeline/keys.js';
import {
  EventShapeError,
  decodeNotificationKey,
  encodeNotificationKey,
  eventBridgeObjectCreatedEvent,
  objectRefsFromEvent,
  queuedObjectRefs,
  s3NotificationEvent,
  s3RemovalNotificationEvent,
  sqsBatchEvent,
} from '../../lib/pipeline/object-events.js';
import { FailureEventError, invocationFailureRecord, parseStageFailureEvent } from '../../lib/pipeline/job-events.js';
import { StageName } from '../../lib/pipeline/stages.js';
import { awsEventBridgeObjectCreated, awsNotification, awsSqsBatch, S3_TEST_EVENT } from '../support/aws-events.js';

const upload = { etag: '"9e107d9d372bb6826bd81d3542a419d6"', lastModified: new Date('2024-05-01T10:00:00.750Z') };
const version = '1714557600-9e107d9d372bb6826bd81d3542a419d6';

describe('object keys', () => {
  it('put the outputs of input 2024/report.txt under 2024/report/, as the CLI does under its folder', () => {
    const path = documentPath('2024/report.txt');
    expect(path).toBe('2024/report');
    expect(inputKeyOfPath(path)).toBe('2024/report.txt');
    expect(manifestKey(path)).toBe('2024/report/manifest.json');
    expect(documentKey(path, '01-述职报告.docx')).toBe('2024/report/01-述职报告.docx');
    expect(errorKey(path)).toBe('2024/report/error.json');
    expect(statusKey(path)).toBe('2024/report/status.json');
  });

  it('name an upload by its last-modified second and bare ETag, so a re-upload of the same bytes is a new job', () => {
    expect(inputVersion(upload)).toBe(version);
    expect(inputVersion({ ...upload, lastModified: new Date('2024-05-01T10:00:01Z') })).not.toBe(version);
    expect(inputVersion({ ...upload, etag: '9e107d9d372bb6826bd81d3542a419d6' })).toBe(version);
  });

  it('keep every upload’s intermediates apart, under cleaned/, reports/ and jobs/ with the version in the key', () => {
    const job = { path: '2024/report', version };
    expect(cleanedKey(job)).toBe(`cleaned/2024/report/${version}.json`);
    expect(reportKey(job, 3)).toBe(`reports/2024/report/${version}/03.json`);
    expect(jobFactKey(job, JobFact.Plan)).toBe(`jobs/2024/report/${version}/plan.json`);
  });

  it('read back the job and index from the intermediate keys, for any characters in the path', () => {
    const job = { path: '年度/工作 总结+1%.v2', version };
    expect(parseCleanedKey(cleanedKey(job))).toEqual(job);
    expect(parseCleanedKey(splitContinuationKey(job, 96))).toEqual(job);
    expect(parseSplitSource(cleanedKey(job))).toEqual({ sourceKey: cleanedKey(job), done: 0 });
    expect(parseSplitSource(splitContinuationKey(job, 96))).toEqual({ sourceKey: cleanedKey(job), done: 96 });
    expect(parseReportKey(reportKey(job, 12))).toEqual({ ...job, index: 12 });
    expect(parseJobKey(jobFactKey(job, JobFact.Input))).toEqual({ ...job, name: 'input.json' });
    expect(parseReportKey('reports/x.json')).toBeUndefined();
  });

  it('carry a rendered document’s digest, and a PDF’s pages, in its name, so a listing tells the manifest everything', () => {
    const sha256 = 'ab'.repeat(32);
    expect(renderedName(7, 'docx', sha256)).toBe(`07.${sha256}.docx`);
    expect(renderedName(7, 'pdf', sha256, 2272)).toBe(`07.${sha256}.2272p.pdf`);
    expect(parseRenderedName(`07.${sha256}.docx`)).toEqual({ index: 7, sha256, format: 'docx' });
    expect(parseRenderedName(`07.${sha256}.2272p.pdf`)).toEqual({ index: 7, sha256, format: 'pdf', pages: 2272 });
    // A job rendered before pages were counted: its documents are still found.
    expect(parseRenderedName(`07.${sha256}.pdf`)).toEqual({ index: 7, sha256, format: 'pdf' });
    expect(parseRenderedName('07.pdf.warnings.json')).toBeUndefined();
  });

  it('put the outputs of a Word document 2024/report.docx under 2024/report.docx/, apart from 2024/report.txt’s', () => {
    // act
    const paths = ['2024/report.docx', '2024/report.txt'].map(documentPath);
    // assert
    expect(paths).toEqual(['2024/report.docx', '2024/report']);
    expect(paths.map(inputKeyOfPath)).toEqual(['2024/report.docx', '2024/report.txt']);
    expect(checkInputKey('2024/report.docx')).toEqual({ kind: 'convert' });
    expect(checkInputKey('2024/report.DOCX')).toEqual({ kind: 'ignore' });
  });

  it('strip only the extension of the last segment', () => {
    expect(documentPath('a.b/c.d/name.txt')).toBe('a.b/c.d/name');
    expect(documentPath('report.txt')).toBe('report');
  });

  it('find the job of every stage’s source object, the clean stage’s from the object read', () => {
    expect(jobOfSource(StageName.Clean, 'a/b.txt', upload)).toEqual({ path: 'a/b', version });
    expect(jobOfSource(StageName.Split, `cleaned/a/b/${version}.json`)).toEqual({ path: 'a/b', version });
    expect(jobOfSource(StageName.RenderPdf, `reports/a/b/${version}/01.json`)).toEqual({ path: 'a/b', version, index: 1 });
    expect(jobOfSource(StageName.Clean, 'a/b.txt')).toBeUndefined();
  });
});

describe('input keys the chain cannot name a folder after', () => {
  const odd = [
    ...['.txt', '..txt', '...txt', '....txt', 'a/.txt', 'a/..txt', 'a/...txt', '.txt.txt', '..txt.txt', 'report.txt', 'report.txt.txt', '.hidden.txt', 'a/b.c.txt', '2024/年度 报告.txt'],
    ...['report.docx', 'report.docx.txt', 'report.docx.txt.txt', 'report.txt.docx', '.docx', '..docx', 'a/.docx.txt', 'a/b.docx/c.txt', 'a/b.docx/c.docx'],
  ];

  it('give every .txt and .docx key a folder of its own, never . or .., and find the key again from the folder', () => {
    // act
    const folders = odd.map(documentPath);
    // assert
    expect(new Set(folders).size).toBe(odd.length);
    expect(folders.filter((f) => f.split('/').some((segment) => segment === '' || segment === '.' || segment === '..'))).toEqual([]);
    expect(folders.map(inputKeyOfPath)).toEqual(odd);
  });

  it('refuse a name of nothing or only dots before .txt, with a code, in its own folder', () => {
    expect(['.txt', '..txt', 'a/...txt', '.txt.txt'].map(checkInputKey)).toEqual(
      ['.txt', '..txt', '...txt', '.txt.txt'].map((name) => ({ kind: 'refuse', code: KeyErrorCode.NoName, params: { name } })),
    );
    expect(['report.txt', '.hidden.txt', 'a/....x.txt'].map((key) => checkInputKey(key).kind)).toEqual(['convert', 'convert', 'convert']);
    expect(['.docx', 'a/...docx'].map(checkInputKey)).toEqual(['.docx', '...docx'].map((name) => ({ kind: 'refuse', code: KeyErrorCode.NoName, params: { name } })));
  });

  it('hold a .docx key, whose folder keeps its extension, to the same limit on the folder’s name', () => {
    // prepare: the longest .txt key's folder, as the folder of a .docx key
    const folder = `${'x'.repeat(MAX_CONVERTED_KEY_BYTES - '.txt'.length - '.docx'.length)}.docx`;
    // act
    const fits = checkInputKey(folder);
    const over = checkInputKey(`y${folder}`);
    // assert
    expect(documentPath(folder).length).toBe(documentPath(`${'x'.repeat(MAX_CONVERTED_KEY_BYTES - 4)}.txt`).length);
    expect(fits).toEqual({ kind: 'convert' });
    expect(over).toEqual({ kind: 'refuse', code: KeyErrorCode.TooLong, params: { bytes: MAX_CONVERTED_KEY_BYTES - 4 + 1, limit: MAX_CONVERTED_KEY_BYTES - 4 } });
  });

  it('convert keys whose every derived key fits in S3’s 1,024 bytes, refuse longer ones with a code, and leave alone only those whose status.json would not fit', () => {
    // prepare: keys of a given length in bytes, in folders of 200-byte segments, as a user would nest them
    const keyOf = (bytes: number) => {
      const stem = Array.from({ length: bytes - '.txt'.length }, (_, i) => (i % 200 === 199 ? '/' : 'x')).join('');
      return `${stem.slice(0, -1)}y.txt`;
    };
    const longest = keyOf(MAX_CONVERTED_KEY_BYTES);
    const path = documentPath(longest);
    const job = { path, version: `${'9'.repeat(10)}-${'f'.repeat(32)}-10000` };
    const index = 999_999;
    const documentName = `${documentBaseName(index, '国'.repeat(100))}.docx`;
    // act
    const derived = [
      statusKey(path),
      manifestKey(path),
      errorKey(path),
      documentKey(path, documentName),
      cleanedKey(job),
      reportKey(job, index),
      jobFactKey(job, JobFact.Manifest),
      `${jobFolder(job)}${renderedName(index, 'docx', 'f'.repeat(64))}`,
      `${jobFolder(job)}${renderWarningsName(index, 'docx')}`,
    ];
    // assert
    const bytes = (key: string) => new TextEncoder().encode(key).length;
    expect(bytes(longest)).toBe(MAX_CONVERTED_KEY_BYTES);
    expect(Math.max(...derived.map(bytes))).toBeLessThanOrEqual(1024);
    expect(checkInputKey(longest)).toEqual({ kind: 'convert' });
    expect(checkInputKey(keyOf(MAX_CONVERTED_KEY_BYTES + 1))).toEqual({ kind: 'refuse', code: KeyErrorCode.TooLong, params: { bytes: MAX_CONVERTED_KEY_BYTES + 1, limit: MAX_CONVERTED_KEY_BYTES } });
    expect(checkInputKey(keyOf(1016)).kind).toBe('refuse');
    expect(bytes(statusKey(documentPath(keyOf(1016))))).toBe(1024);
    expect(checkInputKey(keyOf(1017))).toEqual({ kind: 'ignore' });
    expect(checkInputKey('2024/REPORT.TXT')).toEqual({ kind: 'ignore' });
  });
});

const notification = (key: string) => awsNotification('in-bucket', key, 1024);
const eventBridge = (key: string) => awsEventBridgeObjectCreated('work-bucket', key, 5);

describe('object events', () => {
  it('decode notification keys: + is a space, %2B a plus, %25 a percent, Chinese percent-encoded', () => {
    const refs = objectRefsFromEvent(notification('2024/%E5%B9%B4%E5%BA%A6+%E6%8A%A5%E5%91%8A%2B1%25.txt'));
    expect(refs).toEqual([{ bucket: 'in-bucket', key: '2024/年度 报告+1%.txt', event: 'created', size: 1024, etag: 'd41d8cd98f00b204e9800998ecf8427e' }]);
  });

  it('take EventBridge keys as they are, since EventBridge does not encode them', () => {
    const refs = objectRefsFromEvent(eventBridge('reports/年度 报告+1%/01.json'));
    expect(refs).toEqual([{ bucket: 'work-bucket', key: 'reports/年度 报告+1%/01.json', event: 'created', size: 5, etag: 'b1946ac92492d2347c6235b4d2611184' }]);
  });

  it('round-trip any key through the notification encoding', () => {
    for (const key of ['a b+c%d.txt', '年度/（一）报告 (1)!.txt', "it's*~.txt", 'plain/key.txt']) {
      expect(decodeNotificationKey(encodeNotificationKey(key))).toBe(key);
    }
    expect(encodeNotificationKey('a b+c.txt')).toBe('a+b%2Bc.txt');
  });

  it('build the same refs from the events the local runner fabricates as from AWS-shaped ones', () => {
    const key = '2024/年度 报告+1%.txt';
    const etag = 'd41d8cd98f00b204e9800998ecf8427e';
    expect(objectRefsFromEvent(s3NotificationEvent({ bucket: 'in-bucket', key, size: 1024, etag }))).toEqual(
      objectRefsFromEvent(notification(encodeNotificationKey(key))),
    );
    expect(objectRefsFromEvent(eventBridgeObjectCreatedEvent({ bucket: 'work-bucket', key, size: 5, etag: 'b1946ac92492d2347c6235b4d2611184' }))).toEqual(
      objectRefsFromEvent(eventBridge(key)),
    );
  });

  it('read the events an SQS batch carries, message by message, as the runner’s batches carry them, and nothing from S3’s test event', () => {
    // prepare
    const key = '2024/年度 报告+1%.txt';
    const bodies = [notification(encodeNotificationKey(key)), eventBridge(key), S3_TEST_EVENT];
    const fabricated = sqsBatchEvent(
      bodies.map((body, i) => ({ messageId: `m${i}`, body, receiveCount: 1, sentAt: new Date('2024-05-01T10:00:00Z') })),
      { queueArn: 'arn:aws:sqs:us-east-1:000000000000:report-press-publish' },
    );
    // act
    const fromAws = queuedObjectRefs(awsSqsBatch(bodies));
    const fromRunner = queuedObjectRefs(fabricated);
    // assert
    expect(fromAws.map((m) => m.refs)).toEqual([objectRefsFromEvent(notification(encodeNotificationKey(key))), objectRefsFromEvent(eventBridge(key)), []]);
    expect(fromAws.map((m) => m.messageId)).toEqual(awsSqsBatch(bodies).Records.map((r) => r.messageId));
    expect(fromRunner.map((m) => m.refs)).toEqual(fromAws.map((m) => m.refs));
    expect(queuedObjectRefs(eventBridge(key))).toEqual([{ refs: objectRefsFromEvent(eventBridge(key)) }]);
  });

  it('read removals as removals, with no size or ETag, as S3 sends them', () => {
    const removal = notification('a+b.txt');
    removal.Records[0]!.eventName = 'ObjectRemoved:DeleteMarkerCreated';
    const { size: _size, eTag: _eTag, ...object } = removal.Records[0]!.s3.object;
    removal.Records[0]!.s3.object = object as typeof removal.Records[0]['s3']['object'];

    expect(objectRefsFromEvent(removal)).toEqual([{ bucket: 'in-bucket', key: 'a b.txt', event: 'removed', size: undefined, etag: undefined }]);
    expect(objectRefsFromEvent(s3RemovalNotificationEvent({ bucket: 'in-bucket', key: 'a b.txt' }))).toEqual(objectRefsFromEvent(removal));
    expect(objectRefsFromEvent({ ...eventBridge('a.txt'), 'detail-type': 'Object Deleted' })[0]?.event).toBe('removed');
  });

  it('ignore other S3 events and reject events the chain is not wired for', () => {
    const restore = notification('a.txt');
    restore.Records[0]!.eventName = 'ObjectRestore:Completed';
    expect(objectRefsFromEvent(restore)).toEqual([]);
    expect(objectRefsFromEvent({ ...eventBridge('a.txt'), 'detail-type': 'Object Tags Added' })).toEqual([]);
    expect(() => objectRefsFromEvent({ hello: 'world' })).toThrow(EventShapeError);
    expect(() => objectRefsFromEvent(notification('bad%E5.txt'))).toThrow(/not validly URL-encoded/);
  });
});

describe('stage failures', () => {
  it('carry the failed stage and Lambda’s invocation record, with the event every attempt failed on', () => {
    const requestPayload = awsEventBridgeObjectCreated('work', `reports/a/${version}/03.json`);
    const failure = invocationFailureRecord({ functionArn: 'arn:aws:lambda:eu-west-1:1:function:pdf', requestPayload, error: new Error('out of memory'), attempts: 3 });

    const parsed = parseStageFailureEvent({ stage: 'render-pdf', failure });

    expect(parsed.stage).toBe('render-pdf');
    expect(parsed.failure).toMatchObject({
      requestContext: { functionArn: 'arn:aws:lambda:eu-west-1:1:function:pdf:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload,
      responsePayload: { errorType: 'Error', errorMessage: 'out of memory' },
    });
  });

  it('refuse anything else with a message that points at the rule’s input transformer', () => {
    expect(() => parseStageFailureEvent({ stage: 'paint', failure: {} })).toThrow(FailureEventError);
    expect(() => parseStageFailureEvent({ stage: 'split', failure: { oops: 1 } })).toThrow(/invocation record/);
  });
});
