import { AWS_REGIONS } from './service-catalog';

export type AwsAccountEntry = { accountId: string; region: string };

/** "every Region", or the Region's code and name: how an account entry's reach is written. */
export function regionWords(region: string): string {
  if (!region) return 'every Region';
  const name = AWS_REGIONS[region as keyof typeof AWS_REGIONS];
  return name ? `${region}, ${name}` : region;
}

/** "111122223333 (every Region), 444455556666 (eu-west-1)": the accounts a system runs in, in one line. */
export function describeAwsAccounts(accounts: AwsAccountEntry[]): string {
  return accounts.map((a) => `${a.accountId} (${a.region || 'every Region'})`).join(', ');
}

/**
 * Why an account entry cannot be added next to the ones a system has, or null: the same account
 * and Region twice, or a Region of an account already recorded for every Region.
 */
export function duplicateAccountProblem(existing: AwsAccountEntry[], entry: AwsAccountEntry): string | null {
  const same = existing.find((a) => a.accountId === entry.accountId && a.region === entry.region);
  if (same) {
    return entry.region
      ? `Account ${entry.accountId} is already recorded for ${entry.region} on this system.`
      : `Account ${entry.accountId} is already recorded for every Region on this system.`;
  }
  if (entry.region && existing.some((a) => a.accountId === entry.accountId && a.region === '')) {
    return `Account ${entry.accountId} is already recorded for every Region on this system, which includes ${entry.region}.`;
  }
  return null;
}
