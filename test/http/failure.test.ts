import { describe, expect, it } from 'vitest';
import { AUTH_FAILURE_STATUSES, hasChallenge, isAuthFailure } from '../../src/http/failure.ts';

const bearer = [{ name: 'WWW-Authenticate', value: 'Bearer realm="x"' }];

describe('isAuthFailure: the one definition', () => {
  it('statuses of the set, whatever the headers', () => {
    for (const s of AUTH_FAILURE_STATUSES) expect(isAuthFailure(s, [])).toBe(true);
    expect(isAuthFailure(404, [])).toBe(false);
    expect(isAuthFailure(500, undefined)).toBe(false);
  });

  it('a challenge on any status but a 2xx (RFC 6750 invalid_request on a 400; RFC 4559 mutual auth on a 200)', () => {
    expect(isAuthFailure(400, bearer)).toBe(true);
    expect(isAuthFailure(502, [{ name: 'proxy-authenticate', value: 'Basic' }])).toBe(true);
    expect(isAuthFailure(200, [{ name: 'WWW-Authenticate', value: 'Negotiate abc' }])).toBe(false);
    expect(isAuthFailure(204, bearer)).toBe(false);
  });

  it('takes the user status set', () => {
    expect(isAuthFailure(418, [], [418])).toBe(true);
    expect(isAuthFailure(401, [], [403])).toBe(false);
  });

  it('hasChallenge matches names case-insensitively and nothing longer or shorter', () => {
    expect(hasChallenge([{ name: 'www-AUTHENTICATE' }])).toBe(true);
    expect(hasChallenge([{ name: 'x-www-authenticate' }, { name: 'authenticate' }])).toBe(false);
  });
});
