// The worker's storage traffic under a failing page, and what a stopped worker can lose: writes
// batched (leading edge, then one per interval), badges coalesced, context entries lazy, and a
// worker stopped at the worst moment (its memory and timers gone, storage kept) loses no record
// that arrived after a quiet spell.
import { describe, expect, it } from 'vitest';
import { createWorker } from '../../src/background/worker.ts';
import { NS, portName } from '../../src/shared/messages.ts';
import type { CaptureRecord, Losses } from '../../src/shared/types.ts';
import { UNSAVED_KEY } from '../../src/background/losses.ts';
import { h, received, sent, type Req } from './events.ts';
import { FakeBadge, ManualClock, MemoryArea } from './fakes.ts';
import { FakePort, flush } from '../support/port.ts';

type W = ReturnType<typeof createWorker>;

/** the microtasks of the current task (what runs before a worker can be stopped between tasks) */
const endOfTask = async (): Promise<void> => {
  for (let i = 0; i < 30; i++) await Promise.resolve();
};

function boot(session = new MemoryArea(), local = new MemoryArea(), clock = new ManualClock()) {
  const badge = new FakeBadge();
  const w = createWorker({ session, local, badge, clock, warn: () => undefined });
  return { w, session, local, badge, clock };
}

let n = 0;
function fail(w: W, r: Partial<Req> = {}, t = 0, headers = [h('WWW-Authenticate', 'Bearer error="invalid_token"')]) {
  const q: Req = { requestId: `q${++n}`, url: `http://a/api/${n}`, tabId: 1, ...r };
  w.onSendHeaders(sent(q, t, [h('Authorization', 'Bearer old')]));
  w.onHeadersReceived(received(q, t + 1, 401, headers));
}
function ok(w: W, r: Partial<Req> = {}, t = 0) {
  const q: Req = { requestId: `q${++n}`, url: `http://a/ok/${n}`, tabId: 1, ...r };
  w.onSendHeaders(sent(q, t, [h('Authorization', 'Bearer fresh')]));
  w.onHeadersReceived(received(q, t + 1, 200));
}

/** A warm worker: settings and storage read, a quiet spell behind it. */
async function warm(session = new MemoryArea(), local = new MemoryArea()) {
  const b = boot(session, local);
  await b.w.idle();
  b.clock.advance(10_000);
  await endOfTask();
  return b;
}

describe('worker: storage traffic of a failing page', () => {
  it('300 requests, half failing, in 300 ms: a handful of storage writes and badge updates, nothing lost', async () => {
    const { w, session, badge, clock } = await warm();
    const writes0 = session.writes;
    for (let i = 0; i < 300; i++) {
      if (i % 2) fail(w, {}, clock.t);
      else ok(w, {}, clock.t);
      clock.advance(1);
      await endOfTask();
    }
    const writesDuring = session.writes - writes0;
    expect(writesDuring).toBeLessThanOrEqual(2); // the leading edge, then one per 250 ms
    clock.advance(1000);
    await endOfTask();
    expect(session.records(1)).toHaveLength(150);
    // one update at the start, one per interval, the last right at the end of the burst
    expect(badge.calls).toBeLessThanOrEqual(4 + 2 * 3);
    expect(badge.text.get(1)).toBe('99+');
    expect(badge.title.get(1)).toBe('AuthLens: 150 auth failures (150 × 401)');
    // the context entries rode along (lazily): in storage for a restarted worker
    expect((session.parsed('context:1') as unknown[]).length).toBe(100);
    expect(session.writes - writes0).toBeLessThanOrEqual(6);
  });

  it('a page of 300 successes writes nothing and badges nothing', async () => {
    const { w, session, badge, clock } = await warm();
    const writes0 = session.writes;
    for (let i = 0; i < 300; i++) ok(w, {}, clock.t + i);
    clock.advance(5000);
    await endOfTask();
    expect(session.writes).toBe(writes0);
    expect(badge.calls).toBe(0);
    expect(w.capture.pending.size).toBe(0);
  });

  it('a burst of 10 000 failures in one tab: every record up to recordsPerTab kept, the badge at the end', async () => {
    const { w, session, badge, clock } = await warm();
    await w.onMessage({ ns: NS, type: 'setSettings', patch: { recordsPerTab: 5000 } });
    const port = new FakePort(portName(1));
    w.onConnect(port);
    await flush();
    const writes0 = session.writes;
    for (let i = 0; i < 10_000; i++) {
      fail(w, {}, clock.t);
      if (i % 10 === 9) {
        clock.advance(1); // 10 failures a millisecond: the whole burst takes a second
        await endOfTask();
      }
    }
    clock.advance(300);
    await endOfTask();
    await w.idle();
    expect(session.records(1)).toHaveLength(5000);
    expect(w.store.peek(1)).toHaveLength(5000);
    expect(session.writes - writes0).toBeLessThanOrEqual(8);
    expect(badge.text.get(1)).toBe('99+');
    expect(badge.title.get(1)).toBe('AuthLens: 5000 auth failures (5000 × 401)');
    const losses = port.messages.filter((m) => m.type === 'losses').at(-1)!.losses as Losses;
    expect(losses).toEqual({ cap: 5000 });
  });
});

