/**
 * Which of the accepted formats a file is, from its first bytes only (DETECT_PREFIX_BYTES):
 * a 1 GB scan is recognised without reading it all. The signs looked for are property names
 * and values each format always writes near the start of its first finding.
 */
import { ACCEPTED_FORMATS_TEXT, DETECT_PREFIX_BYTES, type FindingFormat } from './findings.policy';

export type Detection = { ok: true; format: FindingFormat } | { ok: false; message: string };

const CREDENTIAL_REPORT_HEADER = /^user,arn,user_creation_time,password_enabled,/;

/** Other OSCAL documents, named so the refusal can say what the file is. */
const OSCAL_ROOTS: Record<string, string> = {
  catalog: 'an OSCAL catalog',
  profile: 'an OSCAL profile',
  'system-security-plan': 'an OSCAL system security plan',
  'assessment-plan': 'an OSCAL assessment plan',
  'plan-of-action-and-milestones': 'an OSCAL plan of action and milestones',
  'component-definition': 'an OSCAL component definition',
};

const has = (prefix: string, pattern: RegExp) => pattern.test(prefix);

/** The property names of the root object, as far as the prefix shows them (rough: for detection only). */
export function rootKeys(prefix: string): string[] {
  if (!prefix.startsWith('{')) return [];
  const keys: string[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 1 && start >= 0) {
          const rest = prefix.slice(i + 1).trimStart();
          if (rest.startsWith(':')) keys.push(prefix.slice(start, i));
        }
        start = -1;
      }
    } else if (c === '"') {
      inString = true;
      start = depth === 1 ? i + 1 : -1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return keys;
}

export function detectFormat(firstBytes: Uint8Array | string): Detection {
  const raw =
    typeof firstBytes === 'string'
      ? firstBytes
      : Buffer.from(firstBytes.buffer, firstBytes.byteOffset, Math.min(firstBytes.byteLength, DETECT_PREFIX_BYTES)).toString('utf8');
  const prefix = raw
    .slice(0, DETECT_PREFIX_BYTES)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!prefix) return { ok: false, message: `The file is empty. ${ACCEPTED_FORMATS_TEXT}` };

  if (CREDENTIAL_REPORT_HEADER.test(prefix)) return { ok: true, format: 'iam-credential-report' };
  if (prefix[0] !== '{' && prefix[0] !== '[') {
    return {
      ok: false,
      message: `The file is neither JSON nor an IAM credential report (CSV with the header "user,arn,user_creation_time,…"). ${ACCEPTED_FORMATS_TEXT}`,
    };
  }

  const keys = rootKeys(prefix);
  if (keys.includes('assessment-results')) return { ok: true, format: 'oscal-assessment-results' };
  const otherOscal = keys.find((k) => OSCAL_ROOTS[k]);
  if (otherOscal) {
    return { ok: false, message: `This file is ${OSCAL_ROOTS[otherOscal]}, not assessment results. ${ACCEPTED_FORMATS_TEXT}` };
  }
  if (has(prefix, /"class_uid"\s*:\s*2004\b/) || (has(prefix, /"finding_info"\s*:/) && has(prefix, /"status_code"\s*:/))) {
    return { ok: true, format: 'prowler-ocsf' };
  }
  if (has(prefix, /"SchemaVersion"\s*:\s*"2018-10-08"/) || (has(prefix, /"ProductArn"\s*:/) && has(prefix, /"AwsAccountId"\s*:/))) {
    return { ok: true, format: 'asff' };
  }
  if (has(prefix, /"EvaluationResultIdentifier"\s*:/) || keys.includes('EvaluationResults')) return { ok: true, format: 'aws-config' };
  if (has(prefix, /"CheckID"\s*:/) && has(prefix, /"StatusExtended"\s*:/)) return { ok: true, format: 'prowler-json' };

  return { ok: false, message: `This JSON file is not in a format Demarc recognises. ${ACCEPTED_FORMATS_TEXT}` };
}
