// Every lab scenario driven in real Chromium with dist/chrome loaded; the panel's top
// finding (its row's data-finding) for the scenario's request must be the one the scenario
// promises. Expectations live in scripts/lab/scenarios.ts and are not bent to the engine:
// a failure here means AuthLens diagnosed a real failure differently than the lab says.
// A scenario may also name findings that must be among the record's (`alsoFindings`, read
// from the row's data-findings): the burst is context, never the top finding.
// Findings that come from the tab's history (refresh-recovered, refresh-loop) can arrive a
// moment after the row (the worker streams the successful requests around a failure as
// context entries): the row's finding is read again until it settles, within a few seconds.
// Each scenario also checks the lab itself (the page finished, the lab answered the promised
// status), and the lab's own log shows what the browser really sent (redirect, cookies). For the
// OAuth scenarios (scripts/lab/scenarios-oauth.ts) that log must show each one's wire facts, in
// order, with third-party cookies blocked as a user blocks them; a control run in a second
// browser, third-party cookies allowed, shows the blocked cookie alone made the silent renew fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { READY_SELECTOR, SCENARIOS, type Scenario } from '../../scripts/lab/scenarios.ts';
import { startLab, type Lab, type Served } from '../../scripts/lab/server.ts';
import type { Launched } from '../../scripts/lab/chromium.ts';
import { bucketOf, click, driveOne, openLab, type DriveOptions, type Session } from '../../scripts/lab/driver.ts';
import { capturesFor, judge, type Outcome } from '../../scripts/lab/match.ts';
import { getRecords } from '../../scripts/lab/extension.ts';
import { screenshotsOf } from '../../scripts/lab/headless.ts';
import { chromiumCookiePreferences } from '../../scripts/lab/third-party-cookies.ts';
import { APP_PATHS } from '../../scripts/lab/oidc/clients.ts';
import { OAUTH_SCENARIOS } from '../../scripts/lab/scenarios-oauth.ts';
import { missingFacts } from '../../scripts/lab/wire.ts';
import { launch, outputDir } from './support/chromium.ts';

const served: Served[] = [];
let lab: Lab;
let l: Launched;
let o: DriveOptions;
let s: Session;

beforeAll(async () => {
  lab = await startLab({ onRequest: (e) => served.push(e) });
  // third-party cookies blocked, as the silent renew scenario needs (a user's setting)
  l = await launch(chromiumCookiePreferences(true));
  o = { context: l.context, extensionId: l.extensionId, origins: lab, served };
  s = await openLab(o);
});

/** The newest matching record's row, read again until it shows what the scenario promises. */
async function settledFindings(sc: Scenario, outcome: Outcome): Promise<Outcome> {
  const bucket = await bucketOf(o, s, sc);
  const panel = s.panels.get(bucket);
  const caps = capturesFor(await getRecords(s.ext, bucket), sc.expect.capture, lab);
  const newest = caps[caps.length - 1];
  if (!panel || !newest) return outcome;
  const row = panel.locator(`[data-testid="record-row"][data-record-id="${newest.id}"]`);
  const read = async (): Promise<Outcome> => ({
    ...outcome,
    finding: (await row.getAttribute('data-finding')) || undefined,
    findings: ((await row.getAttribute('data-findings')) ?? '').split(' ').filter(Boolean),
  });
  let got = await read();
  for (let i = 0; i < 30 && !judge(sc, got).ok; i++) {
    await new Promise((r) => setTimeout(r, 100));
    got = await read();
  }
  return got;
}

afterAll(async () => {
  await l?.close();
  await lab?.close();
});

/** the OAuth scenarios' wire facts, by scenario */
const WIRE = new Map(OAUTH_SCENARIOS.map((sc) => [sc.id, sc.wire]));
/** the page's own log of each scenario */
const logs = new Map<string, string>();

