// The panel with thousands of real records, in real Chromium (dist/chrome loaded): a page fires
// BENCH_PANEL_RECORDS failing requests at a local server (401 Bearer expired JWT, 403
// insufficient_scope, 401 API key without a challenge, 419 CSRF); the worker keeps what its per-tab cap and the
// storage.session quota allow (reported). Then, several times each:
//  - first render: navigation start → first rows painted, and the `authlens:snapshot` mark →
//    rows painted ("painted" = a task queued from the next animation frame after the first
//    row entered the DOM, so the frame with the rows has been produced);
//  - filter keystroke: the key event's timestamp → the same point after the next frame, with a
//    check that the list shown then is already the final one for that text.
//  - HAR import: BENCH_PANEL_HAR entries (the kept captures repeated with distinct URLs) into an
//    empty panel: file chosen → first rows painted, then the same keystrokes.
// Medians are printed as Markdown (run by scripts/bench/run.ts). Goals: first rows < 150 ms,
// first keystroke < 50 ms; a 50 000-entry import shows rows < 1 s, keystrokes < 50 ms at p90.
// Reported, never asserted. BENCH_EXTENSION measures another unpacked build (e.g. main's);
// BENCH_EXTENSIONS=before=DIR,after=DIR runs several side by side, their loads alternated so that
// a machine shared with other work weighs on each the same.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { findChromium } from '../find-browser.ts';
import { launchWithExtension, type Launched } from '../lab/chromium.ts';
import { getRecords, openExtensionPage, setSettings, tabIdOf } from '../lab/extension.ts';
import { toHar } from '../../src/har/write.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { median } from './stats.ts';

const root = resolve(import.meta.dirname, '..', '..');
const RECORDS = Number(process.env.BENCH_PANEL_RECORDS ?? 5000);
const RENDER_RUNS = Number(process.env.BENCH_PANEL_RUNS ?? 7);
const FILTER_RUNS = Number(process.env.BENCH_PANEL_FILTER_RUNS ?? 3);
const HAR_ENTRIES = Number(process.env.BENCH_PANEL_HAR ?? 50_000);
const EXTENSION = resolve(process.env.BENCH_EXTENSION ?? join(root, 'dist', 'chrome'));
/** typed one key at a time; then cleared by Backspace one key at a time (every key measured) */
const QUERIES = ['invoices', 'status:403', 'finding:token-expired', '-domain:127'];

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
// shape of a real ES256 access token; the signature is filler (the server rejects it anyway)
const EXPIRED_JWT = `${b64({ alg: 'ES256', typ: 'at+jwt', kid: 'bench' })}.${b64({ iss: 'http://127.0.0.1/bench', aud: 'bench-api', sub: 'alice', exp: 1_700_000_000, iat: 1_699_996_400 })}.${'s'.repeat(86)}`;

const PAGE = `<!doctype html><title>panel bench</title><script>
window.fire = async (n, batch) => {
  const kinds = [
    ['invoices', { Authorization: 'Bearer ${EXPIRED_JWT}' }],
    ['admin/users', { Authorization: 'Bearer ${EXPIRED_JWT}' }],
    ['reports', { 'X-Api-Key': 'bench_live_0000000000000000' }],
    ['profile', { 'X-Requested-With': 'XMLHttpRequest' }],
  ];
  const statuses = [];
  for (let i = 0; i < n; i += batch) {
    const round = [];
    for (let j = i; j < Math.min(n, i + batch); j++) {
      const [kind, headers] = kinds[j % kinds.length];
      const init = { method: kind === 'profile' ? 'PUT' : 'GET', headers, cache: 'no-store' };
      round.push(fetch('/api/' + kind + '/' + j, init).then((r) => r.status));
    }
    statuses.push(...await Promise.all(round));
  }
  return statuses.filter((s) => s >= 400).length;
};
</script>`;

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(PAGE);
      return;
    }
    const json = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
    if (url.startsWith('/api/invoices/')) {
      res.writeHead(401, {
        ...json,
        'WWW-Authenticate': 'Bearer realm="bench", error="invalid_token", error_description="The access token expired"',
      });
      res.end('{"error":"invalid_token"}');
    } else if (url.startsWith('/api/admin/users/')) {
      res.writeHead(403, {
        ...json,
        'WWW-Authenticate': 'Bearer realm="bench", error="insufficient_scope", scope="bench:admin"',
      });
      res.end('{"error":"insufficient_scope"}');
    } else if (url.startsWith('/api/reports/')) {
      // no challenge: a Basic one would open the browser's login prompt and stall the fetch
      res.writeHead(401, json);
      res.end('{"message":"invalid api key"}');
    } else {
      res.writeHead(419, { 'Content-Type': 'text/html' });
      res.end('<title>Page Expired</title>CSRF token mismatch.');
    }
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

