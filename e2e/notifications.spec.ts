import { expect, test } from '@playwright/test';
import { createSystemWithLibrary, inviteAndJoin, signIn, signUpNewOrganization } from './helpers';
import { waitForMail } from './mail';

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

test('an owner’s evidence nears expiry: the bell shows it and an e-mail links to the control', async ({ page, browser }) => {
  const { slug, email } = await signUpNewOrganization(page);
  await createSystemWithLibrary(page, slug);
  const auditorEmail = `auditor-${Date.now()}@e2e.test`;
  await inviteAndJoin(page, browser, slug, { email: auditorEmail, name: 'Ada Reviewer', role: 'AUDITOR' });

  // The owner takes the customer half of Patch management (monthly evidence) in the system.
  await page.goto(`/${slug}/controls`);
  await page.getByLabel('Search code or title').fill('Patch management');
  await page.getByLabel('Search code or title').press('Enter');
  const row = page.getByRole('row', { name: /Patch management/ });
  await row.getByRole('checkbox').check();
  await page.getByLabel('Owner for the selected').selectOption({ label: 'Erin Example' });
  await page.getByRole('button', { name: 'Assign owner to selected' }).click();
  await expect(page.getByText('Erin Example now owns 1 control in this system.')).toBeVisible();
  await row.getByRole('link', { name: /AWS-SI/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Patch management/ })).toBeVisible();
  const controlPath = new URL(page.url()).pathname;

  // Monthly evidence true 20 days ago stays valid for about ten more days.
  const form = page.locator('details', { has: page.locator('summary', { hasText: 'Add evidence' }) });
  await form.locator('summary').click();
  await form.getByLabel('A written attestation').check();
  await form.getByLabel('Title').fill('Patch run report');
  await form.getByRole('textbox', { name: 'Attestation' }).fill('Every instance was patched.');
  await form.getByLabel('Date it was true').fill(isoDaysAgo(20));
  await form.getByLabel('Source').fill('Systems Manager Patch Manager');
  await form.getByRole('button', { name: 'Add evidence' }).click();
  await expect(page.getByText('Evidence added as a draft.')).toBeVisible();
  await page.getByRole('link', { name: 'Open it' }).click();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Submitted', { exact: true })).toBeVisible();

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, auditorEmail, 'a perfectly long passphrase');
  await reviewer.goto(`/${slug}/evidence?state=SUBMITTED`);
  await reviewer.getByRole('link', { name: 'Patch run report' }).click();
  await reviewer.getByRole('button', { name: 'Accept' }).click();
  await expect(reviewer.getByText(/Accepted by Ada Reviewer/)).toBeVisible();
  await reviewerContext.close();

  // The daily reminders, run now from the jobs page rather than waiting for 06:00.
  await page.goto(`/${slug}/jobs`);
  await expect(page.getByText('E-mail is on')).toBeVisible();
  await page.getByRole('button', { name: 'Run now reminders.daily' }).click();
  await expect(page.getByText(/Done\. .*notifications: 1/)).toBeVisible();

  await page.reload();
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
  await bell.click();
  const reminder = page.getByRole('link', { name: /Evidence for AWS-SI-\S+ in Payments platform expires within 30 days/ });
  await expect(reminder).toBeVisible();

  const mail = await waitForMail((m) => m.to.includes(email) && m.subject.includes('expires within 30 days'));
  expect(mail.html).toContain('Unsubscribe');
  const link = /Open: (\S+)/.exec(mail.text)![1]!;
  expect(new URL(link).pathname).toBe(controlPath);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: /Patch management/ })).toBeVisible();
});
