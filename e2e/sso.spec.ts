import { expect, test } from '@playwright/test';
import { signUpNewOrganization } from './helpers';

// Against the suite's own OpenID Provider (e2e/oidc-provider.ts, started by playwright.config.ts).
const ISSUER = `http://localhost:${process.env.DEMARC_E2E_OIDC_PORT}`;
const CLIENT_ID = process.env.DEMARC_E2E_OIDC_CLIENT_ID!;
const CLIENT_SECRET = process.env.DEMARC_E2E_OIDC_CLIENT_SECRET!;

test('an owner sets up single sign-on; a new person signs in through the provider and lands in the organization', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const { slug } = await signUpNewOrganization(page);
  const domain = `sso-${Date.now()}.e2e.test`;

  await page.goto(`/${slug}/members/sso`);
  await page.getByLabel('Issuer URL').fill(ISSUER);
  await page.getByLabel('Client ID').fill(CLIENT_ID);
  await page.getByLabel('Client secret').fill(CLIENT_SECRET);
  await page.getByLabel('Allowed email domains').fill(domain);
  await page.getByLabel('Role for new members').selectOption('EDITOR');
  await page.getByRole('checkbox', { name: 'Single sign-on is on' }).check();
  await page.getByRole('button', { name: 'Save single sign-on' }).click();
  await expect(page.getByText('Single sign-on is on.')).toBeVisible();
  await expect(page.getByText('A secret is set. Leave this blank to keep it.')).toBeVisible();

  const context = await browser.newContext();
  try {
    const newcomer = await context.newPage();
    const email = `nia@${domain}`;
    await newcomer.goto('/sign-in');
    await newcomer.getByLabel('Organization or work e-mail').fill(email);
    await newcomer.getByRole('button', { name: 'Continue with SSO' }).click();
    // The provider's own pages (any login is accepted), then its consent page.
    await newcomer.getByPlaceholder('Enter any login').fill(email);
    await newcomer.getByPlaceholder('and password').fill('anything');
    await newcomer.getByRole('button', { name: 'Sign-in' }).click();
    await newcomer.getByRole('button', { name: 'Continue' }).click();
    await expect(newcomer).toHaveURL(new RegExp(`/${slug}$`), { timeout: 45_000 });
    await expect(newcomer.getByRole('button', { name: 'Sign out' })).toBeVisible({ timeout: 45_000 });
  } finally {
    await context.close();
  }

  // The owner sees the newcomer, with their role and their last sign-in through single sign-on.
  await page.goto(`/${slug}/members`);
  const row = page.getByRole('row', { name: /nia@/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('UTC');
});

test('an existing account is not signed in by the provider alone: it proves itself with its password, then is linked', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const { slug, email } = await signUpNewOrganization(page);
  await page.goto(`/${slug}/members/sso`);
  await page.getByLabel('Issuer URL').fill(ISSUER);
  await page.getByLabel('Client ID').fill(CLIENT_ID);
  await page.getByLabel('Client secret').fill(CLIENT_SECRET);
  await page.getByRole('checkbox', { name: 'Single sign-on is on' }).check();
  await page.getByRole('button', { name: 'Save single sign-on' }).click();
  await expect(page.getByText('Single sign-on is on.')).toBeVisible();

  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    const throughProvider = async (providerPages: boolean) => {
      await other.goto('/sign-in');
      await other.getByLabel('Organization or work e-mail').fill(slug);
      await other.getByRole('button', { name: 'Continue with SSO' }).click();
      // The provider remembers its own session and the consent given: the second time, it answers at once.
      if (!providerPages) return;
      await other.getByPlaceholder('Enter any login').fill(email);
      await other.getByPlaceholder('and password').fill('anything');
      await other.getByRole('button', { name: 'Sign-in' }).click();
      await other.getByRole('button', { name: 'Continue' }).click();
    };
    await throughProvider(true);
    // The provider vouched for the address, but the account already exists: no session yet.
    await expect(other.getByText('An account with your e-mail address already exists.')).toBeVisible({ timeout: 45_000 });
    await other.getByLabel('Email').fill(email);
    await other.getByLabel('Password').fill('a perfectly long passphrase');
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByRole('button', { name: 'Link and continue' }).click();
    await expect(other).toHaveURL(new RegExp(`/${slug}$`), { timeout: 45_000 });

    // Linked: the next sign-in through the provider needs no password.
    await other.getByRole('button', { name: 'Sign out' }).click();
    await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 45_000 });
    await throughProvider(false);
    await expect(other).toHaveURL(new RegExp(`/${slug}$`), { timeout: 45_000 });
    await expect(other.getByRole('button', { name: 'Sign out' })).toBeVisible();
  } finally {
    await context.close();
  }
});