/** Before any panel script: note when the first row enters the DOM and when that frame is done. */
const OBSERVE = `(() => {
  const done = (t) => { window.__bench = Object.assign(window.__bench || {}, t); };
  const afterFrame = (cb) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => cb(performance.now());
    ch.port2.postMessage(0);
  });
  const mo = new MutationObserver(() => {
    if (!window.__bench?.rowsInDom && document.querySelector('[data-testid="record-row"]')) {
      done({ rowsInDom: performance.now() });
      afterFrame((t) => done({ rowsPainted: t }));
    }
    const pending = document.querySelector('[data-testid="record-row"][data-pending]');
    if (window.__bench?.rowsInDom && !window.__bench.diagnosed && !pending) {
      done({ diagnosed: performance.now() });
      mo.disconnect();
    }
  });
  mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-pending'] });
})()`;

interface Render {
  navToPainted: number;
  snapshotToPainted: number;
  navToSnapshot: number;
  navToDiagnosed: number;
  rows: number;
}

async function firstRender(l: Launched, tabId: number): Promise<{ r: Render; page: Page }> {
  const page = await l.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.addInitScript(OBSERVE);
  await page.goto(`chrome-extension://${l.extensionId}/panel.html?tabId=${tabId}`);
  await page.waitForFunction(
    () =>
      (window as unknown as { __bench?: { rowsPainted?: number; diagnosed?: number } }).__bench?.diagnosed !==
        undefined && (window as unknown as { __bench: { rowsPainted?: number } }).__bench.rowsPainted !== undefined,
    undefined,
    { timeout: 60_000 },
  );
  const r = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { rowsPainted: number; diagnosed: number } }).__bench;
    const snap = performance.getEntriesByName('authlens:snapshot')[0]?.startTime ?? NaN;
    const rows = Number(document.querySelector('[data-testid="list"]')?.getAttribute('aria-rowcount') ?? 1) - 1;
    return {
      navToPainted: b.rowsPainted,
      snapshotToPainted: b.rowsPainted - snap,
      navToSnapshot: snap,
      navToDiagnosed: b.diagnosed,
      rows,
    };
  });
  return { r, page };
}

/**
 * The worker keeps fewer than RECORDS when the session quota is reached: the same captures,
 * exported as HAR (secrets in: a bench file) and repeated with distinct URLs up to RECORDS, are
 * imported through the panel's file input into an empty panel.
 */
function bigHar(records: readonly CaptureRecord[], n: number, file: string): void {
  const har = toHar(records, { reveal: true, version: 'bench' });
  const src = har.log.entries;
  har.log.entries = Array.from({ length: n }, (_, i) => {
    const e = structuredClone(src[i % src.length]!);
    e.request.url = `${e.request.url}?copy=${i}`;
    return e;
  });
  writeFileSync(file, JSON.stringify(har));
}

interface Imported {
  importToPainted: number;
  importToDiagnosed: number;
  rows: number;
}

