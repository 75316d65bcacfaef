import { expect, test } from '@playwright/test';
import { DEMO_ORG, demoUser, signIn, signUpNewOrganization } from './helpers';

test('a member of one organization gets 404 for every page of another, by its slug or by its ids', async ({ browser }) => {
  // Organization B (the demo) names a system and a control.
  const insider = await browser.newPage();
  await signIn(insider, demoUser('admin'));
  await insider.goto(`/${DEMO_ORG}/systems`);
  await insider.getByRole('link', { name: 'Payments platform', exact: true }).click();
  const systemId = insider.url().split('/').pop()!;
  await insider.goto(`/${DEMO_ORG}/controls`);
  await insider
    .getByRole('row', { name: /Patch management/ })
    .getByRole('link')
    .first()
    .click();
  const controlId = new URL(insider.url()).pathname.split('/').pop()!;

  // A member of organization A tries every page of B it can name.
  const outsider = await browser.newPage();
  const { slug } = await signUpNewOrganization(outsider);
  const pages = [
    `/${DEMO_ORG}`,
    `/${DEMO_ORG}/members`,
    `/${DEMO_ORG}/audit`,
    `/${DEMO_ORG}/audit?verify=1`,
    `/${DEMO_ORG}/systems`,
    `/${DEMO_ORG}/systems/${systemId}`,
    `/${DEMO_ORG}/systems/${systemId}/edit`,
    `/${DEMO_ORG}/controls`,
    `/${DEMO_ORG}/controls/${controlId}`,
    `/${DEMO_ORG}/controls/${controlId}/edit`,
    `/${DEMO_ORG}/my-controls`,
    // B's ids under A's own slug: loaded by { id, orgId }, so not found either.
    `/${slug}/systems/${systemId}`,
    `/${slug}/controls/${controlId}`,
    `/${slug}/controls/${controlId}/edit`,
    '/no-such-org',
  ];
  for (const path of pages) {
    const response = await outsider.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(outsider.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(outsider.getByText('Payments platform')).toHaveCount(0);
  }
});
