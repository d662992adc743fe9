import { describe, expect, it } from 'vitest';
import { contextExchange, toExchange } from '../../src/shared/exchange.ts';
import type { CaptureRecord, ContextEntry } from '../../src/shared/types.ts';

const record: CaptureRecord = {
  id: '7-1',
  requestId: '7',
  tabId: 3,
  frameId: 0,
  type: 'xmlhttprequest',
  method: 'GET',
  url: 'https://api.example.com/me',
  initiator: 'https://app.example.com',
  status: 401,
  statusLine: 'HTTP/1.1 401 Unauthorized',
  time: 1_795_000_000_000,
  fromCache: false,
  preflight: false,
  source: 'headers',
  requestHeadersKnown: true,
  requestHeaders: [{ name: 'Authorization', value: 'Bearer abc' }],
  responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
  redirects: [
    {
      url: 'http://api.example.com/me',
      status: 301,
      statusLine: 'HTTP/1.1 301 Moved Permanently',
      location: 'https://api.example.com/me',
      requestHeaders: [],
      responseHeaders: [],
    },
  ],
};

describe('toExchange', () => {
  it('carries what the engine reads', () => {
    const ex = toExchange(record);
    expect(ex).toMatchObject({
      url: record.url,
      method: 'GET',
      status: 401,
      statusText: 'Unauthorized',
      type: 'xmlhttprequest',
      timeStamp: record.time,
      initiator: record.initiator,
    });
    expect(ex.requestHeaders).toBe(record.requestHeaders);
    expect(ex.redirects).toEqual([
      { url: 'http://api.example.com/me', status: 301, requestHeaders: [], location: 'https://api.example.com/me' },
    ]);
    expect('responseBody' in ex).toBe(false);
  });

  it('passes a known body through', () => {
    expect(toExchange({ ...record, responseBody: '{"error":"x"}' }).responseBody).toBe('{"error":"x"}');
  });
});

describe('contextExchange', () => {
  const T = 1_790_000_100_000;
  const entry: ContextEntry = {
    url: 'https://api.example.com/ok/0',
    method: 'GET',
    status: 200,
    time: T,
    type: 'xmlhttprequest',
  };
  it('carries the Authorization it sent, and an empty digest: nothing else is known', () => {
    expect(contextExchange({ ...entry, authorization: 'Bearer x', method: 'POST', status: 204 })).toEqual({
      url: 'https://api.example.com/ok/0',
      method: 'POST',
      status: 204,
      type: 'xmlhttprequest',
      timeStamp: T,
      requestHeaders: [{ name: 'Authorization', value: 'Bearer x' }],
      responseHeaders: [],
      digest: {},
    });
    expect(contextExchange(entry).requestHeaders).toEqual([]);
  });

  it("hands the engine a success's kept digest", () => {
    const digest = { cookies: ['session'], origin: '', secFetchSite: 'same-origin', secFetchMode: 'cors' };
    const d = { ...digest, contentType: '', dpop: null };
    expect(contextExchange({ ...entry, digest: d }).digest).toEqual(d);
  });
});
