import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase64, decodeBase64Text, decodeUtf8 } from '../../src/http/base64.ts';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeBase64', () => {
  it('RFC 4648 §10 test vectors, padded and unpadded', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['Zg==', 'f'],
      ['Zm8=', 'fo'],
      ['Zm9v', 'foo'],
      ['Zm9vYg==', 'foob'],
      ['Zm9vYmE=', 'fooba'],
      ['Zm9vYmFy', 'foobar'],
    ];
    for (const [enc, dec] of vectors) {
      expect(decodeBase64(enc)).toEqual(new TextEncoder().encode(dec));
      expect(decodeBase64(enc.replace(/=+$/, ''))).toEqual(new TextEncoder().encode(dec));
    }
  });

  it('standard and url alphabets, but not mixed', () => {
    expect(decodeBase64('+/+/')).toEqual(bytes(0xfb, 0xff, 0xbf));
    expect(decodeBase64('-_-_')).toEqual(bytes(0xfb, 0xff, 0xbf));
    expect(decodeBase64('+_-/')).toBeUndefined();
  });

  it('rejects wrong padding, impossible lengths, whitespace and foreign characters', () => {
    for (const bad of [
      'Zg=',
      'Zg===',
      'Z===',
      'Zm9=v',
      '=',
      'Z',
      'Zm9vY',
      'Zm9v\n',
      ' Zm9v',
      'Zm9v YmFy',
      'Zm9v!',
      'Zm9vé',
      'Zg=a',
    ]) {
      expect(decodeBase64(bad), bad).toBeUndefined();
    }
  });

  it('matches Buffer on random bytes in both alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (b, url) => {
        const enc = Buffer.from(b).toString(url ? 'base64url' : 'base64');
        expect(decodeBase64(enc)).toEqual(b);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (s) => {
        const r = decodeBase64(s);
        expect(r === undefined || r instanceof Uint8Array).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('decodeUtf8 and decodeBase64Text', () => {
  it('strict UTF-8: undefined on invalid sequences, no replacement characters', () => {
    expect(decodeUtf8(bytes(0x68, 0xc3, 0xa9))).toBe('hé');
    expect(decodeUtf8(bytes(0xf0, 0x9f, 0x99, 0x82))).toBe('🙂');
    expect(decodeUtf8(bytes(0xc3))).toBeUndefined();
    expect(decodeUtf8(bytes(0xff))).toBeUndefined();
    expect(decodeUtf8(bytes(0xed, 0xa0, 0x80))).toBeUndefined(); // encoded surrogate
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA'); // a BOM is data, not dropped
  });

  it('Basic credentials and an Entra claims value', () => {
    expect(decodeBase64Text('QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toBe('Aladdin:open sesame'); // RFC 7617 §2
    expect(decodeBase64Text('dGVzdDoxMjPCow==')).toBe('test:123£'); // RFC 7617 §2.1, charset UTF-8
    expect(decodeBase64Text('eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiY3AxIn19fQ')).toBe(
      '{"access_token":{"acrs":{"essential":true,"value":"cp1"}}}',
    );
    expect(decodeBase64Text('dGVzdDoxMjOj')).toBeUndefined(); // the same in ISO-8859-1: not UTF-8
    expect(decodeBase64Text('not base64!')).toBeUndefined();
  });
});
