import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/analysis/index.ts';
import { ex, ids } from './helpers.ts';

const DJANGO = {
  Cookie: 'sessionid=8x1k2m9q; csrftoken=Qm3Xr8pL',
  'Content-Type': 'application/x-www-form-urlencoded',
};

describe('csrf-rejected', () => {
  it('without a body: the likely cause, saying what it rests on, with the permission reading second', () => {
    const d = diagnose(
      ex({ method: 'POST', status: 403, req: DJANGO, res: { 'Content-Type': 'text/html; charset=utf-8' } }),
    );
    expect(d.findings.map((f) => f.id)).toEqual(['csrf-rejected', 'forbidden-authenticated']);
    const f = d.findings[0]!;
    expect(f.title).toBe('CSRF check likely failed');
    expect(d.summary).toMatch(/^Likely a CSRF rejection: POST with the csrftoken cookie but no X-CSRFToken header/);
    expect(f.explanation).toContain('No response body was available to confirm it');
    expect(f.explanation).toContain('the csrftoken cookie was sent (Django)');
    expect(f.evidence).toContainEqual({ label: 'Confirmed by', value: 'not confirmed: no response body' });
    expect(JSON.stringify(d)).not.toContain('Qm3Xr8pL');
  });
  it('with the body: certain, and the permission reading is dropped', () => {
    const d = diagnose(
      ex({
        method: 'POST',
        status: 403,
        req: DJANGO,
        body: '<h1>Forbidden (403)</h1><p>CSRF verification failed. Request aborted.</p>',
      }),
    );
    expect(d.findings.map((f) => f.id)).toEqual(['csrf-rejected']);
    expect(d.findings[0]!.title).toBe('CSRF check failed');
    expect(d.summary).not.toMatch(/likely/i);
    expect(d.findings[0]!.evidence).toContainEqual({ label: 'Confirmed by', value: 'response body' });
  });
  it('a 422 is an auth failure only with Rails or CSRF cookies; otherwise it is a validation error', () => {
    expect(ids(ex({ method: 'PATCH', status: 422, req: { Cookie: '_shop_session=abc--def' } }))).toEqual([
      'csrf-rejected',
    ]);
    expect(ids(ex({ method: 'PATCH', status: 422, req: { Cookie: 'sid=abc' } }))).toEqual([]);
    expect(
      ids(ex({ method: 'PATCH', status: 422, req: { Cookie: '_shop_session=abc--def', 'X-CSRF-Token': 't' } })),
    ).toEqual([]);
  });
  it('Laravel 419 without a token header is CSRF, not a lost session; with a stale header both readings stay', () => {
    expect(ids(ex({ method: 'PUT', status: 419, req: { Cookie: 'XSRF-TOKEN=a; laravel_session=b' } }))).toEqual([
      'csrf-rejected',
    ]);
    const stale = ids(
      ex({
        method: 'PUT',
        status: 419,
        req: { Cookie: 'XSRF-TOKEN=a; laravel_session=b', 'X-XSRF-TOKEN': 'a' },
        body: '{"message":"CSRF token mismatch."}',
      }),
    );
    expect(stale).toEqual(['csrf-rejected', 'session-expired']);
  });
  it('a 403 whose token header was sent stays a permission problem', () => {
    expect(ids(ex({ method: 'DELETE', status: 403, req: { ...DJANGO, 'X-CSRFToken': 'Qm3Xr8pL' } }))).toEqual([
      'forbidden-authenticated',
    ]);
  });
});
