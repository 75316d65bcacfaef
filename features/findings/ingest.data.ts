import 'server-only';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { ingestHeapMb, maxFindingsBytes } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { runInThread, ThreadOutOfMemory } from '@/lib/threads/run';
import type { FindingsSource } from './parse';
import { formatBytes, type FindingFormat } from './findings.policy';
import type { IngestJob } from './ingest-thread.data';

export type IngestResult = {
  scanId: string;
  /** True when the same file had been ingested before: nothing changed. */
  duplicate: boolean;
  format: FindingFormat;
  findings: number;
  mapped: number;
  unmapped: number;
  failed: number;
  /** Open failures this scan resolved (a check that failed before passes now). */
  resolved: number;
  /** Evidence versions written (one per control and system the scan reached). */
  evidenceVersions: number;
};

export type IngestMeta = {
  fileName: string;
  /** For files that do not name them (AWS Config results): the scan's account and Region. */
  accountId?: string;
  region?: string;
  /** The IAM credential report's generation time (ages are measured from it). */
  asOf?: Date;
};

/** A file over DEMARC_MAX_FINDINGS_MB: the API answers 413. */
export class FindingsTooLarge extends AppError {
  constructor(limit: number) {
    super('VALIDATION', `The file is larger than ${formatBytes(limit)}, the most one import takes (DEMARC_MAX_FINDINGS_MB); split it.`);
    this.name = 'FindingsTooLarge';
  }
}

/**
 * Ingests one file of a security tool's results for the organization, all or nothing: the file
 * is spooled to a temporary file while its SHA-256 is computed, then ingested in a thread of its
 * own (ingest-thread.data.ts, lib/threads) whose heap is capped by DEMARC_INGEST_HEAP_MB, while the
 * server's event loop keeps answering. A file that is refused or breaks part-way
 * writes nothing: the parser's message reaches the caller.
 */
export async function ingestFindings(ctx: OrgContext, source: FindingsSource, meta: IngestMeta): Promise<IngestResult> {
  assertCan(ctx, 'findings.ingest');
  const dir = await mkdtemp(path.join(tmpdir(), 'demarc-findings-'));
  try {
    const file = path.join(dir, 'upload');
    const { sha256, bytes } = await spool(source, file, maxFindingsBytes());
    const job: IngestJob = { ctx, file, sha256, bytes, meta };
    return await runInThread<IngestResult>('features/findings/ingest-thread.data.ts', job, { heapMb: ingestHeapMb() });
  } catch (error) {
    if (error instanceof ThreadOutOfMemory)
      throw new AppError(
        'VALIDATION',
        `The file needs more memory than one import may use (DEMARC_INGEST_HEAP_MB, ${ingestHeapMb()} MB); split it, or raise the limit.`,
      );
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function* chunksOf(source: FindingsSource): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    yield typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
    return;
  }
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  }
}

/** Writes the source to `file` while hashing it, refusing more than `limit` bytes as they arrive. */
async function spool(source: FindingsSource, file: string, limit: number): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  let bytes = 0;
  try {
    for await (const chunk of chunksOf(source)) {
      bytes += chunk.byteLength;
      if (bytes > limit) throw new FindingsTooLarge(limit);
      hash.update(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  if (bytes === 0) throw new AppError('VALIDATION', 'The file is empty.');
  return { sha256: hash.digest('hex'), bytes };
}
