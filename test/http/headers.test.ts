import { describe, expect, it } from 'vitest';
import { headerJoined, headerValue, headerValues } from '../../src/http/headers.ts';

const hs = [
  { name: 'WWW-Authenticate', value: 'Basic' },
  { name: 'content-type', value: 'text/plain' },
  { name: 'www-authenticate', value: 'Bearer' },
];

describe('header lookups (names are case-insensitive, RFC 9110 §5.1)', () => {
  it('every value, the first, and the joined list', () => {
    expect(headerValues(hs, 'WWW-Authenticate')).toEqual(['Basic', 'Bearer']);
    expect(headerValue(hs, 'Content-Type')).toBe('text/plain');
    expect(headerJoined(hs, 'www-authenticate')).toBe('Basic, Bearer');
    expect(headerValue(hs, 'authorization')).toBeUndefined();
    expect(headerJoined(hs, 'authorization')).toBeUndefined();
  });
});
