import { expect, test } from '@playwright/test';
import { DEMO_ORG, DEMO_PASSWORD, demoUser, signIn, signUpNewOrganization } from './helpers';

test('sign-up creates an organization and signs its owner in; sign-out ends the session', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await expect(page.getByText('Owner', { exact: true }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.goto(`/${slug}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});

test('sign-up shows field errors for bad input and keeps what was typed', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Pat');
  await page.getByLabel('Work email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  await expect(page.getByText('Use at least 2 characters.')).toBeVisible();

  await page.getByLabel('Password').fill('password123');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByText(/^This password is too easy to guess\. This is (too close to )?a commonly used password\./)).toBeVisible();
  await expect(page.getByLabel('Your name')).toHaveValue('Pat');

  // The published demo password, and one made of the person's own email, say why they are refused.
  await page.getByLabel('Work email').fill('pat.lee@example.test');
  for (const password of ['demarc-demo-2026', 'pat.lee@example.test']) {
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect(page.getByText(/too easy to guess\. It is made of your name, your email address or words about Demarc/)).toBeVisible();
  }
});

test('a wrong password gets one clear message; the right one signs in', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(demoUser('editor'));
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('The email or password is incorrect.');

  await signIn(page, ` ${demoUser('editor').toUpperCase()} `);
  await expect(page).toHaveURL(new RegExp(`/${DEMO_ORG}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Demo Company' })).toBeVisible();
});

test('sign-in returns to the page that asked for it', async ({ page }) => {
  await page.goto(`/${DEMO_ORG}/members`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel('Email').fill(demoUser('viewer'));
  await page.getByLabel('Password').fill('demarc-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
});

test('sign-in never leaves the app, whatever callbackUrl says', async ({ page, baseURL }) => {
  // A tab in the path: browsers drop it, so "/<tab>/evil.test" reads as "//evil.test".
  await page.goto('/sign-in?callbackUrl=/%09/evil.test');
  await page.getByLabel('Email').fill(demoUser('viewer'));
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible({ timeout: 45_000 });
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  await expect(page.getByRole('heading', { level: 1, name: 'Demo Company' })).toBeVisible();
});

test("next-auth's own redirect stays on the app", async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  for (const callbackUrl of ['https://evil.test/', '/\t/evil.test', '//evil.test', '/\\evil.test']) {
    const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const response = await request.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: demoUser('viewer'), password: DEMO_PASSWORD, callbackUrl, json: 'true' },
    });
    const { url } = (await response.json()) as { url: string };
    expect(new URL(url).origin, callbackUrl).toBe(origin);
    expect(new URL(url).pathname, callbackUrl).not.toMatch(/^\/\//);
  }
});

test('"sign out everywhere" ends the sessions of other browsers too', async ({ browser }) => {
  const laptop = await browser.newPage();
  const phone = await browser.newPage();
  const { slug, email } = await signUpNewOrganization(laptop);
  await signIn(phone, email, 'a perfectly long passphrase');
  await phone.goto(`/${slug}/members`);
  await expect(phone.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();

  await laptop.goto('/account');
  await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
  await laptop.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(laptop.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await phone.reload();
  await expect(phone).toHaveURL(/\/sign-in/);
});

test('changing the password ends the other sessions and keeps this one', async ({ browser }) => {
  const laptop = await browser.newPage();
  const phone = await browser.newPage();
  const { slug, email } = await signUpNewOrganization(laptop);
  await signIn(phone, email, 'a perfectly long passphrase');

  await laptop.goto('/account');
  await laptop.getByLabel('Current password').fill('a perfectly long passphrase');
  await laptop.getByLabel('New password', { exact: true }).fill('aaaaaaaaaaaa');
  await laptop.getByLabel('New password again').fill('aaaaaaaaaaaa');
  await laptop.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.getByText(/^This password is too easy to guess\. Repeated characters/)).toBeVisible();

  await laptop.getByLabel('New password', { exact: true }).fill('violet harbor lanterns drift');
  await laptop.getByLabel('New password again').fill('violet harbor lanterns drift');
  await laptop.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.getByRole('status').filter({ hasText: 'Password changed.' })).toBeVisible();

  // This browser's session was re-issued; the phone's has ended.
  await laptop.goto(`/${slug}/members`);
  await expect(laptop.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
  await phone.goto(`/${slug}/members`);
  await expect(phone).toHaveURL(/\/sign-in/);

  await phone.getByLabel('Email').fill(email);
  await phone.getByLabel('Password').fill('a perfectly long passphrase');
  await phone.getByRole('button', { name: 'Sign in' }).click();
  await expect(phone.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('The email or password is incorrect.');
  await signIn(phone, email, 'violet harbor lanterns drift');
});