async function importRun(l: Launched, tabId: number, file: string): Promise<{ r: Imported; page: Page }> {
  const page = await l.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.addInitScript(OBSERVE);
  await page.goto(`chrome-extension://${l.extensionId}/panel.html?tabId=${tabId}`);
  await page.waitForSelector('[data-testid="import-file"]', { state: 'attached' });
  await page.evaluate(() =>
    document.querySelector('[data-testid="import-file"]')!.addEventListener(
      'change',
      () => {
        (window as unknown as { __picked: number }).__picked = performance.now();
      },
      { capture: true },
    ),
  );
  await page.setInputFiles('[data-testid="import-file"]', file);
  await page.waitForFunction(
    () =>
      (window as unknown as { __bench?: { rowsPainted?: number; diagnosed?: number } }).__bench?.diagnosed !==
        undefined && (window as unknown as { __bench: { rowsPainted?: number } }).__bench.rowsPainted !== undefined,
    undefined,
    { timeout: 60_000 },
  );
  const r = await page.evaluate(() => {
    const w = window as unknown as { __bench: { rowsPainted: number; diagnosed: number }; __picked: number };
    const rows = Number(document.querySelector('[data-testid="list"]')?.getAttribute('aria-rowcount') ?? 1) - 1;
    return {
      importToPainted: w.__bench.rowsPainted - w.__picked,
      importToDiagnosed: w.__bench.diagnosed - w.__picked,
      rows,
    };
  });
  return { r, page };
}

/** Arms a one-shot measure on the filter: keydown timeStamp → after the next frame, plus the row count then. */
const ARM = `window.__key = new Promise((resolve) => {
  const input = document.querySelector('[data-testid="filter"]');
  const list = () => document.querySelector('[data-testid="list"]')?.getAttribute('aria-rowcount') ?? 'no list';
  input.addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve({ ms: performance.now() - t0, rows: list() });
      ch.port2.postMessage(0);
    });
  }, { once: true, capture: true });
}); undefined`;

interface Key {
  query: string;
  ms: number;
  stale: boolean;
}

async function typeMeasured(page: Page, query: string): Promise<Key[]> {
  const keys: Key[] = [];
  const press = async (key: string): Promise<void> => {
    await page.evaluate(ARM);
    await page.keyboard.press(key);
    const m = await page.evaluate(() => (window as unknown as { __key: Promise<{ ms: number; rows: string }> }).__key);
    await page.waitForTimeout(120); // let anything late land, then compare
    // with nothing matching, the list gives way to a "no match" message
    const final = await page.evaluate(
      () => document.querySelector('[data-testid="list"]')?.getAttribute('aria-rowcount') ?? 'no list',
    );
    keys.push({ query, ms: m.ms, stale: final !== m.rows });
  };
  await page.focus('[data-testid="filter"]');
  for (const ch of query) await press(ch);
  for (let i = 0; i < query.length; i++) await press('Backspace');
  return keys;
}

/** progress on stderr (run.ts reads stdout only) */
const log = (m: string): void => void process.stderr.write(`panel bench: ${m}\n`);
const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '-');
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

/** the first key typed in each panel load (typeMeasured runs QUERIES in order, per load) */
function firsts(keys: Key[]): number[] {
  const perLoad = QUERIES.reduce((n, q) => n + 2 * q.length, 0);
  return keys.filter((_, i) => i % perLoad === 0).map((k) => k.ms);
}

function keyTable(name: string, keys: Key[]): string[] {
  const row = (q: string, ks: Key[], bold = false): string => {
    const ms = ks.map((k) => k.ms);
    const m = f1(median(ms));
    return (
      `| ${name} | ${q} | ${ks.length} | ${bold ? `**${m}**` : m} | ${f1(pct(ms, 0.9))} | ` +
      `${f1(Math.max(...ms))} | ${ks.filter((k) => k.stale).length} |`
    );
  };
  return [
    ...QUERIES.map((q) =>
      row(
        `\`${q}\``,
        keys.filter((k) => k.query === q),
      ),
    ),
    row('all', keys, true),
  ];
}

/** One build under test: its own browser, tab of failures and figures. */
interface Build {
  label: string;
  dir: string;
  l: Launched;
  tabId: number;
  kept: number;
  bytes: number;
  failed: number;
  fireMs: number;
  renders: Render[];
  keys: Key[];
  imports: Imported[];
  importKeys: Key[];
}

