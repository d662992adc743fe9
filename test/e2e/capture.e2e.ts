// Capture end to end: dist/chrome in real Chromium against the lab on 127.0.0.1. Two tabs make
// six different failures among 200s (a seventh comes from a page's service worker); each must be
// captured once with its headers, 200s never; badges count per tab and behave at navigation;
// the worker is stopped through CDP mid-run and nothing is lost; popup and panel show the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { NO_TAB } from '../../src/shared/types.ts';
import { startLab, type Lab, type Served } from '../../scripts/lab/server.ts';
import type { Launched } from '../../scripts/lab/chromium.ts';
import { READY_SELECTOR, labUrl } from '../../scripts/lab/scenarios.ts';
import { click } from '../../scripts/lab/driver.ts';
import {
  badgeText,
  badgeTitle,
  clearTab,
  getRecords,
  headerOf,
  openExtensionPage,
  setSettings,
  tabIdOf,
  waitForRecords,
} from '../../scripts/lab/extension.ts';
import { launch, outputDir, stopWorkers } from './support/chromium.ts';

const out = outputDir('capture');
const served: Served[] = [];
let lab: Lab;
let l: Launched;
let ext: Page;
let tabA: Page;
let tabB: Page;
let idA = -1;
let idB = -1;

// generous: the machines are shared and busy; polling returns as soon as the value is there
const WAIT = { timeout: 10_000, interval: 100 };
const path = (r: CaptureRecord): string => new URL(r.url).pathname;
const summary = (rs: CaptureRecord[]): string[] => rs.map((r) => `${r.method} ${path(r)} ${r.status}`).sort();

async function openTab(tab: string): Promise<Page> {
  const p = await l.context.newPage();
  await p.goto(labUrl(lab.primary, tab));
  await p.waitForSelector(READY_SELECTOR);
  return p;
}

/** 200s from a page: the lab's /ok/ endpoints, same origin. */
async function successes(p: Page, n: number): Promise<number[]> {
  return p.evaluate(
    (count) =>
      Promise.all(
        Array.from({ length: count }, (_, i) => fetch(`/ok/${i}`, { cache: 'no-store' }).then((r) => r.status)),
      ),
    n,
  );
}

async function expectScenario(p: Page, id: string): Promise<void> {
  const r = await click(p, id);
  expect(r.state, r.log).toBe('done');
}

beforeAll(async () => {
  lab = await startLab({ onRequest: (e) => served.push(e) });
  l = await launch();
  tabA = await openTab('a');
  tabB = await openTab('b');
  ext = await openExtensionPage(l.context, l.extensionId, 'options.html');
  idA = await tabIdOf(ext, labUrl(lab.primary, 'a'));
  idB = await tabIdOf(ext, labUrl(lab.primary, 'b'));
  await tabA.evaluate(() => navigator.serviceWorker.ready.then(() => true));
});

afterAll(async () => {
  await l?.close();
  await lab?.close();
});

