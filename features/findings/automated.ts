/**
 * What an AUTOMATED evidence version records: one scan's results for one control in one system.
 * Immutable once written; its hash is the SHA-256 of `canonicalJson(result)`.
 */
import type { FindingFormat, FindingStatus, Severity } from './findings.policy';

export type FailingResource = {
  resource: string;
  checkId: string;
  title: string;
  severity: Severity | null;
  remediation: string;
  /** The tool suppressed it: listed, not counted. */
  suppressed: boolean;
};

export type AutomatedResult = {
  scanId: string;
  format: FindingFormat;
  tool: { name: string; version: string | null };
  scannedAt: string;
  accounts: string[];
  regions: string[];
  checks: { passed: number; failed: number; notApplicable: number; suppressed: number };
  /** The failing resources, at most `MAX_LISTED_FAILURES` of them; `failingTotal` counts all. */
  failing: FailingResource[];
  failingTotal: number;
};

export const MAX_LISTED_FAILURES = 1000;

export type { FindingStatus };
