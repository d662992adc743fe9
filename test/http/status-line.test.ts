import { describe, expect, it } from 'vitest';
import { httpVersionOf, statusTextOf } from '../../src/http/status-line.ts';

describe('statusTextOf', () => {
  it('reads the reason phrase, which HTTP/2 does not have', () => {
    expect(statusTextOf('HTTP/1.1 403 Forbidden')).toBe('Forbidden');
    expect(statusTextOf('HTTP/1.1 419 Page Expired')).toBe('Page Expired');
    expect(statusTextOf('HTTP/2 401')).toBeUndefined();
    expect(statusTextOf('')).toBeUndefined();
  });
});

describe('httpVersionOf', () => {
  it.each([
    ['HTTP/1.1 401 Unauthorized', 'HTTP/1.1'],
    ['HTTP/2 401', 'HTTP/2'],
    ['http/1.0 403 Forbidden', 'HTTP/1.0'],
    ['401 Unauthorized', ''],
    ['', ''],
  ])('httpVersionOf(%j) = %j', (line, v) => expect(httpVersionOf(line)).toBe(v));
});
