/**
 * The IAM credential report (CSV from `aws iam get-credential-report`), read row by row into
 * one finding per user and check:
 *
 * - `root-mfa`: the root user has MFA (CRITICAL).
 * - `root-access-keys`: the root user has no active access key (CRITICAL).
 * - `user-mfa-console`: a user with a console password has MFA (HIGH); NOT_APPLICABLE without a password.
 * - `access-key-rotation`: every active access key was rotated within `maxKeyAgeDays` (90) (MEDIUM);
 *   NOT_APPLICABLE without an active key.
 * - `unused-credentials`: the password and every active key were used within `maxUnusedDays`
 *   (90) (MEDIUM); a credential never used counts from its creation. NOT_APPLICABLE for users
 *   with no credential.
 *
 * The root user gets the two root checks only; IAM users get the other three.
 *
 * Ages are measured from `asOf` (the report's generation time; default now). Timestamps are
 * read with `Z` or `+00:00`; the sentinels N/A, not_supported and no_information mean "none".
 */
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { pacer } from '@/lib/pacing';
import { arnParts, formatBytes, parseTimestamp, refuse, type Finding, type FindingStatus, type Severity } from './findings.policy';
import type { ParseContext } from './parse';

const REQUIRED = ['user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'mfa_active'] as const;
const KEYS = [1, 2] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export const CREDENTIAL_CHECKS = {
  'root-mfa': { title: 'The root user has MFA enabled', severity: 'CRITICAL' },
  'root-access-keys': { title: 'The root user has no active access keys', severity: 'CRITICAL' },
  'user-mfa-console': { title: 'IAM users with a console password have MFA enabled', severity: 'HIGH' },
  'access-key-rotation': { title: 'Active access keys are rotated within 90 days', severity: 'MEDIUM' },
  'unused-credentials': { title: 'Credentials unused for 90 days are disabled', severity: 'MEDIUM' },
} as const satisfies Record<string, { title: string; severity: Severity }>;
export type CredentialCheck = keyof typeof CREDENTIAL_CHECKS;

const REMEDIATION: Record<CredentialCheck, string> = {
  'root-mfa': 'Enable a hardware or virtual MFA device for the root user, and keep the root user for the tasks that need it.',
  'root-access-keys': 'Delete the root user’s access keys; use IAM roles or users for programmatic access.',
  'user-mfa-console': 'Enable MFA for the user, or remove the console password if the user does not sign in to the console.',
  'access-key-rotation': 'Create a new access key, move its users to it, then deactivate and delete the old key.',
  'unused-credentials': 'Deactivate or delete passwords and access keys that have not been used in 90 days.',
};

type Row = Record<string, string>;

const flag = (value: string | undefined) => value?.trim().toLowerCase() === 'true';
const time = (value: string | undefined) => parseTimestamp(value);

export async function* parseCredentialReport(chunks: AsyncIterable<Uint8Array>, ctx: ParseContext): AsyncGenerator<Finding> {
  const asOf = ctx.options.asOf ?? new Date();
  const maxKeyAgeDays = 90;
  const maxUnusedDays = 90;
  const pace = pacer();
  const parser = Readable.from(chunks).pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, max_record_size: ctx.limits.maxFindingBytes }),
  );
  let line = 1;
  try {
    for await (const row of parser as AsyncIterable<Row>) {
      line++;
      if (line === 2) {
        const missing = REQUIRED.filter((c) => !(c in row));
        if (missing.length) throw refuse(`The credential report has no column ${missing.map((m) => `"${m}"`).join(', ')}.`);
      }
      yield* rowFindings(row, line, asOf, maxKeyAgeDays, maxUnusedDays);
      await pace();
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'AppError') throw error;
    const code = (error as { code?: string }).code;
    if (code === 'CSV_MAX_RECORD_SIZE')
      throw refuse(`Row ${line + 1} of the credential report is larger than the limit of ${formatBytes(ctx.limits.maxFindingBytes)}.`);
    if (code === 'CSV_QUOTE_NOT_CLOSED')
      throw refuse(`The credential report ends inside a quoted value after row ${line}: it looks truncated.`);
    throw refuse(
      `The credential report cannot be read after row ${line}: ${code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || code === 'CSV_RECORD_INCONSISTENT_COLUMNS' ? 'a row has a different number of columns than the header (the file may be truncated)' : 'it is not valid CSV'}.`,
    );
  }
  if (line === 1) throw refuse('The credential report has a header but no users.');
}

