import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { signUpNewOrganization } from './helpers';

test('an older export does not undo newer changes unless the user chooses to overwrite them', async ({ page }) => {
  const { slug } = await signUpNewOrganization(page);
  await page.goto(`/${slug}/controls`);
  await page.getByRole('button', { name: /Load “AWS shared responsibility”/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Added \d+ controls/ })).toBeVisible();

  await page.goto(`/${slug}/controls/import`);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV export' }).click();
  const exported = await readFile(await (await download).path());

  // A colleague's change after the export: the first control's title, through an import of its own.
  const [header, first, ...rest] = parse(exported, { bom: true }) as string[][];
  const code = first![0]!;
  const title = header!.indexOf('title');
  const newer = stringify([header!, first!.map((cell, i) => (i === title ? `${cell} (reviewed)` : cell)), ...rest]);
  const input = page.getByLabel('CSV file (up to 8 MB)');
  await input.setInputFiles({ name: 'newer.csv', mimeType: 'text/csv', buffer: Buffer.from(newer) });
  await page.getByRole('button', { name: 'Import controls' }).click();
  await expect(page.getByText(/^0 controls created, 1 updated, \d+ unchanged;/)).toBeVisible();

  // The older export again: refused, its row listed, nothing written.
  await input.setInputFiles({ name: 'older.csv', mimeType: 'text/csv', buffer: exported });
  await page.getByRole('button', { name: 'Import controls' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: '1 control was changed in Demarc since this file was exported; nothing was imported.' }),
  ).toBeVisible();
  // Row 2 of the file: the version in Demarc, then the file's, one behind.
  const versions = await page.getByRole('row', { name: new RegExp(`^2 ${code.replace(/[^\w]/g, '\\$&')} \\d+ \\d+$`) }).innerText();
  const [inDemarc, inFile] = versions.trim().split(/\s+/).slice(-2).map(Number);
  expect(inDemarc).toBe(inFile! + 1);

  const overwrite = page.getByRole('button', { name: 'Import, overwriting this row' });
  await expect(overwrite).toBeDisabled();
  await page.getByLabel(/Overwrite this row with the file’s values/).check();
  await overwrite.click();
  await expect(page.getByText(/^0 controls created, 1 updated, \d+ unchanged;/)).toBeVisible();
});
