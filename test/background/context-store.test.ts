// Context entries: a tab's non-failing requests for a minute after each of its failures.
import { describe, expect, it } from 'vitest';
import { Capture } from '../../src/background/capture.ts';
import { PATTERN_WINDOW_MS } from '../../src/http/limits.ts';
import { CONTEXT_PER_TAB } from '../../src/background/context-store.ts';
import { createWorker } from '../../src/background/worker.ts';
import { NS, portName } from '../../src/shared/messages.ts';
import type { ContextEntry } from '../../src/shared/types.ts';
import { h, received, redirected, sent, type Req } from './events.ts';
import { FakeBadge, MemoryArea, contextStore } from './fakes.ts';
import { FakePort, flush } from '../support/port.ts';

const T = 1_790_000_000_000;
type W = ReturnType<typeof createWorker>;

function boot(session = new MemoryArea(), local = new MemoryArea(), badge = new FakeBadge()) {
  return { w: createWorker({ session, local, badge, warn: () => undefined }), session, local, badge };
}
function fail(w: W, r: Req, t: number) {
  w.onSendHeaders(sent(r, t, [h('Authorization', 'Bearer old')]));
  w.onHeadersReceived(received(r, t + 1, 401, [h('WWW-Authenticate', 'Bearer error="invalid_token"')]));
}
function ok(w: W, r: Req, t: number, auth?: string, status = 200) {
  w.onSendHeaders(sent(r, t, auth ? [h('Authorization', auth), h('Accept', '*/*')] : [h('Accept', '*/*')]));
  w.onHeadersReceived(received(r, t + 1, status));
}
const ctx = (w: W, tabId: number): readonly ContextEntry[] => w.context.peek(tabId);

