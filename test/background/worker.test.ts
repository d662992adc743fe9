// The background's parts together over fakes: events -> store -> badge -> ports, navigation,
// tab close, settings, and a worker stopped and restarted over the same storage.
import { describe, expect, it } from 'vitest';
import { createWorker } from '../../src/background/worker.ts';
import { NS, portName } from '../../src/shared/messages.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { h, received, sent, type Req } from './events.ts';
import { FakeBadge, MemoryArea } from './fakes.ts';
import { FakePort, flush } from '../support/port.ts';

function boot(session = new MemoryArea(), local = new MemoryArea(), badge = new FakeBadge()) {
  const w = createWorker({ session, local, badge, warn: () => undefined });
  return { w, session, local, badge };
}

function fail(
  w: ReturnType<typeof boot>['w'],
  r: Req,
  t: number,
  status = 401,
  headers = [h('WWW-Authenticate', 'Bearer')],
) {
  w.onSendHeaders(sent(r, t, [h('Authorization', 'Bearer t')]));
  w.onHeadersReceived(received(r, t + 1, status, headers));
}
const ok = (w: ReturnType<typeof boot>['w'], r: Req, t: number) => {
  w.onSendHeaders(sent(r, t));
  w.onHeadersReceived(received(r, t + 1, 200));
};
const get = async (w: ReturnType<typeof boot>['w'], tabId: number) =>
  ((await w.onMessage({ ns: NS, type: 'getRecords', tabId })) as { records: CaptureRecord[] }).records;

