// What capture.e2e.ts proves in Chromium, proven in real Firefox with dist/firefox, on
// the same lab server and scenario definitions. Two tabs make six different failures among 200s
// (a seventh comes from the page's service worker); each is captured once with its headers,
// 200s never; badges count per tab and behave at navigation; the event page is terminated
// mid-run (about:debugging's own code path) and nothing is lost; panel and popup show the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { NO_TAB, type CaptureRecord } from '../../src/shared/types.ts';
import { startLab, type Lab, type Served } from '../../scripts/lab/server.ts';
import { labUrl } from '../../scripts/lab/scenarios.ts';
import { firefoxDist, gotoExtensionPage, launchFirefox, poll, type FirefoxSession } from '../../scripts/lab/firefox.ts';
import { badgeText, badgeTitle, getRecords, header } from '../../scripts/lab/firefox-extension.ts';
import { clearBucket, clickScenario, openLabTab, waitForRows, type LabTab } from '../../scripts/lab/firefox-driver.ts';

const repo = resolve(import.meta.dirname, '../..');
const out = join(repo, 'test-output', 'e2e-firefox-capture');
const served: Served[] = [];
let lab: Lab;
let ff: FirefoxSession;
let ext: Page;
let A: LabTab;
let B: LabTab;

const path = (r: CaptureRecord): string => new URL(r.url).pathname;
const summary = (rs: CaptureRecord[]): string[] => rs.map((r) => `${r.method} ${path(r)} ${r.status}`).sort();
const records = async (tabId: number): Promise<CaptureRecord[]> => (await getRecords(ext, tabId)).records;

async function settled(tabId: number, n: number): Promise<CaptureRecord[]> {
  const end = Date.now() + 10_000;
  while ((await records(tabId)).length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300)); // a duplicate would land right after
  return records(tabId);
}

