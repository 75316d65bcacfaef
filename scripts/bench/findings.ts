// The findings measures of `npm run bench`: a 100,000-finding Prowler JSON-OCSF file built from
// Prowler's official sample (varied checks, accounts, statuses, resources; one in ten suppressed),
// and 20,000 real-shaped findings built from a real Prowler scan (CloudTrail checks carrying ~40
// framework keys each, ~15 KB a finding), both posted to /api/v1/findings, which runs the real
// ingestFindings. The benchmark organization's systems get AWS accounts and a few checks get
// controls, so the findings land on controls and systems as they would in use.
import { createWriteStream, existsSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type pg from 'pg';
import { generateApiToken, hashApiToken } from '@/features/api-tokens/api-tokens.policy';

export const FINDINGS_COUNT = 100_000;
export const REAL_SHAPED_COUNT = 20_000;

const SAMPLES = path.resolve(import.meta.dirname, '../../../shared/data/findings/prowler-ocsf');
const OFFICIAL_SAMPLE = path.join(SAMPLES, 'prowler_example_output_aws.ocsf.json');
const REAL_SCAN = path.join(SAMPLES, 'maheribra_cloudtrail-before-scan.json');

/** The checks of the generated file; the first ten are mapped to controls of the organization. */
const CHECKS = Array.from({ length: 40 }, (_, i) => `bench_check_${String(i + 1).padStart(2, '0')}`);
const MAPPED_CHECKS = 10;
const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-southeast-2'];

/** One AWS account per system of the organization, in every Region, plus one account no system runs in. */
const accountOf = (k: number) => String(200000000000 + k);

/** Gives the organization's systems AWS accounts and maps the first checks to controls. Idempotent. */
export async function prepareFindingsOrg(db: pg.Client, orgId: string): Promise<{ accounts: string[] }> {
  const systems = (
    await db.query<{ id: string }>(`SELECT id FROM "System" WHERE "orgId" = $1 AND "archivedAt" IS NULL ORDER BY name`, [orgId])
  ).rows;
  await db.query(
    `INSERT INTO "SystemAwsAccount" (id, "orgId", "systemId", "accountId", region)
     SELECT gen_random_uuid(), $1, s.id, s.account, '' FROM unnest($2::uuid[], $3::text[]) AS s(id, account)
     ON CONFLICT DO NOTHING`,
    [orgId, systems.map((s) => s.id), systems.map((_, k) => accountOf(k))],
  );
  await db.query(
    `INSERT INTO "CheckMapping" (id, "orgId", "checkId", "controlId")
     SELECT gen_random_uuid(), $1, m.check_id, c.id
     FROM unnest($2::text[]) WITH ORDINALITY AS m(check_id, k)
     JOIN (SELECT id, row_number() OVER (ORDER BY code) AS k FROM "Control" WHERE "orgId" = $1 AND "archivedAt" IS NULL) c ON c.k = m.k
     ON CONFLICT DO NOTHING`,
    [orgId, CHECKS.slice(0, MAPPED_CHECKS)],
  );
  return { accounts: [...systems.map((_, k) => accountOf(k)), accountOf(99)] };
}

/** Removes what ingests wrote (automated evidence, failures, scans with their unmapped findings). */
export async function clearFindings(db: pg.Client, orgId: string): Promise<void> {
  await db.query(`DELETE FROM "Evidence" WHERE "orgId" = $1 AND kind = 'AUTOMATED'`, [orgId]);
  await db.query(`DELETE FROM "CheckFailure" WHERE "orgId" = $1`, [orgId]);
  await db.query(`DELETE FROM "FindingScan" WHERE "orgId" = $1`, [orgId]);
}

/** A token with the findings:write scope for the organization's owner, stored as the app stores tokens (hashed). */
export async function findingsToken(db: pg.Client, orgId: string, ownerEmail: string): Promise<string> {
  const token = generateApiToken();
  await db.query(
    `INSERT INTO "ApiToken" (id, "orgId", name, scopes, "tokenHash", "expiresAt", "createdById")
     SELECT gen_random_uuid(), $1, 'bench ' || gen_random_uuid(), ARRAY['findings:write'], $2, now() + interval '1 day', u.id
     FROM "User" u WHERE u.email = $3`,
    [orgId, hashApiToken(token), ownerEmail],
  );
  return token;
}

async function writeArray(file: string, count: number, finding: (i: number) => unknown): Promise<string> {
  if (existsSync(file)) return file;
  const out = createWriteStream(`${file}.tmp`);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('[\n');
  for (let i = 0; i < count; i++) await write((i ? ',\n' : '') + JSON.stringify(finding(i), null, 2));
  await write('\n]\n');
  out.end();
  await once(out, 'finish');
  await rename(`${file}.tmp`, file);
  return file;
}

/** The statuses of finding i: two in three fail, one in ten is suppressed by the tool. */
const statusOf = (i: number) => ({ status_code: i % 3 === 0 ? 'PASS' : 'FAIL', status: i % 10 === 0 ? 'Suppressed' : 'New' });

/** FINDINGS_COUNT findings from Prowler's official sample: varied checks, accounts, Regions and resources. Made once. */
export async function ocsfFindingsFile(dir: string, accounts: string[], count = FINDINGS_COUNT): Promise<string> {
  const [template] = JSON.parse(await readFile(OFFICIAL_SAMPLE, 'utf8')) as Record<string, Record<string, unknown>>[];
  const time = Date.parse('2026-11-20T03:00:00Z') / 1000;
  return writeArray(path.join(dir, `findings-ocsf-${count}.json`), count, (i) => {
    const account = accounts[i % accounts.length]!;
    const region = REGIONS[i % REGIONS.length]!;
    const check = CHECKS[i % CHECKS.length]!;
    return {
      ...template,
      ...statusOf(i),
      time: time + (i % 600),
      time_dt: new Date((time + (i % 600)) * 1000).toISOString(),
      metadata: { ...template!.metadata, event_code: check },
      finding_info: { ...template!.finding_info, uid: `prowler-aws-${check}-${account}-${region}-${i}`, title: `Benchmark check ${check}` },
      cloud: { ...template!.cloud, account: { uid: account, type: 'AWS Account' }, region },
      resources: [{ uid: `arn:aws:s3:::bench-bucket-${i}`, type: 'AwsS3Bucket', region }],
    };
  });
}

/** REAL_SHAPED_COUNT findings cycling through a real Prowler scan's findings, each its own resource and account. Made once. */
export async function realShapedFindingsFile(dir: string, accounts: string[], count = REAL_SHAPED_COUNT): Promise<string> {
  const real = JSON.parse(await readFile(REAL_SCAN, 'utf8')) as Record<string, Record<string, unknown>>[];
  return writeArray(path.join(dir, `findings-real-shaped-${count}.json`), count, (i) => {
    const source = real[i % real.length]!;
    const account = accounts[i % accounts.length]!;
    return {
      ...source,
      ...statusOf(i),
      finding_info: { ...source.finding_info, uid: `${String(source.finding_info!.uid)}-${i}` },
      cloud: { ...source.cloud, account: { uid: account, type: 'AWS Account' } },
      resources: (source.resources as unknown as Record<string, unknown>[]).map((r) => ({ ...r, uid: `${String(r.uid)}-${i}` })),
    };
  });
}
