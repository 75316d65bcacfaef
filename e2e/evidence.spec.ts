import { expect, test, type Page } from '@playwright/test';
import { DEMO_ORG, demoUser, signIn } from './helpers';

function pdf(label: string) {
  return Buffer.from(`%PDF-1.7\n% ${label}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);
}

async function openControl(page: Page, title: string) {
  await page.goto(`/${DEMO_ORG}/controls?q=${encodeURIComponent(title)}`);
  await page
    .getByRole('row', { name: new RegExp(title) })
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(title) })).toBeVisible();
}

function evidenceForm(page: Page) {
  return page.locator('details', { has: page.locator('summary', { hasText: 'Add evidence' }) });
}

async function addFile(page: Page, title: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const form = evidenceForm(page);
  await form.locator('summary').click();
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('File', { exact: true }).setInputFiles(file);
  await form.getByLabel('Source').fill('Data catalogue export');
  await form.getByRole('button', { name: 'Add evidence' }).click();
}

test('an owner uploads a PDF, a reviewer accepts it, and the control shows current', async ({ browser }) => {
  const owner = await browser.newPage();
  await signIn(owner, demoUser('editor'));
  await openControl(owner, 'Data classification');
  await expect(owner.getByText('Evidence:').first()).toBeVisible();

  const title = `Data classification register ${Date.now()}`;
  await addFile(owner, title, { name: 'classification.pdf', mimeType: 'application/pdf', buffer: pdf(title) });
  await expect(owner.getByText('Evidence added as a draft.')).toBeVisible();
  await owner.getByRole('link', { name: 'Open it' }).click();
  await expect(owner.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(owner.getByText(/SHA-256 [0-9a-f]{64}/)).toBeVisible();
  await owner.getByRole('button', { name: 'Submit for review' }).click();
  await expect(owner.getByText('Submitted', { exact: true })).toBeVisible();
  const evidenceUrl = owner.url();

  const download = owner.waitForEvent('download');
  await owner.getByRole('link', { name: 'classification.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('classification.pdf');

  const reviewer = await browser.newPage();
  await signIn(reviewer, demoUser('auditor'));
  await reviewer.goto(`/${DEMO_ORG}/evidence?state=SUBMITTED`);
  await reviewer.getByRole('link', { name: title }).click();
  await expect(reviewer).toHaveURL(evidenceUrl);
  await reviewer.getByRole('button', { name: 'Accept' }).click();
  await expect(reviewer.getByText(/Accepted by Ada Auditor/)).toBeVisible();

  await owner.goto(`/${DEMO_ORG}/controls?q=Data%20classification`);
  await expect(owner.getByRole('row', { name: /Data classification/ }).getByText('Current', { exact: true })).toBeVisible();
});

test('a disallowed file and a file whose name lies are refused with a message', async ({ page }) => {
  await signIn(page, demoUser('editor'));
  await openControl(page, 'Encryption of data at rest');
  await addFile(page, 'Key policy', {
    name: 'tool.exe',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00binary\x00\x00\x00'),
  });
  await expect(page.getByText(/not accepted/).first()).toBeVisible();

  await evidenceForm(page)
    .getByLabel('File', { exact: true })
    .setInputFiles({ name: 'key-policy.txt', mimeType: 'text/plain', buffer: pdf('named as text') });
  await evidenceForm(page).getByRole('button', { name: 'Add evidence' }).click();
  await expect(page.getByText(/content is a PDF but its name ends in “.txt”/).first()).toBeVisible();
  await expect(page.getByText('No evidence yet.')).toBeVisible();
});
