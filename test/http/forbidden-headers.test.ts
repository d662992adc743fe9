import { describe, expect, it } from 'vitest';
import { isForbiddenRequestHeader } from '../../src/http/forbidden-headers.ts';

describe('isForbiddenRequestHeader', () => {
  it.each([
    'Cookie',
    'cookie',
    'Origin',
    'Sec-Fetch-Mode',
    'Proxy-Authorization',
    'Content-Length',
    'Host',
    ':path',
    'Accept-Encoding',
  ])('%s is forbidden', (n) => expect(isForbiddenRequestHeader(n)).toBe(true));
  it.each(['Authorization', 'Accept', 'Content-Type', 'X-Api-Key', 'User-Agent'])('%s may be set', (n) =>
    expect(isForbiddenRequestHeader(n)).toBe(false),
  );
});