describe('context window (capture)', () => {
  it('no failure, no window: a 2xx produces nothing and the watch map stays empty', () => {
    const c = new Capture({ captureStatuses: [401], paused: false });
    const got: ContextEntry[] = [];
    c.onContext = (_t, e) => got.push(e);
    for (let i = 0; i < 50; i++) {
      c.onSendHeaders(sent({ requestId: String(i), url: 'http://a/x' }, T + i));
      c.onHeadersReceived(received({ requestId: String(i), url: 'http://a/x' }, T + i, 200));
    }
    expect(got).toEqual([]);
    expect(c.watchedTabs).toBe(0);
    expect(c.pending.size).toBe(0);
  });

  it('a failure opens the window of its tab only; 2xx and 3xx in it become entries with their Authorization', () => {
    const c = new Capture({ captureStatuses: [401], paused: false });
    const got: [number, ContextEntry][] = [];
    c.onContext = (t, e) => got.push([t, e]);
    c.onSendHeaders(sent({ requestId: 'f', url: 'http://a/api', tabId: 1 }, T));
    expect(c.onHeadersReceived(received({ requestId: 'f', url: 'http://a/api', tabId: 1 }, T + 1, 401))).toBeDefined();
    c.onSendHeaders(
      sent({ requestId: 'r', url: 'http://a/oauth/token', method: 'POST', tabId: 1 }, T + 10, [
        h('authorization', 'Basic Y2xpZW50'),
      ]),
    );
    c.onHeadersReceived(
      received({ requestId: 'r', url: 'http://a/oauth/token', method: 'POST', tabId: 1 }, T + 11, 200),
    );
    c.onSendHeaders(sent({ requestId: 'm', url: 'http://a/old', tabId: 1 }, T + 20));
    c.onHeadersReceived(received({ requestId: 'm', url: 'http://a/old', tabId: 1 }, T + 21, 302));
    c.onBeforeRedirect(redirected({ requestId: 'm', url: 'http://a/old', tabId: 1 }, T + 21, 302, 'http://a/new'));
    // another tab, a 404 and a 500 in the watched tab: none of them
    c.onSendHeaders(sent({ requestId: 'o', url: 'http://b/ok', tabId: 2 }, T + 30));
    c.onHeadersReceived(received({ requestId: 'o', url: 'http://b/ok', tabId: 2 }, T + 31, 200));
    c.onHeadersReceived(received({ requestId: 'n', url: 'http://a/missing', tabId: 1 }, T + 40, 404));
    c.onHeadersReceived(received({ requestId: 'e', url: 'http://a/err', tabId: 1 }, T + 41, 500));
    expect(got).toEqual([
      [
        1,
        {
          url: 'http://a/oauth/token',
          method: 'POST',
          status: 200,
          time: T + 11,
          type: 'xmlhttprequest',
          authorization: 'Basic Y2xpZW50',
          digest: { cookies: [], origin: '', secFetchSite: '', secFetchMode: '', contentType: '', dpop: null },
        },
      ],
      [1, { url: 'http://a/old', method: 'GET', status: 302, time: T + 21, type: 'xmlhttprequest' }],
    ]);
  });

  it("a success's entry keeps what a comparison needs of its headers: cookie names, never their values", () => {
    const c = new Capture({ captureStatuses: [401], paused: false });
    const got: ContextEntry[] = [];
    c.onContext = (_t, e) => got.push(e);
    c.onSendHeaders(sent({ requestId: 'f', url: 'http://a/api', tabId: 1 }, T));
    c.onHeadersReceived(received({ requestId: 'f', url: 'http://a/api', tabId: 1 }, T + 1, 401));
    c.onSendHeaders(
      sent({ requestId: 's', url: 'http://a/api', tabId: 1 }, T + 10, [
        h('Cookie', 'session=s3cr3t-v4lue; theme=dark'),
        h('Origin', 'http://a'),
        h('Sec-Fetch-Site', 'same-origin'),
      ]),
    );
    c.onHeadersReceived(received({ requestId: 's', url: 'http://a/api', tabId: 1 }, T + 11, 200));
    expect(got[0]!.digest).toEqual({
      cookies: ['session', 'theme'],
      origin: 'http://a',
      secFetchSite: 'same-origin',
      secFetchMode: '',
      contentType: '',
      dpop: null,
    });
    expect(JSON.stringify(got)).not.toContain('s3cr3t-v4lue');
  });

  it('expires a minute after the last failure; each failure renews it', () => {
    const c = new Capture({ captureStatuses: [401], paused: false });
    const got: number[] = [];
    c.onContext = (_t, e) => got.push(e.time);
    const okAt = (id: string, t: number) =>
      c.onHeadersReceived(received({ requestId: id, url: 'http://a/ok', tabId: 1 }, t, 200));
    c.onHeadersReceived(received({ requestId: 'f1', url: 'http://a/api', tabId: 1 }, T, 401));
    okAt('a', T + PATTERN_WINDOW_MS); // last moment inside
    c.onHeadersReceived(received({ requestId: 'f2', url: 'http://a/api', tabId: 1 }, T + 30_000, 401)); // renews
    okAt('b', T + 30_000 + PATTERN_WINDOW_MS);
    okAt('c', T + 30_001 + PATTERN_WINDOW_MS); // expired: the tab leaves the watch map
    expect(got).toEqual([T + PATTERN_WINDOW_MS, T + 30_000 + PATTERN_WINDOW_MS]);
    expect(c.watchedTabs).toBe(0);
  });

  it('paused: no window opens, an open one records nothing', () => {
    const c = new Capture({ captureStatuses: [401], paused: false });
    const got: ContextEntry[] = [];
    c.onContext = (_t, e) => got.push(e);
    c.onHeadersReceived(received({ requestId: 'f', url: 'http://a/api', tabId: 1 }, T, 401));
    c.configure({ captureStatuses: [401], paused: true });
    c.onHeadersReceived(received({ requestId: 'a', url: 'http://a/ok', tabId: 1 }, T + 5, 200));
    expect(got).toEqual([]);
  });

  it('forgetTab (tab closed) closes its window', () => {
    const c = new Capture({ captureStatuses: [401], paused: false });
    c.onHeadersReceived(received({ requestId: 'f', url: 'http://a/api', tabId: 1 }, T, 401));
    expect(c.watchedTabs).toBe(1);
    c.forgetTab(1);
    expect(c.watchedTabs).toBe(0);
  });
});

