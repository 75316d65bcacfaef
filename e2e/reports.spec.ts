import { expect, test } from '@playwright/test';
import { DEMO_ORG, demoUser, signIn, signUpNewOrganization } from './helpers';

const DAY = 86_400_000;
/** A UTC date `days` from today, as YYYY-MM-DD. */
const utcDaysFromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
/** A valid AWS Artifact report id, different on each call. */
let ids = 0;
const artifactId = () => `report-${`${Date.now().toString(36)}${ids++}`.padStart(16, '0').slice(-16)}`;

const INHERITED = ['AWS-PE-01', 'AWS-MP-01', 'AWS-SC-01'];

test('an owner records a report over chosen controls, edits it, changes its coverage and supersedes it with a bridge letter', async ({
  page,
}) => {
  const { slug } = await signUpNewOrganization(page);
  await page.goto(`/${slug}/controls`);
  await page.getByRole('button', { name: /Load “AWS shared responsibility”/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Added \d+ controls/ })).toBeVisible();

  await page.goto(`/${slug}/reports`);
  await expect(page.getByText('No AWS Artifact reports recorded yet.')).toBeVisible();
  const create = page.getByRole('form', { name: 'Record a report' });
  const checklist = create.getByRole('group', { name: 'Controls this report covers' });
  // Every control with an AWS half is offered, and none is ticked to start with.
  const coverable = await checklist.getByRole('checkbox').count();
  expect(coverable).toBeGreaterThanOrEqual(6);
  await expect(checklist.getByRole('checkbox', { checked: true })).toHaveCount(0);
  await expect(checklist.getByText(`0 of ${coverable} controls selected`)).toBeVisible();
  // The shortcuts tick by default type; "Clear" unticks everything.
  await checklist.getByRole('button', { name: 'Select all inherited' }).click();
  await expect(checklist.getByRole('checkbox', { checked: true })).toHaveCount(3);
  for (const code of INHERITED) await expect(checklist.getByRole('checkbox', { name: new RegExp(code) })).toBeChecked();
  await expect(checklist.getByText(`3 of ${coverable} controls selected`)).toBeVisible();
  await checklist.getByRole('button', { name: 'Select all shared' }).click();
  await expect(checklist.getByRole('checkbox', { name: /AWS-AT-01/ })).toBeChecked();
  await checklist.getByRole('button', { name: 'Clear' }).click();
  await expect(checklist.getByRole('checkbox', { checked: true })).toHaveCount(0);
  await checklist.getByRole('button', { name: 'Select all inherited' }).click();
  // From the keyboard: Space ticks the focused box.
  await checklist.getByRole('checkbox', { name: /AWS-SI-01/ }).focus();
  await page.keyboard.press('Space');
  await expect(checklist.getByText(`4 of ${coverable} controls selected`)).toBeVisible();

  // An invalid id and a period that ends before it starts: both refused on their fields.
  const periodEnd = utcDaysFromToday(-60);
  const periodStart = utcDaysFromToday(-60 - 364);
  await create.getByLabel('Title', { exact: true }).fill('SOC 2 Type 2');
  await create.getByLabel('AWS Artifact report id').fill('report-123');
  await create.getByLabel('Version', { exact: true }).fill('1');
  await create.getByLabel('Series', { exact: true }).fill('SOC');
  await create.getByLabel('Category', { exact: true }).fill('Certifications and attestations');
  await create.getByLabel('Period start').fill(periodEnd);
  await create.getByLabel('Period end').fill(periodStart);
  await create.getByLabel('Terms accepted on').fill(utcDaysFromToday(-10));
  await create.getByLabel('Retrieved on').fill(utcDaysFromToday(-10));
  await create.getByRole('button', { name: 'Record report' }).click();
  await expect(create.getByText('An AWS Artifact report id is “report-” followed by 16 letters or digits.')).toBeVisible();
  await expect(create.getByText('The period ends before it starts.')).toBeVisible();
  await expect(create.getByLabel('Period end')).toHaveAttribute('aria-invalid', 'true');

  // Fixed, and within the 90-day grace: its period ended 60 days ago.
  const reportId = artifactId();
  await create.getByLabel('AWS Artifact report id').fill(reportId);
  await create.getByLabel('Period start').fill(periodStart);
  await create.getByLabel('Period end').fill(periodEnd);
  await create.getByRole('button', { name: 'Record report' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Recorded “SOC 2 Type 2” (${reportId}). It covers 4 controls.` })).toBeVisible();
  // The form starts over, nothing ticked.
  await expect(create.getByLabel('AWS Artifact report id')).toHaveValue('');
  await expect(checklist.getByRole('checkbox', { checked: true })).toHaveCount(0);

  const current = page.getByRole('table', { name: /^Current AWS Artifact reports/ });
  const row = current.getByRole('row', { name: new RegExp(reportId) });
  await expect(row.getByRole('cell', { name: `${periodStart} – ${periodEnd}` })).toBeVisible();
  await expect(row.getByText(`Covers until ${utcDaysFromToday(30)}`)).toBeVisible();
  await expect(row.getByText(/^(Current|Expiring soon)$/)).toBeVisible();
  await expect(row.getByRole('cell', { name: '4 controls', exact: true })).toBeVisible();
  await expect(page.getByText('None yet. A report replaced by a newer one')).toBeVisible();

  // Edit the title.
  await row.getByRole('button', { name: /^Edit/ }).click();
  const editForm = page.getByRole('form', { name: 'Edit “SOC 2 Type 2”' });
  await editForm.getByLabel('Title', { exact: true }).fill('SOC 2 Type II');
  await editForm.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “SOC 2 Type II”.' })).toBeVisible();
  await expect(editForm).toHaveCount(0);
  await expect(row.getByText('SOC 2 Type II', { exact: true })).toBeVisible();

  // Change the coverage: add one, remove one; the removal is confirmed first.
  await row.getByRole('button', { name: /^Coverage/ }).click();
  const coverage = page.getByRole('form', { name: 'Coverage of “SOC 2 Type II”' });
  await expect(coverage.getByRole('checkbox', { checked: true })).toHaveCount(4);
  await coverage.getByRole('checkbox', { name: /AWS-SI-01/ }).uncheck();
  await coverage.getByRole('checkbox', { name: /AWS-AT-01/ }).check();
  await coverage.getByRole('button', { name: 'Save coverage' }).click();
  const confirm = page.getByRole('dialog', { name: 'Stop covering 1 control?' });
  await expect(confirm.getByText(/will no longer cover AWS-SI-01/)).toBeVisible();
  await confirm.getByRole('button', { name: 'Remove coverage' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Coverage of “SOC 2 Type II”: added 1 control and removed 1.' })).toBeVisible();

  // Supersede it with a bridge letter: the coverage moves there, the report is kept as history.
  await row.getByRole('button', { name: /^Supersede/ }).click();
  const supersede = page.getByRole('form', { name: 'Supersede “SOC 2 Type II”' });
  await expect(supersede.getByLabel('Document type')).toHaveValue('BRIDGE_LETTER');
  await expect(supersede.getByLabel('Period start')).toHaveValue(utcDaysFromToday(-59));
  await expect(supersede.getByRole('checkbox', { checked: true })).toHaveCount(4);
  const letterId = artifactId();
  await supersede.getByLabel('Title', { exact: true }).fill('SOC 2 bridge letter');
  await supersede.getByLabel('AWS Artifact report id').fill(letterId);
  await supersede.getByLabel('Version', { exact: true }).fill('1');
  await supersede.getByLabel('Period end').fill(utcDaysFromToday(-1));
  await supersede.getByRole('button', { name: 'Record and supersede' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `Recorded “SOC 2 bridge letter” (${letterId}) in place of “SOC 2 Type II”. It covers 4 controls.` }),
  ).toBeVisible();

  const letter = current.getByRole('row', { name: new RegExp(letterId) });
  await expect(letter.getByRole('cell', { name: 'Bridge letter', exact: true })).toBeVisible();
  await expect(letter.getByRole('cell', { name: '4 controls', exact: true })).toBeVisible();
  await expect(letter.getByText(`Covers until ${utcDaysFromToday(89)}`)).toBeVisible();
  await expect(current.getByRole('row', { name: new RegExp(reportId) })).toHaveCount(0);
  const superseded = page.getByRole('table', { name: /^Superseded AWS Artifact reports/ }).getByRole('row', { name: new RegExp(reportId) });
  await expect(superseded.getByText(`Superseded by SOC 2 bridge letter (${letterId}) on ${utcDaysFromToday(0)}`)).toBeVisible();
  await expect(superseded.getByRole('cell', { name: '0 controls', exact: true })).toBeVisible();
  await expect(superseded.getByRole('button')).toHaveCount(0);

  // In the register, the inherited controls are covered by the bridge letter now.
  await page.goto(`/${slug}/controls?system=none&type=INHERITED`);
  for (const code of INHERITED) {
    const inherited = page.getByRole('row', { name: new RegExp(code) });
    await expect(inherited.getByText(/^(Current|Expiring soon)$/)).toBeVisible();
    await expect(inherited.getByText(`Provider report covers until ${utcDaysFromToday(89)}`)).toBeVisible();
  }
});

test('a viewer reads the reports page without forms', async ({ page }) => {
  await signIn(page, demoUser('viewer'));
  await page.goto(`/${DEMO_ORG}/reports`);
  await expect(page.getByRole('heading', { level: 1, name: 'AWS Artifact reports' })).toBeVisible();
  await expect(page.getByText('Only owners and admins can record AWS Artifact reports.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record report' })).toHaveCount(0);
  await expect(page.getByLabel('AWS Artifact report id')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Edit|Coverage|Supersede|Review)/ })).toHaveCount(0);
  await expect(page.getByRole('form')).toHaveCount(0);
});
