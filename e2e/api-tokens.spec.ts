import { expect, test } from '@playwright/test';
import { signUpNewOrganization } from './helpers';

test('an admin creates an API token, copies it, a pipeline reads systems with it, and after revoking it the call is refused', async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { slug } = await signUpNewOrganization(page);
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
  await expect(page.getByText('No API tokens yet.')).toBeVisible();

  await page.getByLabel('Name').fill('nightly scan');
  await expect(page.getByRole('checkbox', { name: /^read/ })).toBeChecked();
  await page.getByLabel('Expires in (days)').fill('30');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText('Copy the token now: it is shown only this once')).toBeVisible();
  await page.getByRole('button', { name: 'Copy token' }).click();
  const token = await page.evaluate(() => navigator.clipboard.readText());
  expect(token).toMatch(/^dmc_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByLabel('New API token')).toHaveValue(token);

  const auth = { Authorization: `Bearer ${token}` };
  const ok = await request.get('/api/v1/systems', { headers: auth });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ items: [], pageInfo: { page: 1, total: 0 } });
  // The browser's session cookie alone is not enough.
  expect((await page.request.get('/api/v1/systems')).status()).toBe(401);

  // Shown once: after a reload only the listed token remains, and its last use is recorded.
  await page.reload();
  await expect(page.getByLabel('New API token')).toHaveCount(0);
  const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row', { name: /nightly scan/ });
  await expect(row).toContainText('Active');
  await expect(row).not.toContainText('Never');

  await row.getByRole('button', { name: 'Revoke' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke the API token “nightly scan”?' });
  await dialog.getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toContainText('Revoked');

  const refused = await request.get('/api/v1/systems', { headers: auth });
  expect(refused.status()).toBe(401);
  expect(refused.headers()['content-type']).toBe('application/problem+json');
  expect((await refused.json()).detail).toBe('This API token was revoked.');

  await page.goto(`/${slug}/audit`);
  await expect(page.getByRole('cell', { name: 'api_token.revoked' })).toBeVisible();
});
