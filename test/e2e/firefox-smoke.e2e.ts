// Smoke: dist/firefox installs in real Firefox, its event page starts, and one 401 from a tiny
// local server is captured with its headers (a 200 next to it is not), counted on the tab's
// badge, and still there after the event page is terminated as about:debugging does it.
// Then two more Firefox instances: one whose own idle timeout (lowered) stops the event page,
// one without host permission (as Firefox 121-126 installed every MV3 add-on).
// The full failure set runs in firefox-lab.e2e.ts, on the lab server the Chromium suite uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { firefoxDist, launchFirefox, poll, type FirefoxSession } from '../../scripts/lab/firefox.ts';
import { badgeText, getRecords, header, tabIdOf, waitForRecords } from '../../scripts/lab/firefox-extension.ts';

const repo = resolve(import.meta.dirname, '../..');
const runDir = join(repo, 'test-output', 'e2e-firefox-smoke');

let server: Server;
let origin = '';
let ff: FirefoxSession;
let page: Page;
let ext: Page;
let tabId = -1;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/api/private') {
      res.writeHead(401, {
        'WWW-Authenticate': 'Bearer realm="smoke", error="invalid_token", error_description="The access token expired"',
        'Content-Type': 'application/json',
      });
      res.end('{"error":"invalid_token"}');
    } else if (req.url === '/api/public') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>smoke</title><h1>smoke</h1>');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ff = await launchFirefox({ extensionDir: firefoxDist(repo), runDir });
  page = (await ff.browser.pages())[0]!;
  await page.goto(`${origin}/`);
  ext = await ff.openExtensionPage('options.html');
  tabId = await tabIdOf(ext, `${origin}/`);
});

afterAll(async () => {
  await ff?.close();
  await new Promise((r) => server?.close(r));
});

describe('Firefox smoke (dist/firefox)', () => {
  it('installs as a temporary add-on and runs its event page', async () => {
    expect(ff.version).toMatch(/firefox/i);
    expect(ff.addonId).toBe('authlens@authlens.dev');
    expect(await ff.backgroundRunning()).toBe(true);
  });

  it('captures one 401 with its request and response headers, and not the 200', async () => {
    const statuses = await page.evaluate(async () => {
      const a = await fetch('/api/private', { headers: { Authorization: 'Bearer smoke.token.value' } });
      const b = await fetch('/api/public');
      return [a.status, b.status];
    });
    expect(statuses).toEqual([401, 200]);
    const records = await waitForRecords(ext, tabId, 1);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r).toMatchObject({
      tabId,
      method: 'GET',
      status: 401,
      url: `${origin}/api/private`,
      type: 'xmlhttprequest',
      preflight: false,
    });
    expect(header(r.requestHeaders, 'authorization')).toBe('Bearer smoke.token.value');
    expect(header(r.responseHeaders, 'www-authenticate')).toContain('invalid_token');
    await poll(
      ext,
      (id) =>
        (
          globalThis as unknown as { browser: { action: { getBadgeText(d: object): Promise<string> } } }
        ).browser.action.getBadgeText({ tabId: id }),
      (t) => t === '1',
      5000,
      'badge 1',
      tabId,
    );
  });

  it('the panel page renders its record under the pinned CSP, and the policy is in force', async () => {
    const panel = await ff.openExtensionPage(`panel.html?tabId=${tabId}`);
    await panel.waitForSelector('[data-testid="record-row"]', { timeout: 10_000 });
    const violations = await panel.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
      try {
        new WebSocket('ws://127.0.0.1:9/');
      } catch {
        /* refused synchronously */
      }
      await new Promise((r) => setTimeout(r, 200));
      return seen;
    });
    // connect-src allows http(s) only: the WebSocket is refused, so the manifest's policy applies
    expect(violations).toContain('connect-src');
    await panel.close();
  });

  it('loses nothing when the event page is terminated, and captures again after it wakes', async () => {
    await ff.terminateBackground();
    expect(await ff.backgroundRunning()).toBe(false);
    // the page's request wakes the event page (webRequest listeners are primed while it sleeps)
    expect(await page.evaluate(async () => (await fetch('/api/private')).status)).toBe(401);
    const records = await waitForRecords(ext, tabId, 2);
    expect(records.map((r) => r.status)).toEqual([401, 401]);
    expect(await ff.backgroundRunning()).toBe(true);
    expect((await getRecords(ext, tabId)).records).toHaveLength(2);
    expect(await badgeText(ext, tabId)).toBe('2');
  });
});

