import { expect, type Browser, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demarc-demo-2026';
export const DEMO_ORG = 'demo-company';
export const demoUser = (role: 'owner' | 'admin' | 'editor' | 'viewer' | 'auditor') => `${role}@demo.demarc.test`;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible({ timeout: 45_000 });
}

let counter = 0;
/** A new organization with its owner, signed in on `page`; returns its slug and owner email. */
export async function signUpNewOrganization(page: Page, orgName = `E2E Org ${Date.now()}-${counter++}`) {
  const email = `owner-${Date.now()}-${counter++}@e2e.test`;
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Erin Example');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill('a perfectly long passphrase');
  await page.getByLabel('Organization name').fill(orgName);
  await page.getByRole('button', { name: 'Create organization' }).click();
  // Sign-up hashes a password, creates the organization and renders its first page: on a busy
  // 2-core machine that has taken longer than the default wait.
  await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible({ timeout: 45_000 });
  return { email, slug: new URL(page.url()).pathname.split('/')[1]! };
}

/**
 * Invites `email` from the members page (signed in as an owner or admin on `page`) and returns
 * the invitation link, which is shown this once.
 */
export async function invite(page: Page, slug: string, email: string, role: 'OWNER' | 'ADMIN' | 'EDITOR' | 'VIEWER' | 'AUDITOR') {
  await page.goto(`/${slug}/members`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Invite member' }).click();
  await expect(page.getByText(`Invitation created for ${email} as `)).toBeVisible();
  return page.getByLabel('Invitation link').inputValue();
}

/** Opens an invitation link in a fresh browser and accepts it with a new account. */
export async function acceptWithNewAccount(browser: Browser, link: string, name: string, password = 'a perfectly long passphrase') {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(link);
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account and join' }).click();
    // Hashing the password and signing in take a while on a busy 2-core machine.
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible({ timeout: 45_000 });
  } finally {
    await context.close();
  }
}

/** A new member: invited by the owner or admin signed in on `page`, joined from a fresh browser. */
export async function inviteAndJoin(
  page: Page,
  browser: Browser,
  slug: string,
  member: { email: string; name: string; role: 'OWNER' | 'ADMIN' | 'EDITOR' | 'VIEWER' | 'AUDITOR' },
) {
  await acceptWithNewAccount(browser, await invite(page, slug, member.email, member.role), member.name);
  await page.goto(`/${slug}/members`);
  await expect(page.getByRole('row', { name: new RegExp(member.name) })).toBeVisible();
}

/**
 * A system in Ireland that uses Amazon EC2, and the starter library loaded over it; returns the
 * system's page address.
 */
export async function createSystemWithLibrary(page: Page, slug: string, name = 'Payments platform') {
  await page.goto(`/${slug}/systems/new`);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('checkbox', { name: /Europe \(Ireland\)/ }).check();
  await page.getByRole('checkbox', { name: 'Amazon EC2', exact: true }).check();
  await page.getByRole('button', { name: /Create system/ }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const systemUrl = page.url();
  await page.goto(`/${slug}/controls`);
  await page.getByRole('button', { name: /Load “AWS shared responsibility”/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Added \d+ controls/ })).toBeVisible();
  return systemUrl;
}