describe('context store', () => {
  it('is a ring of CONTEXT_PER_TAB per tab, written to storage.session under context:<tabId>', async () => {
    const area = new MemoryArea();
    const s = contextStore(area);
    for (let i = 0; i < CONTEXT_PER_TAB + 7; i++)
      await s.add(3, { url: `http://a/${i}`, method: 'GET', status: 200, time: T + i, type: 'xmlhttprequest' });
    await s.idle();
    expect(s.peek(3)).toHaveLength(CONTEXT_PER_TAB);
    expect(s.peek(3)[0]!.url).toBe('http://a/7');
    expect((area.parsed('context:3') as ContextEntry[]).map((e) => e.url)).toEqual(s.peek(3).map((e) => e.url));
  });

  it('a failed read starts empty; garbage in storage is skipped', async () => {
    const area = new MemoryArea();
    area.data.set(
      'context:1',
      JSON.stringify([
        { url: 'http://a/', method: 'GET', status: 200, time: T, type: 'x' },
        null,
        'junk',
        { time: 'no' },
      ]),
    );
    area.data.set(
      'context:abc',
      JSON.stringify([{ url: 'http://a/', method: 'GET', status: 200, time: T, type: 'x' }]),
    );
    area.data.set('context:2', 'not a list');
    area.data.set('context:4', '"a string"');
    const s = contextStore(area);
    await s.load();
    expect(s.peek(1)).toHaveLength(1);
    expect(s.peek(2)).toEqual([]);
    expect(s.peek(4)).toEqual([]);
    const broken = contextStore({
      get: () => Promise.reject(new Error('gone')),
      set: area.set.bind(area),
      remove: area.remove.bind(area),
    });
    await broken.load();
    expect(broken.peek(1)).toEqual([]);
  });

  it('is bounded in bytes per tab and in all: the biggest tab gives first; entries are written lazily', async () => {
    const area = new MemoryArea();
    const s = contextStore(area, { tabBytes: 20_000, totalBytes: 50_000 });
    const entry = (i: number, auth = 'x'.repeat(500)) => ({
      url: `http://a/${i}`,
      method: 'GET',
      status: 200,
      time: T + i,
      type: 'xmlhttprequest',
      authorization: `Bearer ${auth}`,
    });
    for (let i = 0; i < 100; i++) await s.add(1, entry(i));
    expect(s.peek(1).length).toBeLessThan(100);
    expect(s.peek(1).at(-1)!.url).toBe('http://a/99');
    for (let t = 2; t <= 5; t++) for (let i = 0; i < 30; i++) await s.add(t, entry(i));
    expect(s.bytes).toBeLessThanOrEqual(50_000);
    expect(s.peek(5).length).toBeGreaterThan(10);
    // nothing written yet: context rides along with the next record write, or goes within a second
    expect(area.writes).toBe(0);
    await s.idle();
    expect((area.data.get('context:1') as string).length).toBeLessThanOrEqual(20_100);
  });
});

