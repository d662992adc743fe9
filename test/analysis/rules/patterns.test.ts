import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../../src/analysis/index.ts';
import { T, ex, ids } from './helpers.ts';
import { diagnose } from '../../../src/analysis/index.ts';

const tok = { Authorization: 'Bearer 2YotnFZFEjr1zKsicMWpAA' };
const fail = (url: string, at: number): Exchange => ex({ url, timeStamp: at, date: at, req: tok, res: { 'WWW-Authenticate': 'Bearer realm="api"' } });
const okAt = (url: string, at: number, req: Record<string, string> = tok): Exchange => ex({ url, status: 200, timeStamp: at, date: at, req });
const me = fail('https://api.example.com/v1/me', T);
const run = (history: Exchange[]) => diagnose(me, { history }).findings.map((f) => f.id);

describe('patterns across requests', () => {
  it('credential-stopped-working needs the same credential on the same origin', () => {
    expect(run([okAt('https://api.example.com/v1/x', T - 60_000)])).toContain('credential-stopped-working');
    expect(run([okAt('https://other.example.com/v1/x', T - 60_000)])).not.toContain('credential-stopped-working');
    expect(run([okAt('https://api.example.com/v1/x', T - 60_000, { Authorization: 'Bearer other-token-123' })])).not.toContain('credential-stopped-working');
    expect(run([okAt('https://api.example.com/v1/x', T + 60_000)])).not.toContain('credential-stopped-working');
  });
  it('failure-burst counts failures on this origin within 10 s, not itself twice', () => {
    const four = [1, 2, 3, 4].map((i) => fail(`https://api.example.com/v1/${i}`, T - i * 1000));
    expect(run(four)).toContain('failure-burst');
    expect(run(four.slice(0, 3).concat(me))).not.toContain('failure-burst');
    expect(run([1, 2, 3, 4].map((i) => fail(`https://api.example.com/v1/${i}`, T - 11_000 - i)))).not.toContain('failure-burst');
  });
  it('refresh-loop needs two refreshes and repeated failures within a minute', () => {
    const refresh = (at: number) => ({ ...okAt('https://login.example.com/oauth/token', at, {}), method: 'POST' });
    expect(run([fail('https://api.example.com/v1/me', T - 9000), refresh(T - 8000), fail('https://api.example.com/v1/me', T - 5000), refresh(T - 4000)])[0]).toBe('refresh-loop');
    expect(run([fail('https://api.example.com/v1/me', T - 9000), refresh(T - 8000)])).not.toContain('refresh-loop');
    expect(run([fail('https://api.example.com/v1/me', T - 90_000), refresh(T - 80_000), fail('https://api.example.com/v1/me', T - 70_000), refresh(T - 65_000)])).not.toContain('refresh-loop');
  });
  it('ignores history on a success and malformed history entries', () => {
    expect(ids(okAt('https://api.example.com/v1/me', T))).toEqual([]);
    expect(diagnose(me, { history: [null, { url: 1 }, 'x'] as unknown as Exchange[] }).findings[0]?.id).toBe('token-rejected');
  });
});
