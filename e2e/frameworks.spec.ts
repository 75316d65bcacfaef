import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { inviteAndJoin, signIn, signUpNewOrganization } from './helpers';

const CATALOG = path.join(import.meta.dirname, 'fixtures', 'small-catalog.json');

async function createSystem(page: Page, slug: string, name: string) {
  await page.goto(`/${slug}/systems/new`);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('checkbox', { name: /Europe \(Ireland\)/ }).check();
  await page.getByRole('checkbox', { name: 'Amazon S3', exact: true }).check();
  await page.getByRole('button', { name: /Create system/ }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** A reviewer other than the uploader: whoever adds evidence cannot accept it. */
async function addAuditor(page: Page, browser: Browser, slug: string) {
  const email = `auditor-${Date.now()}@e2e.test`;
  await inviteAndJoin(page, browser, slug, { email, name: 'Avery Auditor', role: 'AUDITOR' });
  return email;
}

test('import a catalog, map a control, and see the requirement covered once the control has accepted evidence', async ({
  page,
  browser,
}) => {
  const { slug } = await signUpNewOrganization(page);
  await createSystem(page, slug, 'Payments platform');
  const auditorEmail = await addAuditor(page, browser, slug);

  // A customer control: it has no AWS half, so no provider report is needed for it.
  await page.goto(`/${slug}/controls/new`);
  await page.getByLabel('Code').fill('IAM-REV');
  await page.getByLabel('Title').fill('Quarterly access review');
  await page.getByLabel('Family').fill('Access control');
  await page.getByRole('radio', { name: /^Customer/ }).check();
  await page.getByRole('button', { name: 'Create control' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'IAM-REV · Quarterly access review' })).toBeVisible();

  await page.goto(`/${slug}/frameworks`);
  await expect(page.getByText(/No frameworks yet\. Import NIST SP 800-53 rev5 as OSCAL JSON/)).toBeVisible();
  await page.getByLabel('OSCAL catalog (JSON)').setInputFiles(CATALOG);
  await page.getByRole('button', { name: 'Import catalog' }).click();
  await expect(page.getByText('Imported “Demarc sample catalog” 1.0: 6 requirements (6 new, 0 updated).')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('aria-valuenow', '100');
  await page.getByRole('link', { name: 'Open it' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Demarc sample catalog' })).toBeVisible();
  await expect(page.getByText('0 of 3')).toBeVisible();
  await expect(page.getByRole('row', { name: /AC-2\(2\)/ }).getByText('Withdrawn')).toBeVisible();
  await page.getByRole('link', { name: 'AC-2', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'AC-2 · Account Management' })).toBeVisible();
  await expect(page.getByText('a. Review accounts [Assignment: organization-defined frequency]; and')).toBeVisible();
  await expect(page.getByText('No control mapped', { exact: true })).toBeVisible();
  const requirementUrl = page.url();

  await page.getByLabel('Find a control').fill('IAM');
  await page.getByLabel('Control', { exact: true }).selectOption({ label: 'IAM-REV — Quarterly access review' });
  await page.getByLabel('Rationale').fill('Account reviews every quarter');
  await page.getByRole('button', { name: 'Map control' }).click();
  await expect(page.getByText('Mapped IAM-REV.')).toBeVisible();
  const mapped = page.getByRole('row', { name: /IAM-REV/ });
  await expect(mapped.getByText('Account reviews every quarter')).toBeVisible();
  await expect(mapped.getByText('Evidence: Missing')).toBeVisible();

  // Implemented in the system, with an owner …
  await mapped.getByRole('link', { name: 'IAM-REV' }).click();
  await page.getByLabel('Status').selectOption('IMPLEMENTED');
  await page.getByLabel('Owner of the customer half').selectOption({ label: 'Erin Example' });
  await page.getByRole('button', { name: 'Save implementation' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.goto(requirementUrl);
  await expect(page.getByText('Not covered', { exact: true })).toBeVisible();

  // … and evidence that a reviewer accepts.
  await mapped.getByRole('link', { name: 'IAM-REV' }).click();
  await page.locator('summary', { hasText: 'Add evidence' }).click();
  await page.getByRole('radio', { name: 'A written attestation' }).check();
  await page.getByLabel('Title', { exact: true }).fill('Q3 access review sign-off');
  await page.getByLabel('Attestation', { exact: true }).fill('All accounts reviewed; 3 removed.');
  await page.getByLabel('Source', { exact: true }).fill('IAM credential report');
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await expect(page.getByText('Evidence added as a draft.')).toBeVisible();
  await page.getByRole('link', { name: 'Open it' }).click();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Submitted', { exact: true })).toBeVisible();
  const evidenceUrl = page.url();

  const auditor = await browser.newPage();
  await signIn(auditor, auditorEmail, 'a perfectly long passphrase');
  await auditor.goto(evidenceUrl);
  await auditor.getByRole('button', { name: 'Accept' }).click();
  await expect(auditor.getByText(/Accepted by Avery Auditor/)).toBeVisible();

  await page.goto(requirementUrl);
  await expect(page.getByText('Covered', { exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: /IAM-REV/ }).getByText('✓ proves it')).toBeVisible();
  await page.getByRole('link', { name: 'Demarc sample catalog' }).click();
  await expect(page.getByText('1 of 3')).toBeVisible();
});

test('a broken catalog is refused with where it breaks, and nothing is imported', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await page.goto(`/${slug}/frameworks`);
  await page
    .getByLabel('OSCAL catalog (JSON)')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"catalog": {"uuid": "x",') });
  await page.getByRole('button', { name: 'Import catalog' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: /The file is not valid JSON: .* at line 1, column \d+\. The file ends early/ }),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByText(/No frameworks yet/)).toBeVisible();
});

test('the control register exports to CSV and the file imports back unchanged; a bad file names its rows', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await page.goto(`/${slug}/controls`);
  await page.getByRole('button', { name: /Load “AWS shared responsibility”/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Added \d+ controls/ })).toBeVisible();

  await page.goto(`/${slug}/controls/import`);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV export' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^${slug}-controls-\\d{4}-\\d{2}-\\d{2}\\.csv$`));

  await page.getByLabel('CSV file (up to 8 MB)').setInputFiles(await file.path());
  await page.getByRole('button', { name: 'Import controls' }).click();
  await expect(
    page.getByText(/^0 controls created, 0 updated, \d+ unchanged; 0 owners set; 0 mappings added and 0 removed\./),
  ).toBeVisible();

  const bad = 'code,title,family,default_type,cadence\nNEW-1,,Access,SHARED,MONTHLY\nNEW-2,Fine,Access,SOMETIMES,MONTHLY';
  await page.getByLabel('CSV file (up to 8 MB)').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: 'Import controls' }).click();
  await expect(page.getByText('The file has 2 problems; nothing was imported.')).toBeVisible();
  await expect(page.getByRole('row', { name: /2 title Enter a title\./ })).toBeVisible();
  await expect(page.getByRole('row', { name: /3 default_type Choose inherited, shared or customer\./ })).toBeVisible();
});
