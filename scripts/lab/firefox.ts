// Real Firefox for the end-to-end suite and `npm run start:firefox`: puppeteer-core over
// WebDriver BiDi (geckodriver cannot be had here), the add-on installed temporarily, its
// internal UUID fixed so moz-extension:// pages have a known address, and a handle on the
// browser's privileged (chrome) scope to stop the event page the way about:debugging does.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureFirefox, type Found } from '../find-browser.ts';

/** dist/firefox, or another unpacked build of it (e.g. the AMO zip unpacked) in AUTHLENS_FIREFOX_DIST. */
export function firefoxDist(repo: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.AUTHLENS_FIREFOX_DIST ?? join(repo, 'dist', 'firefox'));
}

/** The add-on's internal UUID in tests: fixed through `extensions.webextensions.uuids`. */
export const TEST_UUID = 'a07e1e75-0000-4000-8000-00000000a11e';

export interface LaunchOptions {
  /** the unpacked add-on (dist/firefox) */
  extensionDir: string;
  /** a folder of this run: puppeteer's profiles go under <runDir>/tmp (left there on a crash) */
  runDir: string;
  headless?: boolean;
  prefs?: Record<string, unknown>;
}

export interface FirefoxSession {
  browser: Browser;
  firefox: Found;
  version: string;
  addonId: string;
  uuid: string;
  /** moz-extension://<uuid>/<path> */
  extensionUrl(path: string): string;
  /** opens one of the add-on's pages in a new tab and waits until its script can run */
  openExtensionPage(path: string): Promise<Page>;
  /** evaluates an expression in the browser's privileged scope (a browser.xhtml window) */
  chromeEval<T>(expression: string): Promise<T>;
  /** stops the event page exactly as about:debugging's "Terminate Background Script" does; throws if it did not stop */
  terminateBackground(): Promise<void>;
  backgroundRunning(): Promise<boolean | undefined>;
  /**
   * Opens Firefox's toolbox for the tab whose URL starts with urlPrefix (what F12 does), waits
   * until an add-on panel labelled `select` is registered and selects it. Returns the add-on
   * panels' labels.
   */
  openDevTools(urlPrefix: string, select: string): Promise<string[]>;
  /** script errors the browser console holds for our add-on's pages (background included) */
  consoleErrors(): Promise<string[]>;
  close(): Promise<void>;
}

function geckoId(extensionDir: string): string {
  const m = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = m.browser_specific_settings?.gecko?.id;
  if (!id)
    throw new Error(
      `${extensionDir}/manifest.json has no browser_specific_settings.gecko.id: is this a Firefox build?`,
    );
  return id;
}

/** The BiDi connection puppeteer keeps: public on BidiBrowser, not in its typings. */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