describe('every lab scenario, diagnosed in the panel (Chromium)', () => {
  for (const sc of SCENARIOS) {
    const wire = WIRE.get(sc.id);
    it(`${sc.id} → ${sc.expect.topFinding}${wire ? `, ${wire.length} wire facts` : ''}`, async () => {
      const before = served.length;
      const outcome = await settledFindings(sc, await driveOne(o, s, sc));
      logs.set(sc.id, outcome.log);
      const want = sc.expect.capture;
      expect(outcome.state, outcome.log).toBe('done');
      expect(outcome.produced, `the lab answered ${want.method} ${want.path} with ${want.status}`).toBe(true);
      // (driveOne has waited for the capture and settled after the page said done: the flow's last
      // answer, e.g. the callback page in the popup, is in the log by now)
      if (wire) expect(missingFacts(served.slice(before), wire), outcome.log).toEqual([]);
      expect(outcome.captured, `records for ${want.method} ${want.path} ${want.status}`).toBe(want.count ?? 1);
      expect(outcome.findingFrom, 'the panel shows a row for the record').toBe('panel');
      expect(outcome.finding, judge(sc, outcome).why.join('; ')).toBe(sc.expect.topFinding);
      for (const id of sc.expect.alsoFindings ?? [])
        expect(outcome.findings, `${id} among the row's findings`).toContain(id);
    });
  }

  it('the silent renew came back login_required: the iframe request to the provider carried no cookie', () => {
    expect(logs.get('oidc-silent-renew-blocked') ?? '').toMatch(
      /silent renew: back at \/signin\/silent-callback with error=login_required/,
    );
    const iframe = served.filter((e) => e.origin === 'idp' && e.path === '/auth' && e.dest === 'iframe');
    expect(iframe.length).toBeGreaterThan(0);
    for (const e of iframe) expect([e.site, e.cookie, e.status]).toEqual(['cross-site', false, 303]);
  });

  it('each sign-in went through the provider’s own login and consent pages in a top-level popup', () => {
    const pages = served.filter((e) => e.origin === 'idp' && e.path.startsWith('/interaction/') && e.method === 'GET');
    expect(pages.length).toBeGreaterThan(0);
    for (const e of pages) expect([e.dest, e.status]).toEqual(['document', 200]);
    // the popup carried the provider's session cookie (first-party there) once signed in
    expect(served.some((e) => e.origin === 'idp' && e.path === '/auth' && e.dest === 'document' && e.cookie)).toBe(
      true,
    );
  });

  // what the lab's own log says the browser sent (no extension involved)
  it('the browser really dropped Authorization on the cross-origin redirect', () => {
    const hops = served.filter(
      (e) => e.path === '/moved/api/profile' || (e.origin === 'secondary' && e.path === '/api/profile'),
    );
    expect(hops.map((h) => [h.origin, h.status, h.authorization])).toEqual([
      ['primary', 307, true],
      ['secondary', 401, false],
    ]);
  });

  it('the cross-origin call carried no cookie although the login set one', () => {
    expect(served.filter((e) => e.path === '/cors/me').map((e) => [e.status, e.cookie])).toEqual([[401, false]]);
  });

  it('the refresh scenario recovers: the retry with the new token succeeded', () => {
    expect(served.filter((e) => e.path === '/api/feed').map((e) => e.status)).toEqual([401, 200]);
  });

  it('Digest: the right password on an old nonce earned stale=true; a wrong password did not', async () => {
    expect(await s.lab.locator('[data-scenario-state="digest-stale"]').textContent()).toMatch(
      /\(Digest alice\) → 401 .*stale=true/,
    );
    const wrong = await s.lab.locator('[data-scenario-state="digest-wrong-password"]').textContent();
    expect(wrong).toMatch(/\(Digest alice\) → 401 /);
    expect(wrong).not.toMatch(/stale/);
  });

  it('Basic did not leave the page stuck behind the login dialog', async () => {
    expect(await s.lab.locator('[data-scenario-state="basic-wrong-password"]').textContent()).toMatch(
      /aborted after 1500 ms/,
    );
  });

  it('the Flow tab of a failed silent renew says where the sign-in broke', async () => {
    const sc = SCENARIOS.find((x) => x.id === 'oidc-silent-renew-blocked')!;
    const outcome = await driveOne(o, s, sc);
    expect(outcome.finding).toBe('silent-auth-failed');
    const panel = s.panels.get(s.tabId)!;
    await panel.locator('[data-testid="record-row"][data-finding="silent-auth-failed"]').first().click();
    await panel.click('#tab-flow');
    const broke = panel.locator('[data-testid="flow-broke"]');
    await expect.poll(() => broke.getAttribute('data-kind')).toBe('authorize');
    expect(await broke.textContent()).toMatch(/^Broke at Authorize \(303\): Silent sign-in failed \(login_required\)/);
    // the callback page's request arrives as context a moment after the record
    const kinds = (): Promise<(string | undefined)[]> =>
      panel.locator('[data-testid="flow-step"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
    await expect.poll(kinds).toEqual(['authorize', 'callback']);
    // the failing step links to its own diagnosis
    await panel.click('[data-testid="flow-check"][data-finding="silent-auth-failed"]');
    expect(await panel.locator('#tab-diagnosis').getAttribute('aria-selected')).toBe('true');
  });

  it('screenshots of the lab, the panel and the popup (test-output/lab/)', async () => {
    const files = await screenshotsOf(o, s, outputDir('lab'));
    expect(files.map((f) => f.split('/').pop())).toEqual(['lab.png', 'panel.png', 'popup.png']);
    expect(files[1]).toBe(join(outputDir('lab'), 'panel.png'));
  });
});

describe('the control: the same silent renew with third-party cookies allowed', () => {
  it('gets a code: the blocked cookie, nothing else, made it login_required', async () => {
    const allowed = await launch(chromiumCookiePreferences(false));
    try {
      const page = await allowed.context.newPage();
      await page.goto(lab.primary + APP_PATHS.page);
      await page.waitForSelector(READY_SELECTOR);
      const before = served.length;
      const { state, log } = await click(page, 'oidc-silent-renew-blocked', 30_000);
      expect(state, log).toBe('done');
      expect(log).toMatch(/silent renew: back at \/signin\/silent-callback with a code/);
      const iframe = served
        .slice(before)
        .filter((e) => e.origin === 'idp' && e.path === '/auth' && e.dest === 'iframe');
      expect(iframe.map((e) => [e.site, e.cookie, e.status])).toEqual([['cross-site', true, 303]]);
      expect(iframe[0]?.location).toMatch(/[?&]code=\*\*\*/);
    } finally {
      await allowed.close();
    }
  });
});
