// The discovery doctor in the browser, against the lab's MCP variants: a page script on the lab's
// primary origin calls a variant's endpoint (a real cross-origin 401), AuthLens records it, and
// the panel opened on that record runs Check discovery; the top finding is read from the panel.
// Written against the few Page methods playwright and puppeteer share, so the Chromium and the
// Firefox suites (and `npm start`) drive it alike. Evaluated functions stay flat (tsx keepNames).
import type { CaptureRecord } from '../../../src/shared/types.ts';
import { expectedTop } from './discovery.ts';
import type { McpVariant } from './variants.ts';

export interface PageLike {
  goto(url: string): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<unknown>;
  click(selector: string): Promise<unknown>;
}

export interface PanelCheck {
  variant: McpVariant;
  expected: string;
  /** the finding the panel's discovery report puts first */
  top: string;
  summary: string;
  /** the steps the panel showed: kind, URL, status */
  steps: string[];
  pass: boolean;
}

/** A page script's MCP request (tools/list) to the variant's endpoint, with a token if given; its status. */
export function callVariant(lab: PageLike, mcpOrigin: string, v: McpVariant, token?: string): Promise<number | string> {
  return lab.evaluate(
    ([url, bearer]: [string, string]) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
        },
        body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
      }).then(
        (r) => r.status,
        (e: unknown) => String(e),
      ),
    [mcpOrigin + v.path, token ?? ''] as [string, string],
  );
}

export interface PanelRun {
  lab: PageLike;
  /** an extension page to open panel.html in */
  panel: PageLike;
  /** chrome-extension://<id>/ or moz-extension://<uuid>/ */
  extensionBase: string;
  tabId: number;
  mcpOrigin: string;
  /** the tab's records, through the extension's protocol */
  records(): Promise<CaptureRecord[]>;
  timeoutMs?: number;
}

/**
 * Calls the variant from the lab page (with `token`, a Bearer token, if given), opens the panel on
 * the 401 recorded, clicks Check discovery and reads what the panel puts first (expected: the
 * variant's finding, or `expected` when given).
 */
export async function checkVariantInPanel(
  o: PanelRun,
  v: McpVariant,
  call: { token?: string; expected?: string } = {},
): Promise<PanelCheck> {
  const url = o.mcpOrigin + v.path;
  const timeout = o.timeoutMs ?? 15_000;
  const known = new Set((await o.records()).map((r) => r.id));
  await callVariant(o.lab, o.mcpOrigin, v, call.token);
  let record: CaptureRecord | undefined;
  for (const end = Date.now() + timeout; !record && Date.now() < end;) {
    record = (await o.records()).find((r) => r.url === url && r.status === 401 && !known.has(r.id));
    if (!record) await new Promise((r) => setTimeout(r, 100));
  }
  if (!record) throw new Error(`${v.id}: AuthLens recorded no 401 from ${url}`);
  await o.panel.goto(`${o.extensionBase}panel.html?tabId=${o.tabId}&record=${encodeURIComponent(record.id)}`);
  await o.panel.waitForSelector('#tab-discovery', { timeout });
  await o.panel.click('#tab-discovery');
  await o.panel.waitForSelector('[data-testid="check-discovery"]', { timeout });
  await o.panel.click('[data-testid="check-discovery"]');
  await o.panel.waitForSelector('[data-testid="discovery"][data-status="done"]', { timeout: timeout + 10_000 });
  const seen = await o.panel.evaluate(
    () => ({
      top: document.querySelector('[data-testid="discovery"]')?.getAttribute('data-top') ?? '',
      summary: document.querySelector('[data-testid="discovery-summary"]')?.textContent ?? '',
      steps: [...document.querySelectorAll('[data-testid="discovery-step"] > h3')].map((h) => h.textContent ?? ''),
    }),
    undefined,
  );
  const expected = call.expected ?? expectedTop(v);
  return { variant: v, expected, ...seen, pass: seen.top === expected };
}
