// The Compare tab in real Firefox (dist/firefox): the lab's Compare scenarios
// (scripts/lab/scenarios-compare.ts) driven in the lab's Compare page, each failure's Compare tab
// read in panel.html?tabId=N. The successes compared with are the event page's context entries,
// so this also shows what Firefox's worker keeps of a success (its Authorization, cookie names,
// Sec-Fetch-Site). Replay needs DevTools' inspectedWindow and is covered in Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { COMPARE_PATHS, COMPARE_SCENARIOS } from '../../scripts/lab/scenarios-compare.ts';
import { READY_SELECTOR } from '../../scripts/lab/scenarios.ts';
import { startLab, type Lab, type Served } from '../../scripts/lab/server.ts';
import { firefoxDist, launchFirefox, type FirefoxSession } from '../../scripts/lab/firefox.ts';
import { tabIdOf } from '../../scripts/lab/firefox-extension.ts';
import { driveScenario, waitForRows, type Drive, type LabTab } from '../../scripts/lab/firefox-driver.ts';

const repo = resolve(import.meta.dirname, '../..');
const served: Served[] = [];
let lab: Lab;
let ff: FirefoxSession;
let ext: Page;
let tab: LabTab;
let d: Drive;
let panel: Page;

beforeAll(async () => {
  lab = await startLab({ onRequest: (e) => served.push(e) });
  ff = await launchFirefox({
    extensionDir: firefoxDist(repo),
    runDir: join(repo, 'test-output', 'e2e-firefox-compare'),
  });
  ext = await ff.openExtensionPage('options.html');
  const page = (await ff.browser.pages())[0]!;
  const url = `${lab.primary}${COMPARE_PATHS.page}`;
  await page.goto(url);
  await page.waitForSelector(READY_SELECTOR, { timeout: 15_000 });
  tab = { page, url, tabId: await tabIdOf(ext, url) };
  d = { ext, origins: lab, served };
  panel = await ff.openExtensionPage(`panel.html?tabId=${tab.tabId}`);
  // the lab tab runs timers (the expiry wait): keep it in front, as a user would
  await tab.page.bringToFront();
});

afterAll(async () => {
  await ff?.close();
  await lab?.close();
});

/** The scenario's newest failure, once its row shows the promised top finding; then its Compare tab. */
async function compareAfter(id: string): Promise<{ kinds: string[]; from: string; text: string; top: string }> {
  const sc = COMPARE_SCENARIOS.find((s) => s.id === id)!;
  const { outcome, records } = await driveScenario(d, tab, sc);
  expect(outcome.captured, outcome.log).toBe(sc.expect.capture.count ?? 1);
  const newest = records[records.length - 1]!;
  const rows = await waitForRows(panel, (rs) => rs.some((r) => r.id === newest.id), 8000, `row ${newest.id}`);
  const top = rows.find((r) => r.id === newest.id)!.finding;
  await panel.evaluate((rid) => {
    document.querySelector<HTMLElement>(`[data-testid="record-row"][data-record-id="${rid}"]`)!.click();
  }, newest.id);
  await panel.waitForSelector('#tab-compare', { timeout: 5000 });
  await panel.evaluate(() => document.querySelector<HTMLElement>('#tab-compare')!.click());
  await panel.waitForSelector('[data-testid="compare-with"], [data-testid="compare-none"]', { timeout: 5000 });
  return {
    top,
    ...(await panel.evaluate(() => ({
      kinds: [...document.querySelectorAll('[data-testid="compare-diff"]')].map((e) => e.getAttribute('data-kind')!),
      from: document.querySelector('[data-testid="compare-with"]')?.getAttribute('data-from') ?? '',
      text: document.querySelector('[data-testid="compare"]')?.textContent ?? '',
    }))),
  };
}

describe('Compare in real Firefox (panel.html?tabId=N)', () => {
  it('a token that worked, then expired: the expiry against the last success', async () => {
    const c = await compareAfter('compare-token-expired');
    expect(c.top).toBe('token-expired');
    expect(c.from).toBe('context');
    expect(c.kinds[0]).toBe('token-expired');
    expect(c.text).toContain('/api/compare/orders/2');
    expect(c.text).toContain('the same token was still valid at the other request');
  });

  it('a refresh that gave a token for another audience: audience first, the token masked', async () => {
    const c = await compareAfter('compare-refresh-audience');
    expect(c.top).toBe('token-wrong-audience');
    expect(c.kinds.slice(0, 2)).toEqual(['audience-changed', 'token-changed']);
    expect(c.text).toContain('this one is for billing-api, the other was for lab-api');
    expect(c.text).not.toMatch(/eyJ[\w-]{20,}\.[\w-]{20,}/);
  });

  it('cookies lost cross-site: the session cookie by name, never its value', async () => {
    const c = await compareAfter('compare-cookies-cross-site');
    expect(c.from).toBe('context');
    expect(c.kinds[0]).toBe('cookies-missing');
    expect(c.text).toContain('widget_session');
    expect(c.text).not.toMatch(/widget_session=/);
  });

  it('no script errors from the add-on in the browser console', async () => {
    expect(await ff.consoleErrors()).toEqual([]);
  });
});
