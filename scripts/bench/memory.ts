// The 2xx hot path in node: the very functions index.ts registers (createWorker over in-memory
// storage), fed 100 000 successful requests shaped like Chrome's (scripts/bench/fixtures).
// Reports the heap kept afterwards, the pending map's size, and the per-request cost of our
// handlers against empty functions (interleaved rounds, medians). Figures are never asserted.
// Run: node --expose-gc --import tsx scripts/bench/memory.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RawHeader, ResponseDetails, SendHeadersDetails } from '../../src/background/details.ts';
import { createWorker } from '../../src/background/worker.ts';
import { median } from './stats.ts';

const N = Number(process.env.BENCH_REQUESTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_MEMORY_ROUNDS ?? 15);

interface Fixture {
  request: {
    method: string;
    type: string;
    frameId: number;
    tabId: number;
    initiator: string;
    url: string;
    requestHeaders: RawHeader[];
  };
  response: { statusCode: number; statusLine: string; fromCache: boolean; responseHeaders: RawHeader[] };
}
const fx = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'ok-request.json'), 'utf8')) as Fixture;

// Chrome hands every event a freshly deserialised object: so do we.
const copy = (hs: RawHeader[]): RawHeader[] => hs.map((h) => ({ name: h.name, value: h.value! }));
function sendDetails(i: number): SendHeadersDetails {
  const r = fx.request;
  return {
    requestId: String(i),
    url: r.url,
    method: r.method,
    tabId: r.tabId,
    frameId: r.frameId,
    type: r.type,
    initiator: r.initiator,
    timeStamp: 1.7e12 + i,
    requestHeaders: copy(r.requestHeaders),
  };
}
function headersDetails(i: number): ResponseDetails {
  const r = fx.request;
  return {
    requestId: String(i),
    url: r.url,
    method: r.method,
    tabId: r.tabId,
    frameId: r.frameId,
    type: r.type,
    initiator: r.initiator,
    timeStamp: 1.7e12 + i + 3,
    ...fx.response,
    responseHeaders: copy(fx.response.responseHeaders),
  };
}

function worker() {
  const data = new Map<string, unknown>();
  const area = {
    get: async () => Object.fromEntries(data),
    set: async (o: Record<string, unknown>) => void Object.entries(o).forEach(([k, v]) => data.set(k, v)),
    remove: async () => undefined,
  };
  const badge = {
    setBadgeText: async () => undefined,
    setTitle: async () => undefined,
    setBadgeBackgroundColor: async () => undefined,
  };
  return createWorker({ session: area, local: area, badge, warn: () => undefined });
}

type Handlers = {
  send: (d: SendHeadersDetails) => void;
  headers: (d: ResponseDetails) => void;
  completed?: (d: { requestId: string }) => void;
};

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) g();
}

function heapAfter(
  label: string,
  drive: (w: ReturnType<typeof worker>) => void,
): { label: string; kb: number; pending: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const w = worker();
  drive(w);
  gc();
  const kb = (process.memoryUsage().heapUsed - before) / 1024;
  return { label, kb, pending: w.capture.pending.size };
}

function timeRound(h: Handlers, sends: SendHeadersDetails[], heads: ResponseDetails[]): number {
  const t0 = performance.now();
  for (let i = 0; i < sends.length; i++) {
    h.send(sends[i]!);
    h.headers(heads[i]!);
    h.completed?.(heads[i]!);
  }
  return ((performance.now() - t0) * 1e6) / sends.length; // ns per request
}

export function runMemoryBench(): string {
  const heaps = [
    heapAfter(`${N} requests answered 200 (onSendHeaders + onHeadersReceived)`, (w) => {
      for (let i = 0; i < N; i++) {
        w.onSendHeaders(sendDetails(i));
        w.onHeadersReceived(headersDetails(i));
      }
    }),
    heapAfter(`${N} requests that never end (onSendHeaders only: hung, aborted unseen)`, (w) => {
      for (let i = 0; i < N; i++) w.onSendHeaders(sendDetails(i));
    }),
  ];

  // Timing: details built beforehand so only the handlers are timed; rounds interleaved.
  const sends = Array.from({ length: N }, (_, i) => sendDetails(i));
  const heads = Array.from({ length: N }, (_, i) => headersDetails(i));
  const w = worker();
  const noop = (): void => undefined;
  // the data-structure floor of any join by requestId: one Map.set, one Map.delete
  const bare = new Map<string, SendHeadersDetails>();
  const modes: { name: string; h: Handlers; ns: number[] }[] = [
    { name: 'empty functions (2 events)', h: { send: noop, headers: noop }, ns: [] },
    { name: 'empty functions (3 events, + onCompleted)', h: { send: noop, headers: noop, completed: noop }, ns: [] },
    {
      name: 'a bare Map.set + Map.delete by requestId (the floor of any join)',
      h: { send: (d) => void bare.set(d.requestId, d), headers: (d) => void bare.delete(d.requestId) },
      ns: [],
    },
    {
      name: 'AuthLens handlers (as registered: onSendHeaders + onHeadersReceived)',
      h: { send: w.onSendHeaders, headers: w.onHeadersReceived },
      ns: [],
    },
    {
      name: 'AuthLens handlers + an onCompleted that ends the request',
      h: { send: w.onSendHeaders, headers: w.onHeadersReceived, completed: w.capture.onCompleted },
      ns: [],
    },
  ];
  for (let round = 0; round < ROUNDS + 2; round++) {
    for (let k = 0; k < modes.length; k++) {
      const m = modes[(round + k) % modes.length]!;
      const ns = timeRound(m.h, sends, heads);
      if (round >= 2) m.ns.push(ns);
    }
  }
  const ref = median(modes[0]!.ns);
  return [
    `### Hot path in node (${N} successful requests through the registered handlers)`,
    '',
    '| run | heap growth after GC (new worker included) | per request | pending entries left |',
    '|---|---|---|---|',
    ...heaps.map((x) => `| ${x.label} | ${x.kb.toFixed(0)} KB | ${((x.kb * 1024) / N).toFixed(2)} B | ${x.pending} |`),
    '',
    'A growth near zero (or below: GC noise) means nothing is kept per successful request; ' +
      'requests that never end are capped at 2000 pending entries (and 5 minutes).',
    '',
    `| handlers | median ns / request | vs empty functions (2 events) |`,
    '|---|---|---|',
    ...modes.map(
      (m) =>
        `| ${m.name} | ${median(m.ns).toFixed(1)} | ×${(median(m.ns) / ref).toFixed(2)} ` +
        `(+${(median(m.ns) - ref).toFixed(1)} ns) |`,
    ),
    '',
    `Node ${process.version}; ${ROUNDS} interleaved rounds after 2 warm-up. ` +
      `The IPC hop to the worker that Chrome pays per listener per request is not in these figures (see the ` +
      `Chromium table).`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runMemoryBench());
