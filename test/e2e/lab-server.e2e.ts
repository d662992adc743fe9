// The lab itself, in real Chromium WITHOUT AuthLens: every scenario's button makes the request
// it promises and the lab answers it with the promised status. If this fails, the lab is wrong,
// not the extension.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/find-browser.ts';
import { CHROMIUM_FLAGS } from '../../scripts/lab/chromium.ts';
import { startLab, type Lab, type Served } from '../../scripts/lab/server.ts';
import { SCENARIOS, labUrl } from '../../scripts/lab/scenarios.ts';
import { click } from '../../scripts/lab/driver.ts';

let lab: Lab;
let browser: Browser;
let page: Page;
const served: Served[] = [];

beforeAll(async () => {
  lab = await startLab({ onRequest: (e) => served.push(e) });
  browser = await chromium.launch({ executablePath: findChromium().path, headless: true, args: [...CHROMIUM_FLAGS] });
  page = await browser.newPage();
  await page.goto(labUrl(lab.primary));
  await page.waitForSelector('body[data-lab-ready="true"]');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
});

afterAll(async () => {
  await browser?.close();
  await lab?.close();
});

describe('the lab produces every failure it promises (Chromium, no extension)', () => {
  for (const s of SCENARIOS) {
    it(`${s.id}: ${s.expect.capture.method} ${s.expect.capture.path} → ${s.expect.capture.status}`, async () => {
      const before = served.length;
      const { state, log } = await click(page, s.id);
      expect(state, log).toBe('done');
      const want = s.expect.capture;
      const hits = served.slice(before).filter((e) => e.origin === want.origin && e.method === want.method && e.path === want.path && e.status === want.status);
      expect(hits.length, `${log}\nserved: ${JSON.stringify(served.slice(before))}`).toBe(want.count ?? 1);
    });
  }

  it('the browser really drops Authorization on the cross-origin redirect', () => {
    const hops = served.filter((e) => e.path === '/moved/api/profile' || (e.origin === 'secondary' && e.path === '/api/profile'));
    expect(hops.map((h) => [h.origin, h.status, h.authorization])).toEqual([['primary', 307, true], ['secondary', 401, false]]);
  });

  it('the cross-origin call carried no cookie although the login set one', () => {
    const me = served.filter((e) => e.path === '/cors/me');
    expect(me.map((e) => [e.status, e.cookie])).toEqual([[401, false]]);
  });

  it('the refresh scenario recovers: the retry with the new token succeeds', () => {
    expect(served.filter((e) => e.path === '/api/feed').map((e) => e.status)).toEqual([401, 200]);
  });

  it('Digest: the right password on an old nonce earns stale=true; a wrong password does not', async () => {
    expect(await page.locator('[data-scenario-state="digest-stale"]').textContent()).toMatch(/\(Digest alice\) → 401 .*stale=true/);
    const wrong = await page.locator('[data-scenario-state="digest-wrong-password"]').textContent();
    expect(wrong).toMatch(/\(Digest alice\) → 401 /);
    expect(wrong).not.toMatch(/stale/);
  });

  it('the Basic scenario does not leave the page stuck behind the login dialog', async () => {
    expect(await page.locator('[data-scenario-state="basic-wrong-password"]').textContent()).toMatch(/aborted after 1500 ms/);
  });
});
