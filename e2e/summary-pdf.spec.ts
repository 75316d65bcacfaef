import { expect, test } from '@playwright/test';
import { DEMO_ORG, demoUser, signIn } from './helpers';

test('an auditor signs off a snapshot and downloads its PDF', async ({ page }) => {
  await signIn(page, demoUser('auditor'));
  await page.goto(`/${DEMO_ORG}/systems`);
  await page.getByRole('link', { name: 'Payments platform', exact: true }).click();
  await page.getByRole('link', { name: 'Compliance summary' }).click();

  await page.getByRole('button', { name: 'Freeze as a snapshot' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Snapshot of / })).toBeVisible();
  await page.getByRole('button', { name: 'Sign off' }).click();
  await page.getByLabel('Sign-off comment').fill('Reviewed for the PDF export.');
  await page.getByRole('button', { name: 'Sign off' }).click();
  await expect(page.getByText(/Signed off by Ada Auditor on .*: “Reviewed for the PDF export.”/)).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toMatch(/^snapshot-payments-platform-.+\.pdf$/);
  const chunks: Buffer[] = [];
  for await (const chunk of await pdf.createReadStream()) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).subarray(0, 4).toString('latin1')).toBe('%PDF');
});
