import { describe, expect, it } from 'vitest';
import { arnParts, derivedFindingId, parseTimestamp, severityOf, severityOfScore, text } from './findings.policy';

describe('timestamps as the tools write them', () => {
  it.each([
    ['2022-03-08T16:02:25+00:00', '2022-03-08T16:02:25.000Z'],
    ['2025-01-28T17:25:12Z', '2025-01-28T17:25:12.000Z'],
    ['2025-05-31T10:26:28.071492', '2025-05-31T10:26:28.071Z'],
    ['2025-11-14T20:18:51.786961066+00:00', '2025-11-14T20:18:51.786Z'],
    ['2023-06-02T08:46:51-04:00', '2023-06-02T12:46:51.000Z'],
    [1784246570, '2026-07-17T00:02:50.000Z'],
    [1784246570123, '2026-07-17T00:02:50.123Z'],
    [
      { __class__: 'datetime', year: 2018, month: 7, day: 11, hour: 8, minute: 20, second: 23, microsecond: 955000 },
      '2018-07-11T08:20:23.955Z',
    ],
  ])('%j', (value, iso) => {
    expect(parseTimestamp(value)?.toISOString()).toBe(iso);
  });

  it.each([['N/A'], ['no_information'], ['not_supported'], [''], [null], [{ year: 2018 }], ['2022-13-45T99:00:00Z']])(
    '%j is no time',
    (value) => {
      expect(parseTimestamp(value)).toBeNull();
    },
  );
});

describe('small rules', () => {
  it('reads severities by word and by Security Hub score', () => {
    expect(['Critical', 'high', 'MEDIUM', 'Low', 'Informational', 'info', 'Unknown'].map(severityOf)).toEqual([
      'CRITICAL',
      'HIGH',
      'MEDIUM',
      'LOW',
      'INFORMATIONAL',
      'INFORMATIONAL',
      null,
    ]);
    expect([0, 1, 39, 40, 69, 70, 89, 90, 100].map(severityOfScore)).toEqual([
      'INFORMATIONAL',
      'LOW',
      'LOW',
      'MEDIUM',
      'MEDIUM',
      'HIGH',
      'HIGH',
      'CRITICAL',
      'CRITICAL',
    ]);
  });

  it('treats placeholders as absent and reads accounts and Regions from ARNs', () => {
    expect([text('<account_uid>'), text('  '), text('eu-west-1'), text(3)]).toEqual([null, null, 'eu-west-1', null]);
    expect(arnParts('arn:aws:cloudtrail:eu-west-1:018134828551:trail')).toEqual({ region: 'eu-west-1', accountId: '018134828551' });
    expect(arnParts('arn:aws:s3:::bucket')).toEqual({ region: null, accountId: null });
    expect(arnParts('vol-0c6efd2a9f5677a03')).toEqual({ region: null, accountId: null });
  });

  it('derives the same id from the same parts, and different ids from different parts', () => {
    const a = derivedFindingId('aws-config', ['111122223333', 'eu-west-1', 'rule', 'AWS::S3::Bucket', 'b']);
    expect(derivedFindingId('aws-config', ['111122223333', 'eu-west-1', 'rule', 'AWS::S3::Bucket', 'b'])).toBe(a);
    expect(derivedFindingId('aws-config', ['111122223333', 'eu-west-1', 'rule', 'AWS::S3::Bucket', 'c'])).not.toBe(a);
    expect(a).toMatch(/^aws-config:[0-9a-f]{32}$/);
  });
});
