import { describe, expect, it } from 'vitest';
import { Hub, SNAPSHOT_FIRST } from '../../src/background/hub.ts';
import { SettingsHolder } from '../../src/background/settings.ts';
import { NS, portName } from '../../src/shared/messages.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { MemoryArea, recordStore } from './fakes.ts';
import { FakePort, flush } from '../support/port.ts';
import { rec } from '../support/records.ts';

function setup(session = new MemoryArea()) {
  const store = recordStore(session, { recordsPerTab: 500 });
  const settings = new SettingsHolder(new MemoryArea());
  const hub = new Hub({ store, settings, tabTitle: async (id) => `Tab ${id}` });
  return { store, settings, hub, session };
}

describe('hub: ports', () => {
  it('sends a snapshot first, then each change in order, only for its tab', async () => {
    const { store, hub } = setup();
    const before = await store.add(rec({ tabId: 2 }));
    const port = new FakePort(portName(2));
    hub.connect(port);
    // a change racing the snapshot: in the snapshot or after it, never before, never twice
    const racing = store.add(rec({ tabId: 2 }));
    await flush();
    const r2 = await racing;
    const r3 = await store.add(rec({ tabId: 2 }));
    await store.add(rec({ tabId: 3 }));
    await store.clearTab(2);
    const snapshot = port.messages[0] as unknown as { type: string; records: CaptureRecord[] };
    expect(snapshot.type).toBe('snapshot');
    const seen = [
      ...snapshot.records.map((r) => r.id),
      ...port.messages.slice(1).flatMap((m) => (m.type === 'added' ? [(m.record as CaptureRecord).id] : [])),
    ];
    expect(seen).toEqual([before.id, r2.id, r3.id]);
    expect(port.types().at(-1)).toBe('cleared');
    expect(port.messages.every((m) => m.ns === NS && (m.tabId === 2 || m.type === 'settings'))).toBe(true);
  });

  it('sends a big tab newest first: a small snapshot, then the older records in chunks, oldest first', async () => {
    const store = recordStore(new MemoryArea(), { recordsPerTab: 5000 });
    const hub = new Hub({
      store,
      settings: new SettingsHolder(new MemoryArea()),
      tabTitle: async () => '',
    });
    const added: CaptureRecord[] = [];
    for (let i = 0; i < SNAPSHOT_FIRST + 1100; i++)
      added.push(await store.add(rec({ tabId: 4, time: 1_790_000_000_000 + i })));
    const port = new FakePort(portName(4));
    hub.connect(port);
    await flush();
    const [snapshot, ...rest] = port.messages as unknown as {
      type: string;
      records: CaptureRecord[];
      more?: boolean;
    }[];
    expect(snapshot!.type).toBe('snapshot');
    expect(snapshot!.more).toBe(true);
    expect(snapshot!.records.map((r) => r.id)).toEqual(added.slice(-SNAPSHOT_FIRST).map((r) => r.id));
    expect(rest.map((m) => [m.type, m.records.length, m.more])).toEqual([
      ['older', 1000, true],
      ['older', 100, false],
    ]);
    // each chunk is older than everything sent before it; together they are the whole tab
    const inOrder = [...rest]
      .reverse()
      .flatMap((m) => m.records)
      .concat(snapshot!.records);
    expect(inOrder.map((r) => r.id)).toEqual(added.map((r) => r.id));
  });

  it('a small tab fits in the snapshot: no `more`, no older events', async () => {
    const { store, hub } = setup();
    await store.add(rec({ tabId: 5 }));
    const port = new FakePort(portName(5));
    hub.connect(port);
    await flush();
    expect(port.types()).toEqual(['snapshot']);
    expect((port.messages[0] as { more?: boolean }).more).toBeUndefined();
  });

  it('ignores ports that are not ours, and stops sending to a port that went away', async () => {
    const { store, hub } = setup();
    const stranger = new FakePort('something-else');
    hub.connect(stranger);
    const port = new FakePort(portName(1));
    hub.connect(port);
    await flush();
    port.drop();
    await store.add(rec({ tabId: 1 }));
    expect(stranger.messages).toEqual([]);
    expect(port.types()).toEqual(['snapshot']);
  });

  it('broadcasts settings changes to every port', async () => {
    const { hub } = setup();
    const a = new FakePort(portName(1)),
      b = new FakePort(portName(-1));
    hub.connect(a);
    hub.connect(b);
    await flush();
    await hub.handle({ ns: NS, type: 'setSettings', patch: { preserveLog: true } });
    for (const p of [a, b])
      expect(p.messages.at(-1)).toMatchObject({ type: 'settings', settings: { preserveLog: true } });
  });
});

