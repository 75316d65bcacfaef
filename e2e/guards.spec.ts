import { expect, test, type Page } from '@playwright/test';
import { DEMO_ORG, demoUser, signIn, signUpNewOrganization } from './helpers';

const pdf = (label: string) =>
  Buffer.from(`%PDF-1.7\n% ${label}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);

async function openControl(page: Page, title: string) {
  await page.goto(`/${DEMO_ORG}/controls?q=${encodeURIComponent(title)}`);
  await page
    .getByRole('row', { name: new RegExp(title) })
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(title) })).toBeVisible();
}

test('a file uploads with a title, description and notes in a non-Latin script at their longest', async ({ page }) => {
  await signIn(page, demoUser('editor'));
  await openControl(page, 'Root user protection');
  const form = page.locator('details', { has: page.locator('summary', { hasText: 'Add evidence' }) });
  await form.locator('summary').click();
  // About 13 KB of UTF-8: more than Node's 16 KB header limit once base64-encoded in a header.
  const title = `監査証跡 ${Date.now()} ${'記録'.repeat(90)}`.slice(0, 200);
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('File', { exact: true }).setInputFiles({ name: '監査報告書.pdf', mimeType: 'application/pdf', buffer: pdf(title) });
  await form.getByLabel('Source').fill('ソース'.repeat(160));
  await form.getByLabel('Notes').fill('注記'.repeat(1000));
  await form.getByLabel('Description').fill('説明'.repeat(1000));
  await form.getByRole('button', { name: 'Add evidence' }).click();
  await expect(page.getByText('Evidence added as a draft.')).toBeVisible();
  await page.getByRole('link', { name: 'Open it' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('注記'.repeat(1000))).toBeVisible();
});

test('a double-clicked create button creates one system', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await page.goto(`/${slug}/systems/new`);
  await page.getByLabel('Name', { exact: true }).fill('Clicked twice');
  await page.getByRole('checkbox', { name: /Europe \(Ireland\)/ }).check();
  await page.getByRole('button', { name: 'Create system' }).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: 'Clicked twice' })).toBeVisible();
  await page.goto(`/${slug}/systems`);
  await expect(page.getByRole('link', { name: 'Clicked twice' })).toHaveCount(1);
  await page.goto(`/${slug}/audit`);
  await expect(page.getByRole('cell', { name: 'system.created' })).toHaveCount(1);
});

test('a refused attempt is in the audit log, found with the filter, and not for auditors', async ({ browser }) => {
  const viewer = await browser.newPage();
  await signIn(viewer, demoUser('viewer'));
  await viewer.goto(`/${DEMO_ORG}/audit`);
  await expect(viewer.getByRole('alert').filter({ hasText: 'Not allowed' })).toBeVisible();

  const owner = await browser.newPage();
  await signIn(owner, demoUser('owner'));
  await owner.goto(`/${DEMO_ORG}/audit`);
  const filter = owner.getByRole('form', { name: 'Filter the audit log' });
  await filter.getByLabel('Events').selectOption('refusals');
  await filter.getByLabel('By').selectOption({ label: `Victor Viewer (${demoUser('viewer')})` });
  await filter.getByRole('button', { name: 'Filter' }).click();
  await expect(owner).toHaveURL(/kind=refusals/);
  const row = owner.getByRole('row', { name: /access\.refused/ }).first();
  await expect(row).toContainText(demoUser('viewer'));
  await row.getByText('Details').click();
  await expect(row).toContainText('"permission": "audit.read"');

  const auditor = await browser.newPage();
  await signIn(auditor, demoUser('auditor'));
  await auditor.goto(`/${DEMO_ORG}/audit?kind=refusals`);
  await expect(auditor.getByRole('option', { name: 'Refused attempts' })).toHaveCount(0);
  await expect(auditor.getByRole('cell', { name: 'access.refused' })).toHaveCount(0);
});

test('malformed requests answer 4xx with a message, not 500', async ({ page }) => {
  await signIn(page, demoUser('editor'));
  for (const path of [
    `/${DEMO_ORG}/evidence/%E0%A4%A/versions/1/download`,
    `/${DEMO_ORG}/evidence/00000000-0000-4000-8000-000000000000/versions/2147483648/download`,
    `/${DEMO_ORG}/evidence/%E0%A4%A`,
    `/%E0%A4%A/controls`,
  ]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeGreaterThanOrEqual(400);
    expect(response.status(), path).toBeLessThan(500);
  }
  const upload = await page.request.post(`/${DEMO_ORG}/evidence/upload`, {
    headers: { origin: 'null', 'content-type': 'application/vnd.demarc.evidence-upload' },
    data: Buffer.from('{}\n%PDF-1.7'),
  });
  expect(upload.status()).toBe(403);
  expect(await upload.json()).toMatchObject({ ok: false, error: { message: 'This request did not come from a Demarc page.' } });
});
