// The lab's OAuth scenarios (scripts/lab/scenarios-oauth.ts) driven in real Chromium with
// dist/chrome loaded and third-party cookies blocked as a user blocks them (the profile's
// cookie controls). Only the wire is asserted here: what the lab's own log says the browser
// sent and got, scenario by scenario. How AuthLens explains these flows is checked elsewhere
// once it knows them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureChromium } from '../../scripts/find-browser.ts';
import { launchWithExtension, type Launched } from '../../scripts/lab/chromium.ts';
import { click } from '../../scripts/lab/driver.ts';
import { servedMatches } from '../../scripts/lab/match.ts';
import { APP_PATHS } from '../../scripts/lab/oidc/clients.ts';
import { READY_SELECTOR } from '../../scripts/lab/scenarios.ts';
import { OAUTH_SCENARIOS, type OAuthScenario } from '../../scripts/lab/scenarios-oauth.ts';
import { startLab, type Lab, type Served } from '../../scripts/lab/server.ts';
import { chromiumCookiePreferences } from '../../scripts/lab/third-party-cookies.ts';
import { missingFacts } from '../../scripts/lab/wire.ts';
import { extensionDir, outputDir } from './support/chromium.ts';

const served: Served[] = [];
let lab: Lab;

const launch = (blockThirdPartyCookies: boolean): Promise<Launched> =>
  launchWithExtension({
    executablePath: ensureChromium().path,
    extensionDir: extensionDir(),
    headless: true,
    tmpRoot: outputDir('profiles'),
    preferences: chromiumCookiePreferences(blockThirdPartyCookies),
  });

async function openOAuthLab(l: Launched): Promise<Page> {
  const page = await l.context.newPage();
  await page.goto(lab.primary + APP_PATHS.page);
  await page.waitForSelector(READY_SELECTOR);
  return page;
}

/** Runs one scenario; its slice of the lab's log, and the page's own log of it. */
async function run(page: Page, sc: OAuthScenario): Promise<{ state: string; log: string; wire: Served[] }> {
  const before = served.length;
  const { state, log } = await click(page, sc.id, 30_000);
  // the last answer (e.g. the callback page in the popup) may be logged just after the page says done
  await new Promise((r) => setTimeout(r, 100));
  return { state, log, wire: served.slice(before) };
}

beforeAll(async () => {
  lab = await startLab({ onRequest: (e) => served.push(e) });
});
afterAll(() => lab?.close());

describe('OAuth lab scenarios in Chromium, third-party cookies blocked', () => {
  let l: Launched;
  let page: Page;
  const logs = new Map<string, string>();

  beforeAll(async () => {
    l = await launch(true);
    page = await openOAuthLab(l);
  });
  afterAll(() => l?.close());

  for (const sc of OAUTH_SCENARIOS) {
    const want = sc.expect.capture;
    it(`${sc.id}: ${sc.wire.length} wire facts, ${want.method} ${want.path} → ${want.status}`, async () => {
      const { state, log, wire } = await run(page, sc);
      logs.set(sc.id, log);
      expect(state, log).toBe('done');
      expect(
        wire.some((e) => servedMatches(e, want)),
        `the lab answered ${want.method} ${want.path} with ${want.status}\n${log}`,
      ).toBe(true);
      expect(missingFacts(wire, sc.wire), log).toEqual([]);
    });
  }

  it('the silent renew came back login_required: the iframe request to the provider carried no cookie', () => {
    const log = logs.get('oidc-silent-renew-blocked') ?? '';
    expect(log).toMatch(/silent renew: back at \/signin\/silent-callback with error=login_required/);
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
});

describe('the control: the same silent renew with third-party cookies allowed', () => {
  it('gets a code: the blocked cookie, nothing else, made it login_required', async () => {
    const l = await launch(false);
    try {
      const page = await openOAuthLab(l);
      const sc = OAUTH_SCENARIOS.find((s) => s.id === 'oidc-silent-renew-blocked')!;
      const { state, log, wire } = await run(page, sc);
      expect(state, log).toBe('done');
      expect(log).toMatch(/silent renew: back at \/signin\/silent-callback with a code/);
      const iframe = wire.filter((e) => e.origin === 'idp' && e.path === '/auth' && e.dest === 'iframe');
      expect(iframe.map((e) => [e.site, e.cookie, e.status])).toEqual([['cross-site', true, 303]]);
      expect(iframe[0]?.location).toMatch(/[?&]code=\*\*\*/);
    } finally {
      await l.close();
    }
  });
});
