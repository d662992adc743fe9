// The exchange fixtures (test/fixtures/exchanges/*.json): each names an exchange, the public source
// it reproduces, and the finding ids expected (primary first, the others in rank order) plus key phrases.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Exchange } from '../../src/analysis/index.ts';

export interface Fixture {
  name: string;
  vendor?: string;
  source: string;
  exchange: Exchange;
  context?: { now?: number; history?: Exchange[] };
  expect: { ids: string[]; text: string[]; layer?: string; absent?: string[] };
}

const dir = resolve(import.meta.dirname, '../fixtures/exchanges');

export const FIXTURES: readonly (readonly [string, Fixture])[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture] as const);
