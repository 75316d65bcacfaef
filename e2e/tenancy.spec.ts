import { expect, test } from '@playwright/test';
import { DEMO_ORG, signUpNewOrganization } from './helpers';

test("a member of one organization gets 404 for every page of another", async ({ page }) => {
  await signUpNewOrganization(page);
  for (const path of [`/${DEMO_ORG}`, `/${DEMO_ORG}/members`, `/${DEMO_ORG}/audit`, `/${DEMO_ORG}/audit?verify=1`, '/no-such-org']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(page.getByText('Demo Company')).toHaveCount(0);
  }
});
