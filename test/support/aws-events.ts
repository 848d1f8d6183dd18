/**
 * AWS event shapes written out by hand, after the S3 user guide's "Event message structure" and
 * "EventBridge event message structure" examples: an oracle independent of lib/pipeline's own
 * event builders. Notification keys are form-URL-encoded; EventBridge keys are not.
 */

/** An S3 event notification as AWS delivers it to Lambda; `encodedKey` must be URL-encoded as S3 does. */
export function awsNotification(bucket: string, encodedKey: string, size = 0) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-west-1',
        eventTime: '2024-05-01T10:00:00.000Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
        requestParameters: { sourceIPAddress: '203.0.113.7' },
        responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'report-press',
          bucket: { name: bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${bucket}` },
          object: { key: encodedKey, size, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0055AED6DCD90281E5' },
        },
      },
    ],
  };
}

/** An EventBridge "Object Created" event as AWS delivers it to a rule target; the key is not encoded. */
export function awsEventBridgeObjectCreated(bucket: string, key: string, size = 0) {
  return {
    version: '0',
    id: '17793124-05d4-b198-2fde-7ededc63b103',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '111122223333',
    time: '2024-05-01T10:00:01Z',
    region: 'eu-west-1',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: {
      version: '0',
      bucket: { name: bucket },
      object: { key, size, etag: 'b1946ac92492d2347c6235b4d2611184', sequencer: '00617F08299329D189' },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: '123456789012',
      'source-ip-address': '1.2.3.4',
      reason: 'PutObject',
    },
  };
}
