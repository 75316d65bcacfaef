/**
 * AWS Config rule compliance: the `EvaluationResults` of GetComplianceDetailsByConfigRule (or
 * by resource, or the aggregator's variants), as the CLI or API writes them, bare
 * (`{"EvaluationResults": [...]}`, an array of results) or inside a recording
 * (`{"status_code": 200, "data": {...}}`, dates as `{"__class__": "datetime", …}` objects).
 *
 * Config names rules, not framework ids: `checkId` is the rule name and `requirements` is
 * empty; a rule → control mapping places the finding. Results do not name their account or
 * Region unless the resource id is an ARN or the aggregator adds them: pass `accountId` and
 * `region` in the options for the rest.
 */
import {
  arnParts,
  asRecord,
  derivedFindingId,
  parseTimestamp,
  refuse,
  resourceOf,
  text,
  type Finding,
  type FindingStatus,
} from './findings.policy';
import { streamJsonValues, pathIs, type JsonPath } from './json-stream';
import type { ParseContext } from './parse';

const RESULTS: JsonPath[] = [
  ['EvaluationResults', '*'],
  ['AggregateEvaluationResults', '*'],
  ['data', 'EvaluationResults', '*'],
  ['data', 'AggregateEvaluationResults', '*'],
];

const STATUS: Record<string, FindingStatus> = {
  COMPLIANT: 'PASSED',
  NON_COMPLIANT: 'FAILED',
  NOT_APPLICABLE: 'NOT_APPLICABLE',
  INSUFFICIENT_DATA: 'UNKNOWN',
};

export async function* parseAwsConfig(chunks: AsyncIterable<Uint8Array>, ctx: ParseContext): AsyncGenerator<Finding> {
  // A bare array of results: its elements ([n]); otherwise the named arrays, and a recording's status.
  const select = (path: JsonPath) =>
    typeof path[0] === 'number' || pathIs(path, ['status_code']) || RESULTS.some((p) => pathIs(path, p)) ? 'take' : 'enter';
  for await (const { path, value, start } of streamJsonValues(chunks, {
    select,
    maxValueBytes: ctx.limits.maxFindingBytes,
    noun: 'evaluation result',
  })) {
    if (pathIs(path, ['status_code'])) {
      if (value !== 200) throw refuse(`The recorded AWS Config response has status ${String(value)}, not 200: it holds no results.`);
      continue;
    }
    yield configFinding(value, start, ctx);
  }
}

export function configFinding(value: unknown, start: number, ctx: ParseContext): Finding {
  const r = asRecord(value);
  const identifier = asRecord(r.EvaluationResultIdentifier);
  const qualifier = asRecord(identifier.EvaluationResultQualifier);
  const rule = text(qualifier.ConfigRuleName);
  const compliance = text(r.ComplianceType);
  if (!rule || !compliance) {
    throw refuse(`The evaluation result starting at byte ${(start + 1).toLocaleString('en')} has no ConfigRuleName or ComplianceType.`);
  }
  const resourceId = text(qualifier.ResourceId);
  const arn = arnParts(resourceId);
  const accountId = text(r.AccountId) ?? arn.accountId ?? ctx.options.accountId ?? null;
  const region = text(r.AwsRegion) ?? arn.region ?? ctx.options.region ?? null;
  const observedAt =
    parseTimestamp(r.ResultRecordedTime) ?? parseTimestamp(r.ConfigRuleInvokedTime) ?? parseTimestamp(identifier.OrderingTimestamp);
  if (!observedAt) throw refuse(`The evaluation result for rule "${rule}" has no readable ResultRecordedTime.`);
  const status = STATUS[compliance] ?? 'UNKNOWN';
  const annotation = text(r.Annotation);
  return {
    format: 'aws-config',
    tool: { name: 'AWS Config', version: null },
    findingId: derivedFindingId('aws-config', [accountId, region, rule, text(qualifier.ResourceType), resourceId]),
    checkId: rule,
    title: rule,
    status,
    statusDetail: annotation ?? (status === 'UNKNOWN' ? compliance : null),
    suppressed: false,
    archived: false,
    severity: null,
    accountId,
    region,
    resource: resourceOf(resourceId, text(qualifier.ResourceType)),
    observedAt,
    remediation: annotation ?? '',
    requirements: [],
  };
}
