import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { signUpNewOrganization } from './helpers';

test('the CIS/CRM workbook downloads from the system’s exports page and opens with both sheets', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await page.goto(`/${slug}/systems/new`);
  await page.getByLabel('Name', { exact: true }).fill('Payments platform');
  await page.getByRole('checkbox', { name: /Europe \(Ireland\)/ }).check();
  await page.getByRole('checkbox', { name: 'Amazon EC2', exact: true }).check();
  await page.getByRole('button', { name: /Create system/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payments platform' })).toBeVisible();
  const systemUrl = page.url();

  await page.goto(`/${slug}/controls`);
  await page.getByRole('button', { name: /Load “AWS shared responsibility”/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Added \d+ controls/ })).toBeVisible();

  await page.goto(`${systemUrl}/exports`);
  await expect(page.getByRole('heading', { level: 1, name: 'Exports: Payments platform' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'FedRAMP CIS/CRM workbook' })).toBeVisible();
  // No baseline yet: the page says what the workbook lists instead.
  await expect(page.getByText(/No baseline is set for this system/)).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CIS/CRM workbook (XLSX)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^payments-platform-cis-crm-\d{4}-\d{2}-\d{2}\.xlsx$/);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await file.path())!);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(['CIS', 'CRM', 'About']);
  const cis = workbook.getWorksheet('CIS')!;
  expect(cis.getCell('A1').value).toBe('Control ID');
  expect(cis.getRow(1).values).toContain('Inherited from pre-existing FedRAMP Authorization');
  // One row per NIST id the starter library names, each id once.
  const ids = (cis.getColumn(1).values as unknown[]).slice(2).map(String);
  expect(ids.length).toBeGreaterThan(20);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.filter((id) => id.includes(','))).toEqual([]);
  expect(workbook.getWorksheet('CRM')!.getCell('A1').value).toBe('Control ID');
});
