// What AuthLens costs a page that is FAILING, in real browsers: the page fires 300 parallel
// fetches to loopback, some of which a server answers 401 + a Bearer challenge. Each page load
// is one measurement (a new document, as a developer reloading a broken page does). Three
// configurations side by side in one run: no extension, the floor (an extension with only the
// two empty header listeners a capture tool cannot do without) and AuthLens; loads interleaved
// in rotating order so machine noise hits all alike. Reported: median page time per variant,
// ratios against the floor and against no extension, and the spread of the per-round ratios.
// Run: npx tsx scripts/bench/failing-page.ts [--browser chromium|firefox|both] (after npm run build).
// Figures are never asserted.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './stats.ts';
import { chromiumDriver, firefoxDriver, type PageDriver } from './failing-page-drivers.ts';

const root = resolve(import.meta.dirname, '..', '..');
const FETCHES = 300;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const WARMUP = 2;
/** after each load: the background's batched writes (250 ms) and badge (250 ms) land in the CPU figure */
const SETTLE_MS = 400;

export interface Variant {
  name: string;
  failures: number;
}

export const VARIANTS: Variant[] = [
  { name: '300 successes', failures: 0 },
  { name: '294 successes + 6 failures (2 %)', failures: 6 },
  { name: '150 successes + 150 failures (50 %)', failures: 150 },
];

export interface Config {
  name: 'none' | 'floor' | 'authlens' | 'before';
  what: string;
  /** unpacked extension folder, per browser */
  extension?: { chromium: string; firefox: string };
}

const PAGE = `<!doctype html><title>failing page</title><script>
(async () => {
  const q = new URLSearchParams(location.search);
  const n = Number(q.get('n')), f = Number(q.get('f')), round = q.get('r');
  const every = f > 0 ? n / f : Infinity;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => {
    const path = f > 0 && i % every < 1 ? '/fail' : '/ok';
    const init = { cache: 'no-store', headers: { Authorization: 'Bearer bench-token' } };
    return fetch(path + '?r=' + round + '&i=' + i, init)
      .then((r) => r.arrayBuffer());
  }));
  document.title = 'done ' + (performance.now() - t0);
})();
</script>`;

function serve(): Promise<Server> {
  const ok = JSON.stringify({ ok: true, items: Array.from({ length: 8 }, (_, i) => ({ id: i, name: `item ${i}` })) });
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
      res.end(PAGE);
    } else if (path === '/fail') {
      res.writeHead(401, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        'WWW-Authenticate': 'Bearer realm="bench", error="invalid_token", error_description="The access token expired"',
      });
      res.end('{"error":"invalid_token"}');
    } else {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(ok);
    }
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

/** The floor: an extension whose only listeners are empty onSendHeaders + onHeadersReceived. */
function floorExtension(dir: string, browser: 'chromium' | 'firefox'): string {
  mkdirSync(dir, { recursive: true });
  const manifest: Record<string, unknown> = {
    manifest_version: 3,
    name: 'floor: two empty header listeners',
    version: '1.0',
    permissions: ['webRequest'],
    host_permissions: ['<all_urls>'],
    background: browser === 'chromium' ? { service_worker: 'bg.js' } : { scripts: ['bg.js'] },
  };
  if (browser === 'firefox') manifest.browser_specific_settings = { gecko: { id: 'floor@authlens.bench' } };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(
    join(dir, 'bg.js'),
    [
      "const ALL = { urls: ['<all_urls>'] };",
      'const wr = (globalThis.browser ?? chrome).webRequest;',
      "const x = wr.OnSendHeadersOptions?.EXTRA_HEADERS ? ['extraHeaders'] : [];",
      'const noop = () => {};',
      "wr.onSendHeaders.addListener(noop, ALL, ['requestHeaders', ...x]);",
      "wr.onHeadersReceived.addListener(noop, ALL, ['responseHeaders', ...x]);",
    ].join('\n'),
  );
  return dir;
}

interface Series {
  config: Config;
  driver: PageDriver;
  /** variant name -> one page time per round */
  times: Map<string, number[]>;
  /** variant name -> CPU ms of the browser's process tree per load */
  cpu: Map<string, number[]>;
}

function fmtRatio(xs: number[], ref: number[]): string {
  const n = Math.min(xs.length, ref.length);
  const per = Array.from({ length: n }, (_, i) => xs[i]! / ref[i]!).sort((a, b) => a - b);
  const q = (p: number) => per[Math.min(per.length - 1, Math.floor(p * per.length))]!;
  return `×${(median(xs) / median(ref)).toFixed(2)} (rounds ${q(0.25).toFixed(2)}–${q(0.75).toFixed(2)})`;
}

