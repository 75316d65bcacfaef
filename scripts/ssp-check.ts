// `npm run ssp:check -- [--baseline <resolved-profile.json>] [--today YYYY-MM-DD] <ssp.json>`:
// checks an OSCAL SSP (JSON) against NIST's SSP schema (oscal_ssp_schema.json from
// DEMARC_OSCAL_SCHEMA_DIR, default ../shared/data/oscal) and the FedRAMP rev5 rules Demarc
// implements (features/exports/fedramp-rules.ts), prints every finding with its rule id and
// location, then one line per rule applied. Exits 1 on any schema error or error-level
// finding (warnings are printed, not failed), 2 on usage. Needs no database.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { baselineParams } from '@/features/exports/fedramp-rules';
import { checkSsp, sspCheckReport } from '@/features/exports/ssp-check';

const args = process.argv.slice(2);
const usage = (): never => {
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
const baseline = baselineFile ? baselineParams(JSON.parse(readFileSync(baselineFile, 'utf8'))) : undefined;
const check = checkSsp(doc, { schemaDir, today, baseline });
for (const line of sspCheckReport(file, check)) console.log(line);
process.exit(check.failed ? 1 : 0);