describe('worker: stopped at the worst moment', () => {
  it('a failure after a quiet spell is stored when its event task ends: a stop right after loses nothing', async () => {
    const { w, session, local, clock } = await warm();
    fail(w, {}, clock.t);
    await endOfTask();
    clock.drop(); // stopped: memory and timers gone, storage kept
    void w;
    const second = boot(session, local);
    expect((await second.w.store.records(1)).map((r) => r.url)).toHaveLength(1);
  });

  it('any stop point of a burst: a record is lost only if a write started less than 250 ms before it', async () => {
    // failures at these times (ms); stop point k stops the worker right after the k-th
    const times = [0, 5, 10, 240, 260, 600, 2000, 2001, 2300, 2900];
    let lost = 0;
    for (let k = 1; k <= times.length; k++) {
      const { w, session, local, clock } = await warm();
      const starts: number[] = [];
      const set = session.set.bind(session);
      session.set = (items) => (starts.push(clock.t), set(items));
      const t0 = clock.t;
      const urls: string[] = [];
      for (let i = 0; i < k; i++) {
        // time moves in 5 ms tasks, so a timer's write goes out at (about) its own time
        while (clock.t < t0 + times[i]!) {
          clock.advance(Math.min(5, t0 + times[i]! - clock.t));
          await endOfTask();
        }
        fail(w, {}, clock.t);
        urls.push(`http://a/api/${n}`);
        await endOfTask();
      }
      clock.drop(); // stopped between two tasks: memory and timers gone, storage kept
      const kept = new Set((await boot(session, local).w.store.records(1)).map((r) => r.url));
      for (let i = 0; i < k; i++) {
        const at = t0 + times[i]!;
        const recentWrite = starts.some((s) => s <= at && at - s < 250 && !(s === at && kept.has(urls[i]!)));
        if (!kept.has(urls[i]!)) expect(recentWrite, `stop after #${k}: #${i + 1} at ${times[i]} ms`).toBe(true);
        if (!kept.has(urls[i]!)) lost++;
        // the first failure, and any with no write in the 250 ms before it, is never lost
        if (!starts.some((s) => s < at && at - s < 250))
          expect(kept.has(urls[i]!), `#${k} #${i + 1} ${JSON.stringify(starts.map((s) => s - t0))}`).toBe(true);
      }
      expect(kept.has(urls[0]!)).toBe(true);
    }
    // the window is real: stops right after #2, #3, #5, #8... lose the records waiting in it
    expect(lost).toBeGreaterThan(0);
  });

  it("a worker woken by the failure itself writes it in that event's task, before reading anything", async () => {
    const session = new MemoryArea(),
      local = new MemoryArea();
    const first = await warm(session, local);
    fail(first.w, {}, first.clock.t);
    await first.w.idle();
    first.clock.drop();
    // storage answers only when the test says: a stop before it answers must lose nothing
    const get = session.get.bind(session);
    let answer: (() => void) | undefined;
    session.get = (keys) => new Promise((r) => (answer = () => void get(keys).then(r)));
    const { w, clock } = boot(session, local);
    fail(w, {}, clock.t + 5000); // the waking event: nothing read yet
    await endOfTask();
    clock.drop(); // stopped before storage answered
    session.get = get;
    answer?.();
    const urls = (await boot(session, local).w.store.records(1)).map((r) => r.url);
    expect(urls).toEqual([`http://a/api/${n - 1}`, `http://a/api/${n}`]);
  });

  it('an early record joins the list once storage is read, or goes if the settings do not keep it', async () => {
    const session = new MemoryArea(),
      local = new MemoryArea();
    await local.set({ settings: { captureStatuses: [403] } });
    const { w, clock } = boot(session, local);
    // 401s with no challenge, not in the capture set: written early, then removed
    fail(w, {}, clock.t, []);
    fail(w, {}, clock.t + 1, []);
    await w.idle();
    expect(session.records(1)).toEqual([]);
    await local.set({ settings: {} });
    const second = boot(session, local);
    fail(second.w, {}, second.clock.t + 10);
    await second.w.idle();
    fail(second.w, {}, second.clock.t + 20);
    await second.w.idle();
    expect(session.records(1).map((r) => r.id)).toEqual(second.w.store.peek(1).map((r) => r.id));
    expect(second.w.store.peek(1)).toHaveLength(2);
  });
});

