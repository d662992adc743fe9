import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discoveredEndpoint } from '../../src/analysis/discovered-endpoints.ts';
import { diagnose, type Exchange } from '../../src/analysis/index.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const doc = (body: string, status = 200): Exchange => ({
  url: 'https://auth.acme.dev/.well-known/openid-configuration',
  method: 'GET',
  status,
  timeStamp: 1,
  requestHeaders: [],
  responseHeaders: [],
  responseBody: body,
});
const at = new URL('https://auth.acme.dev/sso/exchange');

describe('discoveredEndpoint', () => {
  it('names the token and authorization endpoints a discovery document gives, on any path', () => {
    const body = JSON.stringify({
      token_endpoint: 'https://auth.acme.dev/sso/exchange',
      authorization_endpoint: 'https://auth.acme.dev/sso/start?tenant=1',
    });
    expect(discoveredEndpoint([doc(body)], at)).toBe('token');
    expect(discoveredEndpoint([doc(body)], new URL('https://auth.acme.dev/sso/start?x=1'))).toBe('authorize');
    expect(discoveredEndpoint([doc(body)], new URL('https://auth.acme.dev/other'))).toBeUndefined();
    expect(discoveredEndpoint([doc(body, 404)], at)).toBeUndefined();
  });

  it('a malformed document names nothing and never throws', () => {
    for (const body of ['', 'not json', '{"token_endpoint": 42}', '{"token_endpoint": "::"}', '[', '{"a":'])
      expect(discoveredEndpoint([doc(body)], at)).toBeUndefined();
    fc.assert(fc.property(fc.string(), (body) => void discoveredEndpoint([doc(body)], at)));
  });

  it('makes the difference for a token endpoint on a path of its own', () => {
    const fx = JSON.parse(
      readFileSync(
        resolve(import.meta.dirname, '../fixtures/exchanges/discovered-token-endpoint-invalid-grant.json'),
        'utf8',
      ),
    ) as { exchange: Exchange; context: { history: Exchange[] } };
    expect(diagnose(fx.exchange, fx.context).findings[0]?.id).toBe('oauth-grant-rejected');
    expect(diagnose(fx.exchange).findings[0]?.id).not.toBe('oauth-grant-rejected');
  });
});
