import { describe, expect, it } from 'vitest';
import { summaryOf } from '../../src/popup/why.ts';
import { rec } from './background-twin.ts';

describe('summaryOf', () => {
  it('keeps a stored diagnosis', () => {
    const d = { summary: 'stored', ids: [] };
    expect(summaryOf(rec({ diagnosis: d }))).toBe(d);
  });
  it('runs the engine when the worker stored none, once per record object', () => {
    const r = rec({
      status: 401,
      responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer realm="api", error="invalid_token"' }],
      requestHeaders: [{ name: 'Authorization', value: 'Bearer opaque-token-value-123' }],
    });
    const s = summaryOf(r);
    expect(s?.ids).toContain('bearer-invalid-token');
    expect(summaryOf(r)).toBe(s);
  });
});
