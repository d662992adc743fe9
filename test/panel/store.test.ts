import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/panel/store.ts';
import { NS } from '../../src/shared/messages.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import type { ContextEntry } from '../../src/shared/types.ts';
import { rec, T0 } from '../support/records.ts';
import { handRunDiagnoser } from '../support/diagnoser.ts';

describe('the panel store and its diagnoser', () => {
  it('feeds the diagnoser its records and context, and asks for every diagnosis in idle time', () => {
    const { s, d } = handRunDiagnoser();
    const store = createStore(7, { filterText: '', toggles: [], groupByOrigin: false }, undefined, d);
    const failure = rec({
      time: T0,
      requestHeaders: [{ name: 'Authorization', value: 'Bearer expired' }],
      responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
    });
    const other = rec({ time: T0 + 1000 });
    store.dispatch({
      ns: NS,
      type: 'snapshot',
      tabId: 7,
      records: [failure, other],
      settings: { ...DEFAULT_SETTINGS },
    });
    expect(store.diagnoser.pending).toBe(2);
    const seen = store.diagnosed.value;
    s.drain();
    expect(store.diagnosed.value).toBeGreaterThan(seen);
    expect(store.diagnoser.peekSummary(failure)?.ids).not.toContain('refresh-recovered');
    const retry: ContextEntry = {
      url: failure.url,
      method: 'GET',
      status: 200,
      time: T0 + 20,
      type: 'xmlhttprequest',
      authorization: 'Bearer fresh',
    };
    const refresh: ContextEntry = {
      ...retry,
      url: 'https://api.example.com/oauth/token',
      method: 'POST',
      time: T0 + 10,
    };
    store.dispatch({ ns: NS, type: 'context', tabId: 7, entries: [refresh, retry] });
    expect(store.diagnoser.peek(failure)).toBeUndefined();
    s.drain();
    expect(store.diagnoser.peekSummary(failure)?.ids).toContain('refresh-recovered');
  });

  it('a filter that needs diagnoses defers the records without one; they join as diagnoses arrive', () => {
    const { s, d } = handRunDiagnoser();
    const store = createStore(
      7,
      { filterText: 'finding:no-credentials', toggles: [], groupByOrigin: false },
      undefined,
      d,
    );
    const records = [rec(), rec(), rec()];
    store.dispatch({ ns: NS, type: 'snapshot', tabId: 7, records, settings: { ...DEFAULT_SETTINGS } });
    expect(store.deferred.value).toBe(3);
    expect(store.matched.value).toBe(0);
    s.drain();
    expect(store.deferred.value).toBe(0);
    expect(store.matched.value).toBe(3);
  });
});
