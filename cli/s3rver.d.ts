// Types for the parts of s3rver 3 (untyped, CommonJS) that cli/dev-server.ts uses.
declare module 's3rver' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage, ServerResponse } from 'node:http';

  namespace S3rver {
    interface BucketConfig {
      readonly name: string;
      readonly configs?: readonly string[];
    }
    interface Options {
      readonly address?: string;
      readonly port?: number;
      readonly silent?: boolean;
      readonly directory?: string;
      readonly resetOnClose?: boolean;
      readonly allowMismatchedSignatures?: boolean;
      readonly vhostBuckets?: boolean;
      readonly configureBuckets?: readonly BucketConfig[];
    }
    /** s3rver's notification: S3-shaped, but with the key as stored (not URL-encoded). */
    interface Event {
      readonly Records: readonly {
        readonly eventName: string;
        readonly s3: {
          readonly bucket: { readonly name: string };
          readonly object: { readonly key: string; readonly size?: number; readonly eTag?: string };
        };
      }[];
    }
  }

  class S3rver extends EventEmitter {
    constructor(options?: S3rver.Options);
    /** Koa's app context; s3rver keeps its store there for the controllers. */
    readonly context: Record<string, unknown>;
    /** Koa's request listener. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    /** Creates the buckets named in `configureBuckets`. */
    configureBuckets(): Promise<void>;
    on(event: 'event', listener: (event: S3rver.Event) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  export = S3rver;
}
