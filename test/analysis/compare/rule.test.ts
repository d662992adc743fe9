// changed-since-success: the last success to the same endpoint, compared; its top difference.
import { describe, expect, it } from 'vitest';
import { diagnose, type Exchange } from '../../../src/analysis/index.ts';
import { S, T, ex, jwt } from '../rules/helpers.ts';

const claims = { iss: 'https://id.example.com', aud: 'orders-api', sub: 'u1', scope: 'orders:read' };
const LIVE = jwt({ ...claims, exp: S + 600 });
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const failing = (req: Record<string, string>): Exchange =>
  ex({ url: 'https://api.example.com/orders/42', req, res: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
const success = (req: Record<string, string>, at = T - 20_000, url = 'https://api.example.com/orders/17'): Exchange =>
  ex({ url, status: 200, timeStamp: at, date: at, req });
const found = (e: Exchange, history: Exchange[]) =>
  diagnose(e, { history }).findings.find((f) => f.id === 'changed-since-success');

describe('changed-since-success', () => {
  it('names the top difference and the refresh between, after the request’s own cause', () => {
    const refresh = {
      ...ex({ url: 'https://id.example.com/oauth/token', status: 200, timeStamp: T - 5000 }),
      method: 'POST',
    };
    const other = jwt({ ...claims, aud: 'billing-api', exp: S + 3600 });
    const d = diagnose(failing(bearer(other)), { history: [success(bearer(LIVE)), refresh] });
    const ids = d.findings.map((f) => f.id);
    expect(ids).toContain('changed-since-success');
    expect(ids[0]).not.toBe('changed-since-success');
    const f = d.findings.find((x) => x.id === 'changed-since-success')!;
    expect(f.severity).toBe('warning');
    expect(JSON.stringify(f)).not.toContain(other);
    expect(JSON.stringify(f)).not.toContain(LIVE);
    expect(f.evidence.map((e) => e.label)).toEqual(['Last success', 'Audience (aud)', 'Token', 'Refresh between']);
    expect(f.explanation).toContain('this one is for billing-api, the other was for orders-api');
  });

  it('summarises the difference when it leads (a pattern never leads alone: see diagnose)', () => {
    const d = diagnose(failing({}), { history: [success(bearer(LIVE))] });
    const f = d.findings.find((x) => x.id === 'changed-since-success')!;
    expect(f.evidence[1]).toEqual({
      label: 'Authorization',
      value: expect.stringMatching(/^\(not sent\) \(the success: Bearer eyJ[^#]*\)$/),
    });
  });

  it('shows the fingerprint the views show when handed the key', () => {
    const fingerprintKey = { bytes: new Uint8Array(32).fill(7) };
    const d = diagnose(failing({}), { history: [success(bearer(LIVE))], fingerprintKey });
    const f = d.findings.find((x) => x.id === 'changed-since-success')!;
    expect(f.evidence[1]!.value).toMatch(/^\(not sent\) \(the success: Bearer eyJ.*#[0-9a-f]{6}\)$/);
  });

  it('stays silent for the same token expired since (token-expired and credential-stopped-working say it)', () => {
    const brief = jwt({ ...claims, exp: S - 5 });
    const d = diagnose(failing(bearer(brief)), { history: [success(bearer(brief))] });
    expect(d.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(['token-expired', 'credential-stopped-working']),
    );
    expect(d.findings.map((f) => f.id)).not.toContain('changed-since-success');
  });

  it('needs a success to the same endpoint before, within the window, and a difference that explains', () => {
    const other = bearer(jwt({ ...claims, aud: 'billing-api', exp: S + 3600 }));
    expect(found(failing(other), [success(bearer(LIVE))])).toBeDefined();
    expect(found(failing(other), [success(bearer(LIVE), T + 5000)])).toBeUndefined();
    expect(found(failing(other), [success(bearer(LIVE), T - 61_000)])).toBeUndefined();
    expect(
      found(failing(other), [success(bearer(LIVE), T - 5000, 'https://api.example.com/users/17')]),
    ).toBeUndefined();
    expect(found(failing(other), [{ ...success(bearer(LIVE)), status: 500 }])).toBeUndefined();
    // only a Content-Type differs: listed in Compare, not a cause
    expect(
      found(failing({ ...other, 'Content-Type': 'text/plain' }), [
        success({ ...other, 'Content-Type': 'application/json' }),
      ]),
    ).toBeUndefined();
    // not a failure: nothing to explain
    expect(found({ ...failing(other), status: 200, responseHeaders: [] }, [success(bearer(LIVE))])).toBeUndefined();
  });

  it('reads a success kept as a digest: cookies it sent that this request did not', () => {
    const kept: Exchange = {
      ...success({}),
      requestHeaders: [],
      responseHeaders: [],
      digest: { cookies: ['session'] },
    };
    const f = found(failing({ Cookie: 'theme=dark' }), [kept]);
    expect(f?.evidence[1]).toEqual({
      label: 'Cookies (names)',
      value: 'not sent: session (the success: sent: session)',
    });
    // kept without a digest of cookies: unknown, so no claim about them
    expect(found(failing({ Cookie: 'theme=dark' }), [{ ...kept, digest: {} }])).toBeUndefined();
  });
});
