import { describe, expect, it } from 'vitest';
import { toFetch } from '../../../src/panel/export/fetch.ts';
import { JWT, record } from '../../support/fixture-records.ts';

describe('toFetch', () => {
  it('masked: forbidden headers left out, Cookie becomes credentials: "include"', () => {
    expect(toFetch(record('812-1'), { reveal: false })).toBe(
      [
        '// AuthLens: secrets are masked (•••); reveal them to get a snippet that replays the request.',
        '// The request carried cookies: page script cannot set Cookie, ' +
          'credentials: "include" sends the browser\'s own.',
        'await fetch("https://api.example.com/v1/me?page=2&access_token=•••", {',
        '  method: "GET",',
        '  headers: {',
        '    "Accept": "application/json",',
        '    "Authorization": "Bearer eyJhbGciOi…N1F3",',
        '    "X-Trace": "it\'s \\"quoted\\"",',
        '  },',
        '  credentials: "include",',
        '});',
      ].join('\n'),
    );
  });

  it("revealed, and a request with no cookie omits credentials; Origin is the browser's", () => {
    expect(toFetch(record('812-1'), { reveal: true })).toContain(`"Authorization": "Bearer ${JWT}",`);
    expect(toFetch(record('900-1'), { reveal: true })).toBe(
      [
        'await fetch("https://api.example.com/v1/orders", {',
        '  method: "POST",',
        '  headers: {',
        '    "Content-Type": "application/json",',
        '    "Authorization": "Basic YWxpY2U6czNjcmV0LXBhc3M=",',
        '    "X-Api-Key": "sk_live_0123456789abcdef",',
        '  },',
        '  credentials: "omit",',
        '});',
      ].join('\n'),
    );
  });

  it('keeps the referrer as a fetch option and merges repeated headers', () => {
    const r = record('900-1');
    r.requestHeaders = [
      { name: 'Referer', value: 'https://app.example.com/page?token=abcdefghij' },
      { name: 'X-Tag', value: 'a' },
      { name: 'x-tag', value: 'b' },
    ];
    expect(toFetch(r, { reveal: false })).toBe(
      [
        '// AuthLens: secrets are masked (•••); reveal them to get a snippet that replays the request.',
        'await fetch("https://api.example.com/v1/orders", {',
        '  method: "POST",',
        '  headers: {',
        '    "X-Tag": "a, b",',
        '  },',
        '  referrer: "https://app.example.com/page?token=•••",',
        '  credentials: "omit",',
        '});',
      ].join('\n'),
    );
  });

  it('no headers at all: no headers block', () => {
    expect(toFetch(record('901-1'), { reveal: false })).toBe(
      '// AuthLens: the request headers were not seen; this snippet has none of them.\nawait fetch("https://api.example.com/v1/orders", {\n  method: "OPTIONS",\n  credentials: "omit",\n});',
    );
  });
});
