import { expect, test, type Page } from '@playwright/test';
import { DEMO_ORG, demoUser, signIn, signUpNewOrganization } from './helpers';

// Tests share the demo organization and run in parallel: every system gets a unique name.
let counter = 0;
const uniqueName = (label: string) => `${label} ${Date.now()}-${counter++}`;

/** Creates a system through the form and returns the dashboard's path. */
async function createSystem(page: Page, name: string) {
  await page.goto(`/${DEMO_ORG}/systems/new`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Europe (Ireland)').check();
  await page.getByLabel('Amazon EC2', { exact: true }).check();
  await page.getByLabel('Amazon S3', { exact: true }).check();
  await page.getByRole('button', { name: 'Create system' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname;
}

test('an admin describes a system and sees its services under their service models', async ({ page }) => {
  await signIn(page, demoUser('admin'));
  await page.goto(`/${DEMO_ORG}/systems`);
  await page.getByRole('link', { name: 'New system' }).click();
  const name = uniqueName('Payments platform');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Description').fill('Prod accounts for card payments.');
  await page.getByRole('group', { name: 'Regions where the data lives' }).getByLabel('Europe (Ireland)').check();
  await page.getByLabel('Amazon EC2', { exact: true }).check();
  await page.getByLabel('Amazon S3', { exact: true }).check();
  await page.getByRole('button', { name: 'Create system' }).click();

  await expect(page).toHaveURL(new RegExp(`/${DEMO_ORG}/systems/[0-9a-f-]{36}$`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Prod accounts for card payments.')).toBeVisible();
  await expect(page.getByText('Europe (Ireland)')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Infrastructure (IaaS)' })).toHaveText('Amazon EC2');
  await expect(page.getByRole('list', { name: 'Abstracted' })).toHaveText('Amazon S3');
  await expect(page.getByRole('list', { name: 'Managed platform (PaaS)' })).toHaveCount(0);

  // The demo organization has the starter library: each figure links to the filtered register.
  const register = `/${DEMO_ORG}/controls?system=${new URL(page.url()).pathname.split('/').pop()}`;
  await expect(page.getByRole('link', { name: /^\d+ controls?$/ })).toHaveAttribute('href', register);
  await expect(page.getByRole('link', { name: /^Customer \d+$/ })).toHaveAttribute('href', `${register}&type=CUSTOMER`);
  await expect(page.getByRole('link', { name: /without an owner/ })).toHaveAttribute('href', `${register}&owner=none`);
  await expect(page.getByRole('link', { name: /^Not started \d+$/ })).toHaveAttribute('href', `${register}&status=NOT_STARTED`);
  await expect(
    page.getByRole('img', { name: /^Responsibility mix of \d+ controls?: \d+ inherited, \d+ shared, \d+ customer$/ }),
  ).toBeVisible();

  await page.getByRole('link', { name: 'Systems', exact: true }).first().click();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('eu-west-1');
  await expect(row.getByRole('cell').last()).toHaveText('2');
});

test('an empty form shows the errors on its fields and stays put', async ({ page }) => {
  await signIn(page, demoUser('admin'));
  await page.goto(`/${DEMO_ORG}/systems/new`);
  await page.getByRole('button', { name: 'Create system' }).click();
  await expect(page.getByText('Enter a name.')).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  const regions = page.getByRole('group', { name: 'Regions where the data lives' });
  await expect(regions).toContainText('Choose at least one Region where this system’s data lives.');
  await expect(page).toHaveURL(new RegExp(`/${DEMO_ORG}/systems/new$`));
});

test('a save over someone else’s newer save is refused and keeps the input', async ({ page, context }) => {
  await signIn(page, demoUser('admin'));
  const path = await createSystem(page, uniqueName('Conflict'));
  const second = await context.newPage();
  await page.goto(`${path}/edit`);
  await second.goto(`${path}/edit`);

  await page.getByLabel('Description').fill('Saved first.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByText('Saved first.')).toBeVisible();

  const renamed = uniqueName('Saved second');
  await second.getByLabel('Name').fill(renamed);
  await second.getByRole('button', { name: 'Save changes' }).click();
  await expect(second.getByRole('alert').filter({ hasText: 'Someone else saved this system after you opened it.' })).toBeVisible();
  await expect(second).toHaveURL(new RegExp(`${path}/edit$`));
  await expect(second.getByLabel('Name')).toHaveValue(renamed);
});

test('an archived system leaves the list until restored', async ({ page }) => {
  await signIn(page, demoUser('admin'));
  const name = uniqueName('Archive me');
  const path = await createSystem(page, name);
  await page.getByRole('button', { name: 'Archive' }).click();
  await page
    .getByRole('dialog', { name: `Archive ${name}?` })
    .getByRole('button', { name: 'Archive system' })
    .click();
  await expect(page.getByText(/^Archived on \d{4}-\d{2}-\d{2} \(UTC\)/)).toBeVisible();

  await page.goto(`/${DEMO_ORG}/systems`);
  await expect(page.getByRole('link', { name })).toHaveCount(0);
  await page.getByRole('link', { name: 'Show archived systems' }).click();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('archived');

  await page.goto(path);
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('link', { name: 'Edit' })).toBeVisible();
  await page.goto(`/${DEMO_ORG}/systems`);
  await expect(page.getByRole('link', { name })).toBeVisible();
});

test('a viewer reads systems but gets no controls to change them', async ({ page, browser }) => {
  await signIn(page, demoUser('admin'));
  const name = uniqueName('Viewer can read');
  const path = await createSystem(page, name);

  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, demoUser('viewer'));
  await viewer.goto(`/${DEMO_ORG}/systems`);
  await expect(viewer.getByRole('link', { name })).toBeVisible();
  await expect(viewer.getByRole('link', { name: 'New system' })).toHaveCount(0);
  await viewer.getByRole('link', { name }).click();
  await expect(viewer.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(viewer.getByRole('list', { name: 'Infrastructure (IaaS)' })).toHaveText('Amazon EC2');
  await expect(viewer.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Archive' })).toHaveCount(0);

  await viewer.goto(`${path}/edit`);
  await expect(viewer.getByRole('alert').filter({ hasText: 'Not allowed' })).toContainText(
    'Your role (Viewer) cannot create or change systems.',
  );
  await expect(viewer.getByLabel('Name')).toHaveCount(0);
  await viewer.goto(`/${DEMO_ORG}/systems/new`);
  await expect(viewer.getByRole('alert').filter({ hasText: 'Not allowed' })).toBeVisible();
  await viewer.context().close();
});

test('an unknown system is a 404', async ({ page }) => {
  await signIn(page, demoUser('viewer'));
  for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
    const response = await page.goto(`/${DEMO_ORG}/systems/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  }
  const response = await page.goto(`/${DEMO_ORG}/systems/00000000-0000-4000-8000-000000000000/edit`);
  expect(response?.status()).toBe(404);
});

test('a new organization is told what a system is, and a system without controls points to the library', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await page.goto(`/${slug}/systems`);
  await expect(page.getByRole('heading', { name: 'No systems yet' })).toBeVisible();
  await expect(page.getByText(/A system is an audited environment/)).toBeVisible();
  await page.getByRole('link', { name: 'Describe your first system' }).click();
  const name = uniqueName('First');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('US East (N. Virginia)').check();
  await page.getByLabel('AWS Lambda').check();
  await page.getByRole('button', { name: 'Create system' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Serverless' })).toHaveText('AWS Lambda');
  await expect(page.getByRole('link', { name: 'Load the AWS starter library or create controls' })).toHaveAttribute(
    'href',
    `/${slug}/controls`,
  );
});
