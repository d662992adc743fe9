// One browser per configuration for the failing-page bench: load a URL, read the page time the
// page wrote into its title. Chromium through playwright-core (the extension loaded unpacked),
// Firefox through puppeteer-core over WebDriver BiDi (the add-on installed temporarily).
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium, findFirefox } from '../find-browser.ts';
import { browserPid, treeCpuMs } from './cpu.ts';

export interface PageDriver {
  /** loads the URL in the same tab and resolves with the time the page measured (ms) */
  load(url: string): Promise<number>;
  /** CPU ms used so far by the browser's whole process tree (NaN where /proc is missing) */
  cpuMs(): number;
  close(): Promise<void>;
}

const DONE = /^done (\d+(?:\.\d+)?)$/;

async function waitTitle(read: () => Promise<string>): Promise<number> {
  for (let i = 0; i < 600; i++) {
    const m = DONE.exec(await read());
    if (m) return Number(m[1]);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the bench page did not finish in 15 s');
}

export async function chromiumDriver(extension: string | undefined, dir: string): Promise<PageDriver> {
  mkdirSync(dir, { recursive: true });
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
  if (extension) args.unshift(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  const profile = mkdtempSync(join(dir, 'profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium().path,
    headless: true,
    args,
  });
  const pid = browserPid(profile);
  if (extension && ctx.serviceWorkers().length === 0) await ctx.waitForEvent('serviceworker', { timeout: 15_000 });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return {
    async load(url) {
      await page.goto(url);
      return waitTitle(() => page.title());
    },
    cpuMs: () => treeCpuMs(pid),
    close: () => ctx.close(),
  };
}

export async function firefoxDriver(extension: string | undefined, dir: string): Promise<PageDriver> {
  mkdirSync(dir, { recursive: true });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    headless: true,
    executablePath: findFirefox().path,
    userDataDir: mkdtempSync(join(dir, 'profile-')),
    extraPrefsFirefox: { 'extensions.originControls.grantByDefault': true },
  });
  if (extension) await browser.installExtension(extension);
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  return {
    async load(url) {
      await page.goto(url);
      return waitTitle(() => page.title());
    },
    cpuMs: () => treeCpuMs(browser.process()?.pid),
    close: () => browser.close(),
  };
}
