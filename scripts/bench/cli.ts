// `authlens explain` speed and memory: a 5 000-entry HAR through the built CLI (a fresh process,
// start-up included), side by side with a process that only JSON.parse's the same file; the
// reader's work against input size (1× and 4× the file: the ratio shows it stays linear); and the
// heap while a big HAR (default 500 MB, AUTHLENS_BENCH_BIG_MB) streams through diagnoseHarStream.
// Run after `npm run build`: npx tsx scripts/bench/cli.ts (prints Markdown). Never asserted.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { HarScanner } from '../../src/har/stream.ts';

const root = resolve(import.meta.dirname, '..', '..');
const out = join(root, 'bench-output');
const ROUNDS = 5;

const JWT_EXPIRED =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTc3MjM1OTIwMCwiaWF0IjoxNzcyMzU1NjAwfQ.c2lnbmF0dXJlLXgtN1F3';

/** A browsing session's worth of entries: mostly 200s with bodies, one in twenty an auth failure. */
function entry(i: number, bodyBytes: number): object {
  const t = Date.parse('2026-03-01T10:00:00Z') + i * 250;
  const failed = i % 20 === 7;
  const status = failed ? (i % 40 === 7 ? 401 : 403) : 200;
  return {
    startedDateTime: new Date(t).toISOString(),
    time: 12,
    request: {
      method: i % 5 === 0 ? 'POST' : 'GET',
      url: `https://api.example.com/v1/items/${i}?page=${i % 7}`,
      httpVersion: 'h2',
      headers: [
        { name: ':authority', value: 'api.example.com' },
        { name: 'accept', value: 'application/json' },
        { name: 'authorization', value: `Bearer ${JWT_EXPIRED}` },
        { name: 'user-agent', value: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0' },
      ],
      cookies: [],
      queryString: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'h2',
      headers: [
        { name: 'content-type', value: failed ? 'application/json' : 'image/png' },
        { name: 'date', value: new Date(t).toUTCString() },
        ...(status === 401 ? [{ name: 'www-authenticate', value: 'Bearer error="invalid_token"' }] : []),
      ],
      cookies: [],
      content: failed
        ? { size: 40, mimeType: 'application/json', text: '{"error":"forbidden","message":"no access"}' }
        : { size: bodyBytes, mimeType: 'image/png', text: 'A'.repeat(bodyBytes), encoding: 'base64' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { blocked: 1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 10, receive: 1 },
    _resourceType: failed ? 'fetch' : 'image',
  };
}

async function writeHar(file: string, n: number, bodyBytes: number): Promise<void> {
  const w = createWriteStream(file);
  const write = async (s: string): Promise<void> => {
    if (!w.write(s)) await once(w, 'drain');
  };
  await write('{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"entries":[\n');
  for (let i = 0; i < n; i++) await write(`${i ? ',\n' : ''}${JSON.stringify(entry(i, bodyBytes), null, 2)}`);
  await write(']}}\n');
  w.end();
  await once(w, 'finish');
}

function wall(args: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: ${r.stderr.toString().slice(0, 300)}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function scanMs(text: Uint8Array): number {
  const t = process.hrtime.bigint();
  const s = new HarScanner({ maxBytes: Infinity });
  for (let i = 0; i < text.length; i += 256 * 1024) s.push(text.subarray(i, i + 256 * 1024));
  s.end();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function runCliBench(): Promise<string> {
  const cli = join(root, 'lib', 'cli.js');
  if (!existsSync(cli)) return '### authlens explain\n\nnot run: lib/cli.js missing (npm run build)';
  mkdirSync(out, { recursive: true });
  const file = join(out, 'bench-5000.har');
  await writeHar(file, 5000, 2000);
  const size = statSync(file).size;
  const parseOnly = `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`;
  const explain: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    explain.push(wall([cli, 'explain', file, '--format', 'json', '--fail-on', 'never']));
    parse.push(wall(['-e', parseOnly]));
  }
  const e = median(explain);
  const p = median(parse);

  const bytes = readFileSync(file);
  const four = new Uint8Array(bytes.length * 4);
  const body = bytes.subarray(bytes.indexOf('[') + 1, bytes.lastIndexOf(']'));
  // four times the entries: [e..., e..., e..., e...]
  let o = 0;
  const put = (b: Uint8Array): void => {
    four.set(b, o);
    o += b.length;
  };
  put(bytes.subarray(0, bytes.indexOf('[') + 1));
  for (let k = 0; k < 4; k++) {
    if (k) put(new TextEncoder().encode(','));
    put(body);
  }
  put(bytes.subarray(bytes.lastIndexOf(']')));
  const fourView = four.subarray(0, o);
  const s1 = median(Array.from({ length: ROUNDS }, () => scanMs(bytes)));
  const s4 = median(Array.from({ length: ROUNDS }, () => scanMs(fourView)));

  const bigMb = Number(process.env.AUTHLENS_BENCH_BIG_MB ?? 500);
  const big = join(out, `bench-${bigMb}mb.har`);
  const bodyBytes = 96 * 1024;
  await writeHar(big, Math.ceil((bigMb * 1024 * 1024) / (bodyBytes + 1200)), bodyBytes);
  const probe = join(out, 'bench-heap.mjs');
  writeFileSync(
    probe,
    `import { createReadStream } from 'node:fs';
import { diagnoseHarStream } from ${JSON.stringify(join(root, 'lib', 'index.js'))};
let peak = 0;
const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 5);
const r = await diagnoseHarStream(createReadStream(process.argv[2], { highWaterMark: 256 * 1024 }), {
  onProgress: () => { peak = Math.max(peak, process.memoryUsage().heapUsed); },
});
clearInterval(t);
const failures = r.ok ? r.failures.length : r.error;
console.log(JSON.stringify({ peak, rss: process.memoryUsage().rss, ok: r.ok, failures }));
`,
  );
  const h = spawnSync(process.execPath, [probe, big], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const heap = JSON.parse(h.stdout || '{}') as { peak?: number; rss?: number; ok?: boolean; failures?: number };
  const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;

  return [
    '### authlens explain: speed and memory',
    '',
    `A ${mb(size)} HAR of 5 000 entries (250 auth failures), each run a fresh process, median of ${ROUNDS}:`,
    '',
    '| | wall time | ratio |',
    '|---|---:|---:|',
    `| \`node -e "JSON.parse(readFileSync(file))"\` | ${p.toFixed(0)} ms | 1.00 |`,
    `| \`authlens explain file --format json\` | ${e.toFixed(0)} ms | ${(e / p).toFixed(2)} |`,
    '',
    `The streaming reader alone, in process: ${s1.toFixed(0)} ms for the file, ${s4.toFixed(0)} ms for four ` +
      `times its entries (ratio ${(s4 / s1).toFixed(2)}; 4.00 is linear).`,
    '',
    heap.peak
      ? `A ${mb(statSync(big).size)} HAR streamed through diagnoseHarStream: peak heap ${mb(heap.peak)}, ` +
        `RSS at the end ${mb(heap.rss ?? 0)} (${heap.failures} failures reported).`
      : `Big HAR: not measured (${h.stderr.slice(0, 300)})`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCliBench().then((s) => console.log(s));
}
