import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signUpNewOrganization } from './helpers';

const LI_SAAS = path.resolve(import.meta.dirname, '../../shared/data/fedramp/FedRAMP_rev5_LI-SaaS-baseline-resolved-profile_catalog.json');
const RESPONSIBILITY = 'Review the users of your own tenant every quarter.';

type Requirement = {
  'control-id': string;
  props: { name: string; value: string }[];
  'by-components': { 'component-uuid': string; export?: { responsibilities?: { description: string }[]; provided?: unknown[] } }[];
};

test('categorize a system, choose its baseline, write a customers’ responsibility, and download an SSP that carries them', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { slug } = await signUpNewOrganization(page);

  // A system on S3, and FedRAMP's LI-SaaS baseline imported.
  await page.goto(`/${slug}/systems/new`);
  await page.getByLabel('Name', { exact: true }).fill('Payments platform');
  await page.getByRole('checkbox', { name: /Europe \(Ireland\)/ }).check();
  await page.getByRole('checkbox', { name: 'Amazon S3', exact: true }).check();
  await page.getByRole('button', { name: /Create system/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payments platform' })).toBeVisible();
  const systemUrl = page.url();

  await page.goto(`/${slug}/frameworks`);
  await page.getByLabel('OSCAL catalog (JSON)').setInputFiles(LI_SAAS);
  await page.getByRole('checkbox', { name: /Import as a baseline/ }).check();
  await page.getByRole('button', { name: 'Import catalog' }).click();
  await expect(page.getByText(/^Imported “FedRAMP Rev 5 Tailored Low Impact Software as a Service \(LI-SaaS\) Baseline”/)).toBeVisible({
    timeout: 60_000,
  });

  // A control of the team's own that answers AC-2.
  await page.goto(`/${slug}/controls/new`);
  await page.getByLabel('Code').fill('IAM-REV');
  await page.getByLabel('Title').fill('Quarterly access review');
  await page.getByLabel('Family').fill('Access control');
  await page.getByRole('radio', { name: /^Customer/ }).check();
  await page.getByLabel('NIST SP 800-53 rev5 controls').fill('AC-2');
  await page.getByRole('button', { name: 'Create control' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'IAM-REV · Quarterly access review' })).toBeVisible();
  const controlUrl = page.url();

  // The system's categorization and baseline.
  await page.goto(`${systemUrl}/edit`);
  const categorization = page.getByRole('form', { name: 'Security categorization and baseline' });
  await categorization.getByLabel('Confidentiality', { exact: true }).selectOption('MODERATE');
  await categorization.getByLabel('Integrity', { exact: true }).selectOption('LOW');
  await categorization.getByLabel('Availability', { exact: true }).selectOption('LOW');
  await expect(categorization.getByText('System impact level (high-water mark):')).toContainText('Moderate');
  await categorization.getByRole('button', { name: 'Add an information type' }).click();
  await categorization.getByLabel('Title').fill('Payment transactions');
  await categorization.getByLabel('NIST SP 800-60 identifier').fill('payments');
  await categorization.getByRole('button', { name: 'Save categorization and baseline' }).click();
  await expect(categorization.getByText(/Write the NIST SP 800-60 identifier as printed/)).toBeVisible();
  await categorization.getByLabel('NIST SP 800-60 identifier').fill('C.3.5.1');
  const liSaas = await categorization.getByLabel('Baseline').locator('option', { hasText: 'LI-SaaS' }).getAttribute('value');
  await categorization.getByLabel('Baseline').selectOption(liSaas!);
  await categorization.getByRole('button', { name: 'Save categorization and baseline' }).click();
  await expect(categorization.getByText('Categorization and baseline saved.')).toBeVisible();
  // The system form on the same page, without a reload, saves over the version the categorization made.
  await page.getByLabel('Description').fill('Card payments, prod accounts.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payments platform' })).toBeVisible();
  await expect(page.getByText('Card payments, prod accounts.')).toBeVisible();

  // The team's customers' part of the control in this system.
  await page.goto(controlUrl);
  await page.locator('summary', { hasText: 'Owner and implementation' }).click();
  const customers = page.getByRole('region', { name: 'Your customers’ part in Payments platform' });
  await customers.getByLabel('Your customers’ responsibility').fill(RESPONSIBILITY);
  await customers.getByLabel('Can be inherited by your customers').selectOption('PARTIAL');
  await customers.getByLabel('Planned completion date').fill('2099-03-31');
  await customers.getByRole('button', { name: 'Save your customers’ part' }).click();
  await expect(customers.getByText('Saved.')).toBeVisible();
  // The half's other form, on the same page without a reload, saves over the version the first one made.
  await page.getByLabel('How your organization implements it').fill('Quarterly access reviews in the payments accounts.');
  await page.getByRole('button', { name: 'Save implementation' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toHaveCount(2);
  await expect(page.getByText(/Someone else saved/)).toHaveCount(0);

  // The SSP downloads, parses, and carries all of it.
  await page.goto(systemUrl);
  await page.getByRole('link', { name: 'Exports', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download OSCAL SSP (JSON)' }).click();
  const file = await (await download).path();
  const plan = JSON.parse(readFileSync(file!, 'utf8'))['system-security-plan'];
  expect(plan['system-characteristics']['security-sensitivity-level']).toBe('fips-199-moderate');
  expect(plan['system-characteristics']['system-information']['information-types'][0]).toMatchObject({
    title: 'Payment transactions',
    categorizations: [{ 'information-type-ids': ['C.3.5.1'] }],
  });
  const baseline = plan['back-matter'].resources.find((r: { uuid: string }) => `#${r.uuid}` === plan['import-profile'].href);
  expect(baseline.title).toBe('FedRAMP Rev 5 Tailored Low Impact Software as a Service (LI-SaaS) Baseline');
  const requirements = plan['control-implementation']['implemented-requirements'] as Requirement[];
  expect(requirements).toHaveLength(156);
  const ac2 = requirements.find((r) => r['control-id'] === 'ac-2')!;
  expect(ac2.props).toContainEqual(expect.objectContaining({ name: 'control-origination', value: 'customer-configured' }));
  expect(ac2.props).toContainEqual(expect.objectContaining({ name: 'planned-completion-date', value: '2099-03-31' }));
  const thisSystem = plan['system-implementation'].components.find((c: { type: string }) => c.type === 'this-system');
  const exported = ac2['by-components'].find((b) => b['component-uuid'] === thisSystem.uuid)!.export!;
  expect(exported.provided).toHaveLength(1);
  expect(exported.responsibilities![0]!.description).toContain(RESPONSIBILITY);
});
