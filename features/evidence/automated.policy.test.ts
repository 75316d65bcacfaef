import { describe, expect, it } from 'vitest';
import type { AutomatedResult } from '@/features/findings/automated';
import { automatedSummary, automatedText } from './automated.policy';

const RESULT: AutomatedResult = {
  scanId: '7c0f2f9e-8a7b-4c56-9f43-1d2e3f4a5b6c',
  format: 'asff',
  tool: { name: 'Prowler', version: '5.4.0' },
  scannedAt: '2026-11-30T10:15:42.000Z',
  accounts: ['123456789012'],
  regions: ['eu-west-1'],
  checks: { passed: 12, failed: 2, notApplicable: 1, suppressed: 0 },
  failing: [],
  failingTotal: 2,
};

describe('an AUTOMATED version in one line', () => {
  it('names the tool, the scan time and the counts', () => {
    expect(automatedText(RESULT)).toBe(
      'Prowler 5.4.0, scan of 2026-11-30 10:15 UTC: 12 passed, 2 failed, 1 not applicable, 0 suppressed; 2 failing resources',
    );
    expect(automatedText({ ...RESULT, tool: { name: 'AWS Security Hub', version: null }, failingTotal: 1 })).toBe(
      'AWS Security Hub, scan of 2026-11-30 10:15 UTC: 12 passed, 2 failed, 1 not applicable, 0 suppressed; 1 failing resource',
    );
  });

  it('keeps only what the line needs for a snapshot', () => {
    expect(automatedSummary(RESULT)).toEqual({
      tool: RESULT.tool,
      scannedAt: RESULT.scannedAt,
      checks: RESULT.checks,
      failingTotal: 2,
    });
  });
});
