// The discovery fixtures (test/fixtures/discovery/*.json): a failing request, the documents its
// discovery fetches (canned answers keyed by URL; any other URL answers 404, as a server would),
// and the finding ids expected (the top one first, the others in report order) plus key phrases.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  discover,
  type DiscoveryReport,
  type DiscoveryTarget,
  type DocFetch,
  type DocResponse,
  type Header,
} from '../../../src/analysis/index.ts';

export interface CannedResponse {
  status: number;
  headers?: Header[];
  /** the body as text, or `json` serialised */
  body?: string;
  json?: unknown;
  bytes?: number;
  truncated?: boolean;
  error?: DocResponse['error'];
}

export interface DiscoveryFixture {
  name: string;
  source: string;
  request: DiscoveryTarget | string;
  origin?: string;
  maxFetches?: number;
  responses: Record<string, CannedResponse>;
  expect: { ids: string[]; text: string[]; absent?: string[] };
}

const dir = resolve(import.meta.dirname, '../../fixtures/discovery');

export const DISCOVERY_FIXTURES: readonly (readonly [string, DiscoveryFixture])[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as DiscoveryFixture] as const);

/** A fetcher answering from canned responses, recording what was asked. */
export function cannedFetch(responses: Record<string, CannedResponse>, asked: string[] = []): DocFetch {
  return async (url) => {
    asked.push(url);
    const r = responses[url];
    if (!r)
      return { status: 404, headers: [{ name: 'Content-Type', value: 'text/plain' }], body: 'Not found', bytes: 9 };
    const body = r.body ?? (r.json === undefined ? '' : JSON.stringify(r.json));
    const out: DocResponse = { status: r.status, headers: r.headers ?? [], body, bytes: r.bytes ?? body.length };
    if (r.truncated) out.truncated = true;
    if (r.error) out.error = r.error;
    return out;
  };
}

export function runFixture(fx: DiscoveryFixture, asked: string[] = []): Promise<DiscoveryReport> {
  return discover(fx.request, {
    fetch: cannedFetch(fx.responses, asked),
    ...(fx.origin ? { origin: fx.origin } : {}),
    ...(fx.maxFetches ? { maxFetches: fx.maxFetches } : {}),
  });
}

/** Every id the fixtures expect, and the first fixture whose report emits each id. */
export async function discoveryCoverage(): Promise<{ expected: Set<string>; emitted: Map<string, string> }> {
  const expected = new Set(DISCOVERY_FIXTURES.flatMap(([, fx]) => fx.expect.ids));
  const emitted = new Map<string, string>();
  for (const [file, fx] of DISCOVERY_FIXTURES)
    for (const f of (await runFixture(fx)).findings) if (!emitted.has(f.id)) emitted.set(f.id, file);
  return { expected, emitted };
}