/** `label=dir,label=dir` (BENCH_EXTENSIONS), else BENCH_EXTENSION, else dist/chrome. */
function buildsToRun(): { label: string; dir: string }[] {
  const list = process.env.BENCH_EXTENSIONS;
  if (!list) return [{ label: 'this build', dir: EXTENSION }];
  return list.split(',').map((x) => {
    const [label, dir] = x.includes('=') ? (x.split('=', 2) as [string, string]) : [x, x];
    return { label, dir: resolve(dir) };
  });
}

async function prepare(label: string, dir: string, base: string): Promise<Build> {
  const l = await launchWithExtension({ executablePath: findChromium().path, extensionDir: dir, headless: true });
  const tab = await l.context.newPage();
  await tab.goto(`${base}/`);
  const ext = await openExtensionPage(l.context, l.extensionId, 'options.html');
  const tabId = await tabIdOf(ext, `${base}/`);
  await setSettings(ext, { recordsPerTab: RECORDS });
  log(`${label}: tab ${tabId}: firing ${RECORDS} failing requests`);
  const t0 = Date.now();
  const failed = await tab.evaluate(
    ([n, batch]) => (window as unknown as { fire(n: number, b: number): Promise<number> }).fire(n, batch),
    [RECORDS, 50] as const,
  );
  const fireMs = Date.now() - t0;
  // the worker writes in the background: wait until the count stops moving
  let kept = -1;
  for (let stable = 0, end = Date.now() + 120_000; stable < 3 && Date.now() < end;) {
    await new Promise((r) => setTimeout(r, 700));
    const n = (await getRecords(ext, tabId)).length;
    stable = n === kept ? stable + 1 : 0;
    kept = n;
  }
  log(`${label}: kept ${kept}`);
  const bytes = await ext.evaluate(() => chrome.storage.session.getBytesInUse(null));
  // recordsPerTab stays at RECORDS: lowering it would drop all but the newest records of the tab
  await ext.close();
  return { label, dir, l, tabId, kept, bytes, failed, fireMs, renders: [], keys: [], imports: [], importKeys: [] };
}

function report(b: Build, harMb: string, loads: string): string[] {
  const runs = (xs: number[]): string => `${f1(median(xs))} (${xs.map(f1).join(', ')})`;
  const col = (f: (r: Render) => number): string => runs(b.renders.map(f));
  return [
    `#### ${b.label}`,
    '',
    `${b.failed} failing requests fired by a page in ${(b.fireMs / 1000).toFixed(1)} s (recordsPerTab set to ` +
      `${RECORDS}); the worker kept **${b.kept}** records (storage.session ${(b.bytes / 1048576).toFixed(2)} MB ` +
      `of 10 MB). The panel showed ${b.renders[0]?.rows ?? '?'} rows. ${b.renders.length} cold panel loads; ` +
      `medians (each run in brackets), ms. ${loads} Extension: ${b.dir}.`,
    '',
    '| measure | median (runs) | goal |',
    '| --- | --- | --- |',
    `| navigation start → first rows painted | ${col((r) => r.navToPainted)} | < 150 |`,
    `| \`authlens:snapshot\` → first rows painted | ${col((r) => r.snapshotToPainted)} | |`,
    `| navigation start → \`authlens:snapshot\` (records arrive from the worker) | ` +
      `${col((r) => r.navToSnapshot)} | |`,
    `| navigation start → every shown row diagnosed (no data-pending) | ${col((r) => r.navToDiagnosed)} | |`,
    '',
    `HAR import of ${HAR_ENTRIES} entries (${harMb} MB: the kept captures repeated with distinct URLs) into an ` +
      `empty panel, ${b.imports.length} runs; file input change → ms: rows painted ` +
      `**${runs(b.imports.map((r) => r.importToPainted))}** (goal < 1000), every shown row diagnosed ` +
      `${runs(b.imports.map((r) => r.importToDiagnosed))}; rows shown ${b.imports[0]?.rows ?? '?'}.`,
    '',
    `Filter: each key typed then erased with Backspace, ${FILTER_RUNS} panel loads; ` +
      `key event → after the next frame, ms (goal < 50; imported: p90 < 50):`,
    '',
    '| rows | text typed | keys | median | p90 | max | list not yet final at that frame |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...keyTable(`stored (${b.kept} rows)`, b.keys),
    ...keyTable(`imported (${b.imports[0]?.rows ?? '?'} rows)`, b.importKeys),
    '',
    `First keystroke after each panel load (in the medians above too), ms: ` +
      `stored **${firsts(b.keys).map(f1).join(', ')}**; imported ${firsts(b.importKeys).map(f1).join(', ')}.`,
    '',
  ];
}

