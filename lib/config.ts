import type { FreshnessConfig } from '@/features/evidence/evidence.policy';

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number (got "${raw}")`);
  return value;
}

/** Freshness settings, from DEMARC_EXPIRING_WINDOW_DAYS (30) and DEMARC_REPORT_GRACE_DAYS (90). */
export function freshnessConfig(): FreshnessConfig {
  return {
    expiringWindowDays: positiveInt('DEMARC_EXPIRING_WINDOW_DAYS', 30),
    reportGraceDays: positiveInt('DEMARC_REPORT_GRACE_DAYS', 90),
  };
}

/** Largest evidence upload, from DEMARC_MAX_UPLOAD_MB (25). */
export function maxUploadBytes(): number {
  return positiveInt('DEMARC_MAX_UPLOAD_MB', 25) * 1024 * 1024;
}

/** Bounds on an OSCAL file before it is parsed: DEMARC_OSCAL_MAX_VALUES (1,000,000; NIST's full catalog has ~55,000) and nesting. */
export function oscalLimits() {
  return { maxItems: positiveInt('DEMARC_OSCAL_MAX_VALUES', 1_000_000), maxDepth: 64 };
}

/** The most rows a controls CSV may have, from DEMARC_IMPORT_MAX_ROWS (10,000); a larger file is refused before anything is written. */
export function importLimits() {
  return { maxRows: positiveInt('DEMARC_IMPORT_MAX_ROWS', 10_000) };
}

/**
 * The time limit of an import's one transaction, sized to its work: 30 s, and 5 ms for each
 * row it writes (10,000 controls: 80 s). The measured rate is well under 1 ms a row; the rest is
 * room for a busy machine.
 */
export function importTimeoutMs(rows: number): number {
  return 30_000 + 5 * rows;
}

/** Largest security-tool results file the findings ingest takes, from DEMARC_MAX_FINDINGS_MB (512). */
export function maxFindingsBytes(): number {
  return positiveInt('DEMARC_MAX_FINDINGS_MB', 512) * 1024 * 1024;
}

/** The heap of the thread a findings ingest runs in, from DEMARC_INGEST_HEAP_MB (192): its memory, whatever the file. */
export function ingestHeapMb(): number {
  return positiveInt('DEMARC_INGEST_HEAP_MB', 192);
}
