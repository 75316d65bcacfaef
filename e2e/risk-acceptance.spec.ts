import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { openDatabase } from '../lib/embedded-postgres';
import { createSystemWithLibrary, signUpNewOrganization } from './helpers';

const RESOURCE = 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc1234def567890';
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A failing check on one resource of a control in the system, written in the database (the app's
 * own server, on the e2e data folder) as the findings ingest writes it. Returns the control's id.
 */
async function insertFailure(systemId: string, controlCode: string): Promise<string> {
  const database = await openDatabase(path.resolve('.data/e2e'));
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const scan = await client.query<{ id: string; orgId: string }>(
      `INSERT INTO "FindingScan" ("id", "orgId", "sha256", "fileName", "format", "toolName", "scannedAt", "findings", "passed", "failed",
         "notApplicable", "suppressed", "mapped", "unmapped", "createdById", "actor")
       SELECT gen_random_uuid(), s."orgId", md5(random()::text) || md5(random()::text), 'e2e.json', 'asff', 'AWS Security Hub', now(),
         1, 0, 1, 0, 0, 1, 0, m."userId", 'e2e'
       FROM "System" s JOIN "Membership" m ON m."orgId" = s."orgId" WHERE s."id" = $1 LIMIT 1
       RETURNING "id", "orgId"`,
      [systemId],
    );
    const { id: scanId, orgId } = scan.rows[0]!;
    const control = await client.query<{ id: string }>(`SELECT "id" FROM "Control" WHERE "orgId" = $1 AND "code" = $2`, [
      orgId,
      controlCode,
    ]);
    const controlId = control.rows[0]!.id;
    await client.query(
      `INSERT INTO "CheckFailure" ("id", "orgId", "systemId", "controlId", "findingId", "checkId", "title", "severity", "resource",
         "accountId", "region", "remediation", "firstSeenAt", "lastSeenAt", "firstScanId")
       VALUES (gen_random_uuid(), $1, $2, $3, 'finding-e2e-1', 'SSM.1', 'EC2 instances should be managed by Systems Manager', 'MEDIUM', $4,
         '123456789012', 'eu-west-1', 'Install the SSM agent and attach the instance profile.', now(), now(), $5)`,
      [orgId, systemId, controlId, RESOURCE, scanId],
    );
    return controlId;
  } finally {
    await client.end();
    await database.stop();
  }
}

test('a failing check shows beside the status; accepting it as a risk stops counting it, revoking counts it again', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  const systemUrl = await createSystemWithLibrary(page, slug, 'Checked system');
  const systemId = new URL(systemUrl).pathname.split('/')[3]!;
  const controlId = await insertFailure(systemId, 'AWS-SI-01');

  await page.goto(`/${slug}/controls?system=${systemId}&failing=1`);
  await expect(page.getByRole('row', { name: /AWS-SI-01/ }).getByText('Failing (1 resource)')).toBeVisible();

  await page.goto(`/${slug}/controls/${controlId}?system=${systemId}`);
  const section = page.getByRole('region', { name: 'Failing checks in Checked system' });
  await expect(section.getByText('Failing (1 resource)')).toBeVisible();
  await expect(section.getByText(RESOURCE)).toBeVisible();
  await expect(section.getByText('Install the SSM agent and attach the instance profile.')).toBeVisible();

  await section.getByText('Accept as a risk').click();
  await section.getByLabel('Justification').fill('Too short');
  await section.getByLabel('Accepted until').fill(inDays(30));
  await section.getByRole('button', { name: 'Accept the risk' }).click();
  await expect(section.getByText('Explain why the risk is accepted, in at least 20 characters.')).toBeVisible();
  await section.getByLabel('Justification').fill('The instance is retired at the end of the month');
  await section.getByRole('button', { name: 'Accept the risk' }).click();

  await expect(section.getByText('Accepted as a risk (not counted until the acceptance ends)')).toBeVisible();
  await expect(section.getByText('The instance is retired at the end of the month')).toBeVisible();
  await expect(section.getByText(/No failing checks/)).toBeVisible();

  await section.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('button', { name: 'Revoke acceptance' }).click();
  await expect(section.getByText('Failing (1 resource)')).toBeVisible();
  await expect(section.getByText('Accepted as a risk (not counted until the acceptance ends)')).toBeHidden();
});