/** The builds side by side: medians (and p90 of the keystrokes). */
function comparison(builds: Build[]): string[] {
  if (builds.length < 2) return [];
  const m = (xs: number[]): string => f1(median(xs));
  const rows: [string, (b: Build) => string][] = [
    ['first rows painted (navigation start)', (b) => m(b.renders.map((r) => r.navToPainted))],
    ['snapshot → first rows painted', (b) => m(b.renders.map((r) => r.snapshotToPainted))],
    ['every shown row diagnosed', (b) => m(b.renders.map((r) => r.navToDiagnosed))],
    ['first keystroke after a load (stored)', (b) => m(firsts(b.keys))],
    [
      'keystroke median / p90 (stored)',
      (b) =>
        `${m(b.keys.map((k) => k.ms))} / ${f1(
          pct(
            b.keys.map((k) => k.ms),
            0.9,
          ),
        )}`,
    ],
    ['HAR import: rows painted', (b) => m(b.imports.map((r) => r.importToPainted))],
    [
      'keystroke median / p90 (imported)',
      (b) =>
        `${m(b.importKeys.map((k) => k.ms))} / ${f1(
          pct(
            b.importKeys.map((k) => k.ms),
            0.9,
          ),
        )}`,
    ],
  ];
  return [
    `Side by side (loads alternated between the builds, so both met the same machine load), medians in ms:`,
    '',
    `| measure | ${builds.map((b) => b.label).join(' | ')} |`,
    `| --- | ${builds.map(() => '---').join(' | ')} |`,
    ...rows.map(([name, f]) => `| ${name} | ${builds.map(f).join(' | ')} |`),
    '',
  ];
}

export async function runPanelBench(): Promise<string> {
  const load = (): string =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
  const loadStart = load();
  const server = await serve();
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const builds: Build[] = [];
  try {
    for (const { label, dir } of buildsToRun()) builds.push(await prepare(label, dir, base));
    for (let i = 0; i < RENDER_RUNS; i++) {
      for (const b of builds) {
        const { r, page } = await firstRender(b.l, b.tabId);
        b.renders.push(r);
        log(`${b.label}: render ${i + 1}: ${JSON.stringify(r)}`);
        if (i < FILTER_RUNS) for (const q of QUERIES) b.keys.push(...(await typeMeasured(page, q)));
        await page.close();
      }
    }

    const out = join(root, 'bench-output');
    mkdirSync(out, { recursive: true });
    const harFile = join(out, `panel-${HAR_ENTRIES}.har`);
    const first = builds[0]!;
    const ext = await openExtensionPage(first.l.context, first.l.extensionId, 'options.html');
    bigHar(await getRecords(ext, first.tabId), HAR_ENTRIES, harFile);
    await ext.close();
    const harMb = (statSync(harFile).size / 1048576).toFixed(1);
    log(`${harFile}: ${harMb} MB`);
    for (let i = 0; i < FILTER_RUNS; i++) {
      for (const b of builds) {
        const { r, page } = await importRun(b.l, 2_000_000_000 + i, harFile);
        b.imports.push(r);
        log(`${b.label}: import ${i + 1}: ${JSON.stringify(r)}`);
        for (const q of QUERIES) b.importKeys.push(...(await typeMeasured(page, q)));
        await page.close();
      }
    }
    const loads = `Load average at start ${loadStart}, at end ${load()} (1, 5, 15 min; ${cpus().length} cores).`;
    return [
      '### Panel with thousands of records (real Chromium)',
      '',
      ...comparison(builds),
      ...builds.flatMap((b) => report(b, harMb, loads)),
    ].join('\n');
  } finally {
    for (const b of builds) await b.l.close();
    server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  runPanelBench().then(
    (md) => console.log(md),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
