import { expect, test } from '@playwright/test';
import { DEMO_ORG, demoUser, signIn } from './helpers';

test('an auditor reads the summary, freezes it and signs the snapshot off', async ({ page }) => {
  await signIn(page, demoUser('auditor'));
  await page.goto(`/${DEMO_ORG}/systems`);
  await page.getByRole('link', { name: 'Payments platform', exact: true }).click();
  await page.getByRole('link', { name: 'Compliance summary' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compliance summary: Payments platform' })).toBeVisible();
  await expect(page.getByText('Customer halves with an owner')).toBeVisible();
  await expect(page.getByRole('img', { name: /^Shared: Implemented \(\d+\), Partially implemented \(\d+\)/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Inherited: Implemented by AWS \(\d+\)/ })).toBeVisible();

  await page.getByRole('button', { name: 'Freeze as a snapshot' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Snapshot of / })).toBeVisible();
  await expect(page.getByText('The content matches its SHA-256')).toBeVisible();

  await page.getByRole('button', { name: 'Sign off' }).click();
  await expect(page.getByText('Say what you reviewed and on what basis you sign off.')).toBeVisible();
  await page.getByLabel('Sign-off comment').fill('Reviewed for the SOC 2 readiness assessment.');
  await page.getByRole('button', { name: 'Sign off' }).click();
  await expect(page.getByText(/Signed off by Ada Auditor on .*: “Reviewed for the SOC 2 readiness assessment.”/)).toBeVisible();

  await page.getByRole('link', { name: 'All snapshots' }).click();
  await expect(page.getByRole('cell', { name: /Signed by Ada Auditor/ }).first()).toBeVisible();
});

test('the system’s exports page hands out the CIS sheet and the OSCAL SSP', async ({ page }) => {
  await signIn(page, demoUser('auditor'));
  await page.goto(`/${DEMO_ORG}/systems`);
  await page.getByRole('link', { name: 'Payments platform', exact: true }).click();
  await page.getByRole('link', { name: 'Exports', exact: true }).click();

  const worksheet = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CIS sheet (CSV)' }).click();
  let text = '';
  for await (const chunk of await (await worksheet).createReadStream()) text += chunk;
  expect(text).toContain('Inherited from pre-existing FedRAMP Authorization');
  // One row per NIST id, never several joined in one cell.
  expect(text).not.toMatch(/[A-Z]{2}-\d+(\(\d+\))?, [A-Z]{2}-\d+/);

  const ssp = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download OSCAL SSP (JSON)' }).click();
  let json = '';
  for await (const chunk of await (await ssp).createReadStream()) json += chunk;
  expect(JSON.parse(json)['system-security-plan']['system-characteristics']['system-name']).toBe('Payments platform');
});
