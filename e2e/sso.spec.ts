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
