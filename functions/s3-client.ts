/**
 * S3 clients for AWS and for the local S3-compatible server.
 */
import { S3Client } from '@aws-sdk/client-s3';

export interface S3ClientOptions {
  /** A local S3-compatible server, e.g. `http://127.0.0.1:4568`; omit for AWS. */
  readonly endpoint?: string;
  readonly region?: string;
}

/** The only credentials the local server accepts (it verifies every request's SigV4 signature against them); AWS never sees them. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'report-press', secretAccessKey: 'report-press' } as const;
/** The region local clients sign for; the embedded server takes any. */
export const LOCAL_REGION = 'us-east-1';

/**
 * An S3 client. With an endpoint it is set up for the local server: path-style addressing, and
 * checksums only where S3 requires them, because s3rver neither stores nor returns flexible
 * checksums (uploads from other clients' default aws-chunked framing are decoded by the dev server).
 */
export function createS3Client(options: S3ClientOptions = {}): S3Client {
  if (!options.endpoint) return new S3Client(options.region ? { region: options.region } : {});
  return new S3Client({
    endpoint: options.endpoint,
    region: options.region ?? LOCAL_REGION,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: LOCAL_CREDENTIALS,
  });
}
