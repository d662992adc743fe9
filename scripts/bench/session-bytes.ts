// What each browser counts against storage.session's 10 MB quota, measured from an extension
// page of the built add-on: Chromium's getBytesInUse for values of known shapes, and in both
// browsers the largest value a set() accepts (the quota as enforced), found by bisection.
// src/background/size.ts is calibrated on these figures. Figures are never asserted.
// Run: npx tsx scripts/bench/session-bytes.ts [--browser chromium|firefox|both] (after npm run build).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium } from '../find-browser.ts';
import { launchWithExtension } from '../lab/chromium.ts';
import { launchFirefox } from '../lab/firefox.ts';

const root = resolve(import.meta.dirname, '..', '..');

/** The probe, evaluated in an extension page: plain JS, no closures over node values. */
const PROBE = `(async () => {
  const s = (globalThis.browser ?? chrome).storage.session;
  const out = { hasGetBytesInUse: typeof s.getBytesInUse === 'function', shapes: [], quota: {} };
  const rec = JSON.parse(RECORD_JSON);
  const utf8 = (str) => new TextEncoder().encode(str).length;
  const shapes = {
    'ascii string x1000': 'a'.repeat(1000),
    'e-acute string x1000 (2-byte UTF-8)': '\\u00e9'.repeat(1000),
    'euro string x1000 (3-byte UTF-8)': '\\u20ac'.repeat(1000),
    'emoji string x1000 (surrogate pairs)': '\\u{1F600}'.repeat(1000),
    'control chars x1000 (JSON \\\\u escapes)': '\\u0001'.repeat(1000),
    'quotes x1000 (JSON \\\\" escapes)': '"'.repeat(1000),
    'number': 1790000000000.5,
    'a record (bench 401)': rec,
    '100 records in one array': Array.from({ length: 100 }, () => rec),
  };
  for (const [name, value] of Object.entries(shapes)) {
    await s.clear();
    const key = 'k';
    await s.set({ [key]: value });
    const json = JSON.stringify(value);
    const row = { name, key: key.length, jsonChars: json.length, jsonUtf8: utf8(json) };
    if (out.hasGetBytesInUse) {
      row.bytesInUseKey = await s.getBytesInUse(key);
      row.bytesInUseAll = await s.getBytesInUse(null);
    }
    out.shapes.push(row);
  }
  // 100 keys of one record each: per-item overhead
  await s.clear();
  const many = {};
  for (let i = 0; i < 100; i++) many['records:7:' + i] = rec;
  await s.set(many);
  out.manyKeys = {
    keysChars: Object.keys(many).join('').length,
    jsonChars: Object.values(many).reduce((n, v) => n + JSON.stringify(v).length, 0),
    bytesInUse: out.hasGetBytesInUse ? await s.getBytesInUse(null) : undefined,
  };
  // the quota as enforced: the longest string of one character that one set() accepts
  for (const [name, ch] of [['ascii', 'a'], ['e-acute', '\\u00e9'], ['euro', '\\u20ac']]) {
    let lo = 0, hi = 12 * 1024 * 1024;
    while (hi - lo > 16) {
      const mid = (lo + hi) >> 1;
      await s.clear();
      try { await s.set({ k: ch.repeat(mid) }); lo = mid; } catch (e) { hi = mid; out.quotaError = String(e); }
    }
    out.quota[name] = lo;
  }
  await s.clear();
  return JSON.stringify(out);
})()`;

interface Row {
  name: string;
  key: number;
  jsonChars: number;
  jsonUtf8: number;
  bytesInUseKey?: number;
  bytesInUseAll?: number;
}
interface Probe {
  hasGetBytesInUse: boolean;
  shapes: Row[];
  manyKeys: { keysChars: number; jsonChars: number; bytesInUse?: number };
  quota: Record<string, number>;
  quotaError?: string;
}