describe('worker: losses reach the UIs', () => {
  it('failing writes: retried with backoff, shown as unsaved, then as lost if the worker stops first', async () => {
    const { w, session, local, clock } = await warm();
    const port = new FakePort(portName(1));
    w.onConnect(port);
    await flush();
    session.failNext = 1e9;
    session.failWith = 'IO error: disk on fire';
    fail(w, {}, clock.t);
    fail(w, {}, clock.t + 1);
    for (let i = 0; i < 6; i++) {
      clock.advance(2000);
      await endOfTask();
    }
    await flush();
    const last = () => port.messages.filter((m) => m.type === 'losses').at(-1)?.losses as Losses | undefined;
    expect(last()).toMatchObject({ unsaved: 2 });
    expect(last()!.error).toMatch(/disk on fire/);
    expect(await local.get(UNSAVED_KEY)).toEqual({ [UNSAVED_KEY]: { 1: 2 } });
    // the worker stops with them unwritten; storage works again for the next one
    clock.drop();
    session.failNext = 0;
    const second = boot(session, local);
    await second.w.idle();
    const port2 = new FakePort(portName(1));
    second.w.onConnect(port2);
    await flush();
    expect(port2.messages[0]!.losses).toEqual({ lost: 2 });
    // and a worker that recovers says so: unsaved goes away
    const third = await warm();
    const port3 = new FakePort(portName(1));
    third.w.onConnect(port3);
    await flush();
    third.session.failNext = 3;
    third.session.failWith = 'IO error: try again';
    fail(third.w, {}, third.clock.t);
    for (let i = 0; i < 10; i++) {
      third.clock.advance(2000);
      await endOfTask();
    }
    await flush();
    expect(port3.messages.filter((m) => m.type === 'losses').at(-1)?.losses).toEqual({});
    expect(third.session.records(1)).toHaveLength(1);
  });

  it("one tab's flood of big failures leaves the other tabs' records; the flooded tab is told why", async () => {
    const session = new MemoryArea(),
      local = new MemoryArea(),
      clock = new ManualClock();
    const w = createWorker({ session, local, badge: new FakeBadge(), clock, warn: () => 0, budgetBytes: 400_000 });
    await w.idle();
    fail(w, { tabId: 2 }, clock.t);
    const big = [h('WWW-Authenticate', 'Bearer'), h('X-Debug', 'd'.repeat(50_000))];
    for (let i = 0; i < 200; i++) fail(w, { tabId: 3 }, clock.t + i, big);
    await w.idle();
    expect(w.store.peek(2)).toHaveLength(1);
    const flooded = w.store.peek(3);
    expect(flooded.length).toBeGreaterThan(10);
    expect(flooded[0]!.responseHeaders[1]!.value).toMatch(/…\[truncated by AuthLens: 41808 more characters\]$/);
    const port = new FakePort(portName(3));
    w.onConnect(port);
    await flush();
    expect(port.messages[0]!.losses).toEqual({ quota: 200 - flooded.length });
    expect((port.messages[0]!.records as CaptureRecord[]).length).toBe(flooded.length);
  });
});
