import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, demoUser, invite, signUpNewOrganization } from './helpers';

test('an invited person opens the link in a fresh browser, chooses a password and lands in the organization with the invited role', async ({
  page,
  browser,
}) => {
  const orgName = `Invites ${Date.now()}`;
  const { slug } = await signUpNewOrganization(page, orgName);
  const email = `irene-${Date.now()}@e2e.test`;
  const link = await invite(page, slug, email, 'AUDITOR');
  expect(link).toMatch(/^http:\/\/localhost:\d+\/invitations\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();

  // The link is shown once: after a reload only the pending invitation is listed.
  await page.reload();
  await expect(page.getByLabel('Invitation link')).toHaveCount(0);
  const pending = page.getByRole('table', { name: 'Pending invitations' }).getByRole('row', { name: new RegExp(email) });
  await expect(pending).toContainText('Auditor');
  await expect(pending).toContainText('Erin Example');
  await expect(pending).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { level: 1, name: `Join ${orgName}` })).toBeVisible();
  await expect(invitee.getByText(`Erin Example invited ${email} to join ${orgName} as Auditor.`)).toBeVisible();
  await invitee.getByLabel('Your name').fill('Irene Invited');
  await invitee.getByLabel('Password').fill('password');
  await invitee.getByRole('button', { name: 'Create account and join' }).click();
  await expect(invitee.getByText(/This password is too easy to guess. This is one of the ten most used passwords./)).toBeVisible();
  await invitee.getByLabel('Password').fill('irene chose this herself');
  await invitee.getByRole('button', { name: 'Create account and join' }).click();

  await expect(invitee.getByRole('heading', { level: 1, name: orgName })).toBeVisible({ timeout: 45_000 });
  await expect(invitee.getByRole('link', { name: `Auditor · ${email}` })).toBeVisible();
  await invitee.goto(`/${slug}/members`);
  await expect(invitee.getByRole('row', { name: /Irene Invited/ })).toContainText('Auditor');

  // Used once: the link now shows the expired page.
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { level: 1, name: 'This invitation has expired' })).toBeVisible();
  await context.close();

  await page.reload();
  await expect(page.getByRole('row', { name: /Irene Invited/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Pending invitations' })).toHaveCount(0);
});

test('an admin revokes an invitation after confirming, and its link then shows the expired page', async ({ page, browser }) => {
  const { slug } = await signUpNewOrganization(page);
  const email = `revoked-${Date.now()}@e2e.test`;
  const link = await invite(page, slug, email, 'EDITOR');
  await invite(page, slug, `kept-${Date.now()}@e2e.test`, 'VIEWER');

  const pending = page.getByRole('table', { name: 'Pending invitations' });
  const row = pending.getByRole('row', { name: new RegExp(email) });
  await row.getByRole('button', { name: 'Revoke' }).click();
  const dialog = page.getByRole('dialog', { name: `Revoke the invitation for ${email}?` });
  await expect(dialog).toContainText('Its link stops working at once.');
  await dialog.getByRole('button', { name: 'Revoke invitation' }).click();
  await expect(row).toHaveCount(0);
  await expect(pending.getByRole('row', { name: /kept-/ })).toBeVisible();

  const context = await browser.newContext();
  const stranger = await context.newPage();
  await stranger.goto(link);
  await expect(stranger.getByRole('heading', { level: 1, name: 'This invitation has expired' })).toBeVisible();
  await expect(stranger.getByText('This invitation has expired — ask an admin for a new one.')).toBeVisible();
  await expect(stranger.getByRole('button', { name: 'Create account and join' })).toHaveCount(0);
  await context.close();

  await page.goto(`/${slug}/audit`);
  await expect(page.getByRole('cell', { name: 'invitation.revoked' })).toBeVisible();
});

test('someone with an account signs in from the link to accept; signed in as another email, the page says so and offers to sign out', async ({
  page,
}) => {
  const orgName = `Existing ${Date.now()}`;
  const { slug, email: ownerEmail } = await signUpNewOrganization(page, orgName);
  const invited = demoUser('editor');
  const link = await invite(page, slug, invited, 'VIEWER');

  // The owner opens the link themselves: it is not theirs to accept.
  await page.goto(link);
  await expect(page.getByRole('alert').filter({ hasText: 'You are signed in as' })).toHaveText(
    `You are signed in as ${ownerEmail}, but this invitation is for ${invited}. Sign out, then accept it as ${invited}.`,
  );
  await expect(page.getByRole('button', { name: /Accept and join/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();

  // Signed out, back on the invitation: the invited account signs in and accepts.
  await page.getByRole('link', { name: 'Sign in to accept' }).click();
  await page.getByLabel('Email').fill(invited);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: `Accept and join ${orgName}` }).click({ timeout: 45_000 });
  await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
  await expect(page.getByRole('link', { name: `Viewer · ${invited}` })).toBeVisible();
});
