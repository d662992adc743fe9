import { describe, expect, it } from 'vitest';
import { S, ex, ids, jwt } from './helpers.ts';

const call = (url: string, iss: string) =>
  ids(
    ex({
      url,
      req: { Authorization: `Bearer ${jwt({ iss, exp: S + 600 })}` },
      res: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    }),
  );

describe('token-wrong-environment', () => {
  it('test issuer against a production host', () => {
    expect(call('https://api.example.com/', 'https://auth.dev.example.com')[0]).toBe('token-wrong-environment');
    expect(call('https://api.example.com/', 'https://example-sandbox.auth0.com/')[0]).toBe('token-wrong-environment');
  });
  it('production issuer against a staging host of the same site', () => {
    expect(call('https://api.staging.example.com/', 'https://login.example.com/')[0]).toBe('token-wrong-environment');
  });
  it('stays quiet when it cannot tell', () => {
    expect(call('https://api.staging.example.com/', 'https://login.microsoftonline.com/tid/v2.0')).not.toContain(
      'token-wrong-environment',
    );
    expect(call('http://localhost:8080/', 'https://auth.dev.example.com')).not.toContain('token-wrong-environment');
    expect(call('https://api.example.com/', 'https://login.example.com/')).not.toContain('token-wrong-environment');
    expect(call('https://api.example.com/', 'https://contest.example.com/')).not.toContain('token-wrong-environment');
  });
  it('a live Stripe key sent to a test host', () => {
    expect(
      ids(
        ex({
          url: 'https://payments.test.example.com/charge',
          status: 401,
          req: { Authorization: 'Bearer sk_live_51Habcdefghijkl' },
        }),
      )[0],
    ).toBe('token-wrong-environment');
  });
});
