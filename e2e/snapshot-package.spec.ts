import { expect, test, type Page } from '@playwright/test';
import { openPromise } from 'yauzl';
import { createSystemWithLibrary, inviteAndJoin, signUpNewOrganization } from './helpers';

async function assignOwner(page: Page, slug: string, control: string, owner: string) {
  await page.goto(`/${slug}/controls`);
  await page.getByLabel('Search code or title').fill(control);
  await page.getByLabel('Search code or title').press('Enter');
  const row = page.getByRole('row', { name: new RegExp(control) });
  await row.getByRole('checkbox').check();
  await page.getByLabel('Owner for the selected').selectOption({ label: owner });
  await page.getByRole('button', { name: 'Assign owner to selected' }).click();
  await expect(page.getByText(`${owner} now owns 1 control in this system.`)).toBeVisible();
}

/** The text entries of a downloaded ZIP, read with yauzl as any unzip tool would. */
async function readPackage(file: string) {
  const zip = await openPromise(file, { lazyEntries: true });
  const texts = new Map<string, string>();
  for await (const entry of zip.eachEntry()) {
    if (!['controls.csv', 'index.html'].includes(entry.fileName)) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
    texts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
  }
  return texts;
}

test('a signed snapshot’s evidence package still names the owner it was signed with after the owner changes', async ({ page, browser }) => {
  const { slug } = await signUpNewOrganization(page);
  const systemUrl = await createSystemWithLibrary(page, slug);
  await inviteAndJoin(page, browser, slug, { email: `nico-${Date.now()}@e2e.test`, name: 'Nico Newowner', role: 'EDITOR' });
  await assignOwner(page, slug, 'Patch management', 'Erin Example');

  // Freeze the summary and sign it off.
  await page.goto(systemUrl);
  await page.getByRole('link', { name: 'Compliance summary' }).click();
  const controls = page.getByRole('table', { name: 'Every control with its halves, status, owner and evidence' });
  await expect(controls.getByRole('row', { name: /Patch management/ }).getByText('Erin Example')).toBeVisible();
  await page.getByRole('button', { name: 'Freeze as a snapshot' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Snapshot of / })).toBeVisible();
  const snapshotUrl = page.url();
  await page.getByLabel('Sign-off comment').fill('Owners reviewed.');
  await page.getByRole('button', { name: 'Sign off' }).click();
  await expect(page.getByText(/Signed off by Erin Example on .*: “Owners reviewed.”/)).toBeVisible();

  // The owner changes after the sign-off.
  await assignOwner(page, slug, 'Patch management', 'Nico Newowner');

  await page.goto(snapshotUrl);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download evidence package (ZIP)' }).click();
  const texts = await readPackage(await (await download).path());
  const csv = texts.get('controls.csv')!;
  const patch = csv.split('\r\n').find((line) => line.includes('Patch management'))!;
  expect(patch).toContain('Erin Example');
  expect(csv).not.toContain('Nico Newowner');
  const html = texts.get('index.html')!;
  expect(html).toContain('Erin Example');
  expect(html).not.toContain('Nico Newowner');
  expect(html).toMatch(/As frozen at .+ UTC and signed by Erin Example at .+ UTC\./);
});