describe('worker', () => {
  it('captures failures, never 2xx, and badges each tab with its own count', async () => {
    const { w, badge } = boot();
    fail(w, { requestId: '1', url: 'http://a/api', tabId: 1 }, 10);
    ok(w, { requestId: '2', url: 'http://a/ok', tabId: 1 }, 20);
    fail(w, { requestId: '3', url: 'http://a/admin', tabId: 1 }, 30, 403, []);
    fail(w, { requestId: '4', url: 'http://b/api', tabId: 2 }, 40);
    fail(w, { requestId: '5', url: 'http://sw/api', tabId: -1, frameId: -1 }, 50);
    await w.idle();
    await flush();
    const one = await get(w, 1);
    expect(one.map((r) => [r.url, r.status])).toEqual([
      ['http://a/api', 401],
      ['http://a/admin', 403],
    ]);
    expect(await get(w, -1)).toHaveLength(1);
    expect([badge.text.get(1), badge.text.get(2), badge.text.has(-1)]).toEqual(['2', '1', false]);
    expect(badge.title.get(1)).toBe('AuthLens: 2 auth failures (1 × 401, 1 × 403)');
  });

  it('a stopped and restarted worker loses nothing (new instance over the same storage)', async () => {
    const session = new MemoryArea(),
      local = new MemoryArea();
    const first = boot(session, local);
    fail(first.w, { requestId: '1', url: 'http://a/1', tabId: 1 }, 10);
    fail(first.w, { requestId: '2', url: 'http://a/2', tabId: -1 }, 20);
    await first.w.idle();
    // the worker is gone; a new one is woken by a UI connecting, then by a request
    const second = boot(session, local, first.badge);
    const port = new FakePort(portName(1));
    second.w.onConnect(port);
    await flush();
    expect((port.messages[0]!.records as CaptureRecord[]).map((r) => r.url)).toEqual(['http://a/1']);
    fail(second.w, { requestId: '3', url: 'http://a/3', tabId: 1 }, 30);
    await second.w.idle();
    expect((await get(second.w, 1)).map((r) => r.url)).toEqual(['http://a/1', 'http://a/3']);
    expect((await get(second.w, -1)).map((r) => r.url)).toEqual(['http://a/2']);
    expect(port.types()).toEqual(['snapshot', 'added']);
  });

  it("clears on a committed top-level navigation but keeps that navigation's own main-frame 401", async () => {
    const { w, badge } = boot();
    fail(w, { requestId: '1', url: 'http://a/api/old', tabId: 1 }, 10);
    // navigate: the main-frame request fails, its record arrives BEFORE onCommitted
    fail(w, { requestId: '2', url: 'http://a/secret', tabId: 1, type: 'main_frame' }, 100);
    await w.idle();
    badge.wipe(1); // Chrome clears per-tab badges at the commit
    await w.onCommitted({ tabId: 1, frameId: 0, url: 'http://a/secret', timeStamp: 105 });
    await w.idle();
    expect((await get(w, 1)).map((r) => r.url)).toEqual(['http://a/secret']);
    expect(badge.text.get(1)).toBe('1');
    // a sub-frame commit clears nothing
    fail(w, { requestId: '3', url: 'http://a/api/new', tabId: 1 }, 200);
    await w.onCommitted({ tabId: 1, frameId: 5, url: 'http://ads/', timeStamp: 210 });
    await w.idle();
    expect(await get(w, 1)).toHaveLength(2);
    // a later navigation that succeeds clears everything before it
    ok(w, { requestId: '4', url: 'http://a/home', tabId: 1, type: 'main_frame' }, 300);
    await w.onCommitted({ tabId: 1, frameId: 0, url: 'http://a/home', timeStamp: 305 });
    await w.idle();
    await flush();
    expect(await get(w, 1)).toEqual([]);
    expect(badge.text.get(1)).toBe('');
  });

  it('Preserve log keeps everything across navigations; a wiped badge is re-applied on tabs.onUpdated', async () => {
    const { w, badge } = boot();
    await w.onMessage({ ns: NS, type: 'setSettings', patch: { preserveLog: true } });
    fail(w, { requestId: '1', url: 'http://a/api', tabId: 1 }, 10);
    ok(w, { requestId: '2', url: 'http://a/next', tabId: 1, type: 'main_frame' }, 100);
    await w.onCommitted({ tabId: 1, frameId: 0, url: 'http://a/next', timeStamp: 105 });
    await w.idle();
    expect(await get(w, 1)).toHaveLength(1);
    badge.wipe(1);
    await w.onTabUpdated(1, { status: 'loading' });
    expect(badge.text.get(1)).toBe('1');
  });

  it('purges a closed tab and tells its ports', async () => {
    const { w, session } = boot();
    fail(w, { requestId: '1', url: 'http://a/api', tabId: 8 }, 10);
    await w.idle();
    const port = new FakePort(portName(8));
    w.onConnect(port);
    await flush();
    await w.onTabRemoved(8);
    await w.idle();
    expect(await get(w, 8)).toEqual([]);
    expect(session.data.has('records:8')).toBe(false);
    expect(port.types()).toEqual(['snapshot', 'cleared']);
  });

  it('honours the stored settings even for events that arrive before they are read', async () => {
    const local = new MemoryArea();
    await local.set({ settings: { captureStatuses: [401] } });
    const { w } = boot(new MemoryArea(), local);
    // no await between boot and these events: the settings are not read yet
    fail(w, { requestId: '1', url: 'http://a/forbidden', tabId: 1 }, 10, 403, []);
    fail(w, { requestId: '2', url: 'http://a/unauth', tabId: 1 }, 20, 401, []);
    await w.idle();
    expect((await get(w, 1)).map((r) => r.status)).toEqual([401]);
    await w.onMessage({ ns: NS, type: 'setSettings', patch: { paused: true } });
    fail(w, { requestId: '3', url: 'http://a/unauth', tabId: 1 }, 30, 401, []);
    await w.idle();
    expect(await get(w, 1)).toHaveLength(1);
  });

  it('applies settings changed by another page (storage.onChanged)', async () => {
    const { w } = boot();
    await w.settings.load();
    w.onStorageChanged({ settings: { newValue: { recordsPerTab: 10, captureStatuses: [401] } } }, 'local');
    for (let i = 0; i < 15; i++) fail(w, { requestId: `r${i}`, url: `http://a/${i}`, tabId: 1 }, i * 10);
    await w.idle();
    const kept = await get(w, 1);
    expect(kept).toHaveLength(10);
    expect(kept.at(-1)!.url).toBe('http://a/14');
  });
});

describe('worker: network errors', () => {
  it('keeps a server 407 Chrome ends with net::ERR_UNEXPECTED_PROXY_AUTH, unless 407 is not captured', async () => {
    const { w } = boot();
    const r = { requestId: '1', url: 'http://a/proxyish', tabId: 1 };
    w.onSendHeaders(sent(r, 10, [h('Authorization', 'Bearer t')]));
    w.onErrorOccurred({ ...sent(r, 11), error: 'net::ERR_UNEXPECTED_PROXY_AUTH' });
    await w.idle();
    expect((await get(w, 1)).map((x) => [x.status, x.statusLine])).toEqual([[407, 'net::ERR_UNEXPECTED_PROXY_AUTH']]);
    await w.onMessage({ ns: NS, type: 'setSettings', patch: { captureStatuses: [401] } });
    const r2 = { ...r, requestId: '2' };
    w.onSendHeaders(sent(r2, 20));
    w.onErrorOccurred({ ...sent(r2, 21), error: 'net::ERR_UNEXPECTED_PROXY_AUTH' });
    await w.idle();
    expect(await get(w, 1)).toHaveLength(1);
    expect(w.capture.pending.size).toBe(0);
  });
});
