import { expect, test } from '@playwright/test';
import { createSystemWithLibrary, signUpNewOrganization } from './helpers';

test('the header search finds a control by a word of its statement, reached with "/" and Ctrl+K', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await createSystemWithLibrary(page, slug);

  // "/" from anywhere outside a field focuses the header's search box.
  await page.goto(`/${slug}`);
  const box = page.getByRole('searchbox', { name: 'Search controls, requirements, evidence and systems' });
  await page.locator('body').click();
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  // "hypervisor" is in Patch management's AWS statement as "hypervisors": the English stem matches.
  await page.keyboard.type('hypervisor');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/${slug}/search\\?q=hypervisor`));
  const results = page.getByRole('list', { name: 'Search results' });
  const hit = results.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Patch management' }) });
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark').first()).toHaveText(/hypervisor/i);
  await hit.getByRole('link', { name: 'Patch management' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Patch management/ })).toBeVisible();

  // Ctrl+K works too, on another page; and a word found nowhere says so.
  await page.goto(`/${slug}/systems`);
  await page.locator('body').click();
  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
  await box.fill('zzyzx');
  await box.press('Enter');
  await expect(page.getByText('Nothing matches “zzyzx”')).toBeVisible();
});
