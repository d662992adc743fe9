import { describe, expect, it, vi } from 'vitest';
import { diagnose } from '../../src/analysis/index.ts';
import { createDiagnoser } from '../../src/shared/diagnoser.ts';
import type { ContextEntry } from '../../src/shared/types.ts';
import { diagnosed, rec, T0 } from '../support/records.ts';
import { manualScheduler } from '../support/scheduler.ts';

function setup(sliceMs = 1000) {
  const s = manualScheduler();
  const engine = vi.fn(diagnose);
  let clock = 0;
  const d = createDiagnoser({ schedule: s.schedule, engine, sliceMs, now: () => (clock += 1) });
  return { s, d, engine };
}

const ids = (d: ReturnType<typeof setup>['d'], r: Parameters<typeof d.peekSummary>[0]) => d.peekSummary(r)?.ids;

describe('diagnoser: results arrive later', () => {
  it('peek is undefined until the diagnosis was asked for and a slice ran; then listeners hear of it', () => {
    const { s, d } = setup();
    const r = rec();
    d.setInputs([r], []);
    const heard = vi.fn();
    d.onChange(heard);
    expect(d.peek(r)).toBeUndefined();
    d.want([r]);
    expect(d.pending).toBe(1);
    expect(d.peek(r)).toBeUndefined();
    const before = d.version;
    s.drain();
    expect(d.peek(r)).toMatchObject({ ok: true });
    expect(d.peekSummary(r)?.ids).toContain('no-credentials');
    expect(d.version).toBe(before + 1);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(d.pending).toBe(0);
  });

  it('what is on screen goes first: a `soon` request runs before the idle warming', () => {
    const { s, d, engine } = setup(1);
    const all = Array.from({ length: 5 }, () => rec());
    d.setInputs(all, []);
    d.want(all);
    d.want([all[4]!], true);
    expect(s.asked()).toEqual(['idle', 'soon']);
    s.step(); // the idle slice, given one record's time: it takes the soon one first
    expect(engine).toHaveBeenCalledTimes(1);
    expect(d.peek(all[4]!)).toBeDefined();
    expect(d.peek(all[0]!)).toBeUndefined();
    s.drain();
    expect(all.every((r) => d.peek(r))).toBe(true);
    expect(engine).toHaveBeenCalledTimes(5);
  });

  it('get() resolves once the diagnosis is there (copies, exports)', async () => {
    const d = createDiagnoser({ schedule: (run) => setTimeout(run, 0) });
    const r = rec({ status: 403 });
    d.setInputs([r], []);
    const got = await d.get(r);
    expect(got.ok && got.diagnosis.findings[0]?.id).toBe('forbidden-unauthenticated');
    expect(await d.get(r)).toBe(got);
  });

  it('an idle request for a record the tab no longer holds is dropped; a `soon` one is not', () => {
    const { s, d, engine } = setup();
    const [a, b] = [rec(), rec()];
    d.setInputs([a, b], []);
    d.want([a, b]);
    d.setInputs([], []);
    s.drain();
    expect(engine).not.toHaveBeenCalled();
    d.want([a], true);
    s.drain();
    expect(engine).toHaveBeenCalledTimes(1);
  });

  it('dispose stops the work', () => {
    const { s, d, engine } = setup();
    const r = rec();
    d.setInputs([r], []);
    d.want([r]);
    d.dispose();
    s.drain();
    expect(engine).not.toHaveBeenCalled();
  });
});

describe('diagnoser: one cache', () => {
  it("an AuthLens export's diagnosis is the answer at once, without the engine", () => {
    const { d, engine } = setup();
    const r = rec({ exportedDiagnosis: diagnosed('Token expired', ['token-expired', 'error']) });
    expect(d.peekSummary(r)).toEqual({
      summary: 'Token expired',
      top: { id: 'token-expired', severity: 'error', title: 'token-expired' },
      ids: ['token-expired'],
    });
    expect(engine).not.toHaveBeenCalled();
  });

  it('a re-sync delivers the same records as new objects: found by content; a changed record is not', () => {
    const { s, d, engine } = setup();
    const r = rec({ url: 'https://c.example/x' });
    d.setInputs([r], []);
    d.want([r]);
    s.drain();
    const copy = structuredClone(r);
    d.setInputs([copy], []);
    expect(d.peekSummary(copy)).toBe(d.peekSummary(r));
    const withBody = { ...copy, responseBody: '{"error":"x"}' };
    expect(d.peek(withBody)).toBeUndefined();
    expect(engine).toHaveBeenCalledTimes(1);
  });

  it('the engine failing is a result that says so, never a throw', () => {
    const s = manualScheduler();
    const d = createDiagnoser({
      schedule: s.schedule,
      engine: () => {
        throw new Error('boom');
      },
    });
    const r = rec();
    d.setInputs([r], []);
    d.want([r]);
    s.drain();
    expect(d.peek(r)).toEqual({ ok: false, error: 'boom' });
    expect(d.peekSummary(r)).toEqual({ summary: 'The diagnosis engine failed: boom', ids: [] });
  });
});

describe('diagnoser: history', () => {
  it("sees a burst of failures across the tab's records", () => {
    const { s, d } = setup();
    const burst = Array.from({ length: 6 }, (_, i) =>
      rec({ time: T0 + i * 1000, url: `https://api.example.com/r${i}`, status: 401 }),
    );
    d.setInputs(burst, []);
    d.want(burst);
    s.drain();
    expect(ids(d, burst[5]!)).toContain('failure-burst');
    // the first of them has no history before it, so no burst
    expect(ids(d, burst[0]!)).not.toContain('failure-burst');
  });

  it('context entries around a failure make it refresh-recovered; other context keeps the cached answer', () => {
    const { s, d, engine } = setup();
    const base = T0 + 500_000;
    const failure = rec({
      time: base,
      url: 'https://app.example/api/feed',
      requestHeaders: [{ name: 'Authorization', value: 'Bearer expired' }],
      responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
    });
    const far = rec({ time: base - 5 * 60_000, url: 'https://app.example/api/old' });
    const entry = (time: number, over: Partial<ContextEntry>): ContextEntry => ({
      url: 'https://app.example/api/feed',
      method: 'GET',
      status: 200,
      time,
      type: 'xmlhttprequest',
      ...over,
    });
    const refresh = entry(base + 10, { url: 'https://app.example/oauth/token', method: 'POST' });
    const retry = entry(base + 20, { authorization: 'Bearer fresh' });
    const records = [far, failure];
    d.setInputs(records, []);
    d.want(records);
    s.drain();
    expect(ids(d, failure)).not.toContain('refresh-recovered');
    const before = d.version;
    d.setInputs(records, [refresh, retry]);
    expect(d.version).toBe(before + 1); // new inputs: what peek answers may differ
    expect(d.peek(failure)).toBeUndefined();
    expect(d.peek(far)).toBeDefined(); // nothing new within its minute
    d.want(records);
    s.drain();
    expect(ids(d, failure)).toContain('refresh-recovered');
    // the old (empty) context again: the first answer, from the cache
    const runs = engine.mock.calls.length;
    d.setInputs(records, []);
    expect(ids(d, failure)).not.toContain('refresh-recovered');
    expect(engine).toHaveBeenCalledTimes(runs);
  });
});
