import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHar } from '../../src/har/write.ts';
import { BODY_CAP_CHARS } from '../../src/http/limits.ts';
import { fromHar, fromHarEvents, fromHarInParts, type HarStreamPart } from '../../src/har/read.ts';
import { harEvents } from '../../src/har/stream.ts';
import { diagnose } from '../../src/analysis/index.ts';
import { toExchange } from '../../src/shared/exchange.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { records } from '../support/fixture-records.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/har/${name}`, import.meta.url), 'utf8'));

/** The finding ids the engine gives an imported record on its own (no history), most important first. */
const findingIds = (r: CaptureRecord): string[] => diagnose(toExchange(r), { now: r.time }).findings.map((f) => f.id);

/** What a HAR round trip may change: the ids, the tab, and the source (it is an import now). */
function comparable(r: CaptureRecord): Omit<CaptureRecord, 'id' | 'requestId' | 'tabId' | 'source'> {
  const { id: _i, requestId: _q, tabId: _t, source: _s, ...rest } = r;
  return rest;
}

describe('fromHar: round trip', () => {
  it('toHar (revealed) then fromHar gives the same records modulo ids', () => {
    const original = records();
    const har = JSON.parse(JSON.stringify(toHar(original, { reveal: true, version: '0.1.0' }))) as unknown;
    const back = fromHar(har, { tabId: 42, idPrefix: 'imp1' });
    expect(back.problems).toEqual([]);
    expect(back.skipped).toBe(0);
    expect(back.records.map(comparable)).toEqual(original.map(comparable));
    expect(back.records.map((r) => [r.id, r.requestId, r.tabId, r.source])).toEqual([
      ['imp1-0', 'imp1-0', 42, 'import'],
      ['imp1-1', 'imp1-1', 42, 'import'],
      ['imp1-2', 'imp1-2', 42, 'import'],
    ]);
  });

  it('a masked export still imports (masked values stay masked)', () => {
    const back = fromHar(toHar(records(), { reveal: false, version: '0.1.0' }), { tabId: 1 });
    expect(back.records).toHaveLength(3);
    expect(back.records[0]?.url).toBe('https://api.example.com/v1/me?page=2&access_token=•••');
  });
});

describe('fromHar: Chrome HAR (HTTP/2)', () => {
  const res = fromHar(fixture('chrome-h2.har'), { tabId: 7 });
  const byPath = (p: string): CaptureRecord | undefined => res.records.find((r) => new URL(r.url).pathname === p);

  it('keeps the auth failures and challenged responses, skips the rest', () => {
    expect(res.records.map((r) => `${r.method} ${r.status} ${r.url}`)).toEqual([
      'GET 401 https://api.example.com/v1/me',
      'POST 403 https://api.example.com/v1/orders',
      'OPTIONS 401 https://api.example.com/v1/admin',
      'GET 400 https://api.example.com/v1/userinfo',
    ]);
    expect(res.skipped).toBe(3); // the 200 document, the failed (status 0) fetch, the image
    expect(res.problems).toEqual([]);
  });

  it('drops pseudo headers, builds the status line from "http/2.0", maps _resourceType', () => {
    const me = byPath('/v1/me');
    expect(me?.requestHeaders.map((h) => h.name)).not.toContain(':authority');
    expect(me?.requestHeaders).toContainEqual({
      name: 'authorization',
      value: expect.stringMatching(/^Bearer eyJ/) as unknown as string,
    });
    expect(me?.statusLine).toBe('HTTP/2 401');
    expect(me?.type).toBe('xmlhttprequest');
    expect(me?.source).toBe('import');
    expect(me?.fromCache).toBe(false);
    expect(me?.initiator).toBe('https://app.example.com');
    expect(me?.requestHeadersKnown).toBe(true);
    expect(me?.redirects).toEqual([]);
  });

  it('time is start + blocked + send + wait (when the response headers arrived)', () => {
    expect(byPath('/v1/me')?.time).toBe(Math.round(Date.parse('2026-11-22T18:04:05.100Z') + 1.203 + 0.118 + 20.5));
  });

  it('decodes a base64 JSON body; text body kept as is', () => {
    expect(byPath('/v1/orders')?.responseBody).toBe(
      '{"error": "insufficient_scope", "error_description": "requires orders:write"}',
    );
    expect(byPath('/v1/me')?.responseBody).toBe('{"error":"invalid_token"}');
  });

  it('marks the preflight', () => {
    expect(byPath('/v1/admin')?.preflight).toBe(true);
    expect(byPath('/v1/me')?.preflight).toBe(false);
  });

  it('imports what the engine needs to diagnose them as live captures', () => {
    expect(findingIds(byPath('/v1/me')!)).toContain('bearer-invalid-token');
    expect(findingIds(byPath('/v1/orders')!)).toContain('insufficient-scope');
    expect(findingIds(byPath('/v1/admin')!)).toContain('cors-preflight-auth');
    expect(findingIds(byPath('/v1/userinfo')!)).toContain('no-credentials');
  });
});

describe('fromHar: Firefox HAR', () => {
  const res = fromHar(fixture('firefox.har'), { tabId: 9 });

  it('keeps 401 Basic, 419 CSRF, 401 without challenge; skips 200 and 302', () => {
    expect(res.records.map((r) => `${r.status} ${r.statusLine}`)).toEqual([
      '401 HTTP/1.1 401 Unauthorized',
      '419 HTTP/1.1 419 unknown status',
      '401 HTTP/2 401',
    ]);
    expect(res.skipped).toBe(2);
  });

  it('reads local-offset times, HTML bodies, and header names as written', () => {
    const [basic, csrf, session] = res.records;
    expect(basic?.time).toBe(Date.parse('2026-11-22T18:04:01.250Z') + 35);
    expect(basic?.type).toBe('other'); // Firefox writes no resource type
    expect(basic?.responseBody).toBeUndefined(); // empty text
    expect(csrf?.responseBody).toContain('Page Expired');
    expect(csrf?.requestHeaders).toContainEqual({
      name: 'Cookie',
      value: 'laravel_session=eyJpdiI6IjEyMyJ9; XSRF-TOKEN=abc123def456',
    });
    expect(csrf?.initiator).toBe('https://shop.example.com');
    expect(session?.responseBody).toBeUndefined(); // "Response bodies are not included."
  });

  it('diagnoses Basic, CSRF and session failures offline', () => {
    expect(res.records.map((r) => findingIds(r)[0])).toEqual([
      'basic-credentials-rejected',
      'csrf-rejected',
      'session-expired',
    ]);
  });

  it('builds a Cookie header from the cookies list when the headers have none', () => {
    expect(res.records[2]?.requestHeaders).toContainEqual({ name: 'Cookie', value: 'session=s%3Aabcdef0123456789' });
  });
});

describe('fromHar: a HAR written by real Chromium (Playwright recorder)', () => {
  const res = fromHar(fixture('playwright-chromium.har'), { tabId: 3 });

  it('keeps the 401 Bearer, the 403 insufficient_scope and the bare 401; skips the 200s', () => {
    expect(res.records.map((r) => `${r.method} ${r.status} ${new URL(r.url).pathname} ${r.statusLine}`)).toEqual([
      'GET 401 /api/me HTTP/1.1 401 Unauthorized',
      'POST 403 /api/orders HTTP/1.1 403 Forbidden',
      'GET 401 /api/session HTTP/1.1 401 Unauthorized',
    ]);
    expect(res.skipped).toBe(2);
    expect(res.problems).toEqual([]);
  });

  it('carries the Authorization header and the body the diagnosis rests on', () => {
    const [me, orders, session] = res.records;
    expect(me?.requestHeaders.find((h) => h.name === 'Authorization')?.value).toMatch(/^Bearer eyJ/);
    expect(me?.responseBody).toBe('{"error":"invalid_token"}');
    expect(me?.type).toBe('xmlhttprequest');
    expect(me?.initiator).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(findingIds(me!)).toContain('bearer-invalid-token');
    expect(findingIds(orders!)).toContain('insufficient-scope');
    expect(findingIds(session!)).toContain('missing-challenge');
  });
});

describe('fromHar: never throws on garbage', () => {
  it.each([
    [null, 'not a HAR file: no log.entries array'],
    [42, 'not a HAR file: no log.entries array'],
    [{ log: {} }, 'not a HAR file: no log.entries array'],
    [{ log: { entries: 'x' } }, 'not a HAR file: no log.entries array'],
  ])('%j', (input, problem) => {
    expect(fromHar(input, { tabId: 1 })).toEqual({ records: [], skipped: 0, problems: [problem] });
  });

  it('a string is parsed; bad JSON is a problem', () => {
    expect(fromHar('{"log":{"entries":[]}}', { tabId: 1 })).toEqual({ records: [], skipped: 0, problems: [] });
    const bad = fromHar('{"log":', { tabId: 1 });
    expect(bad.records).toEqual([]);
    expect(bad.problems[0]).toMatch(/^not JSON: /);
  });

  it('bad entries are skipped and named; good ones still import', () => {
    const good = {
      startedDateTime: 'nope',
      request: { method: 'GET', url: 'https://a/', headers: [{ name: 'X', value: 1 }, { bad: true }, 'str'] },
      response: { status: 401, headers: null },
    };
    const res = fromHar(
      { log: { entries: [null, { request: {} }, { request: { method: 'GET' }, response: { status: '401' } }, good] } },
      { tabId: 1 },
    );
    expect(res.records).toHaveLength(1);
    expect(res.records[0]?.requestHeaders).toEqual([{ name: 'X', value: '1' }]);
    expect(res.records[0]?.time).toBe(0);
    expect(res.records[0]?.statusLine).toBe('401');
    expect(res.skipped).toBe(3);
    expect(res.problems).toEqual([
      'entry 0: no request/response object',
      'entry 1: no request/response object',
      'entry 2: missing url, method or status',
      'entry 3: 3 malformed header(s) ignored', // two bad items, and response.headers: null
      'entry 3: no valid startedDateTime, time set to 0',
    ]);
  });

  it('caps bodies, ignores binary and invalid base64', () => {
    const entry = (content: unknown) => ({
      startedDateTime: '2026-01-01T00:00:00Z',
      request: { method: 'GET', url: 'https://a/', headers: [] },
      response: { status: 401, headers: [], content },
    });
    const res = fromHar(
      {
        log: {
          entries: [
            entry({ mimeType: 'text/plain', text: 'y'.repeat(BODY_CAP_CHARS + 5) }),
            entry({ mimeType: 'image/png', text: 'iVBORw0KGgo=', encoding: 'base64' }),
            entry({ mimeType: 'application/json', text: '%%%', encoding: 'base64' }),
            entry({ mimeType: 'application/json', text: btoa('\xff\xfe'), encoding: 'base64' }),
          ],
        },
      },
      { tabId: 1 },
    );
    expect(res.records.map((r) => r.responseBody?.length)).toEqual([BODY_CAP_CHARS, undefined, undefined, undefined]);
  });

  it('honours a custom status set and keeps a challenge on any status but a 2xx (src/http/failure.ts)', () => {
    const e = (status: number, headers: { name: string; value: string }[] = []) => ({
      request: { method: 'GET', url: 'https://a/', headers: [] },
      response: { status, headers },
    });
    const res = fromHar(
      {
        log: {
          entries: [
            e(401),
            e(500),
            e(400, [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_request"' }]),
            e(200, [{ name: 'WWW-Authenticate', value: 'Negotiate oRQwEqADCgEA' }]),
          ],
        },
      },
      { tabId: 1, statuses: [500] },
    );
    expect(res.records.map((r) => r.status)).toEqual([500, 400]);
  });

  it('notes a Chrome export without any credentials (sanitized by default)', () => {
    const e = {
      startedDateTime: '2026-01-01T00:00:00Z',
      request: { method: 'GET', url: 'https://a/', headers: [{ name: 'accept', value: '*/*' }] },
      response: { status: 401, headers: [] },
    };
    const res = fromHar({ log: { creator: { name: 'WebInspector', version: '537.36' }, entries: [e] } }, { tabId: 1 });
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]).toMatch(/sanitized/);
  });

  it('any JSON value: no exception, counts add up', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const res = fromHar(v, { tabId: 1 });
        expect(Array.isArray(res.records)).toBe(true);
      }),
    );
    const entryArb = fc.record(
      {
        request: fc.anything(),
        response: fc.anything(),
        startedDateTime: fc.anything(),
        timings: fc.anything(),
        _authlens: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(entryArb, fc.anything())), (entries) => {
        const res = fromHar({ log: { entries } }, { tabId: 1 });
        expect(res.records.length + res.skipped).toBe(entries.length);
        expect(res.problems.length).toBeLessThanOrEqual(22);
      }),
    );
  });
});

describe('fromHarInParts', () => {
  it('reads the same records as fromHar, a few entries at a time, the problems complete in the last part', () => {
    const har = toHar(records(), { reveal: true, version: '0.1.0' });
    const whole = fromHar(har, { tabId: 3, idPrefix: 'p' });
    const parts = [...fromHarInParts(har, { tabId: 3, idPrefix: 'p' }, 2)];
    expect(parts.length).toBe(Math.ceil(har.log.entries.length / 2));
    expect(parts.every((p) => p.records.length + p.skipped <= 2)).toBe(true);
    expect(parts.flatMap((p) => p.records)).toEqual(whole.records);
    expect(parts.reduce((n, p) => n + p.skipped, 0)).toBe(whole.skipped);
    expect(parts.at(-1)!.problems).toEqual(whole.problems);
  });
  it('gives one part for garbage and for an empty log', () => {
    expect([...fromHarInParts('{', { tabId: 1 }, 10)]).toHaveLength(1);
    expect([...fromHarInParts({ log: { entries: [] } }, { tabId: 1 }, 10)]).toEqual([
      { records: [], skipped: 0, problems: [] },
    ]);
  });
});

describe('fromHarEvents', () => {
  /** a file's text as the streaming reader's events, `size` bytes a chunk */
  async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  async function read(text: string, size = 2, chunk = 97): Promise<HarStreamPart[]> {
    const out: HarStreamPart[] = [];
    for await (const p of fromHarEvents(harEvents(chunks(text, chunk)), { tabId: 3, idPrefix: 'p' }, size)) out.push(p);
    return out;
  }

  it('reads what fromHarInParts reads, as the bytes arrive', async () => {
    for (const name of ['chrome-h2.har', 'firefox.har', 'chromium-recorded-lab.har']) {
      const har = fixture(name);
      const whole = fromHar(har, { tabId: 3, idPrefix: 'p', statuses: [401, 403, 407, 419, 440, 498, 499] });
      const parts: HarStreamPart[] = [];
      const events = harEvents(chunks(JSON.stringify(har), 1000));
      const o = { tabId: 3, idPrefix: 'p', statuses: [401, 403, 407, 419, 440, 498, 499] };
      for await (const p of fromHarEvents(events, o, 3)) parts.push(p);
      const ok = parts.filter((p) => p.error === undefined);
      expect(ok).toHaveLength(parts.length);
      expect(ok.flatMap((p) => p.records)).toEqual(whole.records);
      expect(ok.reduce((n, p) => n + p.skipped, 0)).toBe(whole.skipped);
      expect(ok.at(-1)!.problems).toEqual(whole.problems);
    }
  });

  it('a base64 body longer than the reader keeps still gives its start as the body', async () => {
    const body = JSON.stringify({
      error: 'invalid_token',
      error_description: 'The token expired',
      pad: 'x'.repeat(2_000_000),
    });
    const e = {
      startedDateTime: '2026-01-01T00:00:00Z',
      request: { method: 'GET', url: 'https://api.example/v1', headers: [] },
      response: {
        status: 401,
        headers: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
        content: { mimeType: 'application/json', encoding: 'base64', text: Buffer.from(body).toString('base64') },
      },
    };
    const parts = await read(JSON.stringify({ log: { entries: [e] } }), 2, 65_536);
    const r = parts.flatMap((p) => ('records' in p ? p.records : []));
    expect(r).toHaveLength(1);
    expect(r[0]!.responseBody).toBe(body.slice(0, BODY_CAP_CHARS));
  });

  it('says a Chrome export carries no credentials, as fromHar does (its creator after the entries too)', async () => {
    const e = {
      startedDateTime: '2026-01-01T00:00:00Z',
      request: { method: 'GET', url: 'https://a/', headers: [{ name: 'accept', value: '*/*' }] },
      response: { status: 401, headers: [] },
    };
    const creator = { name: 'WebInspector', version: '537.36' };
    const whole = fromHar({ log: { creator, entries: [e] } }, { tabId: 3, idPrefix: 'p' });
    expect(whole.problems[0]).toMatch(/sanitized/);
    const after = await read(JSON.stringify({ log: { entries: [e], creator } }));
    expect(after.at(-1)).toMatchObject({ problems: whole.problems });
  });

  it('a file cut short: the entries before the cut, then the reason', async () => {
    const text = JSON.stringify(toHar(records(), { reveal: true, version: '0.1.0' }));
    const cut = text.slice(0, text.lastIndexOf('"request"'));
    const parts = await read(cut, 1);
    const last = parts.at(-1)!;
    expect(last.error).toMatch(/^truncated: the file ends inside log.entries, after 2 complete entries/);
    expect(parts.slice(0, -1).flatMap((p) => (p.error === undefined ? p.records.map((r) => r.id) : []))).toEqual([
      'p-0',
      'p-1',
    ]);
  });

  it("garbage and a document without entries end with the reader's reason", async () => {
    expect(await read('{nope')).toEqual([{ error: expect.stringMatching(/^not JSON/) }]);
    expect(await read('{"log":{}}')).toEqual([{ error: 'not a HAR file: no log.entries array' }]);
    expect(await read('{"log":{"entries":[]}}')).toEqual([{ records: [], skipped: 0, problems: [] }]);
  });
});
