import { expect, type Page } from '@playwright/test';

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
