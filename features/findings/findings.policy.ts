/**
 * The one shape every security-tool format is read into, the limits a read keeps to, and the
 * small pure rules the parsers share (statuses, severities, timestamps, stable ids).
 * Nothing here touches the database: a later step maps findings to controls and systems.
 */
import { createHash } from 'node:crypto';
import { AppError } from '@/lib/errors';

export const FINDING_FORMATS = [
  'asff',
  'aws-config',
  'prowler-ocsf',
  'prowler-json',
  'oscal-assessment-results',
  'iam-credential-report',
] as const;
export type FindingFormat = (typeof FINDING_FORMATS)[number];

export const FORMAT_LABELS: Record<FindingFormat, string> = {
  asff: 'AWS Security Hub findings (ASFF JSON)',
  'aws-config': 'AWS Config rule compliance results (JSON)',
  'prowler-ocsf': 'Prowler JSON-OCSF',
  'prowler-json': 'Prowler v3 JSON',
  'oscal-assessment-results': 'OSCAL assessment results (JSON)',
  'iam-credential-report': 'IAM credential report (CSV)',
};

export const ACCEPTED_FORMATS_TEXT = `Demarc accepts: ${Object.values(FORMAT_LABELS).join('; ')}.`;

export type FindingStatus = 'PASSED' | 'FAILED' | 'NOT_APPLICABLE' | 'MANUAL' | 'UNKNOWN';
export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';

/**
 * One result of one check on one resource, whatever tool wrote it.
 *
 * - `findingId` is stable across re-ingests of the same scan: the tool's own id where it has a
 *   real one, otherwise a hash of format, account, Region, check and resource.
 * - `checkId` is the tool's check or rule id (Security Hub control "IAM.8", Config rule name,
 *   Prowler check "iam_root_mfa_enabled", credential-report check "root-mfa", OSCAL target id):
 *   the key a check → control mapping looks up.
 * - `status` is what the check concluded; `suppressed` is the tool's own muting (Prowler muted,
 *   Security Hub workflow SUPPRESSED): kept, but a later step does not count it.
 * - `archived`: Security Hub no longer considers the finding current (RecordState ARCHIVED).
 * - `statusDetail` is the tool's own words about the result (Prowler status_extended, Config
 *   annotation, the raw status when it was folded into UNKNOWN, e.g. "INSUFFICIENT_DATA").
 * - `requirements` are the framework ids exactly as the tool wrote them, under the tool's own
 *   framework key; `requirement-ids.ts` turns them into canonical ids.
 */
export type Finding = {
  format: FindingFormat;
  tool: { name: string; version: string | null };
  findingId: string;
  checkId: string;
  title: string;
  status: FindingStatus;
  statusDetail: string | null;
  suppressed: boolean;
  archived: boolean;
  severity: Severity | null;
  accountId: string | null;
  region: string | null;
  resource: { arn: string | null; id: string; type: string | null } | null;
  observedAt: Date;
  remediation: string;
  requirements: { framework: string; ids: string[] }[];
};

export type FindingLimits = {
  /** Refuse a file with more findings than this. */
  maxFindings: number;
  /** Refuse a finding (one JSON value, one CSV row) larger than this many bytes. */
  maxFindingBytes: number;
};

export const DEFAULT_LIMITS: FindingLimits = { maxFindings: 500_000, maxFindingBytes: 2 * 1024 * 1024 };

/** How many bytes `detectFormat` looks at. */
export const DETECT_PREFIX_BYTES = 64 * 1024;

export type ParseOptions = Partial<FindingLimits> & {
  /** For formats that do not name them (AWS Config results, CSV without ARNs): the scan's account and Region. */
  accountId?: string;
  region?: string;
  /** The credential report's generation time; ages (key age, unused credentials) are measured from it. Default: now. */
  asOf?: Date;
  /** Told about what was accepted leniently (an OSCAL file that is not schema-valid), with where. */
  onWarning?: (message: string) => void;
};

/** A refusal of the whole file; the message says what and where, and is safe to show. */
export const refuse = (message: string) => new AppError('VALIDATION', message);

