// Compare and Replay in the real DevTools Auth panel of headless Chromium (dist/chrome), against
// the lab's Compare scenarios (scripts/lab/scenarios-compare.ts). Real: the lab's requests, the
// worker's capture and context entries, the panel bundle inside DevTools (shown through the
// front end, support/devtools.ts), and devtools.inspectedWindow.eval re-issuing requests from
// the lab page itself; the lab's own log shows what the replays sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import type { Page } from 'playwright-core';
import { ensureChromium } from '../../scripts/find-browser.ts';
import { launchWithExtension, type Launched } from '../../scripts/lab/chromium.ts';
import { click } from '../../scripts/lab/driver.ts';
import { clearTab, getRecords, openExtensionPage, tabIdOf, waitForRecords } from '../../scripts/lab/extension.ts';
import { capturesFor, judge, type Outcome } from '../../scripts/lab/match.ts';
import { READY_SELECTOR } from '../../scripts/lab/scenarios.ts';
import { COMPARE_PATHS, COMPARE_SCENARIOS } from '../../scripts/lab/scenarios-compare.ts';
import { startLab, type Lab, type Served } from '../../scripts/lab/server.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { extensionDir, outputDir } from './support/chromium.ts';
import { attrsOf, clickIn, openAuthPanel, textOf, typeIn, type AuthPanel } from './support/devtools.ts';

const out = outputDir('compare');
const served: Served[] = [];
let lab: Lab;
let l: Launched;
let page: Page;
let ext: Page;
let tabId: number;
let panel: AuthPanel;
let frame: Frame;

const row = (id: string): string => `[data-testid="record-row"][data-record-id="${id}"]`;

beforeAll(async () => {
  lab = await startLab({ onRequest: (e) => served.push(e) });
  l = await launchWithExtension({
    executablePath: ensureChromium().path,
    extensionDir: extensionDir(),
    headless: true,
    devtools: true,
    tmpRoot: outputDir('profiles'),
    args: ['--remote-debugging-port=0'],
  });
  ext = await openExtensionPage(l.context, l.extensionId, 'options.html');
  page = await l.context.newPage();
  const url = `${lab.primary}${COMPARE_PATHS.page}`;
  await page.goto(url);
  await page.waitForSelector(READY_SELECTOR);
  tabId = await tabIdOf(ext, url);
  panel = await openAuthPanel(l, tabId);
  frame = panel.frame;
});

afterAll(async () => {
  await panel?.browser.disconnect();
  await l?.close();
  await lab?.close();
});

