import { describe, expect, it } from 'vitest';
import { apply, hostPath, initialState, statusList, whyLine } from '../../src/popup/state.ts';
import { NS } from '../../src/shared/messages.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import { rec } from '../support/records.ts';

const settings = { ...DEFAULT_SETTINGS };

describe('popup state', () => {
  it('snapshot sorts newest first; added/updated/removed/cleared keep the order', () => {
    const a = rec({ time: 1 });
    const b = rec({ time: 3 });
    const c = rec({ time: 2 });
    let s = apply(initialState, { ns: NS, type: 'snapshot', tabId: 5, records: [a, b, c], settings }, 5);
    expect(s.loaded).toBe(true);
    expect(s.records.map((r) => r.time)).toEqual([3, 2, 1]);
    const d = rec({ time: 4 });
    s = apply(s, { ns: NS, type: 'added', tabId: 5, record: d }, 5);
    expect(s.records[0]).toBe(d);
    const b2 = { ...b, responseBody: '{"error":"x"}' };
    s = apply(s, { ns: NS, type: 'updated', tabId: 5, record: b2 }, 5);
    expect(s.records[1]).toBe(b2);
    s = apply(s, { ns: NS, type: 'removed', tabId: 5, ids: [a.id, c.id] }, 5);
    expect(s.records.map((r) => r.id)).toEqual([d.id, b.id]);
    s = apply(s, { ns: NS, type: 'added', tabId: 5, record: d }, 5);
    expect(s.records).toHaveLength(2); // a re-sent record is not doubled
    s = apply(s, { ns: NS, type: 'cleared', tabId: 5 }, 5);
    expect(s.records).toEqual([]);
  });

  it("keeps the tab's context entries, oldest first, for the diagnosis's history", () => {
    const e = (time: number) => ({ url: 'https://a/ok', method: 'GET', status: 200, time, type: 'xmlhttprequest' });
    let s = apply(
      initialState,
      { ns: NS, type: 'snapshot', tabId: 5, records: [], settings, context: [e(3), e(1)] },
      5,
    );
    expect(s.context.map((c) => c.time)).toEqual([1, 3]);
    s = apply(s, { ns: NS, type: 'context', tabId: 5, entries: [e(2)] }, 5);
    expect(s.context.map((c) => c.time)).toEqual([1, 2, 3]);
    s = apply(s, { ns: NS, type: 'context', tabId: 5, entries: [e(9)], replace: true }, 5);
    expect(s.context.map((c) => c.time)).toEqual([9]);
    s = apply(s, { ns: NS, type: 'cleared', tabId: 5 }, 5);
    expect(s.context).toEqual([]);
  });

  it('ignores other tabs; settings apply to all', () => {
    const s = apply(initialState, { ns: NS, type: 'added', tabId: 6, record: rec({ tabId: 6 }) }, 5);
    expect(s).toBe(initialState);
    expect(
      apply(initialState, { ns: NS, type: 'settings', settings: { ...settings, paused: true } }, 5).settings?.paused,
    ).toBe(true);
  });

  it.each([
    ['https://api.example.com/v1/me?access_token=x#y', 'api.example.com/v1/me'],
    ['http://127.0.0.1:8080/', '127.0.0.1:8080/'],
    ['not a url?token=x', 'not a url'],
  ])('hostPath(%s)', (u, out) => expect(hostPath(u)).toBe(out));

  it('masks what a path or a summary would show of a secret', () => {
    expect(hostPath('https://a.example/app;jsessionid=ABCDEF0123456789/x?q=1')).toBe('a.example/app;jsessionid=•••/x');
    const r = rec({
      requestHeaders: [{ name: 'Authorization', value: `Basic ${btoa('lk-user-name:pw-0123456789')}` }],
    });
    expect(whyLine(r, { summary: 'Basic credentials for user "lk-user-name" were rejected', ids: [] })).toBe(
      'Basic credentials for user "•••" were rejected',
    );
  });

  it('whyLine falls back to the status line, then the status', () => {
    expect(whyLine(rec(), { summary: 'Token expired', ids: [] })).toBe('Token expired');
    expect(whyLine(rec({ statusLine: 'HTTP/1.1 403 Forbidden' }), undefined)).toBe('HTTP/1.1 403 Forbidden');
    expect(whyLine(rec({ statusLine: '', status: 498 }), { summary: '', ids: [] })).toBe('HTTP 498');
  });

  it('statusList', () => {
    expect(statusList([401, 403, 407, 419, 440, 498])).toBe('401, 403, 407, 419, 440 or 498');
    expect(statusList([401])).toBe('401');
    expect(statusList([])).toBe('no status codes');
  });
});