const MiB = 1024 * 1024;
export const formatBytes = (bytes: number) =>
  bytes >= MiB
    ? `${(bytes / MiB).toLocaleString('en', { maximumFractionDigits: 1 })} MB`
    : `${Math.ceil(bytes / 1024).toLocaleString('en')} KB`;

/** A value that is a real string, not empty and not a tool's placeholder such as "<account_uid>". */
export function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!trimmed || /^<[^<>]*>$/.test(trimmed)) return null;
  return trimmed;
}

export function severityOf(value: unknown): Severity | null {
  const word = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (word === 'CRITICAL' || word === 'HIGH' || word === 'MEDIUM' || word === 'LOW') return word;
  if (word === 'INFORMATIONAL' || word === 'INFO') return 'INFORMATIONAL';
  return null;
}

/** Security Hub's normalized 0–100 severity, as AWS documents the label ranges. */
export function severityOfScore(score: unknown): Severity | null {
  if (typeof score !== 'number' || !Number.isFinite(score)) return null;
  if (score >= 90) return 'CRITICAL';
  if (score >= 70) return 'HIGH';
  if (score >= 40) return 'MEDIUM';
  if (score >= 1) return 'LOW';
  return 'INFORMATIONAL';
}

/**
 * A timestamp as the tools write it: ISO text (with `Z`, `+00:00`, or no zone, read as UTC),
 * epoch seconds or milliseconds, or a recorded Python datetime object
 * (`{"__class__": "datetime", "year": …}`, read as UTC). Null when absent or unreadable.
 */
export function parseTimestamp(value: unknown): Date | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return new Date(value > 1e12 ? value : value * 1000);
  }
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return null;
    let iso = trimmed.replace(' ', 'T');
    // JavaScript reads at most milliseconds; Python and Go write micro- and nanoseconds.
    iso = iso.replace(/(\.\d{3})\d+/, '$1');
    if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(iso)) iso += 'Z';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  if (value && typeof value === 'object') {
    const d = value as Record<string, unknown>;
    if (d.__class__ === 'datetime' && typeof d.year === 'number' && typeof d.month === 'number' && typeof d.day === 'number') {
      const n = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : 0);
      return new Date(Date.UTC(d.year, d.month - 1, d.day, n('hour'), n('minute'), n('second'), Math.floor(n('microsecond') / 1000)));
    }
  }
  return null;
}

/** A stable id from the parts that make a finding unique, for tools that give none. */
export function derivedFindingId(format: FindingFormat, parts: (string | null | undefined)[]): string {
  const hash = createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('hex')
    .slice(0, 32);
  return `${format}:${hash}`;
}

/** Account and Region from an ARN (`arn:partition:service:region:account:resource`). */
export function arnParts(arn: string | null): { region: string | null; accountId: string | null } {
  if (!arn?.startsWith('arn:')) return { region: null, accountId: null };
  const [, , , region, accountId] = arn.split(':');
  return { region: text(region) ?? null, accountId: text(accountId) && /^\d{12}$/.test(accountId!) ? accountId! : null };
}

export function resourceOf(id: string | null, type: string | null): Finding['resource'] {
  if (!id) return null;
  return { arn: id.startsWith('arn:') ? id : null, id, type };
}

/** A compliance map `{ "<framework key>": ["id", …] }` as Prowler writes it, kept as written. */
export function requirementsFromMap(map: unknown): Finding['requirements'] {
  if (!map || typeof map !== 'object' || Array.isArray(map)) return [];
  const out: Finding['requirements'] = [];
  for (const [framework, ids] of Object.entries(map as Record<string, unknown>)) {
    const list = (Array.isArray(ids) ? ids : [ids]).filter((id): id is string => typeof id === 'string' && id.trim() !== '');
    if (list.length) out.push({ framework, ids: list });
  }
  return out;
}

/** Joins non-empty pieces of text with blank lines. */
export const joinText = (...parts: (string | null | undefined)[]) => parts.filter((p) => p && p.trim()).join('\n\n');

export const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
