import { expect, test } from '@playwright/test';
import { createSystemWithLibrary, signUpNewOrganization } from './helpers';

test('the register: filters apply as chosen and live in the address, the reason expands, a hidden column stays hidden', async ({
  page,
}) => {
  const { slug } = await signUpNewOrganization(page);
  await createSystemWithLibrary(page, slug);
  await page.goto(`/${slug}/controls`);
  const rows = page.getByRole('row');

  // Typing filters once the typing pauses; no Apply button.
  await expect(page.getByRole('button', { name: 'Apply filters' })).toHaveCount(0);
  await page.getByLabel('Search code or title').fill('Patch management');
  await expect(page).toHaveURL(/q=Patch\+management/);
  const patch = rows.filter({ hasText: 'Patch management' });
  await expect(patch).toHaveCount(1);

  // A select applies as soon as it is chosen, and is in the URL.
  await page.getByLabel('Type', { exact: true }).selectOption('INHERITED');
  await expect(page).toHaveURL(/type=INHERITED/);
  await expect(page.getByText('No control matches these filters.')).toBeVisible();
  // Back returns to the previous view, its filters shown as they were.
  await page.goBack();
  await expect(page).not.toHaveURL(/type=/);
  await expect(page.getByLabel('Type', { exact: true })).toHaveValue('');
  await expect(patch).toHaveCount(1);

  // The reason is one line until its button opens it (Enter on the focused button).
  const why = patch.getByRole('button', { name: /^Show why .* has this responsibility$/ });
  await expect(why).toHaveAttribute('aria-expanded', 'false');
  await why.focus();
  await page.keyboard.press('Enter');
  const hide = page.getByRole('button', { name: /^Hide why .* has this responsibility$/ });
  await expect(hide).toHaveAttribute('aria-expanded', 'true');
  const reason = page.locator(`#${await hide.getAttribute('aria-controls')}`);
  await expect(reason).toContainText(/Why this responsibility: Shared — this system uses Amazon EC2: you .*guest OS/);
  await hide.click();
  await expect(reason).toHaveCount(0);

  // A hidden column stays hidden after a reload: it is remembered for this member.
  await expect(page.getByRole('columnheader', { name: 'Family' })).toBeVisible();
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Family', exact: true }).uncheck();
  await expect(page.getByText('Saved for you.')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Family' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('columnheader', { name: 'Code' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Family' })).toHaveCount(0);
  await expect(page.getByText('Columns (1 hidden)')).toBeVisible();
});