async function until<T>(f: () => Promise<T>, want: T, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await f().catch(() => last);
    if (last === want) return;
    if (Date.now() > end) throw new Error(`${what}: wanted ${JSON.stringify(want)}, last ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function successes(p: Page, n: number): Promise<number[]> {
  return p.evaluate(
    (count) =>
      Promise.all(
        Array.from({ length: count }, (_, i) => fetch(`/ok/${i}`, { cache: 'no-store' }).then((r) => r.status)),
      ),
    n,
  );
}

async function scenario(t: LabTab, id: string): Promise<void> {
  await t.page.bringToFront();
  const r = await clickScenario(t.page, id);
  expect(r.state, r.log).toBe('done');
}

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  lab = await startLab({ onRequest: (e) => served.push(e) });
  ff = await launchFirefox({ extensionDir: firefoxDist(repo), runDir: out });
  ext = await ff.openExtensionPage('options.html');
  A = await openLabTab(ff, ext, lab, 'a', (await ff.browser.pages())[0]);
  B = await openLabTab(ff, ext, lab, 'b');
});

afterAll(async () => {
  await ff?.close();
  await lab?.close();
});

describe('capture in real Firefox (dist/firefox)', () => {
  it('tab A: 401 invalid_token, 403 insufficient_scope, 401 unchallenged: once each, with headers', async () => {
    expect(await successes(A.page, 3)).toEqual([200, 200, 200]);
    await scenario(A, 'jwt-expired');
    await scenario(A, 'insufficient-scope');
    await scenario(A, 'missing-challenge');
    expect(await successes(A.page, 2)).toEqual([200, 200]);
    const all = await settled(A.tabId, 3);
    expect(summary(all)).toEqual(['DELETE /api/admin/users 403', 'GET /api/invoices 401', 'GET /app/api/me 401']);

    const expired = all.find((r) => path(r) === '/api/invoices')!;
    expect(expired).toMatchObject({
      tabId: A.tabId,
      type: 'xmlhttprequest',
      requestHeadersKnown: true,
      preflight: false,
    });
    expect(expired.statusLine).toMatch(/401/);
    expect(header(expired.requestHeaders, 'Authorization')).toMatch(/^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(header(expired.responseHeaders, 'WWW-Authenticate')).toBe(
      'Bearer realm="lab", error="invalid_token", error_description="The access token expired"',
    );
    // Firefox's webRequest details have no `initiator`; capture derives it from originUrl
    expect(expired.initiator).toBe(lab.primary);

    const scope = all.find((r) => r.status === 403)!;
    expect(header(scope.requestHeaders, 'Authorization')).toMatch(/^Bearer eyJ/);
    expect(header(scope.responseHeaders, 'WWW-Authenticate')).toContain('error="insufficient_scope"');

    const bare = all.find((r) => path(r) === '/app/api/me')!;
    expect(header(bare.responseHeaders, 'WWW-Authenticate')).toBeUndefined();
    expect(header(bare.requestHeaders, 'X-Api-Key')).toBe('lab_live_0000000000000000');

    expect(all.some((r) => r.status === 200 || path(r).startsWith('/ok/') || path(r) === '/lab/token')).toBe(false);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it('a request from the page\'s service worker lands in the "no tab" bucket (tabId -1), once', async () => {
    await clearBucket(ext, NO_TAB);
    await scenario(A, 'service-worker');
    const end = Date.now() + 10_000;
    while (!(await records(NO_TAB)).some((r) => path(r) === '/api/sw-sync') && Date.now() < end)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    expect((await records(NO_TAB)).filter((r) => path(r) === '/api/sw-sync').map((r) => [r.tabId, r.status])).toEqual([
      [NO_TAB, 401],
    ]);
    expect(await records(A.tabId)).toHaveLength(3);
  });

  it('the event page stopped mid-run (as about:debugging does) loses nothing; capture goes on in tab B', async () => {
    const before = (await records(A.tabId)).map((r) => r.id);
    await ff.terminateBackground();
    expect(await ff.backgroundRunning()).toBe(false);
    expect(await successes(B.page, 2)).toEqual([200, 200]);
    await scenario(B, 'cors-preflight');
    await scenario(B, 'csrf-laravel');
    expect(await successes(B.page, 2)).toEqual([200, 200]);
    const recsB = await settled(B.tabId, 2);
    expect(await ff.backgroundRunning()).toBe(true);
    expect(summary(recsB)).toEqual(['OPTIONS /strict/data 401', 'PUT /laravel/profile 419']);
    const pre = recsB.find((r) => r.method === 'OPTIONS')!;
    expect(pre.preflight).toBe(true);
    expect(header(pre.requestHeaders, 'Access-Control-Request-Method')).toBe('GET');
    expect(header(pre.requestHeaders, 'Access-Control-Request-Headers')?.toLowerCase()).toContain('authorization');
    // Firefox shows Cookie to webRequest without Chrome's extraHeaders
    const laravel = recsB.find((r) => r.status === 419)!;
    expect(header(laravel.requestHeaders, 'Cookie')).toMatch(/laravel_session=\w+; XSRF-TOKEN=/);
    expect(header(laravel.requestHeaders, 'X-XSRF-TOKEN')).toBeUndefined();
    expect((await records(A.tabId)).map((r) => r.id)).toEqual(before);
  });

  it("each tab's badge shows its own count, with a tooltip", async () => {
    await expect.poll(() => badgeText(ext, A.tabId), { timeout: 3000 }).toBe('3');
    await expect.poll(() => badgeText(ext, B.tabId), { timeout: 3000 }).toBe('2');
    expect(await badgeTitle(ext, A.tabId)).toMatch(/3 auth failures.*2 × 401.*1 × 403/);
  });

  it("the panel (panel.html?tabId=N) shows the tab's rows, live, also across another event-page stop", async () => {
    const panel = await ff.openExtensionPage(`panel.html?tabId=${A.tabId}`);
    await panel.setViewport({ width: 1280, height: 760 });
    const ids = (await records(A.tabId)).map((r) => r.id).sort();
    const rows = await waitForRows(panel, (rs) => rs.length === 3, 10_000, '3 rows');
    expect(rows.map((r) => r.id).sort()).toEqual(ids);
    expect(rows.map((r) => r.status).sort()).toEqual(['401', '401', '403']);
    // the panel's port reconnects at once and wakes the page again: terminateBackground()
    // itself checks that it stopped
    await ff.terminateBackground();
    await scenario(A, 'step-up');
    const after = await waitForRows(panel, (rs) => rs.length === 4, 10_000, '4 rows after the restart');
    const stepUp = (await records(A.tabId)).find((r) => path(r) === '/api/payments')!;
    expect(after.find((r) => r.id === stepUp.id)?.status).toBe('401');
    await panel.bringToFront();
    await panel.screenshot({ path: join(out, 'panel.png') });
  });

  it("the popup (pinned to tab B with ?tabId=) shows that tab's rows", async () => {
    const popup = await ff.openExtensionPage(`popup.html?tabId=${B.tabId}`);
    await popup.setViewport({ width: 420, height: 600 });
    const n = await poll(
      popup,
      () => document.querySelectorAll('[data-testid="popup-row"]').length,
      (x) => x === 2,
      10_000,
      '2 popup rows',
    );
    expect(n).toBe(2);
    await popup.screenshot({ path: join(out, 'popup-tab-b.png') });
    await gotoExtensionPage(popup, ff.extensionUrl(`popup.html?tabId=${A.tabId}`));
    await poll(
      popup,
      () => document.querySelectorAll('[data-testid="popup-row"]').length,
      (x) => x === 4,
      10_000,
      '4 popup rows',
    );
    await popup.screenshot({ path: join(out, 'popup.png') });
    await popup.close();
  });

  it('a new top-level navigation clears the tab and its badge; a later failure counts from 1', async () => {
    await B.page.goto(labUrl(lab.primary, 'b'));
    await B.page.waitForSelector('body[data-lab-ready="true"]');
    await until(async () => (await records(B.tabId)).length, 0, 'tab B records after navigation');
    await until(() => badgeText(ext, B.tabId), '', 'tab B badge after navigation');
    await scenario(B, 'jwt-wrong-key');
    await until(() => badgeText(ext, B.tabId), '1', 'tab B badge');
    expect(await badgeText(ext, A.tabId)).toBe('4');
  });

  it('Preserve log: records survive navigation, the badge is re-applied after Firefox resets it', async () => {
    await ext.evaluate(() =>
      (
        globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).browser.runtime.sendMessage({ ns: 'authlens', type: 'setSettings', patch: { preserveLog: true } }),
    );
    try {
      // a 401 page as the top-level document: Firefox resets tab-specific badge text at its commit
      await A.page.goto(`${lab.primary}/api/profile`);
      await until(async () => (await records(A.tabId)).length, 5, 'tab A records');
      await until(() => badgeText(ext, A.tabId), '5', 'tab A badge');
      const top = (await records(A.tabId)).find((r) => r.type === 'main_frame');
      expect(top?.status).toBe(401);
      await A.page.goto(labUrl(lab.primary, 'a'));
      await A.page.waitForSelector('body[data-lab-ready="true"]');
      await until(() => badgeText(ext, A.tabId), '5', 'tab A badge after navigating back');
      expect(await records(A.tabId)).toHaveLength(5);
    } finally {
      await ext.evaluate(() =>
        (
          globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).browser.runtime.sendMessage({ ns: 'authlens', type: 'setSettings', patch: { preserveLog: false } }),
      );
    }
  });

  it('DevTools: the "Auth" panel in the toolbox; response bodies reach the record (getContent shape)', async () => {
    await A.page.bringToFront();
    expect(await ff.openDevTools(A.url, 'Auth')).toEqual(['Auth']);
    await clearBucket(ext, A.tabId);
    await scenario(A, 'bearer-undefined');
    const end = Date.now() + 15_000;
    let rec: CaptureRecord | undefined;
    while (Date.now() < end) {
      rec = (await records(A.tabId)).find((r) => path(r) === '/api/orders');
      if (rec?.responseBody) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(rec?.status).toBe(401);
    // devtools.network getContent() resolves to [content, mimeType] in Firefox; the JSON error
    // body the lab sent must arrive intact
    expect(JSON.parse(rec?.responseBody ?? 'null')).toMatchObject({ error: 'invalid_token' });
  });

  it('no script errors from the add-on in the browser console', async () => {
    expect(await ff.consoleErrors()).toEqual([]);
  });
});