describe('capture in real Chromium', () => {
  it('tab A: 401 invalid_token, 403 insufficient_scope, 401 unchallenged: once each, with headers', async () => {
    expect(await successes(tabA, 3)).toEqual([200, 200, 200]);
    await expectScenario(tabA, 'jwt-expired');
    await expectScenario(tabA, 'insufficient-scope');
    await expectScenario(tabA, 'missing-challenge');
    expect(await successes(tabA, 2)).toEqual([200, 200]);

    const rs = await waitForRecords(ext, idA, (x) => (x.length >= 3 ? x : undefined));
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would land right after
    const all = await getRecords(ext, idA);
    expect(summary(all)).toEqual(['DELETE /api/admin/users 403', 'GET /api/invoices 401', 'GET /app/api/me 401']);
    expect(rs).toBeDefined();

    const expired = all.find((r) => path(r) === '/api/invoices')!;
    expect(expired.tabId).toBe(idA);
    expect(expired.type).toBe('xmlhttprequest');
    expect(expired.statusLine).toMatch(/401/);
    expect(expired.requestHeadersKnown).toBe(true);
    expect(headerOf(expired.requestHeaders, 'Authorization')).toMatch(/^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(headerOf(expired.responseHeaders, 'WWW-Authenticate')).toBe(
      'Bearer realm="lab", error="invalid_token", error_description="The access token expired"',
    );

    const scope = all.find((r) => r.status === 403)!;
    expect(headerOf(scope.requestHeaders, 'Authorization')).toMatch(/^Bearer eyJ/);
    expect(headerOf(scope.responseHeaders, 'WWW-Authenticate')).toContain('error="insufficient_scope"');
    expect(headerOf(scope.responseHeaders, 'WWW-Authenticate')).toContain('scope="lab:write"');

    const bare = all.find((r) => path(r) === '/app/api/me')!;
    expect(headerOf(bare.responseHeaders, 'WWW-Authenticate')).toBeUndefined();
    expect(headerOf(bare.requestHeaders, 'X-Api-Key')).toBe('lab_live_0000000000000000');

    expect(all.some((r) => r.status === 200 || path(r).startsWith('/ok/') || path(r) === '/lab/token')).toBe(false);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it('a request from the page\'s service worker lands in the "no tab" bucket (tabId -1), once', async () => {
    await clearTab(ext, NO_TAB);
    await expectScenario(tabA, 'service-worker');
    const sw = await waitForRecords(ext, NO_TAB, (x) => (x.some((r) => path(r) === '/api/sw-sync') ? x : undefined));
    expect(sw?.filter((r) => path(r) === '/api/sw-sync').map((r) => [r.tabId, r.status])).toEqual([[NO_TAB, 401]]);
    expect(summary(await getRecords(ext, idA))).toHaveLength(3);
  });

  it('the worker stopped mid-run (CDP stopAllWorkers) loses nothing, and capture goes on in tab B', async () => {
    const before = await getRecords(ext, idA);
    await stopWorkers(l, tabA);
    expect(await successes(tabB, 2)).toEqual([200, 200]);
    await expectScenario(tabB, 'cors-preflight');
    await expectScenario(tabB, 'csrf-laravel');
    expect(await successes(tabB, 2)).toEqual([200, 200]);
    const b = await waitForRecords(ext, idB, (x) => (x.length >= 2 ? x : undefined));
    await new Promise((r) => setTimeout(r, 300));
    const recsB = await getRecords(ext, idB);
    expect(b).toBeDefined();
    expect(summary(recsB)).toEqual(['OPTIONS /strict/data 401', 'PUT /laravel/profile 419']);
    const pre = recsB.find((r) => r.method === 'OPTIONS')!;
    expect(pre.preflight).toBe(true);
    expect(headerOf(pre.requestHeaders, 'Access-Control-Request-Method')).toBe('GET');
    expect(headerOf(pre.requestHeaders, 'Access-Control-Request-Headers')?.toLowerCase()).toContain('authorization');
    const laravel = recsB.find((r) => r.status === 419)!;
    expect(headerOf(laravel.requestHeaders, 'Cookie')).toMatch(/laravel_session=\w+; XSRF-TOKEN=/);
    expect(headerOf(laravel.requestHeaders, 'X-XSRF-TOKEN')).toBeUndefined();
    // tab A's records survived the restart, unchanged
    expect((await getRecords(ext, idA)).map((r) => r.id)).toEqual(before.map((r) => r.id));
  });

  it("each tab's badge shows its own count, with a tooltip", async () => {
    await expect.poll(() => badgeText(ext, idA), WAIT).toBe('3');
    await expect.poll(() => badgeText(ext, idB), WAIT).toBe('2');
    expect(await badgeTitle(ext, idA)).toMatch(/3 auth failures.*2 × 401.*1 × 403/);
  });

  it("the panel (panel.html?tabId=N) shows the tab's rows, live, also after another worker stop", async () => {
    const panel = await openExtensionPage(l.context, l.extensionId, `panel.html?tabId=${idA}`);
    await panel.setViewportSize({ width: 1280, height: 760 });
    const rows = panel.locator('[data-testid="record-row"]');
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).sort()).toEqual([
      '401',
      '401',
      '403',
    ]);
    await tabA.bringToFront();
    await stopWorkers(l, tabA);
    await expectScenario(tabA, 'step-up');
    await expect.poll(() => rows.count(), WAIT).toBe(4);
    const findings = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
    expect(findings).toContain('step-up-required');
    await panel.locator('[data-testid="record-row"][data-finding="step-up-required"]').click({ timeout: 5000 });
    await panel.waitForSelector('[data-testid="detail"]');
    expect(await panel.locator('[data-testid="finding"][data-finding-id="step-up-required"]').count()).toBeGreaterThan(
      0,
    );
    await panel.screenshot({ path: join(out, 'panel.png') });
  });

  it("the popup shows the active tab's rows", async () => {
    const popup = await openExtensionPage(l.context, l.extensionId, 'popup.html');
    await popup.setViewportSize({ width: 420, height: 600 });
    await tabB.bringToFront();
    await popup.reload();
    await expect.poll(() => popup.locator('[data-testid="popup-row"]').count(), WAIT).toBe(2);
    await popup.screenshot({ path: join(out, 'popup-tab-b.png') });
    await tabA.bringToFront();
    await popup.reload();
    await expect.poll(() => popup.locator('[data-testid="popup-row"]').count(), WAIT).toBe(4);
    await popup.screenshot({ path: join(out, 'popup.png') });
    // ?tabId=N pins the tab whatever is active (the popup opened as a page)
    await popup.goto(`chrome-extension://${l.extensionId}/popup.html?tabId=${idB}`);
    await expect.poll(() => popup.locator('[data-testid="popup-row"]').count(), WAIT).toBe(2);
    await popup.close();
  });

  it('a new top-level navigation clears the tab and its badge; a later failure counts from 1', async () => {
    await tabB.goto(labUrl(lab.primary, 'b'));
    await tabB.waitForSelector(READY_SELECTOR);
    await expect.poll(() => getRecords(ext, idB).then((r) => r.length), WAIT).toBe(0);
    await expect.poll(() => badgeText(ext, idB), WAIT).toBe('');
    await expectScenario(tabB, 'jwt-wrong-key');
    await expect.poll(() => badgeText(ext, idB), WAIT).toBe('1');
    expect(await badgeText(ext, idA)).toBe('4');
  });

  it('with Preserve log on, records survive navigation and the badge is re-applied after Chrome wipes it', async () => {
    await setSettings(ext, { preserveLog: true });
    try {
      // a 401 page as the top-level document: Chrome wipes the badge at its commit too
      await tabA.goto(`${lab.primary}/api/profile`);
      await expect.poll(() => getRecords(ext, idA).then((r) => r.length), WAIT).toBe(5);
      await expect.poll(() => badgeText(ext, idA), WAIT).toBe('5');
      const top = (await getRecords(ext, idA)).find((r) => r.type === 'main_frame');
      expect(top?.status).toBe(401);
      await tabA.goto(labUrl(lab.primary, 'a'));
      await tabA.waitForSelector(READY_SELECTOR);
      await expect.poll(() => badgeText(ext, idA), WAIT).toBe('5');
      expect(await getRecords(ext, idA)).toHaveLength(5);
    } finally {
      await setSettings(ext, { preserveLog: false });
    }
  });
});
