import { expect, test, type Page } from '@playwright/test';
import { signUpNewOrganization } from './helpers';

// The responsibility line carried past the register: what does not apply leaves the figures,
// and an AWS Artifact report implements the AWS half everywhere a reviewer reads it.

const DAY = 86_400_000;
const utcDaysFromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

async function createSystem(page: Page, slug: string, name: string, services: string[]) {
  await page.goto(`/${slug}/systems/new`);
  await page.getByLabel('Name').fill(name);
  await page.getByRole('group', { name: 'Regions where the data lives' }).getByLabel('Europe (Ireland)').check();
  for (const service of services) await page.getByLabel(service, { exact: true }).check();
  await page.getByRole('button', { name: 'Create system' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname.split('/').pop()!;
}

const registerRow = (page: Page, code: string) =>
  page.getByRole('row').filter({ has: page.getByRole('link', { name: code, exact: true }) });

test('an RDS-only system leaves S3 controls out; a SOC 2 report implements the inherited ones in the register, the summary and the SSP', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { slug } = await signUpNewOrganization(page);
  await page.goto(`/${slug}/controls`);
  await page.getByRole('button', { name: /Load “AWS shared responsibility”/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Added \d+ controls/ })).toBeVisible();
  const systemId = await createSystem(page, slug, 'Reporting database', ['Amazon RDS']);

  // The S3 control does not apply, with its reason, and has no owner to chase.
  await page.goto(`/${slug}/controls?system=${systemId}&q=Block Public Access`);
  const s3 = registerRow(page, 'AWS-AC-03');
  await expect(s3.getByText('Not applicable', { exact: true })).toBeVisible();
  await expect(s3.getByText('Not applicable — this system uses no Amazon S3')).toBeVisible();
  await expect(s3.getByText('No owner')).toHaveCount(0);
  // Database users apply here (RDS); Lambda function code does not.
  await page.goto(`/${slug}/controls?system=${systemId}&q=Lambda function code`);
  await expect(registerRow(page, 'AWS-SA-01').getByText('Not applicable — this system uses no AWS Lambda')).toBeVisible();

  // Before any report, physical security has no AWS report on file.
  await page.goto(`/${slug}/controls?system=${systemId}&q=Physical`);
  await expect(registerRow(page, 'AWS-PE-01').getByText('AWS half: no report on file').first()).toBeVisible();

  // Record AWS's SOC 2 Type 2 over the inherited controls.
  await page.goto(`/${slug}/reports`);
  const form = page.getByRole('form', { name: 'Record a report' });
  await form.getByRole('group', { name: 'Controls this report covers' }).getByRole('button', { name: 'Select all inherited' }).click();
  const reportId = `report-${Date.now().toString(36).padStart(16, '0').slice(-16)}`;
  await form.getByLabel('Title', { exact: true }).fill('SOC 2 Type 2');
  await form.getByLabel('AWS Artifact report id').fill(reportId);
  await form.getByLabel('Period start').fill(utcDaysFromToday(-400));
  await form.getByLabel('Period end').fill(utcDaysFromToday(-30));
  await form.getByLabel('Terms accepted on').fill(utcDaysFromToday(-5));
  await form.getByLabel('Retrieved on').fill(utcDaysFromToday(-5));
  await form.getByRole('button', { name: 'Record report' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Recorded “SOC 2 Type 2” (${reportId})` })).toBeVisible();

  // The register: implemented by AWS, naming the report and how long it covers.
  await page.goto(`/${slug}/controls?system=${systemId}&q=Physical`);
  const pe = registerRow(page, 'AWS-PE-01');
  await expect(pe.getByText('Implemented by AWS', { exact: true })).toBeVisible();
  await expect(pe.getByText(`Implemented by AWS — SOC 2 Type 2, ${reportId}, covered until ${utcDaysFromToday(60)}`)).toBeVisible();

  // The summary counts the three covered inherited controls as implemented by AWS (patch management, inherited
  // here because RDS patches for you, was not in the report), and leaves the S3 control out.
  await page.goto(`/${slug}/systems/${systemId}/summary`);
  await expect(page.getByRole('img', { name: /^Inherited: Implemented by AWS \(3\), .*AWS half: no report on file \(1\)$/ })).toBeVisible();
  await expect(page.getByText('Not applicable — this system uses no Amazon S3').first()).toBeVisible();

  // The SSP says implemented for the NIST controls the inherited control names.
  await page.goto(`/${slug}/systems/${systemId}`);
  await page.getByRole('link', { name: 'Exports', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download OSCAL SSP (JSON)' }).click();
  let json = '';
  for await (const chunk of await (await download).createReadStream()) json += chunk;
  type Requirement = { 'control-id': string; 'by-components': { 'implementation-status'?: { state: string } }[] };
  const requirements: Requirement[] = JSON.parse(json)['system-security-plan']['control-implementation']['implemented-requirements'];
  const pe3 = requirements.find((r) => r['control-id'] === 'pe-3')!;
  expect(pe3['by-components'].map((c) => c['implementation-status']?.state).filter(Boolean)).toEqual(['implemented']);
});
