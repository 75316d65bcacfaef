import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { createSystemWithLibrary, signUpNewOrganization } from './helpers';

test('the CIS/CRM workbook downloads from the system’s exports page and opens with both sheets', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  const systemUrl = await createSystemWithLibrary(page, slug);

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
