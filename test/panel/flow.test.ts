import { describe, expect, it } from 'vitest';
import { brokenStep, flowOf } from '../../src/panel/flow.ts';
import type { CaptureRecord, ContextEntry } from '../../src/shared/types.ts';
import { rec as base } from '../support/records.ts';

const rec = (over: Partial<CaptureRecord>): CaptureRecord => base({ id: 'r1-1', time: 10_000, ...over });
const ctx = (url: string, time: number, status = 200, more: Partial<ContextEntry> = {}): ContextEntry => ({
  url,
  method: 'GET',
  status,
  time,
  type: 'main_frame',
  ...more,
});
const AUTH =
  'https://idp.example/oauth2/authorize?client_id=spa&response_type=code&state=s1' +
  '&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&code_challenge=x&code_challenge_method=S256';

describe('flowOf: one sign-in as steps', () => {
  it('authorize → login → consent → callback, broken at the authorization error the record is', () => {
    const failing = rec({
      id: 'f-1',
      url: 'https://idp.example/oauth2/authorize/resume?uid=1',
      status: 303,
      type: 'main_frame',
      responseHeaders: [{ name: 'Location', value: 'https://app.example/cb?error=access_denied&state=s1' }],
      time: 5000,
    });
    const context = [
      ctx(AUTH, 1000, 302),
      ctx('https://idp.example/login', 2000),
      ctx('https://idp.example/consent', 3000),
      // the worker keeps the captured redirect as context too: one step
      ctx('https://idp.example/oauth2/authorize/resume?uid=1', 5004, 303),
      ctx('https://app.example/cb?error=access_denied&state=s1', 5100),
      ctx('https://other.example/unrelated', 4000),
    ];
    const flow = flowOf(failing, [failing], context)!;
    expect(flow).toMatchObject({ client: 'spa', state: 's1' });
    expect(flow.steps.map((s) => [s.kind, s.status])).toEqual([
      ['authorize', 302],
      ['login', 200],
      ['consent', 200],
      ['authorize', 303],
      ['callback', 200],
    ]);
    expect(brokenStep(flow, 'f-1')).toMatchObject({ recordId: 'f-1', status: 303 });
  });

  it('a refresh: the token request refused, then nothing; a successful token then the first API call', () => {
    const token = rec({ id: 't-1', url: 'https://idp.example/oauth2/token', method: 'POST', status: 400, time: 9000 });
    const flow = flowOf(token, [token], [ctx('https://idp.example/oauth2/token', 2000, 200, { method: 'POST' })])!;
    expect(flow.steps.map((s) => [s.kind, s.status])).toEqual([
      ['token', 200],
      ['token', 400],
    ]);
    const api = rec({ id: 'a-1', url: 'https://api.example/notes', status: 401, time: 9000 });
    const withApi = flowOf(
      token,
      [token, api],
      [
        ctx(AUTH, 1000, 302),
        ctx('https://idp.example/oauth2/token', 2000, 200, { method: 'POST' }),
        ctx('https://api.example/notes', 2500, 200, { type: 'xmlhttprequest', authorization: 'Bearer x' }),
        ctx('https://api.example/more', 2600, 200, { type: 'xmlhttprequest', authorization: 'Bearer x' }),
      ],
    )!;
    expect(withApi.steps.map((s) => s.kind)).toEqual(['authorize', 'token', 'api', 'token']);
  });

  it('no flow for an API call with no sign-in around it; a redirect to the login page is one', () => {
    const api = rec({});
    expect(flowOf(api, [api], [])).toBeUndefined();
    const login = rec({
      url: 'https://app.example/Account/Login?ReturnUrl=%2Fapi',
      status: 200,
      redirects: [
        { url: 'https://app.example/api', status: 302, statusLine: '', requestHeaders: [], responseHeaders: [] },
      ],
    });
    expect(flowOf(login, [login], [])?.steps.map((s) => s.kind)).toEqual(['login']);
  });

  it('never throws on junk URLs', () => {
    const junk = rec({ url: 'not a url', redirects: [{ url: '::', status: 302 } as never] });
    expect(flowOf(junk, [junk], [ctx('%%%', 1)])).toBeUndefined();
  });
});
