// The panel, popup and options pages driven as a user would, in the Chromium with the extension
// loaded: settled rows (their diagnosis done), axe-core runs, downloads, and a HAR written by
// Chromium itself (playwright's recorder, a browser of its own) while it talks to the lab.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../../scripts/lab/chromium.ts';
import { click } from '../../../scripts/lab/driver.ts';
import { READY_SELECTOR, labUrl } from '../../../scripts/lab/scenarios.ts';
import { repo } from './chromium.ts';

export interface Row {
  id: string;
  status: string;
  finding: string;
}

export const ROW = '[data-testid="record-row"]';
const SETTLED = `${ROW}:not([data-pending])`;

export async function openPage(
  context: BrowserContext,
  extensionId: string,
  path: string,
  o: { width: number; height: number; dark?: boolean },
): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: o.width, height: o.height });
  await page.emulateMedia({ colorScheme: o.dark ? 'dark' : 'light' });
  await page.goto(`chrome-extension://${extensionId}/${path}`);
  return page;
}

/**
 * The rows the list shows once `count` of them are there and none waits for its diagnosis
 * (data-pending): id, status and top finding, in list order.
 */
export async function settledRows(page: Page, count: number, timeout = 10_000): Promise<Row[]> {
  await page.waitForFunction(
    ([all, settled, n]) =>
      document.querySelectorAll(all).length === n && document.querySelectorAll(settled).length === n,
    [ROW, SETTLED, count] as const,
    { timeout, polling: 100 },
  );
  return page.locator(ROW).evaluateAll((els) =>
    els
      .map((e) => ({
        id: e.getAttribute('data-record-id') ?? '',
        status: e.getAttribute('data-status') ?? '',
        finding: e.getAttribute('data-finding') ?? '',
        y: e.getBoundingClientRect().top,
      }))
      .sort((a, b) => a.y - b.y)
      .map(({ id, status, finding }) => ({ id, status, finding })),
  );
}

/** The finding ids of the open detail, in the order shown. */
export function detailFindings(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="detail"] [data-testid="finding"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-finding-id') ?? ''));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
}

const AXE = join(repo, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * axe-core on the page as it is now. Extension pages forbid inline scripts (MV3 CSP
 * `script-src 'self'`), so the `<script>` that addScriptTag inserts is blocked there; the
 * source is then evaluated through the DevTools protocol, which CSP does not govern.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = (): Promise<boolean> =>
    page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  await page.addScriptTag({ path: AXE }).catch(() => undefined);
  if (!(await loaded())) await page.evaluate(readFileSync(AXE, 'utf8'));
  if (!(await loaded())) throw new Error('axe-core could not be loaded into the page');
  const res = await page.evaluate(() =>
    (
      window as unknown as {
        axe: {
          run(o: object): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe.run({ resultTypes: ['violations'] }),
  );
  return res.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }));
}

export function describeViolations(vs: AxeViolation[]): string {
  return vs.map((v) => `${v.impact ?? '?'} ${v.id} (${v.nodes}×): ${v.help} [${v.targets.join(' | ')}]`).join('\n');
}

/** Export menu → the HAR button; the download's text. */
export async function exportHar(panel: Page, file: string): Promise<string> {
  await panel.click('[data-testid="export"]');
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('[data-testid="export-har"]')]);
  await download.saveAs(file);
  // close the menu again (the screenshots and axe runs see the panel as it rests)
  await panel.keyboard.press('Escape');
  return readFileSync(file, 'utf8');
}

export async function importHar(panel: Page, file: string): Promise<void> {
  await panel.setInputFiles('[data-testid="import-file"]', file);
}

/**
 * Chromium writes a HAR (playwright's recordHar, bodies embedded) while the lab page plays the
 * given scenarios: a plain browser, no extension, like a developer's "Save all as HAR".
 * Returns the scenarios whose page step ended "done".
 */
export async function recordLabHar(
  executablePath: string,
  primary: string,
  scenarios: readonly string[],
  file: string,
): Promise<string[]> {
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_FLAGS] });
  try {
    const ctx = await browser.newContext({ recordHar: { path: file, content: 'embed' } });
    const page = await ctx.newPage();
    await page.goto(labUrl(primary));
    await page.waitForSelector(READY_SELECTOR);
    const done: string[] = [];
    for (const id of scenarios) if ((await click(page, id)).state === 'done') done.push(id);
    await ctx.close(); // the HAR is written here
    return done;
  } finally {
    await browser.close();
  }
}
