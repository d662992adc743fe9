import { describe, expect, it } from 'vitest';
import { readBody } from '../../src/analysis/body.ts';

describe('readBody', () => {
  it('reads OAuth, Google, AWS JSON and S3 XML errors', () => {
    expect(readBody('{"error":"invalid_token","error_description":"expired"}', 'application/json')).toMatchObject({
      error: 'invalid_token',
      description: 'expired',
    });
    expect(
      readBody(
        '{"error":{"code":403,"message":"m","status":"PERMISSION_DENIED","errors":[{"reason":"rateLimitExceeded"}]}}',
        undefined,
      ),
    ).toMatchObject({ error: 'PERMISSION_DENIED', description: 'm', reason: 'rateLimitExceeded' });
    expect(
      readBody('{"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"bad"}', undefined),
    ).toMatchObject({ error: 'UnrecognizedClientException' });
    expect(
      readBody('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>', 'application/xml'),
    ).toMatchObject({ error: 'AccessDenied', description: 'Access Denied' });
  });
  it('spots framework CSRF pages', () => {
    for (const b of [
      'CSRF verification failed. Request aborted.',
      '<title>Page Expired</title>',
      "Can't verify CSRF token authenticity.",
      '{"message":"CSRF token mismatch."}',
      '{"detail":"CSRF Failed: CSRF token from the \'X-Csrftoken\' HTTP header incorrect."}',
      '{"status":403,"error":"Forbidden",' +
        '"message":"Could not verify the provided CSRF token because no token was found to compare."}',
    ]) {
      expect(readBody(b, 'text/html').csrf).toBe(true);
    }
    expect(readBody('<p>Forbidden</p>', 'text/html').csrf).toBeUndefined();
  });
  it('survives garbage, truncation and size', () => {
    expect(readBody('{"error": "trunc', 'application/json')).toEqual({ text: '{"error": "trunc' });
    expect(readBody(undefined, undefined)).toEqual({ text: '' });
    expect(readBody(42 as unknown as string, undefined)).toEqual({ text: '' });
    expect(readBody('[1,2]', 'application/json').error).toBeUndefined();
    expect(readBody('x'.repeat(1_000_000), undefined).text.length).toBe(65536);
  });
});
