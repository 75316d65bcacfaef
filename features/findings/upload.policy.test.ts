import { describe, expect, it } from 'vitest';
import { findingsFileName } from './upload.policy';

describe('the findings upload', () => {
  it('keeps a readable file name', () => {
    expect(findingsFileName('securityhub\u0000-findings.json ')).toBe('securityhub-findings.json');
    expect(findingsFileName(null)).toBe('upload');
    expect(findingsFileName('   ')).toBe('upload');
    expect(findingsFileName('\ud800.json')).toBe('\ufffd.json');
    expect(Array.from(findingsFileName('😀'.repeat(300)))).toHaveLength(200);
  });
});
