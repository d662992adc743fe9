// One replay from start to row: the page answers (a sandbox), the worker may capture a failure.
import { describe, expect, it } from 'vitest';
import { runReplay, type ReplayDeps } from '../../../src/panel/replay/run.ts';
import { buildReplay, defaultEdits } from '../../../src/panel/replay/request.ts';
import type { PanelEvent } from '../../../src/panel/state.ts';
import type { CaptureRecord } from '../../../src/shared/types.ts';
import { rec, T0 } from '../../support/records.ts';
import { pageSandbox } from './sandbox.ts';

const original = rec({
  url: 'https://api.example.com/v1/me',
  requestHeaders: [{ name: 'Authorization', value: 'Bearer stale' }],
});
const fresh = buildReplay(original, {
  ...defaultEdits(original),
  authorization: { mode: 'replace', value: 'Bearer fresh-token-0123456789' },
});

function deps(evalInPage: ReplayDeps['evalInPage'], live: CaptureRecord[] = [], onSleep?: () => void) {
  let now = T0 + 100_000;
  const events: PanelEvent[] = [];
  const d: ReplayDeps = {
    evalInPage,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      onSleep?.();
      await new Promise((r) => setTimeout(r, 0));
    },
    live: () => live,
    captureStatuses: () => [401, 403],
    dispatch: (e) => void events.push(e),
  };
  return { d, events, at: () => now };
}

describe('runReplay', () => {
  it('a success becomes the panel’s own record, a replay of the original: what the page sent and saw', async () => {
    const page = pageSandbox(
      () =>
        new Response('{"me":"alice"}', {
          status: 200,
          statusText: 'OK',
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const { d, events } = deps(page.evalInPage);
    const res = await runReplay(original, fresh, d);
    expect(res).toMatchObject({ ok: true, status: 200, captured: false, pageOrigin: 'https://app.example.com' });
    expect(page.calls.map((c) => c.url)).toEqual(['https://api.example.com/v1/me']);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.type).toBe('replayed');
    const r = (e as { record: CaptureRecord }).record;
    expect(r).toMatchObject({
      source: 'replay',
      replayOf: original.id,
      method: 'GET',
      status: 200,
      statusLine: '200 OK',
      initiator: 'https://app.example.com',
      requestHeaders: [{ name: 'Authorization', value: 'Bearer fresh-token-0123456789' }],
      responseBody: '{"me":"alice"}',
    });
    expect(r.responseHeaders).toContainEqual({ name: 'content-type', value: 'application/json' });
  });

  it('a failure the worker captured is linked, not duplicated', async () => {
    const live: CaptureRecord[] = [rec({ id: 'before', url: original.url, time: T0 + 100_000 })];
    const page = pageSandbox(
      () => new Response('', { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }),
    );
    let sleeps = 0;
    const { d, events } = deps(page.evalInPage, live, () => {
      // the worker's capture arrives a little after the page's answer
      if (++sleeps === 3) live.push(rec({ id: 'captured', url: original.url, status: 401, time: T0 + 100_200 }));
    });
    const res = await runReplay(original, fresh, d);
    expect(res).toMatchObject({ ok: true, id: 'captured', captured: true, status: 401 });
    expect(events).toEqual([{ type: 'replayLinked', id: 'captured', of: original.id }]);
  });

  it('a failure the worker did not capture (capture paused) still becomes a row', async () => {
    const page = pageSandbox(() => new Response('', { status: 401 }));
    const { d, events } = deps(page.evalInPage);
    const res = await runReplay(original, fresh, d, { captureWaitMs: 300 });
    expect(res).toMatchObject({ ok: true, status: 401, captured: false });
    expect(events.map((e) => e.type)).toEqual(['replayed']);
  });

  it('a CORS refusal or network error: the worker’s capture if there is one, else the error in words', async () => {
    const page = pageSandbox(() => Promise.reject(new TypeError('Failed to fetch')));
    const { d, events } = deps(page.evalInPage);
    const res = await runReplay(original, fresh, d, { captureWaitMs: 300 });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error).toContain('Failed to fetch');
    expect(events).toEqual([]);
  });

  it('no inspected page, or a page that never answers', async () => {
    const { d } = deps(async () => ({ ok: false, error: 'no inspected window' }));
    expect(await runReplay(original, fresh, d)).toEqual({
      ok: false,
      error: 'could not run in the inspected page: no inspected window',
    });
    const page = pageSandbox(() => new Promise<Response>(() => {}));
    const slow = deps(page.evalInPage);
    const res = await runReplay(original, fresh, slow.d, { timeoutMs: 1000 });
    expect(res).toEqual({ ok: false, error: 'no answer within 1 s' });
  });
});
