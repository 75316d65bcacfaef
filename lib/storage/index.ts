import 'server-only';
import path from 'node:path';
import { LocalStorage } from './local';
import type { ObjectStorage } from './storage';

let storage: ObjectStorage | undefined;

/**
 * The configured storage: `DEMARC_STORAGE=s3` for an S3-compatible service (see the README),
 * otherwise local disk under `DEMARC_STORAGE_DIR` (default `<data dir>/evidence`).
 */
export async function getStorage(): Promise<ObjectStorage> {
  if (storage) return storage;
  if (process.env.DEMARC_STORAGE === 's3') {
    const { S3Storage } = await import('./s3');
    storage = S3Storage.fromEnv();
  } else {
    const dataDir = path.resolve(/*turbopackIgnore: true*/ process.env.DEMARC_DATA_DIR ?? '.data');
    storage = new LocalStorage(process.env.DEMARC_STORAGE_DIR ?? path.join(dataDir, 'evidence'));
  }
  return storage;
}
