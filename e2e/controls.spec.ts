import { expect, test, type Page } from '@playwright/test';
import { DEMO_ORG, demoUser, signIn, signUpNewOrganization } from './helpers';

async function createSystem(page: Page, slug: string, name: string, services: string[]) {
  await page.goto(`/${slug}/systems/new`);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('checkbox', { name: /Europe \(Ireland\)/ }).check();
  for (const service of services) await page.getByRole('checkbox', { name: service, exact: true }).check();
  await page.getByRole('button', { name: /Create system/ }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('the line moves with the services: patch management is shared on EC2, and its owner finds it in My controls', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await createSystem(page, slug, 'Payments platform', ['Amazon EC2', 'Amazon S3']);

  await page.goto(`/${slug}/controls`);
  await page.getByRole('button', { name: /Load “AWS shared responsibility”/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Added \d+ controls/ })).toBeVisible();

  await page.getByLabel('Search code or title').fill('Patch management');
  await page.getByLabel('Search code or title').press('Enter');
  const row = page.getByRole('row', { name: /Patch management/ });
  await expect(row.getByText('Shared', { exact: true })).toBeVisible();
  await expect(row.getByText(/Shared — this system uses Amazon EC2: you .*guest OS/)).toBeVisible();

  // A shared control cannot be marked implemented without an owner.
  await row.getByRole('link', { name: /AWS-SI/ }).click();
  // Coming from the register, the system's implementation form is already open.
  await expect(page.getByText(/Owner and implementation \(shared half\)/)).toBeVisible();
  await page.getByLabel('Status').selectOption('IMPLEMENTED');
  await page.getByRole('button', { name: 'Save implementation' }).click();
  await expect(page.getByText('A shared or customer control needs an owner before it can be marked implemented.')).toBeVisible();
  await page.goBack();

  // Bulk-assign the owner from the list.
  await row.getByRole('checkbox').check();
  await page.getByLabel('Owner for the selected').selectOption({ label: 'Erin Example' });
  await page.getByRole('button', { name: 'Assign owner to selected' }).click();
  await expect(page.getByText('Erin Example now owns 1 control in this system.')).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Erin Example' })).toBeVisible();

  await page.getByRole('link', { name: 'My controls' }).click();
  const mine = page.getByRole('row', { name: /Patch management/ });
  await expect(mine.getByRole('cell', { name: 'Payments platform' })).toBeVisible();
  await expect(mine.getByText('No review date')).toBeVisible();

  // The same control on a serverless system is inherited.
  await createSystem(page, slug, 'Event pipeline', ['AWS Lambda', 'Amazon S3']);
  await page.goto(`/${slug}/controls`);
  await page.getByLabel('System', { exact: true }).selectOption({ label: 'Event pipeline' });
  await page.getByLabel('Search code or title').fill('Patch management');
  await page.getByLabel('Search code or title').press('Enter');
  await expect(page.getByRole('row', { name: /Patch management/ }).getByText(/^Inherited — this system uses AWS Lambda/)).toBeVisible();
});

test('the control form shows errors on the right fields and refuses a duplicate code', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await page.goto(`/${slug}/controls/new`);
  await page.getByLabel('NIST SP 800-53 rev5 controls').fill('SI-2, not-an-id');
  await page.getByRole('button', { name: 'Create control' }).click();
  await expect(page.getByText('Enter a code.')).toBeVisible();
  await expect(page.getByText('Enter a title.')).toBeVisible();
  await expect(page.getByText(/Write NIST SP 800-53 ids like SI-2/)).toBeVisible();

  await page.getByLabel('Code').fill('CM-01');
  await page.getByLabel('Title').fill('Baseline configuration');
  await page.getByLabel('Family').fill('Configuration management');
  await page.getByLabel('Shared').check();
  await page.getByLabel('NIST SP 800-53 rev5 controls').fill('CM-2, CM-6');
  await page.getByRole('button', { name: 'Create control' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'CM-01 · Baseline configuration' })).toBeVisible();
  await expect(page.getByText('CM-2, CM-6')).toBeVisible();

  // A second control with the same code is refused on the code field.
  await page.goto(`/${slug}/controls/new`);
  await page.getByLabel('Code').fill('CM-01');
  await page.getByLabel('Title').fill('Duplicate');
  await page.getByLabel('Family').fill('Configuration management');
  await page.getByRole('button', { name: 'Create control' }).click();
  await expect(page.getByText('Another control in this organization has this code.')).toBeVisible();
});

test('two people edit the same control: the second save is refused, nothing is overwritten', async ({ browser }) => {
  const first = await browser.newPage();
  await signIn(first, demoUser('admin'));
  const code = `E2E-${Date.now()}`;
  await first.goto(`/${DEMO_ORG}/controls/new`);
  await first.getByLabel('Code').fill(code);
  await first.getByLabel('Title').fill('Original title');
  await first.getByLabel('Family').fill('Audit');
  await first.getByRole('button', { name: 'Create control' }).click();
  await expect(first.getByRole('heading', { level: 1, name: `${code} · Original title` })).toBeVisible();
  const editUrl = `${first.url()}/edit`;

  const second = await browser.newPage();
  await signIn(second, demoUser('editor'));
  await second.goto(editUrl);
  await first.goto(editUrl);

  await first.getByLabel('Title').fill('Saved first');
  await first.getByRole('button', { name: 'Save control' }).click();
  await expect(first.getByRole('heading', { level: 1, name: `${code} · Saved first` })).toBeVisible();

  await second.getByLabel('Title').fill('Saved second');
  await second.getByRole('button', { name: 'Save control' }).click();
  await expect(second.getByRole('alert').filter({ hasText: 'Someone else saved this control' })).toBeVisible();
  await expect(second.getByLabel('Title')).toHaveValue('Saved second');

  await first.reload();
  await expect(first.getByRole('heading', { level: 1, name: `${code} · Saved first` })).toBeVisible();
});

test('a viewer reads controls but cannot edit them', async ({ page }) => {
  await signIn(page, demoUser('viewer'));
  await page.goto(`/${DEMO_ORG}/controls`);
  await expect(page.getByRole('heading', { level: 1, name: 'Controls' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New control' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Assign owner to selected' })).toHaveCount(0);
  await page
    .getByRole('row', { name: /Patch management/ })
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: /Patch management/ })).toBeVisible();
  // .first(): other specs add EC2 systems to the demo organization, each with this line.
  await expect(page.getByText(/Shared — this system uses Amazon EC2/).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Archive' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save line' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save implementation' })).toHaveCount(0);
  await page.goto(`/${DEMO_ORG}/controls/new`);
  await expect(page.getByRole('alert').filter({ hasText: 'Not allowed' })).toContainText('Your role cannot create controls');
});