function* rowFindings(row: Row, line: number, asOf: Date, maxKeyAgeDays: number, maxUnusedDays: number): Generator<Finding> {
  const arn = row.arn?.trim() ?? '';
  const user = row.user?.trim() ?? '';
  if (!arn.startsWith('arn:') || !user) throw refuse(`Row ${line} of the credential report has no user or ARN.`);
  const accountId = arnParts(arn).accountId;
  const root = user === '<root_account>';
  const created = time(row.user_creation_time);
  const password = flag(row.password_enabled);
  const mfa = flag(row.mfa_active);
  const keys = KEYS.filter((k) => flag(row[`access_key_${k}_active`])).map((k) => ({
    k,
    rotated: time(row[`access_key_${k}_last_rotated`]),
    used: time(row[`access_key_${k}_last_used_date`]),
  }));
  const olderThan = (date: Date | null, days: number) => date !== null && asOf.getTime() - date.getTime() > days * DAY_MS;

  const finding = (check: CredentialCheck, status: FindingStatus, detail: string): Finding => ({
    format: 'iam-credential-report',
    tool: { name: 'IAM credential report', version: null },
    findingId: `iam-credential-report:${arn}:${check}`,
    checkId: check,
    title: CREDENTIAL_CHECKS[check].title,
    status,
    statusDetail: detail,
    suppressed: false,
    archived: false,
    severity: CREDENTIAL_CHECKS[check].severity,
    accountId,
    region: null,
    resource: { arn, id: arn, type: root ? 'AwsAccount' : 'AwsIamUser' },
    observedAt: asOf,
    remediation: REMEDIATION[check],
    requirements: [],
  });

  if (root) {
    yield finding('root-mfa', mfa ? 'PASSED' : 'FAILED', mfa ? 'The root user has MFA.' : 'The root user has no MFA.');
    yield finding('root-access-keys', keys.length ? 'FAILED' : 'PASSED', `The root user has ${keys.length} active access key(s).`);
    return;
  }
  yield password
    ? finding('user-mfa-console', mfa ? 'PASSED' : 'FAILED', `${user} has a console password ${mfa ? 'and MFA' : 'but no MFA'}.`)
    : finding('user-mfa-console', 'NOT_APPLICABLE', `${user} has no console password.`);

  if (!keys.length) yield finding('access-key-rotation', 'NOT_APPLICABLE', `${user} has no active access key.`);
  else {
    const stale = keys.filter((key) => olderThan(key.rotated ?? created, maxKeyAgeDays));
    yield finding(
      'access-key-rotation',
      stale.length ? 'FAILED' : 'PASSED',
      stale.length
        ? `${user}: access key ${stale.map((s) => s.k).join(' and ')} not rotated in ${maxKeyAgeDays} days.`
        : `${user}: active keys rotated within ${maxKeyAgeDays} days.`,
    );
  }

  if (!password && !keys.length) {
    yield finding('unused-credentials', 'NOT_APPLICABLE', `${user} has no password and no active access key.`);
    return;
  }
  const unused: string[] = [];
  if (password && olderThan(time(row.password_last_used) ?? created, maxUnusedDays)) unused.push('password');
  for (const key of keys) if (olderThan(key.used ?? key.rotated ?? created, maxUnusedDays)) unused.push(`access key ${key.k}`);
  yield finding(
    'unused-credentials',
    unused.length ? 'FAILED' : 'PASSED',
    unused.length
      ? `${user}: ${unused.join(', ')} unused for ${maxUnusedDays} days.`
      : `${user}: credentials used within ${maxUnusedDays} days.`,
  );
}
