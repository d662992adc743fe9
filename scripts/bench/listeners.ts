// What our webRequest listeners cost a user's browsing, in real Chromium: a page fires N
// parallel fetches to a local server answering 200; each configuration is its own browser,
// all alive at once, rounds interleaved in rotating order so machine noise hits all alike.
// Reported: median page time and ratios against the same browser with no extension.
// Run: npx tsx scripts/bench/listeners.ts (after npm run build). Figures are never asserted.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium } from '../find-browser.ts';
import { browserPid, treeCpuMs } from './cpu.ts';
import { median, pairedRatio, ratioTable } from './stats.ts';

const root = resolve(import.meta.dirname, '..', '..');
const FETCHES = Number(process.env.BENCH_FETCHES ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const WARMUP = 4;
/** runs per configuration per round; the fastest counts (load from other jobs only ever adds time) */
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);

type Event =
  'onSendHeaders' | 'onHeadersReceived' | 'onBeforeRedirect' | 'onAuthRequired' | 'onErrorOccurred' | 'onCompleted';
const SPEC: Record<Event, string[]> = {
  onSendHeaders: ['requestHeaders'],
  onHeadersReceived: ['responseHeaders'],
  onBeforeRedirect: ['responseHeaders'],
  onAuthRequired: ['responseHeaders'],
  onErrorOccurred: [],
  onCompleted: ['responseHeaders'],
};
const AUTHLENS_EVENTS: Event[] = [
  'onSendHeaders',
  'onHeadersReceived',
  'onBeforeRedirect',
  'onAuthRequired',
  'onErrorOccurred',
];

interface Config {
  name: string;
  what: string;
  extension?: string;
}

/** A reference extension whose listeners do nothing, on the given events (+ extraHeaders, as ours). */
function referenceExtension(dir: string, events: Event[]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: `empty listeners: ${events.join(' ')}`,
      version: '1.0',
      permissions: ['webRequest'],
      host_permissions: ['<all_urls>'],
      background: { service_worker: 'bg.js' },
    }),
  );
  const lines = events.map(
    (e) => `chrome.webRequest.${e}.addListener(noop, ALL, ${JSON.stringify(SPEC[e])}.concat(x));`,
  );
  writeFileSync(
    join(dir, 'bg.js'),
    [
      "const ALL = { urls: ['<all_urls>'] };",
      "const x = chrome.webRequest.OnSendHeadersOptions?.EXTRA_HEADERS ? ['extraHeaders'] : [];",
      'const noop = () => {};',
      ...lines,
    ].join('\n'),
  );
  return dir;
}

const PAGE = `<!doctype html><title>bench</title><script>
window.run = async (n, round) => {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) =>
    fetch('/r?round=' + round + '&i=' + i, { cache: 'no-store', headers: { Authorization: 'Bearer bench-token' } })
      .then((r) => r.arrayBuffer())));
  return performance.now() - t0;
};
</script>`;

