// Checks an SSP as FedRAMP would before a reviewer reads it: NIST's OSCAL SSP schema (from the
// schema folder, compiled once per process) and FedRAMP's rules (fedramp-rules.ts), with a
// report in words, one line per finding and per rule. Used by `npm run ssp:check` and by the
// check offered beside the SSP download.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { checkFedrampRules, ruleResults, type BaselineParams, type Finding } from './fedramp-rules';

const compiled = new Map<string, ValidateFunction>();

function sspValidator(schemaDir: string): ValidateFunction {
  const file = path.join(schemaDir, 'oscal_ssp_schema.json');
  let validate = compiled.get(file);
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
    compiled.set(file, validate);
  }
  return validate;
}

export type SchemaError = { location: string; message: string };
export type SspCheck = { schemaErrors: SchemaError[]; findings: Finding[]; baselineApplied: boolean; failed: boolean };

/** The schema's errors and FedRAMP's findings on a parsed document; failed on any schema error or error-level finding. */
export function checkSsp(doc: unknown, options: { schemaDir: string; today?: Date; baseline?: BaselineParams }): SspCheck {
  const validate = sspValidator(options.schemaDir);
  const schemaErrors = validate(doc)
    ? []
    : (validate.errors ?? []).map((e) => ({ location: e.instancePath || '/', message: e.message ?? 'invalid' }));
  const findings = checkFedrampRules(doc, { today: options.today, baseline: options.baseline });
  return {
    schemaErrors,
    findings,
    baselineApplied: !!options.baseline,
    failed: schemaErrors.length > 0 || findings.some((f) => f.severity === 'error'),
  };
}

/** The check in words: each schema error and finding with where it is, then one line per rule applied and the verdict. */
export function sspCheckReport(name: string, check: SspCheck): string[] {
  const lines = [
    ...check.schemaErrors.slice(0, 50).map((e) => `schema  error    ${e.location}: ${e.message}`),
    ...(check.schemaErrors.length > 50 ? [`schema  error    … and ${check.schemaErrors.length - 50} more`] : []),
    ...check.findings.map((f) => `${f.ruleId}  ${f.severity}  ${f.location}: ${f.message}`),
    '',
    `NIST OSCAL SSP schema: ${check.schemaErrors.length ? `${check.schemaErrors.length} error(s)` : 'valid'}`,
  ];
  for (const r of ruleResults(check.findings)) {
    if (!check.baselineApplied && r.ruleId.startsWith('set-parameter-elements-match-baseline')) {
      lines.push(`${r.ruleId}: not applied (give --baseline)`);
      continue;
    }
    lines.push(`${r.ruleId}: ${r.findings === 0 ? 'pass' : `${r.findings} ${r.severity === 'error' ? 'failure' : 'warning'}(s)`}`);
  }
  lines.push(check.failed ? `${name}: FAILED` : `${name}: passed`);
  return lines;
}
