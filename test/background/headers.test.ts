import { describe, expect, it } from 'vitest';
import { headerValue, toHeaders } from '../../src/background/headers.ts';

describe('toHeaders', () => {
  it("keeps Chrome's one-entry-per-line headers as they are", () => {
    expect(
      toHeaders([
        { name: 'WWW-Authenticate', value: 'Digest realm="a"' },
        { name: 'WWW-Authenticate', value: 'Basic realm="a"' },
      ]),
    ).toEqual([
      { name: 'WWW-Authenticate', value: 'Digest realm="a"' },
      { name: 'WWW-Authenticate', value: 'Basic realm="a"' },
    ]);
  });

  it("splits Firefox's merged repeated headers back into field lines", () => {
    const merged =
      'Digest realm="lab", algorithm=SHA-256, nonce="n1", stale=true\n' +
      'Digest realm="lab", algorithm=MD5, nonce="n2", stale=true';
    expect(
      toHeaders([
        { name: 'WWW-Authenticate', value: merged },
        { name: 'Date', value: 'Sun, 22 Nov 2026 19:00:00 GMT' },
      ]),
    ).toEqual([
      { name: 'WWW-Authenticate', value: 'Digest realm="lab", algorithm=SHA-256, nonce="n1", stale=true' },
      { name: 'WWW-Authenticate', value: 'Digest realm="lab", algorithm=MD5, nonce="n2", stale=true' },
      { name: 'Date', value: 'Sun, 22 Nov 2026 19:00:00 GMT' },
    ]);
  });

  it("reads Chrome's binaryValue as Latin-1 and never loses a header", () => {
    expect(toHeaders([{ name: 'X-Name', binaryValue: [0x63, 0x61, 0x66, 0xe9] }, { name: 'X-Empty' }])).toEqual([
      { name: 'X-Name', value: 'café' },
      { name: 'X-Empty', value: '' },
    ]);
  });
});

describe('headerValue', () => {
  it('finds the first value by case-insensitive name', () => {
    expect(
      headerValue(
        [
          { name: 'www-authenticate', value: 'a' },
          { name: 'WWW-Authenticate', value: 'b' },
        ],
        'www-authenticate',
      ),
    ).toBe('a');
    expect(headerValue([], 'date')).toBeUndefined();
  });
});