function record(): string {
  // a record as the capture makes it for the failing-page bench's 401
  return JSON.stringify({
    id: '1234-1',
    requestId: '1234',
    tabId: 7,
    frameId: 0,
    type: 'xmlhttprequest',
    method: 'GET',
    url: 'http://127.0.0.1:41234/fail?r=3&i=50',
    initiator: 'http://127.0.0.1:41234',
    status: 401,
    statusLine: 'HTTP/1.1 401 Unauthorized',
    time: 1790000000000.123,
    fromCache: false,
    preflight: false,
    source: 'headers',
    requestHeadersKnown: true,
    requestHeaders: [
      { name: 'Authorization', value: 'Bearer bench-token' },
      {
        name: 'User-Agent',
        value: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.0.0 Safari/537.36',
      },
      { name: 'Accept', value: '*/*' },
    ],
    responseHeaders: [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'WWW-Authenticate', value: 'Bearer realm="bench", error="invalid_token"' },
    ],
    redirects: [],
  });
}

function table(browser: string, p: Probe): string {
  const lines = [
    `### What ${browser} counts in storage.session`,
    '',
    `getBytesInUse: ${p.hasGetBytesInUse ? 'present' : 'absent'}`,
    '',
    '| value | key chars | JSON chars | JSON UTF-8 bytes | getBytesInUse(key) | getBytesInUse(null) |',
    '|---|---|---|---|---|---|',
    ...p.shapes.map(
      (r) =>
        `| ${r.name} | ${r.key} | ${r.jsonChars} | ${r.jsonUtf8} | ${r.bytesInUseKey ?? 'n/a'} | ` +
        `${r.bytesInUseAll ?? 'n/a'} |`,
    ),
    '',
    `100 keys of one record each: key chars ${p.manyKeys.keysChars}, JSON chars ${p.manyKeys.jsonChars}, ` +
      `getBytesInUse(null) ${p.manyKeys.bytesInUse ?? 'n/a'}`,
    '',
    'Longest one-character string one set() accepts (key "k"): ' +
      Object.entries(p.quota)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') +
      (p.quotaError ? ` (refusal: ${p.quotaError})` : ''),
  ];
  return lines.join('\n');
}

async function inChromium(): Promise<string> {
  const b = await launchWithExtension({
    executablePath: findChromium().path,
    extensionDir: join(root, 'dist', 'chrome'),
    headless: true,
  });
  try {
    const page = await b.context.newPage();
    await page.goto(`chrome-extension://${b.extensionId}/options.html`);
    const json = (await page.evaluate(PROBE.replace('RECORD_JSON', JSON.stringify(record())))) as string;
    return table(`Chromium ${b.context.browser()?.version() ?? ''}`.trim(), JSON.parse(json) as Probe);
  } finally {
    await b.close();
  }
}

async function inFirefox(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'authlens-bytes-ff-'));
  const ff = await launchFirefox({ extensionDir: join(root, 'dist', 'firefox'), runDir: dir });
  try {
    const page = await ff.openExtensionPage('options.html');
    // the extension CSP blocks eval in the page: run the probe from the privileged scope instead
    const json = await page.evaluate(PROBE.replace('RECORD_JSON', JSON.stringify(record())));
    return table(`Firefox ${ff.version}`, JSON.parse(json as string) as Probe);
  } finally {
    await ff.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSessionBytes(which: 'chromium' | 'firefox' | 'both' = 'both'): Promise<string> {
  const parts: string[] = [];
  for (const [b, run] of [
    ['chromium', inChromium],
    ['firefox', inFirefox],
  ] as const) {
    if (which !== 'both' && which !== b) continue;
    try {
      parts.push(await run());
    } catch (e) {
      parts.push(`### What ${b} counts in storage.session\n\nnot run: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return parts.join('\n\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv.indexOf('--browser');
  const which = (arg > 0 ? process.argv[arg + 1] : 'both') as 'chromium' | 'firefox' | 'both';
  runSessionBytes(which).then(console.log, (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
