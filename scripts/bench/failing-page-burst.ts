// A burst of 10 000 auth failures in one tab, in real Chromium and Firefox with the built add-on
// and "records kept per tab" at its maximum (5 000): how many records are kept, how long after
// the burst's end the badge shows the final count, what the browser counts in storage.session
// against the quota, and (Chromium) the worker's JS heap after a GC, through CDP.
// Run: npx tsx scripts/bench/failing-page-burst.ts [--browser chromium|firefox|both] (after npm run build).
// Figures are never asserted.
import type { BrowserContext, Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium } from '../find-browser.ts';
import { launchWithExtension } from '../lab/chromium.ts';
import { launchFirefox } from '../lab/firefox.ts';

const root = resolve(import.meta.dirname, '..', '..');
const BURST = Number(process.env.BENCH_BURST ?? 10_000);
const KEEP = 5000;

const PAGE = `<!doctype html><title>burst</title><script>
(async () => {
  const n = Number(new URLSearchParams(location.search).get('n'));
  const t0 = performance.now();
  for (let i = 0; i < n; i += 100)
    await Promise.all(Array.from({ length: Math.min(100, n - i) }, (_, k) =>
      fetch('/fail?i=' + (i + k), { cache: 'no-store', headers: { Authorization: 'Bearer burst-token' } })
        .then((r) => r.arrayBuffer())));
  document.title = 'done ' + (performance.now() - t0);
})();
</script>`;

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    if ((req.url ?? '/').startsWith('/fail')) {
      res.writeHead(401, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        'WWW-Authenticate': 'Bearer realm="burst", error="invalid_token", error_description="The access token expired"',
      });
      res.end('{"error":"invalid_token"}');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
    res.end(PAGE);
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

/** The structural part of playwright's and puppeteer's Page that this bench uses. */
interface AnyPage {
  goto(url: string): Promise<unknown>;
  title(): Promise<string>;
  evaluate<A, R>(fn: (a: A) => R | Promise<R>, a: A): Promise<R>;
}

interface Result {
  browser: string;
  pageMs: number;
  kept: number;
  badgeAfterMs: number;
  badge: string;
  title: string;
  bytesInUse: number | undefined;
  rssMb: number | undefined;
}

/**
 * The service worker's used JS heap after a GC (MB), through CDP: attach to the worker's target
 * from a page's session and talk to it with Target.sendMessageToTarget.
 */
