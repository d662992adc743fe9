import { describe, expect, it } from 'vitest';
import { bodyText, findBodyTarget } from '../../src/background/body.ts';
import { BODY_CAP_CHARS as MAX_BODY_CHARS } from '../../src/http/limits.ts';
import { rec } from '../support/records.ts';

describe('attaching a DevTools response body', () => {
  const url = 'http://127.0.0.1/api/me';
  const a = rec({ url, time: 10_000 });
  const b = rec({ url, time: 12_000 });
  const post = rec({ url, method: 'POST', time: 11_000 });
  const other = rec({ url, status: 403, time: 11_500 });

  it('picks the same url, method and status, nearest in time within the window', () => {
    expect(findBodyTarget([a, b, post, other], { url, method: 'get', status: 401, time: 11_900 })).toBe(b);
    expect(findBodyTarget([a, b, post, other], { url, method: 'GET', status: 401, time: 10_100 })).toBe(a);
    expect(findBodyTarget([a, b, post, other], { url, method: 'POST', status: 401, time: 11_000 })).toBe(post);
    expect(findBodyTarget([a, b], { url, method: 'GET', status: 401, time: 30_000 })).toBeUndefined();
    expect(findBodyTarget([a, b], { url: url + '?x', method: 'GET', status: 401, time: 10_000 })).toBeUndefined();
  });

  it('keeps text only, capped at 64 KB', () => {
    expect(bodyText('{"error":"x"}')).toBe('{"error":"x"}');
    expect(bodyText('x'.repeat(MAX_BODY_CHARS + 10))).toHaveLength(MAX_BODY_CHARS);
    expect(bodyText(42)).toBe('');
  });
});
