import { describe, expect, it } from 'vitest';
import { diagnosisOf, historyOf, setTabContext, peekSummary, summaryOf } from '../../src/panel/diagnosis.ts';
import { PATTERN_WINDOW_MS } from '../../src/http/limits.ts';
import { factsOf } from '../../src/panel/facts.ts';
import { rec } from './records.ts';
import { createStore } from '../../src/panel/store.ts';
import { NS } from '../../src/shared/messages.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import type { ContextEntry } from '../../src/shared/types.ts';

const T = 1_790_000_000_000;

describe('historyOf', () => {
  const list = [
    rec({ id: 'old', time: T - PATTERN_WINDOW_MS - 1, url: 'https://a.example/old' }),
    rec({ id: 'edge', time: T - PATTERN_WINDOW_MS, url: 'https://a.example/edge' }),
    rec({ id: 'recent', time: T - 5, url: 'https://a.example/recent' }),
    rec({ id: 'self', time: T, url: 'https://a.example/self' }),
    rec({ id: 'same', time: T, url: 'https://a.example/same-time' }),
    rec({ id: 'later', time: T + 1, url: 'https://a.example/later' }),
    rec({ id: 'far', time: T + PATTERN_WINDOW_MS + 1, url: 'https://a.example/far' }),
  ];
  it('takes the records a minute either side of the record, not itself', () => {
    expect(historyOf(list[3]!, list, []).map((e) => e.url)).toEqual([
      'https://a.example/edge',
      'https://a.example/recent',
      'https://a.example/same-time',
      'https://a.example/later',
    ]);
    expect(historyOf(list[3]!, [], [])).toEqual([]);
  });
});

describe('diagnosis in the panel', () => {
  it('sees a burst of failures across the tab’s records', () => {
    const burst = Array.from({ length: 6 }, (_, i) =>
      rec({ time: T + i * 1000, url: `https://api.example.com/r${i}`, status: 401 }),
    );
    const last = burst[5]!;
    const d = diagnosisOf(last, burst);
    expect(d.ok && d.diagnosis.findings.map((f) => f.id)).toContain('failure-burst');
    expect(summaryOf(last, burst)?.ids).toContain('failure-burst');
    // the first of them has no history, so no burst
    expect(summaryOf(burst[0]!, burst)?.ids).not.toContain('failure-burst');
  });

  it('a stored summary wins; computed ones are cached and peekable', () => {
    const stored = rec({ diagnosis: { summary: 's', ids: ['x'] } });
    expect(summaryOf(stored)).toBe(stored.diagnosis);
    expect(peekSummary(stored)).toEqual({ known: true, summary: stored.diagnosis });
    const bare = rec({ url: 'https://api.example.com/' });
    expect(peekSummary(bare)).toEqual({ known: false });
    const s = summaryOf(bare);
    expect(peekSummary(bare)).toEqual({ known: true, summary: s });
  });

  it('filter facts made by a list cell (no list) still diagnose with the list given later', () => {
    const burst = Array.from({ length: 6 }, (_, i) =>
      rec({ time: T + i * 1000, url: `https://b.example/r${i}`, status: 401 }),
    );
    const last = burst[5]!;
    void factsOf(last).origin;
    expect(factsOf(last, burst).findings).toContain('failure-burst');
  });
});

describe('re-sync after a worker restart', () => {
  it('finds the diagnosis of the same record delivered as a new object, and not of a changed one', () => {
    const r = rec({ url: 'https://c.example/x' });
    const s = summaryOf(r);
    const copy = structuredClone(r);
    expect(peekSummary(copy)).toEqual({ known: true, summary: s });
    const withBody = { ...structuredClone(r), responseBody: '{"error":"x"}' };
    expect(peekSummary(withBody)).toEqual({ known: false });
  });
});

describe('history with context entries (successful requests around a failure)', () => {
  const base = 1_790_000_500_000;
  const failure = () =>
    rec({
      time: base,
      url: 'https://app.example/api/feed',
      requestHeaders: [{ name: 'Authorization', value: 'Bearer expired' }],
      responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
    });
  const refresh: ContextEntry = {
    url: 'https://app.example/oauth/token',
    method: 'POST',
    status: 200,
    time: base + 10,
    type: 'xmlhttprequest',
  };
  const retry: ContextEntry = {
    url: 'https://app.example/api/feed',
    method: 'GET',
    status: 200,
    time: base + 20,
    type: 'xmlhttprequest',
    authorization: 'Bearer fresh',
  };

  it('a refresh and a successful retry after the failure make it refresh-recovered', () => {
    const r = failure();
    const without = diagnosisOf(r, [r], []);
    expect(without.ok && without.diagnosis.findings.map((f) => f.id)).not.toContain('refresh-recovered');
    const withCtx = diagnosisOf(r, [r], [refresh, retry]);
    expect(withCtx.ok && withCtx.diagnosis.findings.map((f) => f.id)).toContain('refresh-recovered');
  });

  it('the panel store re-diagnoses a record when context arrives near it', () => {
    const store = createStore(7, { filterText: '', toggles: [], groupByOrigin: false });
    const r = failure();
    const far = rec({ time: base - 5 * PATTERN_WINDOW_MS, url: 'https://app.example/api/old' });
    store.dispatch({
      ns: NS,
      type: 'snapshot',
      tabId: 7,
      records: [far, r],
      settings: { ...DEFAULT_SETTINGS },
      context: [],
    });
    expect(summaryOf(store.records.value[1]!, store.records.value)?.ids).not.toContain('refresh-recovered');
    store.dispatch({ ns: NS, type: 'context', tabId: 7, entries: [refresh] });
    store.dispatch({ ns: NS, type: 'context', tabId: 7, entries: [retry] });
    const [farNow, now] = store.records.value;
    expect(farNow).toBe(far); // untouched: nothing new within its minute
    expect(now).not.toBe(r);
    expect(peekSummary(now!).known).toBe(false);
    expect(summaryOf(now!, store.records.value)?.ids).toContain('refresh-recovered');
    // the same record object, asked again with the old (empty) history, is not served the new answer
    setTabContext([]);
    expect(summaryOf(now!, store.records.value)?.ids).not.toContain('refresh-recovered');
  });
});
