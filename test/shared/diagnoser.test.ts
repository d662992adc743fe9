import { describe, expect, it, vi } from 'vitest';
import type { ToWorker, WorkerLike } from '../../src/shared/diagnosis-protocol.ts';
import { createDiagnosisService } from '../../src/shared/diagnosis-service.ts';
import { createDiagnoser } from '../../src/shared/diagnoser.ts';
import { inThreadWorker } from '../../src/shared/in-thread.ts';
import type { CaptureRecord, ContextEntry } from '../../src/shared/types.ts';
import { handRunDiagnoser, timedDiagnoser } from '../support/diagnoser.ts';
import { diagnosed, rec, T0 } from '../support/records.ts';
import { manualScheduler } from '../support/scheduler.ts';

const ids = (d: ReturnType<typeof handRunDiagnoser>['d'], r: CaptureRecord) => d.peekSummary(r)?.ids;

/** Every message the page sent its workers (a copy, as the worker received it). */
function sent(workers: WorkerLike[]): ToWorker[] {
  const out: ToWorker[] = [];
  for (const w of workers) {
    const post = w.postMessage.bind(w);
    w.postMessage = (m) => {
      out.push(structuredClone(m));
      post(m);
    };
  }
  return out;
}

describe('diagnoser: results arrive later', () => {
  it('peek is undefined until the diagnosis was asked for and answered; then listeners hear of it', () => {
    const { s, d } = handRunDiagnoser();
    const r = rec();
    d.setInputs([r], []);
    const heard = vi.fn();
    d.onChange(heard);
    expect(d.peek(r)).toBeUndefined();
    d.want([r]);
    expect(d.pending).toBe(1);
    expect(d.peekSummary(r)).toBeUndefined();
    const before = d.version;
    s.drain();
    expect(d.peekSummary(r)?.ids).toContain('no-credentials');
    // an idle answer brings the summary only: the full diagnosis is asked for `soon`
    expect(d.peek(r)).toBeUndefined();
    expect(d.version).toBe(before + 1);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(d.pending).toBe(0);
    d.want([r], true);
    s.drain();
    expect(d.peek(r)).toMatchObject({ ok: true });
  });

  it('says which records were answered since a version, and when it cannot say', () => {
    const { s, d } = handRunDiagnoser({ sliceMs: 1 });
    const all = Array.from({ length: 4 }, () => rec());
    d.setInputs(all, []);
    const v0 = d.version;
    expect(d.answeredSince(v0)).toEqual([]);
    d.want(all.slice(0, 2), true);
    s.drain();
    const v1 = d.version;
    expect(new Set(d.answeredSince(v0))).toEqual(new Set(all.slice(0, 2)));
    d.want(all.slice(2), true);
    s.drain();
    expect(new Set(d.answeredSince(v1))).toEqual(new Set(all.slice(2)));
    expect(d.answeredSince(d.version)).toEqual([]);
    // new context: every record's diagnosis may differ, so nothing earlier is known
    const v2 = d.version;
    d.setInputs(all, [
      { url: 'https://api.example.com/ok', method: 'GET', status: 200, time: all[0]!.time, type: 'xmlhttprequest' },
    ]);
    expect(d.answeredSince(v2)).toBeUndefined();
    expect(d.answeredSince(d.version)).toEqual([]);
  });

  it('what is on screen goes first: a `soon` ask runs before the idle warming asked earlier', () => {
    const { s, d, engine } = handRunDiagnoser({ sliceMs: 1 });
    const all = Array.from({ length: 5 }, () => rec());
    d.setInputs(all, []);
    d.want(all);
    d.want([all[4]!], true);
    s.drain();
    expect(engine.mock.calls.map(([x]) => x.url)).toEqual([all[4]!.url, ...all.slice(0, 4).map((r) => r.url)]);
    expect(all.every((r) => d.peekSummary(r))).toBe(true);
  });

  it('soon answers re-render at once; idle ones are told together, at most every notifyMs', () => {
    const timer = vi.fn((run: () => void, ms: number) => s.schedule(run, ms));
    const { s, d } = handRunDiagnoser({ sliceMs: 1 }, { timer, notifyMs: 250 });
    const all = Array.from({ length: 4 }, () => rec());
    d.setInputs(all, []);
    const heard = vi.fn();
    d.onChange(heard);
    d.want(all);
    s.drain();
    // four slices, four answers, one notification
    expect(heard).toHaveBeenCalledTimes(1);
    expect(timer.mock.calls.filter(([, ms]) => ms === 250)).toHaveLength(1);
    d.want([all[0]!], true);
    s.drain();
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('get() resolves once the full diagnosis is there (copies, exports)', async () => {
    const d = timedDiagnoser();
    const r = rec({ status: 403 });
    d.setInputs([r], []);
    const got = await d.get(r);
    expect(got.ok && got.diagnosis.findings[0]?.id).toBe('forbidden-unauthenticated');
    expect(await d.get(r)).toBe(got);
  });

  it('an idle ask for a record the tab no longer holds is dropped; a get() for it is answered', async () => {
    const { s, d, engine } = handRunDiagnoser();
    const [a, b] = [rec(), rec()];
    d.setInputs([a, b], []);
    d.want([a, b]);
    d.setInputs([], []);
    s.drain();
    expect(engine).not.toHaveBeenCalled();
    expect(d.pending).toBe(0);
    const got = d.get(a);
    s.drain();
    expect(engine).toHaveBeenCalledTimes(1);
    expect((await got).ok).toBe(true);
  });

  it('eager: the worker starts at once (its script loads while the page waits for records), once', () => {
    const { s, d, workers } = handRunDiagnoser({}, { eager: true });
    expect(workers).toHaveLength(1);
    const r = rec();
    d.setInputs([r], []);
    d.want([r]);
    s.drain();
    expect(workers).toHaveLength(1);
    expect(d.peekSummary(r)).toBeDefined();
  });

  it('dispose stops the work', () => {
    const { s, d, engine } = handRunDiagnoser();
    const r = rec();
    d.setInputs([r], []);
    d.want([r]);
    d.dispose();
    s.drain();
    expect(engine).not.toHaveBeenCalled();
  });
});

describe('diagnoser: the protocol', () => {
  it('a record crosses once: a re-sync (same records, new objects) sends nothing, a changed one crosses again', () => {
    const { s, d, workers, engine } = handRunDiagnoser();
    const r = rec({ url: 'https://c.example/x' });
    const none: ContextEntry[] = [];
    d.setInputs([r], none);
    d.want([r]);
    s.drain();
    const messages = sent(workers);
    const copy = structuredClone(r);
    d.setInputs([copy], none);
    d.want([copy]);
    s.drain();
    expect(messages).toEqual([]);
    expect(d.peekSummary(copy)).toBe(d.peekSummary(r));
    const withBody = { ...copy, responseBody: '{"error":"x"}' };
    d.setInputs([withBody], none);
    d.want([withBody]);
    s.drain();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.add).toEqual([withBody]);
    expect(messages[0]!.remove).toHaveLength(1);
    expect(messages[0]!.want).toHaveLength(1);
    expect(engine).toHaveBeenCalledTimes(2);
  });

  it('records go in batches of at most 1 000, what is wanted soon first, the asks once their records are there', () => {
    const { s, d, workers } = handRunDiagnoser();
    const all = Array.from({ length: 2_500 }, () => rec());
    d.setInputs(all, []);
    d.want(all);
    d.want([all[2_499]!], true);
    s.step(); // the first flush starts the worker and sends the first 1 000
    const messages = sent(workers);
    s.drain();
    expect(messages.map((m) => m.add?.length ?? 0)).toEqual([1_000, 500]);
    // each message asks for the records it carries
    expect(messages.map((m) => m.want?.length ?? 0)).toEqual([1_000, 500]);
    expect(all.every((r) => d.peekSummary(r))).toBe(true);
  });

  it('the first message carries the soon record and its ask, before the other records', () => {
    const s = manualScheduler();
    const first: ToWorker[] = [];
    const d = createDiagnoser({
      timer: s.schedule,
      worker: () => {
        const w = inThreadWorker((post) => createDiagnosisService({ post, schedule: s.schedule }), s.schedule);
        const post = w.postMessage.bind(w);
        w.postMessage = (m) => {
          first.push(structuredClone(m));
          post(m);
        };
        return w;
      },
    });
    const all = Array.from({ length: 1_500 }, () => rec());
    d.setInputs(all, []);
    d.want(all);
    d.want([all[1_499]!], true);
    s.drain();
    expect(first[0]!.add![0]).toEqual(all[1_499]);
    expect(first[0]!.soon).toEqual([expect.stringContaining(all[1_499]!.id)]);
    // the other 999 records of the first message are asked for there; the rest in the next
    expect(first[0]!.want).toHaveLength(999);
    expect(first[1]!.add).toHaveLength(500);
    expect(first[1]!.want).toHaveLength(500);
  });

  it("an AuthLens export's diagnosis is the answer at once, without the engine or the worker", () => {
    const { d, engine, workers } = handRunDiagnoser();
    const r = rec({ exportedDiagnosis: diagnosed('Token expired', ['token-expired', 'error']) });
    expect(d.peekSummary(r)).toEqual({
      summary: 'Token expired',
      top: { id: 'token-expired', severity: 'error', title: 'token-expired' },
      ids: ['token-expired'],
    });
    d.want([r], true);
    expect(d.pending).toBe(0);
    expect(engine).not.toHaveBeenCalled();
    expect(workers).toHaveLength(0);
  });

  it('the engine failing is a result that says so, never a throw', () => {
    const { s, d } = handRunDiagnoser({
      engine: () => {
        throw new Error('boom');
      },
    });
    const r = rec();
    d.setInputs([r], []);
    d.want([r], true);
    s.drain();
    expect(d.peek(r)).toEqual({ ok: false, error: 'boom' });
    expect(d.peekSummary(r)).toEqual({ summary: 'The diagnosis engine failed: boom', ids: [] });
  });

  it('a record the structured clone cannot copy is answered with a failure; the others are diagnosed', () => {
    const { s, d } = handRunDiagnoser();
    const bad = rec({ id: 'bad', url: 'https://api.example.com/bad' });
    Object.defineProperty(bad, 'fromCache', {
      enumerable: true,
      get() {
        throw new Error('hostile getter');
      },
    });
    const good = rec({ id: 'good', url: 'https://api.example.com/good' });
    d.setInputs([bad, good], []);
    d.want([bad, good], true);
    expect(() => s.drain()).not.toThrow();
    const failed = d.peek(bad);
    expect(failed?.ok).toBe(false);
    expect(failed?.ok === false && failed.error).toContain('could not be handed to the diagnosis engine');
    expect(d.peek(good)?.ok).toBe(true);
    // asked again, it is answered at once, without another try
    d.want([bad], true);
    expect(d.pending).toBe(0);
  });
});

describe('diagnoser: a worker that dies', () => {
  /** The service in-thread, with a way to kill it as an uncaught error in a Worker would. */
  function mortal() {
    const s = manualScheduler();
    const started: { w: WorkerLike; messages: ToWorker[] }[] = [];
    // each engine run takes one virtual millisecond: one record per slice
    let ticks = 0;
    const now = (): number => ticks++;
    const make = (): WorkerLike => {
      const w = inThreadWorker(
        (post) => createDiagnosisService({ post, schedule: s.schedule, sliceMs: 1, now }),
        s.schedule,
      );
      const messages: ToWorker[] = [];
      const post = w.postMessage.bind(w);
      w.postMessage = (m) => {
        messages.push(structuredClone(m));
        post(m);
      };
      started.push({ w, messages });
      return w;
    };
    const kill = (): void => {
      const { w } = started.at(-1)!;
      w.terminate();
      w.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    };
    return { s, make, started, kill };
  }

  it('is started again with every record and the unanswered asks; what was answered stays, nothing throws', () => {
    const m = mortal();
    const d = createDiagnoser({ worker: m.make, timer: m.s.schedule });
    const all = Array.from({ length: 6 }, () => rec());
    d.setInputs(all, []);
    d.want(all);
    m.s.step(); // first flush: the worker starts
    m.s.step(); // the message reaches it
    m.s.step(); // one slice (one record, sliceMs 1)
    m.s.step(); // its answer reaches the page
    expect(d.peekSummary(all[0]!)).toBeDefined();
    m.kill();
    const heard = vi.fn();
    d.onChange(heard);
    expect(d.pending).toBe(5);
    expect(d.peekSummary(all[0]!)).toBeDefined();
    m.s.drain();
    expect(m.started).toHaveLength(2);
    const again = m.started[1]!.messages[0]!;
    expect(again.add).toHaveLength(6);
    expect(again.want).toHaveLength(5);
    expect(all.every((r) => d.peekSummary(r))).toBe(true);
    expect(d.pending).toBe(0);
    expect(heard).toHaveBeenCalled();
  });

  it('after three deaths the fallback takes over; when it dies too, every ask is answered with a failure', async () => {
    const m = mortal();
    const fallback = mortal();
    const d = createDiagnoser({ worker: m.make, fallback: fallback.make, timer: m.s.schedule });
    const r = rec();
    d.setInputs([r], []);
    d.want([r]);
    for (let i = 0; i < 3; i++) {
      m.s.drain(); // (re)start, send, maybe answer
      m.kill();
    }
    expect(m.started).toHaveLength(3);
    m.s.drain();
    fallback.s.drain();
    m.s.drain();
    expect(fallback.started).toHaveLength(1);
    expect(d.peekSummary(r)?.ids).toContain('no-credentials');

    const other = rec();
    d.setInputs([r, other], []);
    const got = d.get(other);
    for (let i = 0; i < 3; i++) {
      m.s.drain();
      fallback.kill();
    }
    m.s.drain();
    expect(fallback.started).toHaveLength(3);
    const res = await got;
    expect(res).toEqual({ ok: false, error: 'the diagnosis worker stopped (out of memory)' });
    expect(d.peekSummary(other)?.summary).toMatch(/^The diagnosis engine failed: the diagnosis worker stopped/);
    expect(d.pending).toBe(0);
    // later asks are answered the same way, at once
    const late = rec();
    d.want([late]);
    expect(d.peek(late)).toMatchObject({ ok: false });
  });

  it('a get() for a record outside the list, in flight when the worker dies, is answered by the next one', async () => {
    const m = mortal();
    const d = createDiagnoser({ worker: m.make, timer: m.s.schedule });
    const gone = rec();
    d.setInputs([], []);
    const got = d.get(gone);
    m.s.step(); // the worker starts and is sent the record
    m.kill();
    m.s.drain();
    expect(m.started).toHaveLength(2);
    expect(m.started[1]!.messages[0]!.loose).toEqual([gone]);
    expect((await got).ok).toBe(true);
  });

  it('a worker that cannot even start counts as a death', () => {
    const m = mortal();
    let tries = 0;
    const d = createDiagnoser({
      worker: () => {
        tries++;
        throw new Error('blocked by CSP');
      },
      fallback: m.make,
      timer: m.s.schedule,
    });
    const r = rec();
    d.setInputs([r], []);
    d.want([r]);
    m.s.drain();
    expect(tries).toBe(3);
    expect(d.peekSummary(r)?.ids).toContain('no-credentials');
  });
});

describe('diagnoser: a HAR file read by the worker', () => {
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'test', version: '1' },
      entries: Array.from({ length: 3 }, (_, i) => ({
        startedDateTime: new Date(T0 + i * 1000).toISOString(),
        time: 1,
        request: { method: 'GET', url: `https://api.example.com/${i}`, httpVersion: 'HTTP/1.1', headers: [] },
        response: { status: 401, statusText: 'Unauthorized', httpVersion: 'HTTP/1.1', headers: [], content: {} },
        timings: { send: 0, wait: 1, receive: 0 },
      })),
    },
  };

  it('hands the records over in chunks; they join the list by key, never sent back', async () => {
    const { s, d, workers } = handRunDiagnoser();
    const got: CaptureRecord[] = [];
    const read = d.readHar(new Blob([JSON.stringify(har)]), { tabId: 7, statuses: [401], idPrefix: 'hx' }, (records) =>
      got.push(...records),
    );
    s.drain();
    const messages = sent(workers);
    // the file is read asynchronously (Blob.stream()), then its chunk is delivered
    for (let i = 0; i < 20 && got.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 5));
      s.drain();
    }
    expect(await read).toEqual({ skipped: 0, problems: [] });
    expect(got.map((r) => r.id)).toEqual(['hx-0', 'hx-1', 'hx-2']);
    d.setInputs(got, []);
    d.want(got);
    s.drain();
    expect(messages.every((m) => m.add === undefined)).toBe(true);
    expect(messages[0]!.join).toHaveLength(3);
    expect(got.every((r) => d.peekSummary(r))).toBe(true);
  });

  it('a success read for the Compare tab is not kept by the worker: if it ever joins, it is sent whole', async () => {
    const { s, d, workers } = handRunDiagnoser();
    const mixed = structuredClone(har);
    mixed.log.entries[1]!.response.status = 200;
    const got: CaptureRecord[] = [];
    const read = d.readHar(
      new Blob([JSON.stringify(mixed)]),
      { tabId: 7, statuses: [401, 200], idPrefix: 'hx' },
      (rs) => got.push(...rs),
    );
    for (let i = 0; i < 20 && got.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 5));
      s.drain();
    }
    await read;
    const messages = sent(workers);
    d.setInputs(got, []);
    d.want(got);
    s.drain();
    const last = messages[messages.length - 1]!;
    expect(last.join).toHaveLength(2);
    expect(last.add?.map((r) => r.status)).toEqual([200]);
    expect(got.every((r) => d.peekSummary(r))).toBe(true);
  });

  it('a file cut short: the entries read before the cut are delivered, then the reason', async () => {
    const d = timedDiagnoser();
    const text = JSON.stringify(har);
    const got: CaptureRecord[] = [];
    const cut = text.slice(0, text.lastIndexOf('{"startedDateTime"'));
    await expect(
      d.readHar(new Blob([cut]), { tabId: 7, statuses: [401], idPrefix: 'hx' }, (rs) => got.push(...rs)),
    ).rejects.toThrow(
      /^truncated: the file ends inside log.entries, after 2 complete entries .*\(the entries before it were read\)$/,
    );
    expect(got.map((r) => r.id)).toEqual(['hx-0', 'hx-1']);
  });

  it('a JSON document without entries: one problem, as before streaming', async () => {
    const d = timedDiagnoser();
    await expect(
      d.readHar(new Blob(['{"log":{}}']), { tabId: 7, statuses: [401], idPrefix: 'hx' }, () => undefined),
    ).resolves.toEqual({ skipped: 0, problems: ['not a HAR file: no log.entries array'] });
  });

  it('a file that is not JSON is refused with a reason', async () => {
    const d = timedDiagnoser();
    await expect(
      d.readHar(new Blob(['{nope']), { tabId: 7, statuses: [401], idPrefix: 'hx' }, () => undefined),
    ).rejects.toThrow('not JSON, so not a HAR file');
  });
});

