// The same contract for every ObjectStorage backend: local disk on a temporary folder, and
// S3Storage against s3rver, a real S3-API server running in this process.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AbortMultipartUploadCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalStorage } from './local';
import { S3Storage } from './s3';
import { StorageNotFoundError, type ObjectStorage } from './storage';

const BUCKET = 'demarc-evidence';
// Larger than one 5 MiB upload part, so S3 goes through a multipart upload.
const LARGE = 11 * 1024 * 1024;

let tempDir: string;
let server: S3rver;
let endpoint: string;

beforeAll(async () => {
  tempDir = await mkdtemp(path.join(tmpdir(), 'demarc-storage-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(tempDir, 's3rver'),
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server.close();
  await rm(tempDir, { recursive: true, force: true });
});

/** A client of its own, as a separate app instance would have. s3rver's fixed credentials. */
function s3Client(): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
}

/** The bytes in 64 KiB chunks, the way an upload arrives. */
function streamOf(bytes: Buffer): Readable {
  return Readable.from(chunksOf(bytes));
}

function* chunksOf(bytes: Buffer) {
  for (let offset = 0; offset < bytes.length; offset += 64 * 1024) yield bytes.subarray(offset, offset + 64 * 1024);
}

/** Sends `bytesBeforeFailure` bytes, then fails like a client that went away mid-upload. */
function failingStream(bytesBeforeFailure: number): Readable {
  return Readable.from(
    (async function* () {
      yield* chunksOf(randomBytes(bytesBeforeFailure));
      throw new Error('client went away');
    })(),
  );
}

async function sha256(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function newKey(): string {
  return `evidence/${randomUUID()}.pdf`;
}

const backends: [string, () => ObjectStorage][] = [
  ['local disk', () => new LocalStorage(path.join(tempDir, 'local'))],
  ['S3', () => new S3Storage({ client: s3Client(), bucket: BUCKET })],
];

describe.each(backends)('%s storage', (_name, createStorage) => {
  let storage: ObjectStorage;
  beforeAll(() => {
    storage = createStorage();
  });

  it.each([
    ['a small file', 1024],
    ['a file larger than one upload part', LARGE],
  ])('gives back the same bytes for %s', async (_label, size) => {
    const key = newKey();
    const bytes = randomBytes(size);

    await storage.put(key, streamOf(bytes), 'application/pdf');

    expect(await sha256(await storage.get(key))).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('tells whether a key exists', async () => {
    const key = newKey();
    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, streamOf(randomBytes(100)), 'text/plain');
    expect(await storage.exists(key)).toBe(true);
  });

  it('deletes, and then has nothing under the key', async () => {
    const key = newKey();
    await storage.put(key, streamOf(randomBytes(100)), 'text/plain');

    await storage.delete(key);

    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('rejects get of a key that was never stored', async () => {
    await expect(storage.get(newKey())).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('deletes a missing key without complaint', async () => {
    await expect(storage.delete(newKey())).resolves.toBeUndefined();
  });

  it('leaves nothing under the key when the body fails halfway', async () => {
    const key = newKey();

    await expect(storage.put(key, failingStream(LARGE), 'application/pdf')).rejects.toThrow('client went away');

    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('refuses a key that climbs out with ../', async () => {
    const key = '../outside.pdf';
    await expect(storage.put(key, streamOf(randomBytes(100)), 'application/pdf')).rejects.toThrow('Invalid storage key');
    await expect(storage.get(key)).rejects.toThrow('Invalid storage key');
    await expect(storage.delete(key)).rejects.toThrow('Invalid storage key');
  });
});

describe('S3 storage', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('shares objects between two app instances', async () => {
    const first = new S3Storage({ client: s3Client(), bucket: BUCKET });
    const second = new S3Storage({ client: s3Client(), bucket: BUCKET });
    const key = newKey();
    const bytes = randomBytes(4096);

    await first.put(key, streamOf(bytes), 'application/pdf');
    expect(await second.exists(key)).toBe(true);
    expect(await sha256(await second.get(key))).toBe(createHash('sha256').update(bytes).digest('hex'));

    await second.delete(key);
    expect(await first.exists(key)).toBe(false);
  });

  it('aborts the multipart upload when the body fails after parts were sent', async () => {
    const client = s3Client();
    const send = vi.spyOn(client, 'send');
    // s3rver does not implement AbortMultipartUpload, so the cleanup warns here.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const key = newKey();

    await expect(new S3Storage({ client, bucket: BUCKET }).put(key, failingStream(LARGE), 'application/pdf')).rejects.toThrow(
      'client went away',
    );

    const aborts = send.mock.calls.map(([command]) => command).filter((command) => command instanceof AbortMultipartUploadCommand);
    expect(aborts).toHaveLength(1);
    expect(aborts[0]?.input).toMatchObject({ Bucket: BUCKET, Key: key, UploadId: expect.any(String) });
  });

  it.each([
    ['PutObjectCommand', 1024],
    ['CompleteMultipartUploadCommand', LARGE],
  ])('removes the object when the response to %s is lost', async (lostCommand, size) => {
    const client = s3Client();
    // S3 has stored the object, but the answer never reaches the app.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === lostCommand) throw new Error('connection reset');
        return result;
      },
      { step: 'initialize' },
    );
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const key = newKey();

    await expect(new S3Storage({ client, bucket: BUCKET }).put(key, streamOf(randomBytes(size)), 'application/pdf')).rejects.toThrow(
      'connection reset',
    );

    expect(await new S3Storage({ client: s3Client(), bucket: BUCKET }).exists(key)).toBe(false);
  });

  it('is configured from the environment, with a key prefix', async () => {
    vi.stubEnv('S3_BUCKET', BUCKET);
    vi.stubEnv('S3_ENDPOINT', endpoint);
    vi.stubEnv('S3_FORCE_PATH_STYLE', 'true');
    vi.stubEnv('S3_PREFIX', 'tenant-a/');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
    const key = newKey();

    await S3Storage.fromEnv().put(key, streamOf(randomBytes(100)), 'text/plain');

    await expect(s3Client().send(new HeadObjectCommand({ Bucket: BUCKET, Key: `tenant-a/${key}` }))).resolves.toBeDefined();
  });

  it('names the missing variable when S3_BUCKET is not set', () => {
    vi.stubEnv('S3_BUCKET', '');
    expect(() => S3Storage.fromEnv()).toThrow('S3_BUCKET');
  });
});
