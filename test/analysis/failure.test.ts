// isAuthFailureExchange: the status set and challenges, and past them what the response says.
import { describe, expect, it } from 'vitest';
import { isAuthFailureExchange, type Exchange } from '../../src/analysis/index.ts';
import { FIXTURES } from './fixtures.ts';

const ex = (status: number, body?: string, url = 'https://api.example.com/v1/x'): Exchange => ({
  url,
  method: 'POST',
  status,
  timeStamp: 1,
  requestHeaders: [{ name: 'Authorization', value: 'Bearer abcdefgh12345678' }],
  responseHeaders: [{ name: 'Content-Type', value: 'application/json' }],
  ...(body !== undefined ? { responseBody: body } : {}),
});

describe('isAuthFailureExchange', () => {
  it('knows the status set and bodies that refuse on other statuses', () => {
    expect(isAuthFailureExchange(ex(401))).toBe(true);
    expect(isAuthFailureExchange(ex(200, '{"ok":false,"error":"invalid_auth"}'))).toBe(true);
    expect(isAuthFailureExchange(ex(400, '{"error":"invalid_grant"}', 'https://id.example.com/oauth/token'))).toBe(
      true,
    );
    expect(isAuthFailureExchange(ex(200, '{"ok":true}'))).toBe(false);
    expect(isAuthFailureExchange(ex(404, '{"message":"Not Found"}'))).toBe(false);
    expect(isAuthFailureExchange(null as unknown as Exchange)).toBe(false);
  });

  it('agrees with every fixture: failures listed, negatives not', () => {
    for (const [file, fx] of FIXTURES) {
      const expected = fx.expect.ids.length > 0 || [401, 403, 407, 419, 440, 498].includes(fx.exchange.status);
      expect(isAuthFailureExchange(fx.exchange, fx.context), file).toBe(expected);
    }
  });
});
