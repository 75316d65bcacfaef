import { describe, expect, it } from 'vitest';
import { describeAwsAccounts, duplicateAccountProblem, regionWords } from './aws-accounts.policy';

describe('AWS accounts in words', () => {
  it('writes the accounts a system runs in on one line', () => {
    expect(
      describeAwsAccounts([
        { accountId: '111122223333', region: '' },
        { accountId: '444455556666', region: 'eu-west-1' },
      ]),
    ).toBe('111122223333 (every Region), 444455556666 (eu-west-1)');
    expect(regionWords('')).toBe('every Region');
    expect(regionWords('eu-west-1')).toMatch(/^eu-west-1, /);
  });

  it('finds duplicates: the same account and Region, or a Region an every-Region entry covers', () => {
    const existing = [{ accountId: '111122223333', region: '' }];
    expect(duplicateAccountProblem(existing, { accountId: '111122223333', region: '' })).toMatch(/already recorded for every Region/);
    expect(duplicateAccountProblem(existing, { accountId: '111122223333', region: 'us-east-1' })).toMatch(/which includes us-east-1/);
    expect(duplicateAccountProblem(existing, { accountId: '444455556666', region: 'us-east-1' })).toBeNull();
    expect(
      duplicateAccountProblem([{ accountId: '111122223333', region: 'us-east-1' }], { accountId: '111122223333', region: 'eu-west-1' }),
    ).toBeNull();
  });
});
