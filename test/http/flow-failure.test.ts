import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAuthorizationErrorUrl, isFlowFailure, type FlowResponse } from '../../src/http/flow-failure.ts';
import { idpEndpoint, isAuthorizationQuery } from '../../src/http/idp-endpoints.ts';
import { isLoginPage } from '../../src/http/login-page.ts';

const r = (more: Partial<FlowResponse>): FlowResponse => ({
  url: 'https://app.example/api/me',
  method: 'GET',
  status: 200,
  type: 'xmlhttprequest',
  responseHeaders: [],
  redirected: false,
  ...more,
});
const html = [{ name: 'content-type', value: 'text/html; charset=utf-8' }];

describe('isFlowFailure: sign-in failures no auth status announces', () => {
  it('a redirect carrying an authorization error response, in the query or the fragment', () => {
    const at = (location: string) => r({ status: 303, responseHeaders: [{ name: 'Location', value: location }] });
    expect(isFlowFailure(at('https://app.example/cb?error=access_denied&state=abc'))).toBe(true);
    expect(isFlowFailure(at('https://app.example/cb#state=abc&error=login_required'))).toBe(true);
    expect(isFlowFailure(at('/cb?error=invalid_scope&error_description=bad+scope'))).toBe(true);
    // a login page's bare flag, a code, an unrelated error word
    expect(isFlowFailure(at('/login?error'))).toBe(false);
    expect(isFlowFailure(at('/login?error=1'))).toBe(false);
    expect(isFlowFailure(at('https://app.example/cb?code=x&state=abc'))).toBe(false);
    expect(isFlowFailure(r({ status: 302 }))).toBe(false);
    expect(isAuthorizationErrorUrl('https://app.example/cb?state=abc#error=server_error')).toBe(true);
  });

  it('token endpoints answering 400/401 to a POST (RFC 6749 §5.2)', () => {
    for (const path of [
      '/token',
      '/oauth/token',
      '/oauth2/token',
      '/tenant/oauth2/v2.0/token',
      '/realms/x/protocol/openid-connect/token',
    ])
      expect(isFlowFailure(r({ url: `https://idp.example${path}`, method: 'POST', status: 400 })), path).toBe(true);
    expect(isFlowFailure(r({ url: 'https://idp.example/token', method: 'POST', status: 401 }))).toBe(true);
    expect(isFlowFailure(r({ url: 'https://idp.example/token', method: 'GET', status: 400 }))).toBe(false);
    expect(isFlowFailure(r({ url: 'https://idp.example/token', method: 'POST', status: 500 }))).toBe(false);
    expect(isFlowFailure(r({ url: 'https://app.example/api/items', method: 'POST', status: 400 }))).toBe(false);
  });

  it('an authorization endpoint answering ≥ 400, by path or by its query', () => {
    expect(isFlowFailure(r({ url: 'https://idp.example/oauth2/authorize?x=1', status: 400 }))).toBe(true);
    const q = 'https://localhost:3000/auth?client_id=spa&response_type=code&redirect_uri=https%3A%2F%2Fa%2Fcb';
    expect(isFlowFailure(r({ url: q, status: 400, type: 'main_frame' }))).toBe(true);
    expect(isFlowFailure(r({ url: 'https://app.example/auth?x=1', status: 400 }))).toBe(false);
  });

  it('a redirected fetch ending in a login page of HTML', () => {
    const login = r({ url: 'https://app.example/Account/Login?ReturnUrl=%2Fapi%2Fme', responseHeaders: html });
    expect(isFlowFailure({ ...login, redirected: true })).toBe(true);
    expect(isFlowFailure(login)).toBe(false);
    expect(isFlowFailure({ ...login, redirected: true, type: 'main_frame' })).toBe(false);
    expect(isFlowFailure({ ...login, redirected: true, responseHeaders: [] })).toBe(false);
    expect(isFlowFailure(r({ url: 'https://app.example/home', responseHeaders: html, redirected: true }))).toBe(false);
  });

  it('never throws, whatever the URL and headers', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 0, max: 999 }),
        fc.array(fc.record({ name: fc.string(), value: fc.option(fc.string(), { nil: undefined }) })),
        fc.boolean(),
        (url, status, headers, redirected) => {
          isFlowFailure(r({ url, status, responseHeaders: headers, redirected, method: 'POST' }));
        },
      ),
    );
  });
});

describe('endpoints and login pages by URL', () => {
  it('authorization requests by query; token endpoints by path; login pages', () => {
    expect(isAuthorizationQuery('?response_type=code&client_id=a')).toBe(true);
    expect(isAuthorizationQuery('?client_id=a')).toBe(false);
    expect(idpEndpoint('idp.example', '/oauth2/v2.0/token')).toBe('token');
    expect(isLoginPage(new URL('https://a.example/login'))).toBe(true);
    expect(isLoginPage(new URL('https://a.example/accounts/login/?next=/x'))).toBe(true);
    expect(isLoginPage(new URL('https://a.example/home?next=/x'))).toBe(false);
    expect(isLoginPage(new URL('https://idp.example/authorize?response_type=code&client_id=a'))).toBe(true);
  });
});
