import type { AutomatedResult } from '@/features/findings/automated';

/** What a one-line description of an AUTOMATED version needs (also what a snapshot freezes of it). */
export type AutomatedSummary = Pick<AutomatedResult, 'tool' | 'scannedAt' | 'checks' | 'failingTotal'>;

export function automatedSummary(result: AutomatedResult): AutomatedSummary {
  return { tool: result.tool, scannedAt: result.scannedAt, checks: result.checks, failingTotal: result.failingTotal };
}

/** "Prowler 5.4.0" or "AWS Security Hub". */
export const toolText = (tool: AutomatedResult['tool']) => (tool.version ? `${tool.name} ${tool.version}` : tool.name);

/** "2026-11-30 10:15 UTC". */
export const scanTimeText = (iso: string) => `${iso.replace('T', ' ').slice(0, 16)} UTC`;

/** "12 passed, 2 failed, 1 not applicable, 0 suppressed". */
export function checksText(checks: AutomatedResult['checks']): string {
  return `${checks.passed} passed, ${checks.failed} failed, ${checks.notApplicable} not applicable, ${checks.suppressed} suppressed`;
}

/** An AUTOMATED version in one line: "Prowler 5.4.0, scan of 2026-11-30 10:15 UTC: 12 passed, 2 failed, …; 2 failing resources". */
export function automatedText(result: AutomatedSummary): string {
  const failing = result.failingTotal === 1 ? '1 failing resource' : `${result.failingTotal} failing resources`;
  return `${toolText(result.tool)}, scan of ${scanTimeText(result.scannedAt)}: ${checksText(result.checks)}; ${failing}`;
}