describe('diagnoser: history', () => {
  it("sees a burst of failures across the tab's records", () => {
    const { s, d } = handRunDiagnoser();
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
    const { s, d, engine } = handRunDiagnoser();
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
    expect(d.peekSummary(failure)).toBeUndefined();
    expect(d.peekSummary(far)).toBeDefined(); // nothing new within its minute
    d.want(records);
    s.drain();
    expect(ids(d, failure)).toContain('refresh-recovered');
    // the old (empty) context again: the first answer, from the cache
    const runs = engine.mock.calls.length;
    d.setInputs(records, []);
    expect(ids(d, failure)).not.toContain('refresh-recovered');
    expect(engine).toHaveBeenCalledTimes(runs);
  });

  it('an ask in flight when the context moves is answered for the new context', () => {
    const { s, d } = handRunDiagnoser();
    const failure = rec({
      requestHeaders: [{ name: 'Authorization', value: 'Bearer expired' }],
      responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
    });
    d.setInputs([failure], []);
    d.want([failure]);
    const near: ContextEntry[] = [
      { url: 'https://api.example.com/oauth/token', method: 'POST', status: 200, time: failure.time + 10, type: 'x' },
      { url: failure.url, method: 'GET', status: 200, time: failure.time + 20, type: 'x', authorization: 'Bearer b' },
    ];
    d.setInputs([failure], near);
    s.drain();
    expect(ids(d, failure)).toContain('refresh-recovered');
    expect(d.pending).toBe(0);
  });
});
