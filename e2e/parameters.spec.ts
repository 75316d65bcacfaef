import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { openDatabase } from '../lib/embedded-postgres';
import { signUpNewOrganization } from './helpers';

const LI_SAAS = path.join(import.meta.dirname, '../../shared/data/fedramp/FedRAMP_rev5_LI-SaaS-baseline-resolved-profile_catalog.json');
const TITLE = 'FedRAMP Rev 5 Tailored Low Impact Software as a Service (LI-SaaS) Baseline';

/** Sets the system's baseline in the database (the app's own server, on the e2e data folder). */
async function setBaseline(systemId: string) {
  const database = await openDatabase(path.resolve('.data/e2e'));
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `UPDATE "System" s SET "baselineFrameworkId" = f."id" FROM "Framework" f
       WHERE s."id" = $1 AND f."orgId" = s."orgId" AND f."name" = $2`,
      [systemId, TITLE],
    );
    expect(rowCount).toBe(1);
  } finally {
    await client.end();
    await database.stop();
  }
}

test('import the LI-SaaS baseline, see its tailoring, and set a parameter value for a system', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await page.goto(`/${slug}/frameworks`);
  await page.getByLabel('OSCAL catalog (JSON)').setInputFiles(LI_SAAS);
  await page.getByRole('button', { name: 'Import catalog' }).click();
  await expect(page.getByText(`Imported “${TITLE}”`)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('link', { name: 'Open it' }).click();
  await page.getByLabel('Tailoring').selectOption('FED');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/tailoring=FED/);
  await expect(page.getByRole('row', { name: /FED/ }).first()).toBeVisible();

  await page.goto(`/${slug}/systems/new`);
  await page.getByLabel('Name', { exact: true }).fill('SaaS app');
  await page.getByRole('checkbox', { name: /Europe \(Ireland\)/ }).check();
  await page.getByRole('checkbox', { name: 'Amazon S3', exact: true }).check();
  await page.getByRole('button', { name: /Create system/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'SaaS app' })).toBeVisible();
  const systemId = new URL(page.url()).pathname.split('/')[3]!;

  await page.goto(`/${slug}/systems/${systemId}/parameters`);
  await expect(page.getByText(/This system has no baseline yet/)).toBeVisible();
  await setBaseline(systemId);

  await page.goto(`/${slug}/systems/${systemId}/parameters`);
  await page.getByLabel('Search control, parameter or value').fill('M-21-31');
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.locator('[data-param="au-11_odp"]');
  await expect(row.getByText('Default: a time period in compliance with M-21-31')).toBeVisible();
  await row.getByLabel('This system’s value for au-11_odp').fill('three years, 90 days online');
  await row.getByRole('button', { name: 'Save value' }).click();
  await expect(row.getByText('Saved.')).toBeVisible();
  await expect(row.getByText('This system: three years, 90 days online')).toBeVisible();
  await row.getByRole('button', { name: 'Reset to default' }).click();
  await expect(row.getByText('This system: the default applies')).toBeVisible();
});
