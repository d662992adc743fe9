import { describe, expect, it } from 'vitest';
import { buildReplay, defaultEdits, isSafeMethod, type ReplayEdits } from '../../../src/panel/replay/request.ts';
import { rec } from '../../support/records.ts';

const h = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));
const original = rec({
  method: 'post',
  url: 'https://api.example.com/orders?x=1',
  requestHeaders: h({
    Authorization: 'Bearer old-token-123',
    'Content-Type': 'application/json',
    'X-Request-Id': 'abc',
    Cookie: 'sid=1',
    Origin: 'https://app.example.com',
    'Sec-Fetch-Site': 'same-site',
    'Accept-Encoding': 'gzip',
    Host: 'api.example.com',
  }),
});
const edits = (over: Partial<ReplayEdits> = {}): ReplayEdits => ({ ...defaultEdits(original), ...over });

describe('buildReplay', () => {
  it('sends to the original URL and method, the headers a page may set; the browser sets the rest', () => {
    const b = buildReplay(original, edits());
    expect(b.request).toEqual({
      url: 'https://api.example.com/orders?x=1',
      method: 'POST',
      headers: [
        ['Authorization', 'Bearer old-token-123'],
        ['Content-Type', 'application/json'],
        ['X-Request-Id', 'abc'],
      ],
      credentials: 'include',
    });
    expect(b.browserSet).toEqual(['Cookie', 'Origin', 'Sec-Fetch-Site', 'Accept-Encoding', 'Host']);
    expect(b.problems).toEqual([]);
  });

  it('replaces or removes the Authorization, removes and adds headers, sets credentials and a body', () => {
    const b = buildReplay(
      original,
      edits({
        authorization: { mode: 'replace', value: '  Bearer fresh-token-456 ' },
        removed: ['x-request-id'],
        added: [{ name: 'X-Debug', value: '1' }],
        credentials: 'omit',
        body: '{"a":1}',
      }),
    );
    expect(b.request.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['Authorization', 'Bearer fresh-token-456'],
      ['X-Debug', '1'],
    ]);
    expect(b.request.credentials).toBe('omit');
    expect(b.request.body).toBe('{"a":1}');
    expect(buildReplay(original, edits({ authorization: { mode: 'remove' } })).request.headers.map(([n]) => n)).toEqual(
      ['Content-Type', 'X-Request-Id'],
    );
  });

  it('refuses what a browser would not send, and never a body on GET', () => {
    const b = buildReplay(
      original,
      edits({
        authorization: { mode: 'replace', value: 'Bearer a\r\nX-Evil: 1' },
        added: [
          { name: 'Bad Name', value: 'x' },
          { name: 'Cookie', value: 'sid=2' },
          { name: 'X-Ok', value: 'line\nbreak' },
          { name: '  ', value: 'ignored' },
        ],
      }),
    );
    expect(b.problems).toEqual([
      'The new Authorization contains a line break.',
      '"Bad Name" is not a valid header name.',
      'Cookie is set by the browser itself: a page cannot send it.',
      'The value of X-Ok contains a line break.',
    ]);
    expect(buildReplay(original, edits({ authorization: { mode: 'replace', value: ' ' } })).problems).toEqual([
      'The new Authorization is empty.',
    ]);
    const get = rec({ method: 'GET', url: 'https://api.example.com/x' });
    expect(buildReplay(get, { ...defaultEdits(get), body: 'x' }).request.body).toBeUndefined();
    expect(defaultEdits(get).credentials).toBe('same-origin');
  });

  it('asks first for anything but GET, HEAD and OPTIONS', () => {
    expect(['GET', 'head', 'OPTIONS'].every(isSafeMethod)).toBe(true);
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND'].some(isSafeMethod)).toBe(false);
  });
});