describe('context in the worker', () => {
  it('keeps the successes after a failure, never as records, never in the badge; streams them to ports', async () => {
    const { w, badge } = boot();
    ok(w, { requestId: '0', url: 'http://a/before', tabId: 1 }, T - 5); // no window yet
    const port = new FakePort(portName(1));
    w.onConnect(port);
    await flush();
    fail(w, { requestId: '1', url: 'http://a/api/feed', tabId: 1 }, T);
    ok(w, { requestId: '2', url: 'http://a/oauth/token', method: 'POST', tabId: 1 }, T + 10);
    ok(w, { requestId: '3', url: 'http://a/api/feed', tabId: 1 }, T + 20, 'Bearer fresh');
    await w.idle();
    await flush();
    expect(ctx(w, 1).map((e) => [e.method, e.url, e.status, e.authorization])).toEqual([
      ['POST', 'http://a/oauth/token', 200, undefined],
      ['GET', 'http://a/api/feed', 200, 'Bearer fresh'],
    ]);
    const records = ((await w.onMessage({ ns: NS, type: 'getRecords', tabId: 1 })) as { records: unknown[] }).records;
    expect(records).toHaveLength(1);
    expect(badge.text.get(1)).toBe('1');
    const live = port.messages.filter((m) => m.type === 'context');
    expect(live.map((m) => (m.entries as ContextEntry[]).map((e) => e.url))).toEqual([
      ['http://a/oauth/token'],
      ['http://a/api/feed'],
    ]);
  });

  it("the snapshot carries the tab's context, and a restarted worker loses none of it", async () => {
    const session = new MemoryArea(),
      local = new MemoryArea();
    const first = boot(session, local);
    fail(first.w, { requestId: '1', url: 'http://a/api', tabId: 1 }, T);
    ok(first.w, { requestId: '2', url: 'http://a/oauth/token', tabId: 1 }, T + 10);
    await first.w.idle();
    expect(session.data.has('context:1')).toBe(true);
    // stopped and restarted: the refresh's retry arrives at the new worker, still in the window
    const second = boot(session, local, first.badge);
    await second.w.idle();
    ok(second.w, { requestId: '3', url: 'http://a/api', tabId: 1 }, T + 20, 'Bearer fresh');
    await second.w.idle();
    const port = new FakePort(portName(1));
    second.w.onConnect(port);
    await flush();
    expect(port.messages[0]!.type).toBe('snapshot');
    expect((port.messages[0]!.context as ContextEntry[]).map((e) => e.url)).toEqual([
      'http://a/oauth/token',
      'http://a/api',
    ]);
  });

  it('is purged with the tab, on Clear, and by a navigation like the records', async () => {
    const { w, session } = boot();
    fail(w, { requestId: '1', url: 'http://a/api', tabId: 1 }, T);
    ok(w, { requestId: '2', url: 'http://a/x', tabId: 1 }, T + 10);
    fail(w, { requestId: '3', url: 'http://b/api', tabId: 2 }, T);
    ok(w, { requestId: '4', url: 'http://b/x', tabId: 2 }, T + 10);
    fail(w, { requestId: '5', url: 'http://c/api', tabId: 3 }, T);
    ok(w, { requestId: '6', url: 'http://c/x', tabId: 3 }, T + 10);
    await w.idle();
    await w.onTabRemoved(1);
    await w.onMessage({ ns: NS, type: 'clear', tabId: 2 });
    // tab 3 navigates to a page that fails itself (its record stays), then loads a script
    fail(w, { requestId: '7', url: 'http://c/next', tabId: 3, type: 'main_frame' }, T + 100);
    await w.onCommitted({ tabId: 3, frameId: 0, url: 'http://c/next', timeStamp: T + 102 });
    ok(w, { requestId: '8', url: 'http://c/app.js', tabId: 3, type: 'script' }, T + 110);
    await w.idle();
    // the previous page's context went with its records; the new page's stays
    expect([ctx(w, 1), ctx(w, 2), ctx(w, 3).map((e) => e.url)]).toEqual([[], [], ['http://c/app.js']]);
    expect([session.data.has('context:1'), session.data.has('context:2')]).toEqual([false, false]);
    expect(w.capture.watchedTabs).toBe(2); // tab 1 closed its window; 2 and 3 keep theirs
  });

  it('with Preserve log on, a navigation keeps the context', async () => {
    const { w } = boot();
    await w.onMessage({ ns: NS, type: 'setSettings', patch: { preserveLog: true } });
    fail(w, { requestId: '1', url: 'http://a/api', tabId: 1 }, T);
    ok(w, { requestId: '2', url: 'http://a/x', tabId: 1 }, T + 10);
    await w.onCommitted({ tabId: 1, frameId: 0, url: 'http://a/next', timeStamp: T + 100 });
    await w.idle();
    expect(ctx(w, 1)).toHaveLength(1);
  });
});
