// s3rver ships without type declarations; this covers what the storage tests use.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  namespace S3rver {
    interface Options {
      address?: string;
      /** 0 picks a free port; `run()` resolves with the one chosen. */
      port?: number;
      silent?: boolean;
      /** Where buckets and objects are kept on disk. */
      directory?: string;
      /** Buckets created when the server starts. */
      configureBuckets?: { name: string }[];
    }
  }

  class S3rver {
    constructor(options?: S3rver.Options);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }

  export = S3rver;
}
