import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostOf } from '../../src/panel/facts.ts';

/** what URL() says, the way the row's facts say it */
const viaUrl = (url: string): string => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
};

describe('hostOf', () => {
  it('says what URL() says for plain and odd URLs alike', () => {
    for (const url of [
      'https://API.Example.com/v1/x?y=1#z',
      'http://127.0.0.1:8080/api',
      'wss://a-b.c:443',
      'https://example.com:99999/',
      'http://127.1/',
      'http://0x7f.0.0.1/',
      'http://1.2.3.256/',
      'http://example.123/',
      'https://xn--bcher-kva.example/',
      'https://bücher.example/',
      'https://user:pw@example.com/',
      'https://[::1]:3000/',
      'https://exa%41mple.com/',
      ' https://example.com/',
      'https://ex\tample.com/',
      'https://a..b/',
      'https://example.com./',
      'HTTPS://EXAMPLE.COM',
      'ftp://example.com/',
      'not a url',
      'https:///x',
      'http://a:/',
      'https://a_b.example/',
    ])
      expect(hostOf(url), url).toBe(viaUrl(url));
  });

  it('agrees with URL() on generated URLs', () => {
    const label = fc.stringMatching(/^[a-zA-Z0-9-]{1,8}$/);
    const host = fc.oneof(
      fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.')),
      fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((xs) => xs.join('.')),
      fc.string({ maxLength: 12 }),
    );
    const url = fc
      .tuple(
        fc.constantFrom('http', 'https', 'ws', 'wss', 'HTTP', 'ftp', 'data'),
        host,
        fc.option(fc.nat(99_999)),
        fc.constantFrom('', '/', '/p?q=1', '?x', '#f', ':'),
      )
      .map(([scheme, h, port, rest]) => `${scheme}://${h}${port === null ? '' : `:${port}`}${rest}`);
    fc.assert(
      fc.property(url, (u) => hostOf(u) === viaUrl(u)),
      { numRuns: 3000 },
    );
  });
});
