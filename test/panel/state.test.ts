import { describe, expect, it } from 'vitest';
import { NS } from '../../src/shared/messages.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import { allRecords, apply, initialState, type PanelEvent, type PanelState } from '../../src/panel/state.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { rec } from '../support/records.ts';

const settings = { ...DEFAULT_SETTINGS, captureStatuses: [...DEFAULT_SETTINGS.captureStatuses] };
const run = (events: PanelEvent[], s: PanelState = initialState(7)): PanelState => events.reduce(apply, s);
const ids = (s: PanelState): string[] => allRecords(s).map((r) => r.id);

describe('apply', () => {
  const a = rec({ time: 100 });
  const b = rec({ time: 200 });
  const c = rec({ time: 300 });

  it('starts disconnected, empty, with default settings', () => {
    const s = initialState(7);
    expect(s).toMatchObject({ tabId: 7, live: [], imported: [], connected: false, synced: false });
    expect(s.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('a snapshot replaces the records (sorted by time), sets settings and connects', () => {
    const s = run([
      { ns: NS, type: 'added', tabId: 7, record: a },
      { ns: NS, type: 'snapshot', tabId: 7, records: [c, b], settings: { ...settings, preserveLog: true } },
    ]);
    expect(ids(s)).toEqual([b.id, c.id]);
    expect(s.connected).toBe(true);
    expect(s.synced).toBe(true);
    expect(s.settings.preserveLog).toBe(true);
  });

  it('added appends in time order, and a re-added id replaces instead of duplicating', () => {
    const s = run([
      { ns: NS, type: 'added', tabId: 7, record: b },
      { ns: NS, type: 'added', tabId: 7, record: c },
      { ns: NS, type: 'added', tabId: 7, record: a },
      { ns: NS, type: 'added', tabId: 7, record: { ...b, status: 403 } },
    ]);
    expect(ids(s)).toEqual([a.id, b.id, c.id]);
    expect(s.live.find((r) => r.id === b.id)!.status).toBe(403);
  });

  it('updated replaces in place (a body attached), or inserts an unknown id', () => {
    const s0 = run([{ ns: NS, type: 'snapshot', tabId: 7, records: [a, b], settings }]);
    const withBody = { ...a, responseBody: '{"error":"x"}' };
    const s1 = apply(s0, { ns: NS, type: 'updated', tabId: 7, record: withBody });
    expect(s1.live[0]).toBe(withBody);
    expect(s1.live[1]).toBe(b);
    const s2 = apply(s1, { ns: NS, type: 'updated', tabId: 7, record: c });
    expect(ids(s2)).toEqual([a.id, b.id, c.id]);
  });

  it('removed drops the ids (eviction), cleared drops all live records', () => {
    const s0 = run([{ ns: NS, type: 'snapshot', tabId: 7, records: [a, b, c], settings }]);
    expect(ids(apply(s0, { ns: NS, type: 'removed', tabId: 7, ids: [a.id, 'nope'] }))).toEqual([b.id, c.id]);
    expect(apply(s0, { ns: NS, type: 'cleared', tabId: 7 }).live).toEqual([]);
  });

  it('ignores events for another tab', () => {
    const s0 = run([{ ns: NS, type: 'snapshot', tabId: 7, records: [a], settings }]);
    const other: PanelEvent[] = [
      { ns: NS, type: 'snapshot', tabId: 8, records: [], settings },
      { ns: NS, type: 'added', tabId: 8, record: b },
      { ns: NS, type: 'updated', tabId: 8, record: b },
      { ns: NS, type: 'removed', tabId: 8, ids: [a.id] },
      { ns: NS, type: 'cleared', tabId: 8 },
    ];
    for (const e of other) expect(apply(s0, e)).toBe(s0);
  });

  it('settings and status events', () => {
    const s = run([
      { ns: NS, type: 'snapshot', tabId: 7, records: [], settings },
      { ns: NS, type: 'settings', settings: { ...settings, paused: true } },
      { type: 'status', connected: false },
    ]);
    expect(s.settings.paused).toBe(true);
    expect(s.connected).toBe(false);
    expect(s.synced).toBe(true);
  });

  it('imported records merge with live ones by time, survive a snapshot and a worker clear, and dedupe by id', () => {
    const h = rec({ time: 150, source: 'import' });
    const s = run([
      { ns: NS, type: 'snapshot', tabId: 7, records: [a, c], settings },
      { type: 'imported', records: [h, h] },
      { type: 'imported', records: [h] },
      { ns: NS, type: 'snapshot', tabId: 7, records: [a, c], settings },
    ]);
    expect(ids(s)).toEqual([a.id, h.id, c.id]);
    const cleared = apply(s, { ns: NS, type: 'cleared', tabId: 7 });
    expect(ids(cleared)).toEqual([h.id]);
    expect(ids(apply(cleared, { type: 'clearImported' }))).toEqual([]);
  });

  it('imports in chunks, older ones after newer, keep time order; equal times keep arrival order', () => {
    const [x, y, z, w] = [400, 250, 50, 250].map((time) => rec({ time, source: 'import' })) as [
      CaptureRecord,
      CaptureRecord,
      CaptureRecord,
      CaptureRecord,
    ];
    const s = run([
      { ns: NS, type: 'snapshot', tabId: 7, records: [a, b, c], settings },
      { type: 'imported', records: [x, y] },
      { type: 'imported', records: [z, w] },
    ]);
    expect(ids(s)).toEqual([z.id, a.id, b.id, y.id, w.id, c.id, x.id]);
  });

  it('never mutates the state it is given', () => {
    const s0 = run([{ ns: NS, type: 'snapshot', tabId: 7, records: [a, b], settings }]);
    const frozen = JSON.stringify(s0);
    run(
      [
        { ns: NS, type: 'added', tabId: 7, record: c },
        { ns: NS, type: 'updated', tabId: 7, record: { ...a, status: 403 } },
        { ns: NS, type: 'removed', tabId: 7, ids: [b.id] },
        { type: 'imported', records: [rec()] },
      ],
      s0,
    );
    expect(JSON.stringify(s0)).toBe(frozen);
  });
});

describe('context entries (history for the diagnosis, never rows)', () => {
  const e = (time: number, url = `https://a.example/ok/${time}`) => ({
    url,
    method: 'GET',
    status: 200,
    time,
    type: 'xmlhttprequest',
  });
  it('the snapshot carries them sorted; live ones append; a replace or a clear resets them; not other tabs', () => {
    const r = rec({ time: 1000 });
    let s = apply(initialState(7), {
      ns: NS,
      type: 'snapshot',
      tabId: 7,
      records: [r],
      settings,
      context: [e(30), e(10)],
    });
    expect(s.context.map((c) => c.time)).toEqual([10, 30]);
    expect(allRecords(s)).toHaveLength(1);
    s = apply(s, { ns: NS, type: 'context', tabId: 7, entries: [e(20)] });
    expect(s.context.map((c) => c.time)).toEqual([10, 20, 30]);
    expect(apply(s, { ns: NS, type: 'context', tabId: 8, entries: [e(40)] })).toBe(s);
    s = apply(s, { ns: NS, type: 'context', tabId: 7, entries: [e(30)], replace: true });
    expect(s.context.map((c) => c.time)).toEqual([30]);
    s = apply(s, { ns: NS, type: 'cleared', tabId: 7 });
    expect(s.context).toEqual([]);
    // an older worker's snapshot without context
    const { context: _omit, ...old } = {
      ns: NS,
      type: 'snapshot' as const,
      tabId: 7,
      records: [r],
      settings,
      context: [],
    };
    expect(apply(s, old).context).toEqual([]);
  });

  it('context never touches the records (the diagnoser keys each diagnosis by the context around it)', () => {
    const s0 = apply(initialState(7), { ns: NS, type: 'snapshot', tabId: 7, records: [rec(), rec()], settings });
    expect(apply(s0, { ns: NS, type: 'context', tabId: 7, entries: [e(150_000)] }).live).toBe(s0.live);
  });
});

describe('a snapshot in chunks (newest first, then older records)', () => {
  it('prepends older chunks in time order and knows when the last one came', () => {
    const [o1, o2, n1, n2] = [1, 2, 3, 4].map((t) => rec({ time: 1_790_000_000_000 + t }));
    const s1 = run([{ ns: NS, type: 'snapshot', tabId: 7, records: [n1!, n2!], settings, more: true }]);
    expect(s1.loadingOlder).toBe(true);
    const s2 = run([{ ns: NS, type: 'older', tabId: 7, records: [o2!], more: true }], s1);
    const s3 = run([{ ns: NS, type: 'older', tabId: 7, records: [o1!, n1!], more: false }], s2);
    expect(ids(s3)).toEqual([o1!.id, o2!.id, n1!.id, n2!.id]);
    expect(s2.loadingOlder).toBe(true);
    expect(s3.loadingOlder).toBe(false);
    // another tab's chunk changes nothing
    expect(run([{ ns: NS, type: 'older', tabId: 8, records: [o1!], more: false }], s1)).toBe(s1);
  });
});
