// Runs before each integration test file: gives the file its own database, cloned from the
// migrated template, before any application module reads DATABASE_URL.
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { ensureDatabase } from '@/lib/embedded-postgres';

const url = new URL(inject('templateDatabaseUrl'));
const template = url.pathname.slice(1);
url.pathname = `/test_${randomUUID().replace(/-/g, '')}`;
await ensureDatabase(inject('adminDatabaseUrl'), url.pathname.slice(1), template);
process.env.DATABASE_URL = url.toString();

// Evidence files of this test file go to their own temporary folder.
process.env.DEMARC_STORAGE_DIR = await mkdtemp(path.join(tmpdir(), 'demarc-evidence-'));
