// `npm run ssp:check -- [--baseline <resolved-profile.json>] [--today YYYY-MM-DD] <ssp.json>`:
// checks an OSCAL SSP (JSON) against NIST's SSP schema (oscal_ssp_schema.json from
// DEMARC_OSCAL_SCHEMA_DIR, default ../shared/data/oscal) and the FedRAMP rev5 rules Demarc
// implements (features/exports/fedramp-rules.ts), prints every finding with its rule id and
// location, then one line per rule applied. Exits 1 on any schema error or error-level
// finding (warnings are printed, not failed), 2 on usage. Needs no database.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { baselineParams, checkFedrampRules, ruleResults } from '@/features/exports/fedramp-rules';

const args = process.argv.slice(2);
const usage = () => {
  console.error('Usage: npm run ssp:check -- [--baseline <resolved-profile-catalog.json>] [--today YYYY-MM-DD] <ssp.json>');
  process.exit(2);
};
let baselineFile: string | undefined;
let today: Date | undefined;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--baseline') baselineFile = args[++i] ?? usage();
  else if (args[i] === '--today') today = new Date(`${args[++i] ?? usage()}T00:00:00Z`);
  else files.push(args[i]!);
}
if (files.length !== 1 || (today && Number.isNaN(today.getTime()))) usage();
const file = files[0]!;

let doc: unknown;
try {
  doc = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`${file}: not readable as JSON: ${(error as Error).message}`);
  process.exit(1);
}

const schemaDir = path.resolve(process.env.DEMARC_OSCAL_SCHEMA_DIR ?? path.join(process.cwd(), '../shared/data/oscal'));
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, 'oscal_ssp_schema.json'), 'utf8')));
const schemaErrors = validate(doc) ? [] : (validate.errors ?? []);
for (const e of schemaErrors.slice(0, 50)) console.log(`schema  error    ${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
if (schemaErrors.length > 50) console.log(`schema  error    … and ${schemaErrors.length - 50} more`);

const baseline = baselineFile ? baselineParams(JSON.parse(readFileSync(baselineFile, 'utf8'))) : undefined;
const findings = checkFedrampRules(doc, { today, baseline });
for (const f of findings) console.log(`${f.ruleId}  ${f.severity}  ${f.location}: ${f.message}`);

console.log('');
console.log(`NIST OSCAL SSP schema: ${schemaErrors.length ? `${schemaErrors.length} error(s)` : 'valid'}`);
for (const r of ruleResults(findings)) {
  if (!baseline && r.ruleId.startsWith('set-parameter-elements-match-baseline')) {
    console.log(`${r.ruleId}: not applied (give --baseline)`);
    continue;
  }
  console.log(`${r.ruleId}: ${r.findings === 0 ? 'pass' : `${r.findings} ${r.severity === 'error' ? 'failure' : 'warning'}(s)`}`);
}
const failed = schemaErrors.length > 0 || findings.some((f) => f.severity === 'error');
console.log(failed ? `${file}: FAILED` : `${file}: passed`);
process.exit(failed ? 1 : 0);
