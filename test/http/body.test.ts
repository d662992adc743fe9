import { describe, expect, it } from 'vitest';
import { capBody, decodeBase64Body, isTextMediaType } from '../../src/http/body.ts';
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
