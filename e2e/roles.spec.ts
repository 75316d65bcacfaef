import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_ORG, demoUser, inviteAndJoin, signIn, signUpNewOrganization } from './helpers';

test('a viewer is refused admin actions with a clear message', async ({ page }) => {
  await signIn(page, demoUser('viewer'));
  await page.goto(`/${DEMO_ORG}/members`);
  await expect(page.getByText('Only owners and admins can invite members or change roles.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite member' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Pending invitations' })).toHaveCount(0);
  await expect(page.getByRole('combobox')).toHaveCount(0);

  await page.goto(`/${DEMO_ORG}/audit`);
  await expect(page.getByRole('alert').filter({ hasText: 'Not allowed' })).toContainText('Your role (Viewer) cannot read the audit log.');
});

test('an owner invites a member who joins, changes the role, and disables them after confirming', async ({ page, browser }) => {
  const { slug } = await signUpNewOrganization(page);
  await inviteAndJoin(page, browser, slug, { email: `new-${Date.now()}@e2e.test`, name: 'Nia New', role: 'VIEWER' });

  const row = page.getByRole('row', { name: /Nia New/ });
  await row.getByLabel('Role of Nia New').selectOption('EDITOR');
  await expect(row.getByLabel('Role of Nia New')).toHaveValue('EDITOR');

  await row.getByRole('button', { name: 'Disable' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disable Nia New?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Disable member' }).click();
  await expect(row.getByText('disabled', { exact: true })).toBeVisible();

  await page.goto(`/${slug}/audit?verify=1`);
  await expect(page.getByText(/events verified: the chain is intact/)).toBeVisible();
  await expect(page.getByRole('cell', { name: 'member.disabled' })).toBeVisible();
});

/** A new organization where the editor Olga Owner owns the customer half of patch management in one system. */
async function organizationWithOwnedControl(page: Page, browser: Browser) {
  const { slug } = await signUpNewOrganization(page);
  await inviteAndJoin(page, browser, slug, { email: `owner-of-things-${Date.now()}@e2e.test`, name: 'Olga Owner', role: 'EDITOR' });

  await page.goto(`/${slug}/systems/new`);
  await page.getByLabel('Name', { exact: true }).fill('Web tier');
  await page.getByRole('checkbox', { name: /Europe \(Ireland\)/ }).check();
  await page.getByRole('checkbox', { name: 'Amazon EC2', exact: true }).check();
  await page.getByRole('button', { name: /Create system/ }).click();
  await page.goto(`/${slug}/controls`);
  await page.getByRole('button', { name: /Load “AWS shared responsibility”/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Added \d+ controls/ })).toBeVisible();
  await page
    .getByRole('row', { name: /Patch management/ })
    .getByRole('checkbox')
    .check();
  await page.getByLabel('Owner for the selected').selectOption({ label: 'Olga Owner' });
  await page.getByRole('button', { name: 'Assign owner to selected' }).click();
  await expect(page.getByText('Olga Owner now owns 1 control in this system.')).toBeVisible();
  return { slug };
}

test('disabling a member who owns controls first hands their controls to someone else', async ({ page, browser }) => {
  const { slug } = await organizationWithOwnedControl(page, browser);

  await page.goto(`/${slug}/members`);
  const row = page.getByRole('row', { name: /Olga Owner/ });
  await row.getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable member' }).click();
  await expect(row.getByRole('alert')).toHaveText('Olga Owner owns 1 control. Choose who takes them over first.');
  await row.getByLabel('New owner').selectOption({ label: 'Erin Example' });
  await row.getByRole('button', { name: 'Hand over and disable' }).click();
  await expect(row.getByText('disabled', { exact: true })).toBeVisible();

  await page.goto(`/${slug}/my-controls`);
  await expect(page.getByRole('row', { name: /Patch management/ })).toBeVisible();
});

test('owner pickers offer owners, admins and editors, never a viewer or an auditor', async ({ page }) => {
  await signIn(page, demoUser('owner'));
  await page.goto(`/${DEMO_ORG}/controls`);
  const bulk = page.getByLabel('Owner for the selected');
  await expect(bulk.getByRole('option', { name: 'Erin Editor' })).toHaveCount(1);
  await expect(bulk.getByRole('option', { name: 'Adam Admin' })).toHaveCount(1);
  await expect(bulk.getByRole('option', { name: 'Victor Viewer' })).toHaveCount(0);
  await expect(bulk.getByRole('option', { name: 'Ada Auditor' })).toHaveCount(0);

  await page.getByLabel('Search code or title').fill('Patch management');
  await page.getByLabel('Search code or title').press('Enter');
  await page
    .getByRole('row', { name: /Patch management/ })
    .getByRole('link', { name: /AWS-SI/ })
    .click();
  const picker = page.getByLabel('Owner of the customer half');
  await expect(picker.getByRole('option', { name: 'Erin Editor' })).toHaveCount(1);
  await expect(picker.getByRole('option', { name: 'Victor Viewer' })).toHaveCount(0);
  await expect(picker.getByRole('option', { name: 'Ada Auditor' })).toHaveCount(0);
});

test('an editor who owns controls and becomes a Viewer hands them over first, after confirming', async ({ page, browser }) => {
  const { slug } = await organizationWithOwnedControl(page, browser);

  await page.goto(`/${slug}/members`);
  const row = page.getByRole('row', { name: /Olga Owner/ });
  await row.getByLabel('Role of Olga Owner').selectOption('VIEWER');
  await expect(row.getByRole('alert')).toHaveText(
    'Olga Owner owns 1 control, and viewers cannot own controls. Choose who takes them over first.',
  );
  await expect(row.getByLabel('Role of Olga Owner')).toHaveValue('EDITOR');
  await expect(row.getByLabel('New owner').getByRole('option', { name: 'Olga Owner' })).toHaveCount(0);
  await row.getByLabel('New owner').selectOption({ label: 'Erin Example' });
  await row.getByRole('button', { name: 'Hand over and make Viewer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make Olga Owner Viewer?' });
  await expect(dialog).toContainText('Erin Example becomes the owner of every control Olga Owner owns');
  await dialog.getByRole('button', { name: 'Hand over and change role' }).click();
  await expect(row.getByLabel('Role of Olga Owner')).toHaveValue('VIEWER');
  await expect(row.getByRole('alert')).toHaveCount(0);

  await page.goto(`/${slug}/my-controls`);
  await expect(page.getByRole('row', { name: /Patch management/ })).toBeVisible();
  await page.goto(`/${slug}/audit`);
  await expect(page.getByRole('cell', { name: 'implementation.owner_reassigned' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'member.role_changed' })).toBeVisible();
});
