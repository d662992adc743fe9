// The discovery doctor in real Firefox with dist/firefox installed: the same MCP variants and
// expectations as discovery.e2e.ts (Chromium), driven through puppeteer. The panel's fetches run
// in a moz-extension:// page with host permissions (no CORS), redirects read through webRequest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { firefoxDist, gotoExtensionPage, launchFirefox, type FirefoxSession } from '../../scripts/lab/firefox.ts';
import { getRecords } from '../../scripts/lab/firefox-extension.ts';
import { openLabTab, type LabTab } from '../../scripts/lab/firefox-driver.ts';
import { checkVariantInPanel, type PageLike, type PanelRun } from '../../scripts/lab/mcp/discovery-panel.ts';
import { MCP_VARIANTS } from '../../scripts/lab/mcp/variants.ts';
import { startLab, type Lab, type Served } from '../../scripts/lab/server.ts';

const repo = resolve(import.meta.dirname, '../..');
const served: Served[] = [];
let lab: Lab;
let ff: FirefoxSession;
let ext: Page;
let tab: LabTab;
let run: PanelRun;

/** puppeteer's Page as the driver wants it: extension pages need gotoExtensionPage in Firefox. */
const like = (p: Page, extension: boolean): PageLike => ({
  goto: (url) => (extension ? gotoExtensionPage(p, url) : p.goto(url)),
  evaluate: (fn, arg) => p.evaluate(fn as never, arg as never) as never,
  waitForSelector: (sel, o) => p.waitForSelector(sel, o),
  click: (sel) => p.click(sel),
});

beforeAll(async () => {
  lab = await startLab({ onRequest: (e) => served.push(e) });
  ff = await launchFirefox({
    extensionDir: firefoxDist(repo),
    runDir: join(repo, 'test-output', 'e2e-firefox-discovery'),
  });
  ext = await ff.openExtensionPage('options.html');
  tab = await openLabTab(ff, ext, lab, undefined, (await ff.browser.pages())[0]);
  const panel = await ff.openExtensionPage('options.html');
  run = {
    lab: like(tab.page, false),
    panel: like(panel, true),
    extensionBase: ff.extensionUrl(''),
    tabId: tab.tabId,
    mcpOrigin: lab.mcp,
    records: async () => (await getRecords(ext, tab.tabId)).records,
  };
});

afterAll(async () => {
  await ff?.close();
  await lab?.close();
});

describe('Check discovery in the Firefox panel', () => {
  for (const v of MCP_VARIANTS) {
    it(`${v.id}: ${v.finding ?? 'every check passes'}`, async () => {
      const before = served.length;
      const r = await checkVariantInPanel(run, v);
      expect(r.top, `${r.summary}\n${r.steps.join('\n')}`).toBe(r.expected);
      const mine = served.slice(before).filter((e) => e.path.includes('/.well-known/'));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.filter((e) => e.authorization || e.cookie)).toEqual([]);
    });
  }
});
