// The real DevTools Auth panel in headless Chromium: the browser runs with
// --auto-open-devtools-for-tabs (every tab gets a docked DevTools, which loads the extension's
// devtools_page) and --remote-debugging-port, through which puppeteer-core reaches the DevTools
// front end of one tab, shows the Auth panel as a click on its tab would (the front end's
// ViewManager.showView: headless DevTools is too narrow for the tab to be on screen), and hands
// back the panel's frame: panel.html inside DevTools, with chrome.devtools.inspectedWindow.
// Strings, not functions, are evaluated: tsx's keepNames would inject `__name` into functions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame } from 'puppeteer-core';
import type { Launched } from '../../../scripts/lab/chromium.ts';

export interface AuthPanel {
  browser: Browser;
  frame: Frame;
}

/** The panel's frame in the DevTools of the tab with this id (its devtools_page says which tab it inspects). */
export async function openAuthPanel(l: Launched, tabId: number, timeoutMs = 15_000): Promise<AuthPanel> {
  const port = readFileSync(join(l.profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
  const end = Date.now() + timeoutMs;
  const devtoolsPage = `chrome-extension://${l.extensionId}/devtools.html`;
  const panelUrl = `chrome-extension://${l.extensionId}/panel.html`;
  while (Date.now() < end) {
    for (const t of browser.targets().filter((x) => x.url().startsWith('devtools://'))) {
      const page = await t.asPage();
      const dp = page.frames().find((f) => f.url() === devtoolsPage);
      if (!dp) continue;
      const inspected = await dp.evaluate('chrome.devtools.inspectedWindow.tabId').catch(() => undefined);
      if (inspected !== tabId) continue;
      await page.evaluate(`(async () => {
        const UI = await import('./ui/legacy/legacy.js');
        const views = UI.ViewManager.ViewManager.instance();
        const id = [...views.views.keys()].find((k) => k.startsWith(${JSON.stringify(`chrome-extension://${l.extensionId}`)}));
        await views.showView(id);
      })()`);
      const started = Date.now();
      while (Date.now() - started < 5000) {
        const frame = page.frames().find((f) => f.url() === panelUrl);
        if (frame) {
          await frame.waitForSelector('[data-testid="list"], .empty', { timeout: 5000 }).catch(() => undefined);
          return { browser, frame };
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await browser.disconnect();
  throw new Error(`no DevTools Auth panel for tab ${tabId}`);
}

/** A click through the DOM (the docked DevTools is small; rows may be outside its view). */
export async function clickIn(frame: Frame, selector: string): Promise<void> {
  await frame.waitForSelector(selector, { timeout: 10_000 });
  await frame.evaluate(`document.querySelector(${JSON.stringify(selector)}).click()`);
}

/** Types into an input as a user would, for Preact's onInput. */
export async function typeIn(frame: Frame, selector: string, value: string): Promise<void> {
  await frame.waitForSelector(selector, { timeout: 10_000 });
  await frame.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    el.value = ${JSON.stringify(value)};
    el.dispatchEvent(new Event('input', { bubbles: true }));
  })()`);
}

export function attrsOf(frame: Frame, selector: string, attr: string): Promise<string[]> {
  const all = `[...document.querySelectorAll(${JSON.stringify(selector)})]`;
  return frame.evaluate(`${all}.map((e) => e.getAttribute(${JSON.stringify(attr)}) ?? '')`) as Promise<string[]>;
}

export function textOf(frame: Frame, selector: string): Promise<string> {
  return frame.evaluate(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`) as Promise<string>;
}
