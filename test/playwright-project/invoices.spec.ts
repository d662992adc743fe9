// The lab's invoices page, as an app's end-to-end test would check it. The second test fails:
// the lab's "Expired JWT" scenario calls the API with a token that expired 15 minutes ago, and
// AuthLens puts why in the failure output and attaches authlens.md.
import { test, expect } from 'authlens/playwright';
import { READY_SELECTOR, buttonSelector, doneSelector, labUrl } from '../../scripts/lab/scenarios.ts';

const lab = process.env.AUTHLENS_LAB ?? 'http://127.0.0.1:8123';

test.beforeEach(async ({ page }) => {
  await page.goto(labUrl(lab));
  await page.waitForSelector(READY_SELECTOR);
});

test('the lab page lists its scenarios', async ({ page }) => {
  await expect(page.locator(buttonSelector('jwt-expired'))).toBeVisible();
});

test('the invoices load', async ({ page }) => {
  const invoices = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/invoices');
  await page.click(buttonSelector('jwt-expired'));
  await page.waitForSelector(doneSelector('jwt-expired'));
  expect((await invoices).status()).toBe(200);
});