export async function launchFirefox(opts: LaunchOptions): Promise<FirefoxSession> {
  const extensionDir = resolve(opts.extensionDir);
  const addonId = geckoId(extensionDir);
  const firefox = ensureFirefox();
  const tmp = join(resolve(opts.runDir), 'tmp');
  mkdirSync(tmp, { recursive: true });
  // puppeteer makes its profile in os.tmpdir(), which reads TMPDIR on each call; put back
  // afterwards so nothing else in this process writes there
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  const browser = await puppeteer
    .launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      headless: opts.headless ?? true,
      executablePath: firefox.path,
      // needed to open moz-extension:// pages over BiDi and to reach the chrome scope
      args: ['-remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [addonId]: TEST_UUID }),
        // Firefox 127+ grants an MV3 add-on's host permissions at install by default; a test
        // that saw it off would see no webRequest events at all. Pin it.
        'extensions.originControls.grantByDefault': true,
        // A sub-resource's Basic/Digest 401 makes Firefox open its login dialog; under WebDriver
        // BiDi that dialog ends the session ("Target closed", then the browser is killed: seen in
        // Firefox 153). 0 = no login dialogs for sub-resources: the page gets the 401 itself.
        // webRequest still sees the same response headers, which is all AuthLens reads.
        'network.auth.subresource-http-auth-allow': 0,
        ...opts.prefs,
      },
    })
    .finally(() => {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    });
  try {
    const installed = await browser.installExtension(extensionDir);
    if (installed !== addonId) throw new Error(`installed ${installed}, expected ${addonId}`);
  } catch (e) {
    await browser.close();
    throw e;
  }
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  let chromeContext: string | undefined;

  const chromeEval = async <T>(expression: string): Promise<T> => {
    if (!chromeContext) {
      const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
        contexts: { context: string; url: string }[];
      };
      chromeContext =
        tree.contexts.find((c) => c.url.startsWith('chrome://browser/'))?.context ?? tree.contexts[0]?.context;
      if (!chromeContext) throw new Error('no chrome-scope browsing context (is -remote-allow-system-access set?)');
    }
    const r = (
      await connection.send('script.evaluate', {
        expression,
        target: { context: chromeContext },
        awaitPromise: true,
        resultOwnership: 'none',
      })
    ).result as
      | { type: 'success'; result: { type: string; value?: unknown } }
      | { type: 'exception'; exceptionDetails: { text: string } };
    if (r.type === 'exception') throw new Error(`chrome scope: ${r.exceptionDetails.text}`);
    const v = r.result;
    return (v.type === 'undefined' ? undefined : v.type === 'string' ? JSON.parse(v.value as string) : v.value) as T;
  };
  // Firefox's own module that about:debugging calls through the devtools server
  // (DebugUtils.terminateBackgroundScript / isBackgroundScriptRunning).
  const debugUtils =
    'ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs").ExtensionParent.DebugUtils';
  const extensionUrl = (path: string): string => `moz-extension://${TEST_UUID}/${path.replace(/^\//, '')}`;

  return {
    browser,
    firefox,
    version: await browser.version(),
    addonId,
    uuid: TEST_UUID,
    extensionUrl,
    async openExtensionPage(path) {
      const page = await browser.newPage();
      await gotoExtensionPage(page, extensionUrl(path));
      return page;
    },
    chromeEval,
    async terminateBackground() {
      // checked in the same privileged turn: a page's port may wake the event page right after
      const running = await chromeEval<boolean | undefined>(`(async () => {
        const u = ${debugUtils};
        await u.terminateBackgroundScript(${JSON.stringify(addonId)});
        return u.isBackgroundScriptRunning(${JSON.stringify(addonId)});
      })()`);
      if (running !== false) throw new Error(`the event page did not stop (running: ${String(running)})`);
    },
    backgroundRunning: () =>
      chromeEval<boolean | undefined>(`${debugUtils}.isBackgroundScriptRunning(${JSON.stringify(addonId)})`),
    openDevTools: (urlPrefix, select) =>
      chromeEval<string[]>(`(async () => {
      const { require } = ChromeUtils.importESModule("resource://devtools/shared/loader/Loader.sys.mjs");
      const { gDevTools } = require("devtools/client/framework/devtools");
      const win = Services.wm.getMostRecentWindow("navigator:browser");
      const tab = win.gBrowser.tabs.find((t) =>
        t.linkedBrowser.currentURI.spec.startsWith(${JSON.stringify(urlPrefix)}));
      if (!tab) throw new Error("no tab at ${urlPrefix}");
      const toolbox = await gDevTools.showToolboxForTab(tab, { toolId: "webconsole" });
      let tools = [];
      for (let i = 0; i < 150 && !tools.some((x) => x.label === ${JSON.stringify(select)}); i++) {
        await new Promise((r) => win.setTimeout(r, 100));
        tools = toolbox.getAdditionalTools();
      }
      const tool = tools.find((x) => x.label === ${JSON.stringify(select)});
      if (tool) await toolbox.selectTool(tool.id);
      return JSON.stringify(tools.map((x) => x.label));
    })()`),
    consoleErrors: () =>
      chromeEval<string[]>(`JSON.stringify(Services.console.getMessageArray()
      .filter((m) => m instanceof Ci.nsIScriptError && String(m.sourceName).startsWith(${JSON.stringify(`moz-extension://${TEST_UUID}/`)}))
      .map((m) => m.errorMessage + ' (' + m.sourceName + ':' + m.lineNumber + ')'))`),
    close: () => browser.close(),
  };
}

/**
 * Firefox's BiDi sends no load event for moz-extension:// pages, so goto times out: ignore that
 * and poll until the page's own script context answers. (page.waitForFunction does not work
 * there either: the extension CSP blocks the evaluated polling function.)
 */
export async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: 1500 }).catch(() => undefined);
  await poll(
    page,
    () =>
      document.readyState === 'complete' &&
      typeof (globalThis as { browser?: unknown }).browser === 'object' &&
      location.href,
    (href) => typeof href === 'string' && href.startsWith(url.split('?')[0]!),
    10_000,
    `extension page ${url}`,
  );
}

/** Evaluate fn in the page every 100 ms until ok(result); returns that result. */
export async function poll<A extends unknown[], R>(
  page: Page,
  fn: (...args: A) => R | Promise<R>,
  ok: (r: Awaited<R>) => boolean,
  timeoutMs: number,
  what: string,
  ...args: A
): Promise<Awaited<R>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await page.evaluate(fn as never, ...(args as unknown as never[]));
      if (ok(last as Awaited<R>)) return last as Awaited<R>;
    } catch (e) {
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
