import { describe, expect, it } from 'vitest';
import { capBody, decodeBase64Body, decodeBase64BodyPrefix, isTextMediaType } from '../../src/http/body.ts';
import { BODY_CAP_CHARS } from '../../src/http/limits.ts';

describe('isTextMediaType', () => {
  it.each([
    ['text/plain', true],
    ['text/html; charset=utf-8', true],
    ['application/json', true],
    ['application/problem+json', true],
    ['application/vnd.api+json', true],
    ['application/xml', true],
    ['application/javascript', true],
    ['application/x-www-form-urlencoded', true],
    ['image/png', false],
    ['application/octet-stream', false],
    ['', false],
    [undefined, false],
  ])('%s -> %s', (m, out) => {
    expect(isTextMediaType(m)).toBe(out);
  });
});

describe('capBody', () => {
  it('keeps the first BODY_CAP_CHARS characters', () => {
    expect(capBody('{"error":"x"}')).toBe('{"error":"x"}');
    expect(capBody('x'.repeat(BODY_CAP_CHARS + 1))).toHaveLength(BODY_CAP_CHARS);
  });
});

describe('decodeBase64Body', () => {
  it('decodes base64 wrapped across lines to UTF-8 text, else undefined', () => {
    const b64 = Buffer.from('{"detail":"expiré"}').toString('base64');
    expect(decodeBase64Body(`${b64.slice(0, 8)}\n${b64.slice(8)}`)).toBe('{"detail":"expiré"}');
    expect(decodeBase64Body('%%%')).toBeUndefined();
    expect(decodeBase64Body(Buffer.from([0xff, 0xfe]).toString('base64'))).toBeUndefined();
  });
});

describe('decodeBase64BodyPrefix: a base64 body cut short', () => {
  const b64 = (t: string): string => Buffer.from(t, 'utf8').toString('base64');
  it('decodes the whole quanta before the cut', () => {
    const text = '{"error":"invalid_token","error_description":"expired"}';
    const full = b64(text);
    for (let cut = 0; cut <= full.length; cut++) {
      const got = decodeBase64BodyPrefix(full.slice(0, cut));
      expect(got, `cut at ${cut}`).toBeDefined();
      expect(text.startsWith(got!), `cut at ${cut}`).toBe(true);
      expect(got!.length).toBeGreaterThanOrEqual(Math.floor(cut / 4) * 3 - 3);
    }
  });
  it('drops a UTF-8 sequence the cut split', () => {
    const text = 'ééééé€€€€😀😀';
    const full = b64(text);
    for (let cut = 0; cut <= full.length; cut += 1) {
      const got = decodeBase64BodyPrefix(full.slice(0, cut));
      expect(got !== undefined && text.startsWith(got), `cut at ${cut}`).toBe(true);
    }
  });
  it('reads no more than the body cap from a huge one', () => {
    const got = decodeBase64BodyPrefix(b64('a'.repeat(BODY_CAP_CHARS * 8)).slice(0, 2_000_000));
    expect(got!.length).toBeLessThanOrEqual(BODY_CAP_CHARS * 4);
    expect(got!.length).toBeGreaterThanOrEqual(BODY_CAP_CHARS);
  });
  it('is undefined for what is not base64', () => {
    expect(decodeBase64BodyPrefix('not base64!')).toBeUndefined();
  });
});