describe('Firefox stops the event page by itself when idle (idle timeout lowered to 1 s)', () => {
  let idle: FirefoxSession;
  let lab: Page;
  let extPage: Page;
  let id = -1;

  beforeAll(async () => {
    // extensions.background.idle.timeout is Firefox's own idle limit (30 000 ms by default):
    // lowered at launch, the real lifecycle stops the page between our requests.
    idle = await launchFirefox({
      extensionDir: firefoxDist(repo),
      runDir: join(runDir, 'idle'),
      prefs: { 'extensions.background.idle.timeout': 1000 },
    });
    lab = (await idle.browser.pages())[0]!;
    await lab.goto(`${origin}/`);
    extPage = await idle.openExtensionPage('options.html');
    id = await tabIdOf(extPage, `${origin}/`);
  });

  afterAll(async () => {
    await idle?.close();
  });

  it('captures, goes idle and stops, wakes for the next 401 and keeps both', async () => {
    expect(await lab.evaluate(async () => (await fetch('/api/private')).status)).toBe(401);
    await waitForRecords(extPage, id, 1);
    const capturedAt = Date.now();
    const end = Date.now() + 15_000;
    while ((await idle.backgroundRunning()) && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    expect(await idle.backgroundRunning(), 'the event page stopped by itself').toBe(false);
    expect(Date.now() - capturedAt).toBeGreaterThanOrEqual(900);
    expect(await lab.evaluate(async () => (await fetch('/api/private')).status)).toBe(401);
    const records = await waitForRecords(extPage, id, 2);
    expect(records).toHaveLength(2);
    expect(await badgeText(extPage, id)).toBe('2');
  });
});

describe('without host permission (Firefox before 127, or withdrawn by the user) nothing is seen', () => {
  let bare: FirefoxSession;

  beforeAll(async () => {
    // what Firefox 121-126 did for every MV3 install: host permissions not granted
    bare = await launchFirefox({
      extensionDir: firefoxDist(repo),
      runDir: join(runDir, 'no-host'),
      prefs: { 'extensions.originControls.grantByDefault': false },
    });
  });

  afterAll(async () => {
    await bare?.close();
  });

  it('without <all_urls> granted a 401 leaves no record: the UI must ask (browser.ts hasHostAccess)', async () => {
    const p = (await bare.browser.pages())[0]!;
    await p.goto(`${origin}/`);
    const e = await bare.openExtensionPage('options.html');
    expect(
      await e.evaluate(() =>
        (
          globalThis as unknown as { browser: { permissions: { contains(x: object): Promise<boolean> } } }
        ).browser.permissions.contains({ origins: ['<all_urls>'] }),
      ),
    ).toBe(false);
    expect(await p.evaluate(async () => (await fetch('/api/private')).status)).toBe(401);
    await new Promise((r) => setTimeout(r, 1500));
    // without host permission (and no "tabs" permission) Firefox hides the page's URL too
    const tabs = await e.evaluate(() =>
      (
        globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }
      ).browser.tabs.query({}),
    );
    const pageTabs = tabs.filter((t) => !t.url?.startsWith('moz-extension:'));
    expect(pageTabs.map((t) => t.url)).toEqual([undefined]);
    expect((await getRecords(e, pageTabs[0]!.id!)).records).toEqual([]);
    // and the popup says so, with a button to ask for access
    const popup = await bare.openExtensionPage(`popup.html?tabId=${pageTabs[0]!.id!}`);
    const banner = await popup.waitForSelector('[data-testid="popup-host-access"]', { timeout: 10_000 });
    expect(await banner!.evaluate((el) => el.textContent)).toContain('Allow access to all sites');
    await popup.setViewport({ width: 400, height: 300 });
    await popup.screenshot({ path: join(runDir, 'popup-no-host-access.png') });
  });
});
