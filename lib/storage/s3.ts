import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { StorageNotFoundError, type ObjectStorage } from './storage';

export interface S3StorageOptions {
  client: S3Client;
  bucket: string;
  /** Prepended as is to every key, so a folder prefix ends with `/` (e.g. `demarc/`). */
  prefix?: string;
}

/**
 * Objects in a bucket of S3 or any S3-compatible service (MinIO, s3rver, …). Every app
 * instance pointed at the same bucket sees the same files.
 */
export class S3Storage implements ObjectStorage {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor({ client, bucket, prefix = '' }: S3StorageOptions) {
    this.client = client;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  /**
   * Configuration from the environment: `S3_BUCKET` (required), `S3_REGION` (default
   * `us-east-1`), `S3_ENDPOINT` and `S3_FORCE_PATH_STYLE=true` for S3-compatible servers,
   * `S3_PREFIX`. Credentials come from the SDK's default chain (`AWS_ACCESS_KEY_ID` and
   * `AWS_SECRET_ACCESS_KEY`, a profile, an instance role, …).
   */
  static fromEnv(): S3Storage {
    const env = process.env;
    if (!env.S3_BUCKET) throw new Error('S3_BUCKET must be set to use S3 storage (DEMARC_STORAGE=s3).');
    const client = new S3Client({
      region: env.S3_REGION || 'us-east-1',
      endpoint: env.S3_ENDPOINT || undefined,
      forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    });
    return new S3Storage({ client, bucket: env.S3_BUCKET, prefix: env.S3_PREFIX });
  }

  /** Refuses the keys the local backend refuses, so both backends accept the same keys. */
  private keyOf(key: string): string {
    if (key.startsWith('/') || key.split('/').includes('..')) throw new Error(`Invalid storage key: ${key}`);
    return this.prefix + key;
  }

  /**
   * Streams in parts of 5 MiB (a few parts in flight at a time), so memory use does not grow
   * with the file. S3 shows an object only once the upload completes; on any failure the
   * multipart upload is aborted and the key deleted, in case the failure came after S3 had
   * already committed the object (e.g. a lost response).
   */
  async put(key: string, body: Readable, contentType: string): Promise<void> {
    const Key = this.keyOf(key);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key, Body: body, ContentType: contentType },
      // We abort ourselves (below) so that a failed abort cannot replace the error that
      // explains why the upload failed.
      leavePartsOnError: true,
    });
    try {
      await upload.done();
    } catch (error) {
      // Like `pipeline` in the local backend: release the source (e.g. a request body) when
      // the upload stopped reading it because S3 refused a part.
      body.destroy();
      await this.discard(Key, upload.uploadId);
      throw error;
    }
  }

  private async discard(Key: string, uploadId: string | undefined): Promise<void> {
    const cleanups: Promise<unknown>[] = [this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }))];
    if (uploadId) {
      cleanups.push(this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId: uploadId })));
    }
    for (const result of await Promise.allSettled(cleanups)) {
      if (result.status === 'rejected') {
        // Parts left behind are invisible but billed; a bucket lifecycle rule
        // (AbortIncompleteMultipartUpload) removes them eventually.
        const reason: unknown = result.reason;
        console.warn(
          JSON.stringify({
            level: 'warn',
            msg: 'could not clean up after a failed upload',
            key: Key,
            uploadId,
            error: reason instanceof Error ? { name: reason.name, message: reason.message } : String(reason),
          }),
        );
      }
    }
  }

  async get(key: string): Promise<Readable> {
    const Key = this.keyOf(key);
    try {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
      // On Node the SDK's body is an http.IncomingMessage.
      if (!(Body instanceof Readable)) throw new Error(`S3 returned no readable body for ${Key}`);
      return Body;
    } catch (error) {
      if (error instanceof NoSuchKey) throw new StorageNotFoundError(key);
      throw error;
    }
  }

  /** S3 answers a delete of a missing key with success too. */
  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }));
  }

  async exists(key: string): Promise<boolean> {
    const Key = this.keyOf(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
      return true;
    } catch (error) {
      // A HEAD response has no body, so a missing key is only a 404 (`NotFound`).
      if (error instanceof NotFound) return false;
      throw error;
    }
  }
}
