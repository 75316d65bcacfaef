import { expect, test } from '@playwright/test';
import { createSystemWithLibrary, DEMO_ORG, demoUser, signIn, signUpNewOrganization } from './helpers';

const DAY = 86_400_000;
const utcDaysFromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const artifactId = () => `report-${Date.now().toString(36).padStart(16, '0').slice(-16)}`;

test('the overview’s readiness equals the summary’s, per system', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await createSystemWithLibrary(page, slug, 'Payments platform');

  // A current report over the inherited controls: some controls are ready, so the figure is not 0%.
  await page.goto(`/${slug}/reports`);
  const create = page.getByRole('form', { name: 'Record a report' });
  await create.getByRole('group', { name: 'Controls this report covers' }).getByRole('button', { name: 'Select all inherited' }).click();
  await create.getByLabel('Title', { exact: true }).fill('SOC 2 Type 2');
  const reportId = artifactId();
  await create.getByLabel('AWS Artifact report id').fill(reportId);
  await create.getByLabel('Version', { exact: true }).fill('1');
  await create.getByLabel('Series', { exact: true }).fill('SOC');
  await create.getByLabel('Category', { exact: true }).fill('Certifications and attestations');
  await create.getByLabel('Period start').fill(utcDaysFromToday(-375));
  await create.getByLabel('Period end').fill(utcDaysFromToday(-10));
  await create.getByLabel('Terms accepted on').fill(utcDaysFromToday(-5));
  await create.getByLabel('Retrieved on').fill(utcDaysFromToday(-5));
  await create.getByRole('button', { name: 'Record report' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Recorded “SOC 2 Type 2” (${reportId}). It covers 3 controls.` })).toBeVisible();

  await page.goto(`/${slug}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Readiness by system' })).toBeVisible();
  const row = page.locator('tr[data-system="Payments platform"]');
  const shown = (await row.locator('[data-figure="readiness"]').innerText()).trim();
  const [, percent, implemented, applicable] = /^(\d+)% — (\d+) of (\d+)$/.exec(shown) ?? [];
  expect(Number(implemented)).toBeGreaterThan(0);
  // The chart says the same in its accessible name.
  await expect(page.getByRole('img', { name: /^Readiness by system: Payments platform \d+% — \d+ of \d+/ })).toHaveAccessibleName(
    `Readiness by system: Payments platform ${shown}`,
  );
  await expect(page.getByRole('heading', { name: /^Review queue \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Trend over the last 90 days' })).toBeVisible();

  await row.getByRole('link', { name: 'Payments platform' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compliance summary: Payments platform' })).toBeVisible();
  const figure = page.getByText('Readiness', { exact: true }).locator('..');
  await expect(figure).toContainText(`${percent}%`);
  await expect(figure).toContainText(`${implemented} of ${applicable} that apply`);
});

test('the demo overview shows its first recorded day and says where the trend starts', async ({ page }) => {
  await signIn(page, demoUser('viewer'));
  await page.goto(`/${DEMO_ORG}`);
  // Other specs add systems to the demo organization in parallel: read the seeded one by its exact name.
  await expect(page.locator('tr[data-system="Payments platform"] [data-figure="readiness"]')).toHaveText(/% — \d+ of \d+$/);
  await page.getByLabel('Show').selectOption({ label: 'Payments platform — readiness' });
  await expect(page.getByText(/^The trend starts on \d{4}-\d{2}-\d{2}/)).toBeVisible();
  await page.getByText('The figures as a table').click();
  await expect(page.getByRole('table', { name: 'Payments platform — readiness, per day' })).toBeVisible();
});
