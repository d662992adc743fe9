import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/analysis/index.ts';
import { toExchange } from '../../src/shared/exchange.ts';
import { summarize } from '../../src/shared/summary.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';

const T = Date.UTC(2026, 0, 15, 12, 0, 0);
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: object) => `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(payload)}.c2lnbmF0dXJl`;

function record(over: Partial<CaptureRecord>): CaptureRecord {
  return {
    id: 'r-1',
    requestId: 'r',
    tabId: 1,
    frameId: 0,
    type: 'xmlhttprequest',
    method: 'GET',
    url: 'https://api.test/me',
    status: 401,
    statusLine: 'HTTP/1.1 401 Unauthorized',
    time: T,
    fromCache: false,
    preflight: false,
    source: 'headers',
    requestHeadersKnown: true,
    requestHeaders: [],
    responseHeaders: [],
    redirects: [],
    ...over,
  };
}

describe('summarize', () => {
  it("is the engine's summary, its first finding as top, and every id in order", () => {
    const r = record({
      requestHeaders: [{ name: 'Authorization', value: 'Bearer opaque-token' }],
      responseHeaders: [
        { name: 'WWW-Authenticate', value: 'Bearer error="invalid_token", error_description="revoked"' },
      ],
    });
    const full = diagnose(toExchange(r), { now: r.time });
    const s = summarize(r);
    expect(s.summary).toBe(full.summary);
    expect(s.ids).toEqual(full.findings.map((f) => f.id));
    expect(s.ids).toContain('bearer-invalid-token');
    expect(s.top).toEqual({
      id: full.findings[0]!.id,
      severity: full.findings[0]!.severity,
      title: full.findings[0]!.title,
    });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s); // stored in storage.session as is
  });

  it("judges time at the record's own time, not the clock", () => {
    const token = jwt({ sub: 'u', exp: Math.floor(T / 1000) + 3600 });
    const r = record({
      requestHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }],
      responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
    });
    expect(summarize(r).ids).not.toContain('token-expired');
    expect(summarize({ ...r, time: T + 2 * 3600_000 }).ids).toContain('token-expired');
  });
});
