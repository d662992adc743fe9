// `authlensAttach: 'always'`: a passing test that meets an auth failure on purpose still gets
// authlens.md (a suite that checks its 401 handling keeps the diagnosis of each).
import { test, expect } from 'authlens/playwright';
import { READY_SELECTOR, buttonSelector, doneSelector, labUrl } from '../../scripts/lab/scenarios.ts';

const lab = process.env.AUTHLENS_LAB ?? 'http://127.0.0.1:8123';

test.use({ authlensAttach: 'always' });

test('an expired token is refused', async ({ page, authlens }) => {
  await page.goto(labUrl(lab));
  await page.waitForSelector(READY_SELECTOR);
  await page.click(buttonSelector('jwt-expired'));
  await page.waitForSelector(doneSelector('jwt-expired'));
  const failures = await authlens.failures();
  expect(failures.map((f) => [f.record.status, f.diagnosis.findings[0]?.id])).toEqual([[401, 'token-expired']]);
});
