import { expect, test, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { inviteAndJoin, signUpNewOrganization } from './helpers';

const PASSWORD = 'a perfectly long passphrase';
/** The code an authenticator app would show `aheadSeconds` from now (one step ahead is accepted). */
const codeFor = (secret: string, aheadSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + aheadSeconds });

/** Enrols the signed-in user on their account page, as someone scanning the QR code would; returns the secret. */
async function enrol(page: Page) {
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.getByTestId('mfa-secret').textContent())!.trim();
  await page.getByLabel('Code from your app').fill(await codeFor(secret));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await expect(page.getByTestId('recovery-code')).toHaveCount(10);
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByTestId('mfa-status')).toContainText('On');
  return secret;
}

test('an owner requires MFA; a member is sent to enrol, gets in, and is asked for a code at the next sign-in', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const { slug } = await signUpNewOrganization(page);
  const member = { email: `mfa-member-${Date.now()}@e2e.test`, name: 'Mona Member', role: 'EDITOR' as const };
  await inviteAndJoin(page, browser, slug, member);

  // The owner cannot require what they do not have: they enrol first, then turn the policy on.
  await page.goto('/account');
  await enrol(page);
  await page.goto(`/${slug}/members`);
  await expect(page.getByRole('row', { name: /Mona Member/ }).getByRole('cell', { name: 'Off', exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: /Require two-factor authentication/ }).check();
  await page.getByRole('button', { name: 'Save sign-in policy' }).click();
  await expect(page.getByText('Two-factor authentication is now required.')).toBeVisible();

  const context = await browser.newContext();
  const memberPage = await context.newPage();
  try {
    await memberPage.goto('/sign-in');
    await memberPage.getByLabel('Email').fill(member.email);
    await memberPage.getByLabel('Password').fill(PASSWORD);
    await memberPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(memberPage.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible({ timeout: 45_000 });

    // Every page of the organization sends them to enrol.
    await memberPage.goto(`/${slug}/controls`);
    await expect(memberPage).toHaveURL(/\/account\?mfa=required/);
    await expect(memberPage.getByText('An organization you belong to requires two-factor authentication.')).toBeVisible();
    const secret = await enrol(memberPage);
    await memberPage.goto(`/${slug}/controls`);
    await expect(memberPage.getByRole('heading', { level: 1, name: 'Controls' })).toBeVisible();

    // Signing in again: the password alone is not enough.
    await memberPage.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(memberPage).toHaveURL(/sign-in/);
    await memberPage.goto('/sign-in');
    await memberPage.getByLabel('Email').fill(member.email);
    await memberPage.getByLabel('Password').fill(PASSWORD);
    await memberPage.getByRole('button', { name: 'Sign in' }).click();
    const codeField = memberPage.getByLabel('Authentication code');
    await expect(codeField).toBeVisible({ timeout: 45_000 });
    await expect(memberPage.getByRole('button', { name: 'Sign out', exact: true })).toHaveCount(0);
    // The next step's code: the enrolment spent this one.
    await codeField.fill(await codeFor(secret, 30));
    await memberPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(memberPage.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible({ timeout: 45_000 });
  } finally {
    await context.close();
  }

  await page.goto(`/${slug}/members`);
  await expect(page.getByRole('row', { name: /Mona Member/ }).getByRole('cell', { name: 'On', exact: true })).toBeVisible();
});
