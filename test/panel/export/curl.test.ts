import { describe, expect, it } from 'vitest';
import { toCurl } from '../../../src/panel/export/curl.ts';
import { bashQuote } from '../../../src/panel/export/shell-quote.ts';
import { JWT, record } from '../../support/fixture-records.ts';

describe('toCurl', () => {
  it('masked: one -H per line, masked URL and secrets, --compressed for Accept-Encoding', () => {
    expect(toCurl(record('812-1'), { reveal: false })).toBe(
      [
        '# AuthLens: secrets are masked (•••); reveal them to get a command that replays the request.',
        "curl 'https://api.example.com/v1/me?page=2&access_token=•••' \\",
        "  -H 'Accept: application/json' \\",
        "  -H 'Authorization: Bearer eyJhbGciOi…N1F3' \\",
        "  -H 'Cookie: sid=•••; theme=•••' \\",
        `  -H 'X-Trace: it'\\''s "quoted"' \\`,
        '  --compressed',
      ].join('\n'),
    );
  });

  it('revealed: the request as sent, and no masking note', () => {
    expect(toCurl(record('812-1'), { reveal: true })).toBe(
      [
        "curl 'https://api.example.com/v1/me?page=2&access_token=abcdefghijkl' \\",
        "  -H 'Accept: application/json' \\",
        `  -H 'Authorization: Bearer ${JWT}' \\`,
        "  -H 'Cookie: sid=abc123xyz789; theme=dark' \\",
        `  -H 'X-Trace: it'\\''s "quoted"' \\`,
        '  --compressed',
      ].join('\n'),
    );
  });

  it('a method flag only when not GET; Basic hides the user in exports', () => {
    expect(toCurl(record('900-1'), { reveal: false })).toBe(
      [
        '# AuthLens: secrets are masked (•••); reveal them to get a command that replays the request.',
        "curl 'https://api.example.com/v1/orders' \\",
        "  -X 'POST' \\",
        "  -H 'Content-Type: application/json' \\",
        "  -H 'Authorization: Basic •••' \\",
        "  -H 'X-Api-Key: sk_liv…def' \\",
        "  -H 'Origin: https://app.example.com'",
      ].join('\n'),
    );
  });

  it('says so when the request headers were never seen', () => {
    expect(toCurl(record('901-1'), { reveal: false })).toBe(
      "# AuthLens: the request headers were not seen; this command has none of them.\ncurl 'https://api.example.com/v1/orders' \\\n  -X 'OPTIONS'",
    );
  });

  it('drops HTTP/2 pseudo headers, Host and Content-Length; nothing masked means no note', () => {
    const r = record('812-1');
    r.url = 'https://a.test/x';
    r.requestHeaders = [
      { name: ':authority', value: 'a.test' },
      { name: 'Host', value: 'a.test' },
      { name: 'content-length', value: '3' },
      { name: 'Accept', value: '*/*' },
    ];
    expect(toCurl(r, { reveal: false })).toBe("curl 'https://a.test/x' \\\n  -H 'Accept: */*'");
  });

  it('is deterministic', () => {
    expect(toCurl(record('812-1'), { reveal: false })).toBe(toCurl(record('812-1'), { reveal: false }));
  });
});

describe('bashQuote', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it'\\''s'"],
    ['', "''"],
    ['$HOME `x` "y" \\z', '\'$HOME `x` "y" \\z\''],
    ['a\nb', "$'a\\nb'"],
    ["tab\there's\\", "$'tab\\there\\'s\\\\'"],
    ['\x01\x7f', "$'\\x01\\x7f'"],
  ])('%j -> %s', (input, expected) => expect(bashQuote(input)).toBe(expected));
});