async function workerHeapMb(ctx: BrowserContext, page: Page, extensionId: string): Promise<number | undefined> {
  const cdp = await ctx.newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
    if (!sw) return undefined;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as {
      sessionId: string;
    };
    let next = 0;
    const call = (method: string): Promise<Record<string, number>> =>
      new Promise((resolve) => {
        const id = ++next;
        const on = (e: { sessionId: string; message: string }): void => {
          const m = JSON.parse(e.message) as { id?: number; result?: Record<string, number> };
          if (e.sessionId !== sessionId || m.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', on);
          resolve(m.result ?? {});
        };
        cdp.on('Target.receivedMessageFromTarget', on);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      });
    await call('HeapProfiler.collectGarbage');
    const heap = await call('Runtime.getHeapUsage');
    return heap.usedSize === undefined ? undefined : heap.usedSize / 1048576;
  } catch {
    return undefined;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function measure(
  name: string,
  page: AnyPage,
  ext: AnyPage,
  base: string,
  rss: () => Promise<number | undefined>,
): Promise<Result> {
  type Api = {
    runtime: { sendMessage(m: unknown): Promise<unknown> };
    tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
    action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> };
    storage: { session: { getBytesInUse?(k: null): Promise<number> } };
  };
  await ext.evaluate(
    (keep) =>
      (
        (globalThis as unknown as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome
      ).runtime.sendMessage({
        ns: 'authlens',
        type: 'setSettings',
        patch: { recordsPerTab: keep, preserveLog: false },
      }),
    KEEP,
  );
  await page.goto(`${base}/`);
  const tabs = await ext.evaluate(
    () =>
      ((globalThis as unknown as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome).tabs
        .query({})
        .then((ts) => ts.map((t) => ({ id: t.id, url: t.url }))),
    null,
  );
  const tabId = tabs.find((t) => t.url?.startsWith(base))!.id!;
  await page.goto(`${base}/?n=${BURST}`);
  let pageMs = Number.NaN;
  for (let i = 0; i < 2400 && Number.isNaN(pageMs); i++) {
    const m = /^done ([\d.]+)$/.exec(await page.title());
    if (m) pageMs = Number(m[1]);
    else await new Promise((r) => setTimeout(r, 25));
  }
  const ended = Date.now();
  // the badge is final when its tooltip counts what the tab holds (all records, or fewer if dropped)
  let title = '';
  let badge = '';
  let badgeAfterMs = Number.NaN;
  for (let i = 0; i < 400; i++) {
    let count: number;
    [badge, title, count] = await ext.evaluate(async (id) => {
      const api =
        (globalThis as unknown as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome;
      const [b, t, reply] = await Promise.all([
        api.action.getBadgeText({ tabId: id }),
        api.action.getTitle({ tabId: id }),
        api.runtime.sendMessage({ ns: 'authlens', type: 'getRecords', tabId: id }) as Promise<{ records: unknown[] }>,
      ]);
      return [b, t, reply.records.length] as [string, string, number];
    }, tabId);
    if (count > 0 && title.includes(`: ${count} auth failure`)) {
      badgeAfterMs = Date.now() - ended;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  await new Promise((r) => setTimeout(r, 1000)); // the last batched write
  const got = await ext.evaluate(async (id) => {
    const api =
      (globalThis as unknown as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome;
    const reply = (await api.runtime.sendMessage({ ns: 'authlens', type: 'getRecords', tabId: id })) as {
      records: unknown[];
    };
    const bytes = api.storage.session.getBytesInUse ? await api.storage.session.getBytesInUse(null) : undefined;
    return { kept: reply.records.length, bytes };
  }, tabId);
  return {
    browser: name,
    pageMs,
    kept: got.kept,
    badgeAfterMs,
    badge,
    title,
    bytesInUse: got.bytes,
    rssMb: await rss(),
  };
}

async function inChromium(base: string, dist: string): Promise<Result> {
  const b = await launchWithExtension({
    executablePath: findChromium().path,
    extensionDir: join(dist, 'chrome'),
    headless: true,
  });
  const ctx = b.context;
  try {
    const id = b.extensionId;
    const extPage = await ctx.newPage();
    await extPage.goto(`chrome-extension://${id}/options.html`);
    const page = await ctx.newPage();
    return await measure('Chromium', page as never, extPage as never, base, () => workerHeapMb(ctx, page, id));
  } finally {
    await b.close();
  }
}

async function inFirefox(base: string, dist: string): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'authlens-burst-ff-'));
  const ff = await launchFirefox({ extensionDir: join(dist, 'firefox'), runDir: dir });
  try {
    const extPage = await ff.openExtensionPage('options.html');
    const page = await ff.browser.newPage();
    // Firefox runs every add-on's pages and background in one "extension" content process
    return await measure('Firefox', page as never, extPage as never, base, async () => undefined);
  } finally {
    await ff.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runBurstBench(which: 'chromium' | 'firefox' | 'both' = 'both'): Promise<string> {
  if (!existsSync(join(root, 'dist', 'chrome', 'manifest.json'))) throw new Error('run `npm run build` first');
  const server = await serve();
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const rows: string[] = [];
  const builds: [string, string][] = [['AuthLens', join(root, 'dist')]];
  const before = process.env.AUTHLENS_BEFORE_DIST;
  if (before) builds.push(['before', before]);
  try {
    for (const [b, run] of [
      ['chromium', inChromium],
      ['firefox', inFirefox],
    ] as const) {
      if (which !== 'both' && which !== b) continue;
      for (const [label, dist] of builds) {
        try {
          const r = await run(base, dist);
          rows.push(
            `| ${r.browser}, ${label} | ${r.pageMs.toFixed(0)} | ${r.kept} / ${Math.min(BURST, KEEP)} | ` +
              `${Number.isNaN(r.badgeAfterMs) ? `not seen ("${r.title}")` : `${r.badgeAfterMs} ms ("${r.badge}")`} | ` +
              `${r.bytesInUse === undefined ? 'n/a' : `${(r.bytesInUse / 1048576).toFixed(2)} MB`} | ` +
              `${r.rssMb === undefined ? 'n/a' : `${r.rssMb.toFixed(1)} MB`} |`,
          );
        } catch (e) {
          rows.push(`| ${b}, ${label} | not run: ${e instanceof Error ? e.message : String(e)} | | | | |`);
        }
      }
    }
  } finally {
    server.close();
  }
  return [
    `### A burst of ${BURST} auth failures in one tab (records kept per tab: ${KEEP})`,
    '',
    (before ? `"before" is ${before}. ` : '') +
      `Load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} at the end.`,
    '',
    '| browser | burst ms (page) | records kept | badge final after the burst | storage.session in use ' +
      '(getBytesInUse) | worker JS heap after GC |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    'The badge is polled every 25 ms from an extension page; "after" counts from the page seeing its last ' +
      'response. The heap is read through CDP (Chromium only: Firefox offers no such view of its event page).',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv.indexOf('--browser');
  const which = (arg > 0 ? process.argv[arg + 1] : 'both') as 'chromium' | 'firefox' | 'both';
  runBurstBench(which).then(console.log, (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