function serve(): Promise<Server> {
  const body = JSON.stringify({ ok: true, items: Array.from({ length: 8 }, (_, i) => ({ id: i, name: `item ${i}` })) });
  const server = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(PAGE);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

async function launch(
  config: Config,
  base: string,
): Promise<{ ctx: BrowserContext; page: Page; pid: number | undefined }> {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  if (config.extension)
    args.unshift(`--disable-extensions-except=${config.extension}`, `--load-extension=${config.extension}`);
  const dir = mkdtempSync(join(tmpdir(), 'authlens-bench-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: findChromium().path,
    headless: true,
    args,
  });
  if (config.extension && ctx.serviceWorkers().length === 0)
    await ctx.waitForEvent('serviceworker', { timeout: 15_000 });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(base + '/');
  return { ctx, page, pid: browserPid(dir) };
}

export async function runListenerBench(): Promise<string> {
  const dist = join(root, 'dist', 'chrome');
  if (!existsSync(join(dist, 'background.js'))) throw new Error('dist/chrome is missing: run `npm run build` first');
  const tmp = mkdtempSync(join(tmpdir(), 'authlens-ref-'));
  const configs: Config[] = [
    { name: 'none', what: 'no extension' },
    {
      name: 'empty-2',
      what: 'empty onSendHeaders + onHeadersReceived (the floor)',
      extension: referenceExtension(join(tmp, 'e2'), ['onSendHeaders', 'onHeadersReceived']),
    },
    {
      name: 'empty-5',
      what: `empty listeners on AuthLens's 5 events`,
      extension: referenceExtension(join(tmp, 'e5'), AUTHLENS_EVENTS),
    },
    {
      name: 'empty-5+completed',
      what: 'the same + empty onCompleted',
      extension: referenceExtension(join(tmp, 'e6'), [...AUTHLENS_EVENTS, 'onCompleted']),
    },
    { name: 'authlens', what: 'AuthLens (dist/chrome)', extension: dist },
  ];
  const server = await serve();
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const running: {
    config: Config;
    ctx: BrowserContext;
    page: Page;
    pid: number | undefined;
    times: number[];
    cpu: number[];
  }[] = [];
  try {
    for (const config of configs) running.push({ config, ...(await launch(config, base)), times: [], cpu: [] });
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      // rotate who goes first so drift and warm caches favour no one
      for (let k = 0; k < running.length; k++) {
        const r = running[(round + k) % running.length]!;
        let best = Infinity;
        let bestCpu = Infinity;
        for (let k2 = 0; k2 < REPEAT; k2++) {
          const c0 = treeCpuMs(r.pid);
          best = Math.min(best, (await r.page.evaluate(`run(${FETCHES}, ${round * 10 + k2})`)) as number);
          bestCpu = Math.min(bestCpu, treeCpuMs(r.pid) - c0);
        }
        if (round >= WARMUP) {
          r.times.push(best);
          r.cpu.push(bestCpu);
        }
      }
    }
  } finally {
    await Promise.all(running.map((r) => r.ctx.close().catch(() => undefined)));
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const none = running[0]!.times;
  const rows = running.map((r) => ({ name: r.config.name, what: r.config.what, times: r.times }));
  const cpuRows = running.map((r) => ({ name: r.config.name, what: r.config.what, times: r.cpu }));
  const hasCpu = cpuRows.every((r) => r.times.every(Number.isFinite));
  const t = (n: string) => rows.find((r) => r.name === n)!.times;
  const c = (n: string) => cpuRows.find((r) => r.name === n)!.times;
  const pair = (a: string, b: string, why: string) =>
    `| ${a} / ${b} | ${why} | ×${pairedRatio(t(a), t(b)).toFixed(3)} | ` +
    `×${(median(t(a)) / median(t(b))).toFixed(3)} | ` +
    `${hasCpu ? `×${(median(c(a)) / median(c(b))).toFixed(3)}` : 'n/a'} |`;
  return [
    `### Listener cost in real Chromium (${FETCHES} parallel fetches of a 200 per round, best of ${REPEAT}, ` +
      `${ROUNDS} rounds after ${WARMUP} warm-up, interleaved)`,
    '',
    'Page time (wall clock, in the page):',
    '',
    ratioTable(rows, none),
    '',
    ...(hasCpu
      ? [
          'CPU time of the whole browser process tree for the same rounds (Linux /proc, 10 ms ticks):',
          '',
          ratioTable(cpuRows, running[0]!.cpu, 'CPU ms'),
          '',
        ]
      : []),
    '| pair | what it isolates | page time: median per-round ratio | page time: ratio of medians | CPU: ' +
      'ratio of medians |',
    '|---|---|---|---|---|',
    pair('empty-5+completed', 'empty-5', 'the cost of also listening to onCompleted'),
    pair('empty-5', 'empty-2', 'onBeforeRedirect + onAuthRequired + onErrorOccurred (rare events) over the floor'),
    pair('authlens', 'empty-5', "AuthLens's own work over empty listeners on the same events"),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runListenerBench().then(console.log, (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
