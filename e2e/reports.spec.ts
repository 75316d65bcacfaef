import { expect, test } from '@playwright/test';
import { DEMO_ORG, demoUser, signIn, signUpNewOrganization } from './helpers';

const DAY = 86_400_000;
/** A UTC date `days` from today, as YYYY-MM-DD. */
const utcDaysFromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

test('an owner records a SOC 2 Artifact reference covering the inherited controls until its grace ends', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await page.goto(`/${slug}/controls`);
  await page.getByRole('button', { name: /Load “AWS shared responsibility”/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Added \d+ controls/ })).toBeVisible();

  await page.goto(`/${slug}/reports`);
  await expect(page.getByText('No AWS Artifact reports recorded yet.')).toBeVisible();
  const checklist = page.getByRole('group', { name: 'Controls this report covers' });
  // Every control with an AWS half is offered, and all are ticked to start with.
  const boxes = checklist.getByRole('checkbox');
  const coverable = await boxes.count();
  expect(coverable).toBeGreaterThanOrEqual(3);
  for (const code of ['AWS-PE-01', 'AWS-MP-01', 'AWS-SC-01'])
    await expect(checklist.getByRole('checkbox', { name: new RegExp(code) })).toBeChecked();
  await checklist.getByRole('button', { name: 'Select none' }).click();
  await expect(checklist.getByRole('checkbox', { checked: true })).toHaveCount(0);
  await checklist.getByRole('button', { name: 'Select all' }).click();
  await expect(checklist.getByRole('checkbox', { checked: true })).toHaveCount(coverable);
  // Leave one shared control out, to add it from the list afterwards.
  await checklist.getByRole('checkbox', { name: /AWS-AT-01/ }).uncheck();

  // An invalid id and a period that ends before it starts: both refused on their fields.
  const periodEnd = utcDaysFromToday(-60);
  const periodStart = utcDaysFromToday(-60 - 364);
  await page.getByLabel('Title', { exact: true }).fill('SOC 2 Type 2');
  await page.getByLabel('AWS Artifact report id').fill('report-123');
  await page.getByLabel('Version', { exact: true }).fill('1');
  await page.getByLabel('Series', { exact: true }).fill('SOC');
  await page.getByLabel('Category', { exact: true }).fill('Certifications and attestations');
  await page.getByLabel('Period start').fill(periodEnd);
  await page.getByLabel('Period end').fill(periodStart);
  await page.getByLabel('Terms accepted on').fill(utcDaysFromToday(-10));
  await page.getByLabel('Retrieved on').fill(utcDaysFromToday(-10));
  await page.getByRole('button', { name: 'Record report' }).click();
  await expect(page.getByText('An AWS Artifact report id is “report-” followed by 16 letters or digits.')).toBeVisible();
  await expect(page.getByText('The period ends before it starts.')).toBeVisible();
  await expect(page.getByLabel('AWS Artifact report id')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Period end')).toHaveAttribute('aria-invalid', 'true');

  // Fixed, and within the 90-day grace: its period ended 60 days ago.
  const reportId = `report-${Date.now().toString(36).padStart(16, '0').slice(-16)}`;
  await page.getByLabel('AWS Artifact report id').fill(reportId);
  await page.getByLabel('Period start').fill(periodStart);
  await page.getByLabel('Period end').fill(periodEnd);
  await page.getByRole('button', { name: 'Record report' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Recorded “SOC 2 Type 2” (${reportId}). It covers ${coverable - 1} controls.` }),
  ).toBeVisible();
  // The form starts over, everything ticked again.
  await expect(page.getByLabel('AWS Artifact report id')).toHaveValue('');
  await expect(checklist.getByRole('checkbox', { checked: true })).toHaveCount(coverable);

  await expect(page.getByText('Coverage lasts until the report period ends plus 90 days, the bridge-letter window.')).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(reportId) });
  await expect(row.getByRole('cell', { name: `${periodStart} – ${periodEnd}` })).toBeVisible();
  await expect(row.getByText(`Covers until ${utcDaysFromToday(30)}`)).toBeVisible();
  await expect(row.getByText(/^(Current|Expiring soon)$/)).toBeVisible();
  await expect(row.getByText(`${coverable - 1} controls`, { exact: true })).toBeVisible();

  // Cover the control left out, from the report's row.
  await row.getByText('Cover more controls').click();
  const more = row.getByRole('group', { name: 'Controls to add to this report' });
  await expect(more.getByRole('checkbox')).toHaveCount(1);
  await more.getByRole('checkbox', { name: /AWS-AT-01/ }).check();
  await row.getByRole('button', { name: 'Add to this report' }).click();
  await expect(row.getByRole('status')).toHaveText('Added 1 control.');
  await expect(row.getByText(`${coverable} controls`, { exact: true })).toBeVisible();
  await expect(row.getByText('This report already covers every control with an AWS half.')).toBeVisible();

  // In the register, the inherited controls are current through the report's grace.
  await page.goto(`/${slug}/controls?system=none&type=INHERITED`);
  for (const code of ['AWS-PE-01', 'AWS-MP-01', 'AWS-SC-01']) {
    const inherited = page.getByRole('row', { name: new RegExp(code) });
    await expect(inherited.getByText(/^(Current|Expiring soon)$/)).toBeVisible();
    await expect(inherited.getByText(`Provider report covers until ${utcDaysFromToday(30)}`)).toBeVisible();
  }
});

test('a viewer reads the reports page without the form', async ({ page }) => {
  await signIn(page, demoUser('viewer'));
  await page.goto(`/${DEMO_ORG}/reports`);
  await expect(page.getByRole('heading', { level: 1, name: 'AWS Artifact reports' })).toBeVisible();
  await expect(page.getByText('Only owners and admins can record AWS Artifact reports.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record report' })).toHaveCount(0);
  await expect(page.getByLabel('AWS Artifact report id')).toHaveCount(0);
  await expect(page.getByText('Cover more controls')).toHaveCount(0);
});
