/**
 * AWS Security Hub findings (ASFF), in every layout they are saved in: `aws securityhub
 * get-findings` output `{"Findings": [...]}`, an EventBridge-style `{"findings": [...]}` or
 * `{"detail": {"findings": [...]}}`, a bare array, or one finding per line.
 *
 * The check id is read from wherever the finding's generation put it: consolidated control
 * findings `Compliance.SecurityControlId` ("IAM.8"), per-standard `ProductFields.ControlId`,
 * legacy CIS `ProductFields.RuleId`, a third-party "[KMS.1] …" title prefix, and last the
 * finding type or GeneratorId (GuardDuty and other findings that are not checks).
 */
import {
  arnParts,
  asRecord,
  joinText,
  parseTimestamp,
  refuse,
  resourceOf,
  severityOf,
  severityOfScore,
  text,
  type Finding,
  type FindingStatus,
} from './findings.policy';
import { selectPaths, streamJsonValues, type JsonPath } from './json-stream';
import type { ParseContext } from './parse';

export type AsffLayout = 'array' | 'wrapped' | 'lines';

/** The layout from the file's first characters and root property names. */
export function asffLayout(prefix: string, rootKeys: string[]): AsffLayout {
  if (prefix.trimStart().startsWith('[')) return 'array';
  return rootKeys.some((k) => k === 'Findings' || k === 'findings' || k === 'detail') ? 'wrapped' : 'lines';
}

const WRAPPED: JsonPath[] = [
  ['Findings', '*'],
  ['findings', '*'],
  ['detail', 'findings', '*'],
];

export async function* parseAsff(chunks: AsyncIterable<Uint8Array>, layout: AsffLayout, ctx: ParseContext): AsyncGenerator<Finding> {
  const patterns: JsonPath[] = layout === 'wrapped' ? WRAPPED : [['*']];
  const select = selectPaths(patterns);
  for await (const { value, start } of streamJsonValues(chunks, {
    select,
    maxValueBytes: ctx.limits.maxFindingBytes,
    noun: 'finding',
    lines: layout === 'lines',
  })) {
    yield asffFinding(value, start);
  }
}

function checkIdOf(f: Record<string, unknown>, compliance: Record<string, unknown>, fields: Record<string, unknown>): string | null {
  const fromTitle = typeof f.Title === 'string' ? /^\[([^\]\s]{1,64})\]/.exec(f.Title)?.[1] : undefined;
  const generator = text(f.GeneratorId);
  const types = Array.isArray(f.Types) ? text(f.Types[0]) : null;
  return (
    text(compliance.SecurityControlId) ??
    text(fields.ControlId) ??
    text(fields.RuleId) ??
    text(fromTitle) ??
    (generator && !generator.startsWith('arn:') ? generator : null) ??
    types ??
    generator
  );
}

function statusOf(f: Record<string, unknown>, compliance: Record<string, unknown>): { status: FindingStatus; detail: string | null } {
  const raw = text(compliance.Status);
  if (raw === 'PASSED' || raw === 'FAILED') return { status: raw, detail: null };
  if (raw === 'NOT_AVAILABLE' || raw === 'WARNING') return { status: 'UNKNOWN', detail: raw };
  if (raw) return { status: 'UNKNOWN', detail: raw };
  // No Compliance block (GuardDuty, Inspector, Macie …): an active, unresolved finding is a failure.
  const workflow = text(asRecord(f.Workflow).Status) ?? text(f.WorkflowState);
  const resolved = f.RecordState === 'ARCHIVED' || workflow === 'RESOLVED';
  return { status: resolved ? 'PASSED' : 'FAILED', detail: 'no compliance status: read from the workflow and record state' };
}

function requirementsOf(compliance: Record<string, unknown>, fields: Record<string, unknown>, checkId: string): Finding['requirements'] {
  const out: Finding['requirements'] = [];
  const related = Array.isArray(compliance.RelatedRequirements)
    ? compliance.RelatedRequirements.filter((r): r is string => typeof r === 'string')
    : [];
  if (related.length) out.push({ framework: 'RelatedRequirements', ids: related });
  const standards = Array.isArray(compliance.AssociatedStandards) ? compliance.AssociatedStandards : [];
  for (const s of standards) {
    const id = text(asRecord(s).StandardsId);
    if (id) out.push({ framework: id, ids: [checkId] });
  }
  const standardsArn = text(fields.StandardsArn) ?? text(fields.StandardsGuideArn);
  const control = text(fields.ControlId) ?? text(fields.RuleId);
  if (standardsArn && control) out.push({ framework: standardsArn.replace(/^arn:aws:securityhub:[^:]*:[^:]*:/, ''), ids: [control] });
  return out;
}

export function asffFinding(value: unknown, start: number): Finding {
  const f = asRecord(value);
  const id = text(f.Id);
  if (!id || typeof f.AwsAccountId !== 'string') {
    throw refuse(
      `The finding starting at byte ${(start + 1).toLocaleString('en')} is not an ASFF finding (it has no "Id" or "AwsAccountId").`,
    );
  }
  const compliance = asRecord(f.Compliance);
  const fields = asRecord(f.ProductFields);
  const resources = Array.isArray(f.Resources) ? f.Resources.map(asRecord) : [];
  const first = resources[0] ?? {};
  const checkId = checkIdOf(f, compliance, fields) ?? id;
  const { status, detail } = statusOf(f, compliance);
  const workflow = text(asRecord(f.Workflow).Status) ?? text(f.WorkflowState);
  const severity = asRecord(f.Severity);
  const recommendation = asRecord(asRecord(f.Remediation).Recommendation);
  const observedAt = parseTimestamp(f.UpdatedAt) ?? parseTimestamp(f.LastObservedAt) ?? parseTimestamp(f.CreatedAt);
  if (!observedAt) throw refuse(`The finding "${id}" has no readable UpdatedAt, LastObservedAt or CreatedAt time.`);
  return {
    format: 'asff',
    tool: {
      name:
        text(f.ProductName) ??
        text(fields['Product Name']) ??
        text(fields['aws/securityhub/ProductName']) ??
        text(f.ProductArn)?.split('/').pop() ??
        'Security Hub',
      version: text(fields.ProviderVersion) ?? text(fields['aws/securityhub/ProviderVersion']) ?? null,
    },
    findingId: id,
    checkId,
    title: text(f.Title) ?? checkId,
    status,
    statusDetail: detail ?? text(compliance.StatusReasons && asRecord((compliance.StatusReasons as unknown[])[0]).Description) ?? null,
    suppressed: workflow === 'SUPPRESSED',
    archived: f.RecordState === 'ARCHIVED',
    severity: severityOf(severity.Label) ?? severityOf(severity.Original) ?? severityOfScore(severity.Normalized),
    accountId: text(f.AwsAccountId),
    region: text(f.Region) ?? text(first.Region) ?? arnParts(text(f.ProductArn)).region,
    resource: resourceOf(text(first.Id), text(first.Type)),
    observedAt,
    remediation: joinText(text(recommendation.Text), text(recommendation.Url)),
    requirements: requirementsOf(compliance, fields, checkId),
  };
}