/** Run a scenario from an empty list; its newest expected record, once its row has its diagnosis. */
async function drive(id: string): Promise<{ record: CaptureRecord; outcome: Outcome }> {
  const sc = COMPARE_SCENARIOS.find((s) => s.id === id)!;
  await clearTab(ext, tabId);
  const { state, log } = await click(page, id);
  const want = sc.expect.capture;
  const caps = await waitForRecords(ext, tabId, (rs) => {
    const c = capturesFor(rs, want, lab);
    return c.length >= (want.count ?? 1) ? c : undefined;
  });
  expect(caps, `${id}: ${log}`).toBeDefined();
  const record = caps![caps!.length - 1]!;
  await frame.waitForSelector(`${row(record.id)}:not([data-pending])`, { timeout: 10_000 });
  let outcome: Outcome = { id, produced: true, captured: caps!.length, findingFrom: 'panel', state, log };
  // findings from the tab's history may land a moment after the row
  for (let i = 0; i < 30; i++) {
    const [finding] = await attrsOf(frame, row(record.id), 'data-finding');
    const [findings] = await attrsOf(frame, row(record.id), 'data-findings');
    outcome = { ...outcome, finding: finding ?? '', findings: (findings ?? '').split(' ').filter(Boolean) };
    if (judge(sc, outcome).ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(judge(sc, outcome).why, id).toEqual([]);
  return { record, outcome };
}

async function compareOf(id: string): Promise<{ kinds: string[]; from: string; text: string }> {
  await clickIn(frame, row(id));
  await clickIn(frame, '#tab-compare');
  await frame.waitForSelector('[data-testid="compare-with"], [data-testid="compare-none"]', { timeout: 10_000 });
  return {
    kinds: await attrsOf(frame, '[data-testid="compare-diff"]', 'data-kind'),
    from: (await attrsOf(frame, '[data-testid="compare-with"]', 'data-from'))[0] ?? '',
    text: await textOf(frame, '[data-testid="compare"]'),
  };
}

async function shot(name: string): Promise<void> {
  const p = await panel.browser
    .targets()
    .find((t) => t.url().startsWith('devtools://'))
    ?.asPage();
  await p?.screenshot({ path: join(out, `${name}.png`) }).catch(() => undefined);
}

describe('Compare in the DevTools Auth panel', () => {
  it('runs inside DevTools: the panel knows the inspected tab', async () => {
    expect(await frame.evaluate('chrome.devtools.inspectedWindow.tabId')).toBe(tabId);
    expect(await frame.$('[data-testid="replay-unavailable"]')).toBeNull();
  });

  it('a token that worked, then expired: Compare names the expiry against the last success', async () => {
    const { record: expired } = await drive('compare-token-expired');
    const c = await compareOf(expired.id);
    expect(c.from).toBe('context');
    expect(c.kinds[0]).toBe('token-expired');
    expect(c.text).toContain('200 GET');
    expect(c.text).toContain('/api/compare/orders/2');
    expect(c.text).toMatch(/expired \d+ s before this request/);
    expect(c.text).toContain('the same token was still valid at the other request');
    await shot('compare-expired');
  });

  it('a refresh that gave a token for another audience: the top difference, and the diagnosis says so', async () => {
    const { record, outcome } = await drive('compare-refresh-audience');
    expect(outcome.findings).toContain('changed-since-success');
    const c = await compareOf(record.id);
    expect(c.kinds.slice(0, 2)).toEqual(['audience-changed', 'token-changed']);
    expect(c.text).toContain('this one is for billing-api, the other was for lab-api');
    await clickIn(frame, '#tab-diagnosis');
    const diag = await textOf(frame, '[data-finding-id="changed-since-success"]');
    expect(diag).toContain('POST /compare/oauth/token');
  });

  it('cookies lost cross-site: the embedded page of another site sent no session cookie', async () => {
    const { record } = await drive('compare-cookies-cross-site');
    const c = await compareOf(record.id);
    expect(c.from).toBe('context');
    // the worker kept the success's cookie names and Sec-Fetch-Site (never the cookie's value)
    expect(c.kinds[0]).toBe('cookies-missing');
    expect(c.kinds).toContain('sec-fetch-site-changed');
    expect(c.text).toContain('widget_session');
    expect(c.text).not.toMatch(/widget_session=/);
    // what the lab saw: the same endpoint, with the cookie from the page, without it from the widget
    const me = served.filter((e) => e.path === COMPARE_PATHS.me).slice(-2);
    expect(me.map((e) => [e.status, e.cookie, e.site])).toEqual([
      [200, true, 'same-origin'],
      [401, false, 'cross-site'],
    ]);
  });
});

describe('Replay in page, through devtools.inspectedWindow.eval', () => {
  it('a replay with a fresh token turns green: a new row, a replay of the expired one', async () => {
    const { record: expired } = await drive('compare-token-expired');
    const fresh = (await (await fetch(`${lab.primary}/lab/token?kind=valid`, { method: 'POST' })).json()) as {
      access_token: string;
    };
    await clickIn(frame, row(expired.id));
    await clickIn(frame, '#tab-replay');
    await clickIn(frame, '[data-testid="replay-auth-replace"]');
    await typeIn(frame, '[data-testid="replay-auth"]', `Bearer ${fresh.access_token}`);
    const before = served.length;
    await clickIn(frame, '[data-testid="replay-run"]');
    await frame.waitForSelector('[data-testid="replay-status"][data-state="ok"]', { timeout: 15_000 });
    // the lab answered the replay: the same URL, from the page, with the new token
    const sent = served.slice(before).filter((e) => e.path === '/api/compare/orders/3');
    expect(sent.map((e) => [e.method, e.status, e.authorization])).toEqual([['GET', 200, true]]);
    const replays = await attrsOf(
      frame,
      '[data-testid="record-row"]:has([data-testid="replay-tag"])',
      'data-record-id',
    );
    expect(replays).toHaveLength(1);
    const r = row(replays[0]!);
    await frame.waitForSelector(`${r}:not([data-pending])`, { timeout: 10_000 });
    expect(await attrsOf(frame, r, 'data-status')).toEqual(['200']);
    expect(await attrsOf(frame, r, 'class')).toEqual([expect.stringContaining('sev-ok')]);
    // the replay's detail shows the token it sent masked
    await clickIn(frame, '[data-testid="replay-show"]');
    await clickIn(frame, '#tab-headers');
    expect(await textOf(frame, '[data-testid="detail"]')).not.toContain(fresh.access_token);
    // its Replay tab links back to the original
    await clickIn(frame, '#tab-replay');
    await clickIn(frame, '[data-testid="replay-of"] button');
    await frame.waitForSelector(`${row(expired.id)}.selected`, { timeout: 5000 });
    // and the original now compares with its replay, "after the fix"
    const c = await compareOf(expired.id);
    expect(c.from).toBe('context');
    await shot('replay-green');
  });

  it('a replay of a POST asks first and shows what will be sent; nothing goes out before Send', async () => {
    await clearTab(ext, tabId);
    await page.evaluate(
      "fetch('/api/payments', { method: 'POST', body: '{}', " +
        "headers: { Authorization: 'Bearer not-a-jwt-0123456789', 'Content-Type': 'application/json' } })",
    );
    const post = await waitForRecords(ext, tabId, (rs) => rs.find((x) => x.method === 'POST' && x.status === 401));
    expect(post).toBeDefined();
    await frame.waitForSelector(`${row(post!.id)}:not([data-pending])`, { timeout: 10_000 });
    await clickIn(frame, row(post!.id));
    await clickIn(frame, '#tab-replay');
    await typeIn(frame, '[data-testid="replay-body"]', '{"amount":1}');
    const before = served.length;
    await clickIn(frame, '[data-testid="replay-run"]');
    await frame.waitForSelector('[data-testid="replay-confirm"]', { timeout: 5000 });
    const confirm = await textOf(frame, '[data-testid="replay-confirm"]');
    expect(confirm).toContain(`POST ${lab.primary}/api/payments`);
    expect(confirm).toContain('{"amount":1}');
    expect(confirm).not.toContain('not-a-jwt-0123456789');
    await new Promise((r) => setTimeout(r, 500));
    expect(served.slice(before).filter((e) => e.path === '/api/payments')).toEqual([]);
    await clickIn(frame, '[data-testid="replay-send"]');
    await frame.waitForSelector('[data-testid="replay-status"][data-state="ok"]', { timeout: 15_000 });
    expect(
      served
        .slice(before)
        .filter((e) => e.path === '/api/payments')
        .map((e) => [e.method, e.status]),
    ).toEqual([['POST', 401]]);
    // the failing replay is the worker's capture, linked to the original
    const rs = (await getRecords(ext, tabId)).filter((x) => x.method === 'POST' && x.status === 401);
    expect(rs).toHaveLength(2);
    const tagged = await attrsOf(frame, '[data-testid="record-row"]:has([data-testid="replay-tag"])', 'data-record-id');
    expect(tagged).toEqual([rs[1]!.id]);
  });
});
