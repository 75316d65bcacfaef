import 'server-only';
import type { OrgContext } from '@/lib/auth/permissions';
import type { FindingsSource } from './parse';
import type { FindingFormat } from './findings.policy';

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

/**
 * Ingests one file of a security tool's results for the organization: all or nothing.
 * Implemented in the findings ingest work; this is the signature the UI and API call.
 */
export async function ingestFindings(ctx: OrgContext, source: FindingsSource, meta: { fileName: string }): Promise<IngestResult> {
  void ctx;
  void source;
  void meta;
  throw new Error('not implemented');
}
