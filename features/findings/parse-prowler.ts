/**
 * Prowler output: JSON-OCSF (v4 and later, an array of OCSF Detection Findings) and the v3
 * native JSON (an array of PascalCase findings). Both carry per-framework requirement ids in a
 * `{ "<framework key>": [ids] }` map, kept as written.
 *
 * Statuses: PASS, FAIL and MANUAL; INFO (v3) is UNKNOWN. Muted findings (OCSF `status`
 * "Suppressed" / `status_id` 3, v3+ `Muted: true`) are kept with `suppressed`.
 */
import {
  arnParts,
  asRecord,
  derivedFindingId,
  joinText,
  parseTimestamp,
  refuse,
  requirementsFromMap,
  resourceOf,
  severityOf,
  text,
  type Finding,
  type FindingStatus,
} from './findings.policy';
import { selectPaths, streamJsonValues } from './json-stream';
import type { ParseContext } from './parse';

function statusOf(code: unknown): { status: FindingStatus; detail: string | null } {
  const word = typeof code === 'string' ? code.trim().toUpperCase() : '';
  if (word === 'PASS') return { status: 'PASSED', detail: null };
  if (word === 'FAIL') return { status: 'FAILED', detail: null };
  if (word === 'MANUAL') return { status: 'MANUAL', detail: null };
  return { status: 'UNKNOWN', detail: word || null };
}

const at = (start: number) => `at byte ${(start + 1).toLocaleString('en')}`;

export async function* parseProwlerOcsf(chunks: AsyncIterable<Uint8Array>, ctx: ParseContext): AsyncGenerator<Finding> {
  const select = selectPaths([['*']]);
  for await (const { value, start } of streamJsonValues(chunks, { select, maxValueBytes: ctx.limits.maxFindingBytes, noun: 'finding' })) {
    yield ocsfFinding(value, start);
  }
}

export function ocsfFinding(value: unknown, start: number): Finding {
  const f = asRecord(value);
  const metadata = asRecord(f.metadata);
  const info = asRecord(f.finding_info);
  const checkId = text(metadata.event_code);
  if (!checkId) throw refuse(`The finding starting ${at(start)} is not a Prowler OCSF finding (it has no "metadata.event_code").`);
  const product = asRecord(metadata.product);
  const cloud = asRecord(f.cloud);
  const resources = Array.isArray(f.resources) ? f.resources.map(asRecord) : [];
  const first = resources[0] ?? {};
  const resourceId = text(first.uid) ?? text(first.name);
  const accountId = text(asRecord(cloud.account).uid) ?? arnParts(resourceId).accountId;
  const region = text(cloud.region) ?? text(first.region) ?? arnParts(resourceId).region;
  const observedAt =
    parseTimestamp(f.time) ?? parseTimestamp(f.time_dt) ?? parseTimestamp(info.created_time) ?? parseTimestamp(info.created_time_dt);
  if (!observedAt) throw refuse(`The finding starting ${at(start)} has no readable "time".`);
  const { status, detail } = statusOf(f.status_code);
  const remediation = asRecord(f.remediation);
  const references = Array.isArray(remediation.references) ? remediation.references.filter((r): r is string => typeof r === 'string') : [];
  const unmapped = asRecord(f.unmapped);
  return {
    format: 'prowler-ocsf',
    tool: { name: text(product.name) ?? 'Prowler', version: text(product.version) },
    findingId: text(info.uid) ?? derivedFindingId('prowler-ocsf', [accountId, region, checkId, resourceId]),
    checkId,
    title: text(info.title) ?? checkId,
    status,
    statusDetail: text(f.status_detail) ?? detail,
    suppressed: f.status_id === 3 || text(f.status)?.toLowerCase() === 'suppressed' || unmapped.muted === true,
    archived: false,
    severity: severityOf(f.severity),
    accountId,
    region,
    resource: resourceOf(resourceId, text(first.type)),
    observedAt,
    remediation: joinText(text(remediation.desc), references.join('\n')),
    requirements: requirementsFromMap(unmapped.compliance),
  };
}

export async function* parseProwlerJson(chunks: AsyncIterable<Uint8Array>, ctx: ParseContext): AsyncGenerator<Finding> {
  const select = selectPaths([['*']]);
  for await (const { value, start } of streamJsonValues(chunks, { select, maxValueBytes: ctx.limits.maxFindingBytes, noun: 'finding' })) {
    yield prowlerJsonFinding(value, start);
  }
}

export function prowlerJsonFinding(value: unknown, start: number): Finding {
  const f = asRecord(value);
  const checkId = text(f.CheckID);
  if (!checkId) throw refuse(`The finding starting ${at(start)} is not a Prowler finding (it has no "CheckID").`);
  const resourceArn = text(f.ResourceArn);
  const resourceId = resourceArn ?? text(f.ResourceId);
  const accountId = text(f.AccountId) ?? arnParts(resourceArn).accountId;
  const region = text(f.Region) ?? arnParts(resourceArn).region;
  const observedAt = parseTimestamp(f.AssessmentStartTime) ?? parseTimestamp(f.Timestamp);
  if (!observedAt) throw refuse(`The finding starting ${at(start)} has no readable "AssessmentStartTime".`);
  const { status, detail } = statusOf(f.Status);
  const recommendation = asRecord(asRecord(f.Remediation).Recommendation);
  return {
    format: 'prowler-json',
    tool: { name: 'Prowler', version: text(f.ProwlerVersion) },
    findingId: text(f.FindingUniqueId) ?? derivedFindingId('prowler-json', [accountId, region, checkId, resourceId]),
    checkId,
    title: text(f.CheckTitle) ?? checkId,
    status,
    statusDetail: text(f.StatusExtended) ?? detail,
    suppressed: f.Muted === true || text(f.Status)?.toUpperCase() === 'MUTED',
    archived: false,
    severity: severityOf(f.Severity),
    accountId,
    region,
    resource: resourceOf(resourceId, text(f.ResourceType)),
    observedAt,
    remediation: joinText(text(recommendation.Text), text(recommendation.Url)),
    requirements: requirementsFromMap(f.Compliance),
  };
}