describe('hub: requests', () => {
  it('answers getRecords, getTabs, getSettings, clear; ignores foreign messages', async () => {
    const { store, hub } = setup();
    const r = await store.add(rec({ tabId: 4 }));
    await store.add(rec({ tabId: -1 }));
    expect(hub.handle({ type: 'getRecords', tabId: 4 })).toBeUndefined();
    expect(await hub.handle({ ns: NS, type: 'getRecords', tabId: 4 })).toMatchObject({
      records: [r],
      settings: { recordsPerTab: 500 },
    });
    expect(await hub.handle({ ns: NS, type: 'getTabs' })).toEqual({
      tabs: [
        { tabId: 4, count: 1, title: 'Tab 4' },
        { tabId: -1, count: 1 },
      ],
    });
    expect(await hub.handle({ ns: NS, type: 'getSettings' })).toMatchObject({ settings: { paused: false } });
    expect(await hub.handle({ ns: NS, type: 'clear', tabId: 4 })).toEqual({ ok: true });
    expect(await store.records(4)).toEqual([]);
  });

  it('attachBody finds the record, stores the body and pushes "updated"', async () => {
    const { store, hub, session } = setup();
    const r = await store.add(rec({ tabId: 5, url: 'http://x/api', time: 50_000 }));
    const port = new FakePort(portName(5));
    hub.connect(port);
    await flush();
    const reply = (await hub.handle({
      ns: NS,
      type: 'attachBody',
      tabId: 5,
      match: { url: 'http://x/api', method: 'GET', status: 401, time: 50_800 },
      body: '{"error":"expired"}',
    })) as { record?: CaptureRecord };
    expect(reply.record).toMatchObject({ id: r.id, responseBody: '{"error":"expired"}' });
    expect(port.messages.at(-1)).toMatchObject({
      type: 'updated',
      record: { id: r.id, responseBody: '{"error":"expired"}' },
    });
    await store.idle();
    expect(session.records(5)[0]!.responseBody).toBe('{"error":"expired"}');
    const miss = await hub.handle({
      ns: NS,
      type: 'attachBody',
      tabId: 5,
      match: { url: 'http://x/other', method: 'GET', status: 401, time: 50_800 },
      body: 'x',
    });
    expect(miss).toEqual({ record: undefined });
  });

  it('addDevtoolsRecord stores a failure only DevTools saw, once, and for its own tab', async () => {
    const { store, hub } = setup();
    const r = rec({ tabId: 6, url: 'https://slack.com/api/auth.test', status: 200, time: 70_000, source: 'devtools' });
    const add = async (record: CaptureRecord, tabId = 6): Promise<unknown> =>
      await hub.handle({ ns: NS, type: 'addDevtoolsRecord', tabId, record });
    expect(await add(r)).toMatchObject({ record: { url: r.url, source: 'devtools' } });
    expect(await add({ ...r, id: 'again' })).toEqual({ record: undefined });
    expect(await add({ ...r, id: 'other', tabId: 7 })).toEqual({ record: undefined });
    expect(await add({ ...r, id: 'worker', url: 'https://x/', source: 'headers' })).toEqual({ record: undefined });
    expect(await store.records(6)).toHaveLength(1);
  });
});
