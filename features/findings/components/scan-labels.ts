import { FINDING_FORMATS, FORMAT_LABELS, type FindingFormat } from '../findings.policy';

/** A scan's format in words ("AWS Security Hub findings (ASFF JSON)"), or the code as stored. */
export function formatLabel(format: string): string {
  return (FINDING_FORMATS as readonly string[]).includes(format) ? FORMAT_LABELS[format as FindingFormat] : format;
}

/** "2026-07-20 16:47 UTC" */
export const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export const FINDING_STATUS_LABELS: Record<string, string> = {
  PASSED: 'Passed',
  FAILED: 'Failed',
  NOT_APPLICABLE: 'Not applicable',
  MANUAL: 'Manual check',
  UNKNOWN: 'Unknown',
};
