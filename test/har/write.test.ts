import { describe, expect, it } from 'vitest';
import { toHar } from '../../src/har/write.ts';
import { JWT, record, records, SECRETS } from '../support/fixture-records.ts';

describe('toHar', () => {
  it('masked entry, exactly (HAR 1.2, creator AuthLens, _authlens with masked redirects)', () => {
    expect(toHar([record('900-1')], { reveal: false, version: '0.1.0' })).toEqual({
      log: {
        version: '1.2',
        creator: { name: 'AuthLens', version: '0.1.0' },
        comment: 'Exported by AuthLens: secrets are masked (•••, with a fingerprint to compare them).',
        entries: [
          {
            startedDateTime: '2026-11-22T18:04:07.123Z',
            time: 0,
            request: {
              method: 'POST',
              url: 'https://api.example.com/v1/orders',
              httpVersion: 'HTTP/1.1',
              cookies: [],
              headers: [
                { name: 'Content-Type', value: 'application/json' },
                { name: 'Authorization', value: 'Basic •••' },
                { name: 'X-Api-Key', value: 'sk_liv…def' },
                { name: 'Origin', value: 'https://app.example.com' },
              ],
              queryString: [],
              headersSize: -1,
              bodySize: -1,
            },
            response: {
              status: 403,
              statusText: 'Forbidden',
              httpVersion: 'HTTP/1.1',
              cookies: [],
              headers: [
                { name: 'Content-Type', value: 'text/plain' },
                { name: 'Content-Length', value: '9' },
              ],
              content: { size: 0, mimeType: 'text/plain' },
              redirectURL: '',
              headersSize: -1,
              bodySize: -1,
            },
            cache: {},
            timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 },
            _resourceType: 'fetch',
            _authlens: {
              type: 'xmlhttprequest',
              frameId: 2,
              initiator: 'https://app.example.com',
              statusLine: 'HTTP/1.1 403 Forbidden',
              time: 1795370647123,
              fromCache: false,
              preflight: false,
              source: 'headers',
              requestHeadersKnown: true,
              redirects: [
                {
                  url: 'http://api.example.com/v1/orders?code=•••',
                  status: 307,
                  statusLine: 'HTTP/1.1 307 Temporary Redirect',
                  location: 'https://api.example.com/v1/orders',
                  requestHeaders: [{ name: 'Authorization', value: 'Basic •••' }],
                  responseHeaders: [{ name: 'Location', value: 'https://api.example.com/v1/orders' }],
                },
              ],
            },
          },
        ],
      },
    });
  });

  it('revealed: cookies, queryString, Set-Cookie attributes and the body as content.text', () => {
    const har = toHar([record('812-1')], { reveal: true, version: '9.9.9' });
    expect(har.log.comment).toBe('Exported by AuthLens with secrets revealed: treat this file as a credential.');
    const e = har.log.entries[0];
    expect(e?.request.cookies).toEqual([
      { name: 'sid', value: 'abc123xyz789' },
      { name: 'theme', value: 'dark' },
    ]);
    expect(e?.request.queryString).toEqual([
      { name: 'page', value: '2' },
      { name: 'access_token', value: 'abcdefghijkl' },
    ]);
    expect(e?.request.headers).toContainEqual({ name: 'Authorization', value: `Bearer ${JWT}` });
    expect(e?.response.cookies).toEqual([{ name: 'sid', value: '', path: '/', httpOnly: true }]);
    expect(e?.response.content).toEqual({ size: 25, mimeType: 'application/json', text: '{"error":"invalid_token"}' });
    expect(e?.startedDateTime).toBe('2026-11-22T18:04:05.123Z');
  });

  it('masked: the masked query and cookies, nothing secret anywhere in the file', () => {
    const text = JSON.stringify(toHar(records(), { reveal: false, version: '0.1.0' }));
    for (const secret of SECRETS) {
      expect(text).not.toContain(secret);
    }
    const e = toHar([record('812-1')], { reveal: false, version: '0.1.0' }).log.entries[0];
    expect(e?.request.queryString).toEqual([
      { name: 'page', value: '2' },
      { name: 'access_token', value: '•••' },
    ]);
    expect(e?.request.cookies).toEqual([
      { name: 'sid', value: '•••' },
      { name: 'theme', value: '•••' },
    ]);
  });

  it('HTTP/2 status line without a reason phrase; preflight maps to fetch', () => {
    const e = toHar([record('901-1')], { reveal: false, version: '0' }).log.entries[0];
    expect(e?.response.httpVersion).toBe('HTTP/2');
    expect(e?.response.statusText).toBe('');
    expect(e?._authlens?.preflight).toBe(true);
  });
});