export async function runFailingPageBench(browser: 'chromium' | 'firefox'): Promise<string> {
  const dist = join(root, 'dist', browser === 'chromium' ? 'chrome' : 'firefox');
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} is missing: run \`npm run build\` first`);
  const tmp = mkdtempSync(join(tmpdir(), 'authlens-failing-'));
  const configs: Config[] = [
    { name: 'none', what: 'no extension' },
    {
      name: 'floor',
      what: 'two empty header listeners',
      extension: {
        chromium: floorExtension(join(tmp, 'fc'), 'chromium'),
        firefox: floorExtension(join(tmp, 'ff'), 'firefox'),
      },
    },
    { name: 'authlens', what: 'AuthLens', extension: { chromium: dist, firefox: dist } },
  ];
  // another build (e.g. main's) measured in the same interleaved rounds: before/after without
  // the machine's load changing between two runs
  const before = process.env.AUTHLENS_BEFORE_DIST;
  if (before) {
    configs.push({
      name: 'before',
      what: `AuthLens from ${before}`,
      extension: { chromium: join(before, 'chrome'), firefox: join(before, 'firefox') },
    });
  }
  const server = await serve();
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const launch = browser === 'chromium' ? chromiumDriver : firefoxDriver;
  const series: Series[] = [];
  try {
    for (const config of configs) {
      const ext = config.extension?.[browser];
      series.push({
        config,
        driver: await launch(ext, join(tmp, `run-${config.name}`)),
        times: new Map(),
        cpu: new Map(),
      });
    }
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      for (const v of VARIANTS) {
        for (let k = 0; k < series.length; k++) {
          const s = series[(round + k) % series.length]!;
          const c0 = s.driver.cpuMs();
          const ms = await s.driver.load(`${base}/?n=${FETCHES}&f=${v.failures}&r=${round}`);
          // the browser's CPU for this load, including the work the page's events left behind
          await new Promise((r) => setTimeout(r, SETTLE_MS));
          const cpu = s.driver.cpuMs() - c0;
          if (round < WARMUP) continue;
          s.times.set(v.name, [...(s.times.get(v.name) ?? []), ms]);
          s.cpu.set(v.name, [...(s.cpu.get(v.name) ?? []), cpu]);
        }
      }
    }
  } finally {
    await Promise.all(series.map((s) => s.driver.close().catch(() => undefined)));
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const pick =
    (what: 'times' | 'cpu') =>
    (name: Config['name'], v: string): number[] =>
      series.find((s) => s.config.name === name)?.[what].get(v) ?? [];
  const hasBefore = series.some((s) => s.config.name === 'before');
  const hasCpu = series.every((s) => [...s.cpu.values()].flat().every(Number.isFinite));
  const table = (what: 'times' | 'cpu', unit: string): string[] => {
    const t = pick(what);
    const cols = [
      'page',
      `none ${unit}`,
      `floor ${unit}`,
      `AuthLens ${unit}`,
      ...(hasBefore ? [`before ${unit}`] : []),
      'AuthLens / floor',
      ...(hasBefore ? ['before / floor'] : []),
      'AuthLens / none',
      'floor / none',
    ];
    const head = `| ${cols.join(' | ')} |`;
    const rows = VARIANTS.map((v) => {
      const [none, floor, al, was] = [
        t('none', v.name),
        t('floor', v.name),
        t('authlens', v.name),
        t('before', v.name),
      ];
      const ms = [none, floor, al, ...(hasBefore ? [was] : [])].map((xs) => median(xs).toFixed(0));
      const ratios = [
        fmtRatio(al, floor),
        ...(hasBefore ? [fmtRatio(was, floor)] : []),
        fmtRatio(al, none),
        fmtRatio(floor, none),
      ];
      return `| ${v.name} | ${[...ms, ...ratios].join(' | ')} |`;
    });
    return [head, head.replace(/[^|]+/g, '---'), ...rows];
  };
  return [
    `### A failing page in real ${browser === 'chromium' ? 'Chromium' : 'Firefox'}`,
    '',
    `${FETCHES} parallel fetches per load, ${ROUNDS} rounds after ${WARMUP} warm-up, configurations interleaved` +
      (hasBefore ? `; "before" is ${process.env.AUTHLENS_BEFORE_DIST}.` : '.') +
      ` Load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} at the end.`,
    '',
    'Page time (wall clock, measured by the page):',
    '',
    ...table('times', 'ms'),
    '',
    ...(hasCpu
      ? [
          `CPU time of the browser's whole process tree per load (Linux /proc, 10 ms ticks; each load followed by ` +
            `${SETTLE_MS} ms so the background's batched work is counted):`,
          '',
          ...table('cpu', 'CPU ms'),
          '',
        ]
      : []),
    'Ratios are of medians; in brackets the 25th–75th percentile of the per-round ratios (the spread).',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv.indexOf('--browser');
  const which = arg > 0 ? process.argv[arg + 1] : 'both';
  const browsers = which === 'both' ? (['chromium', 'firefox'] as const) : ([which] as ['chromium' | 'firefox']);
  (async () => {
    for (const b of browsers) console.log(`${await runFailingPageBench(b)}\n`);
  })().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
