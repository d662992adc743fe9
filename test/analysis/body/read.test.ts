// Body readers: what vendors state, by format, and nothing thrown whatever the bytes.
import { describe, expect, it } from 'vitest';
import { BODY_SCAN_CHARS, readBody } from '../../../src/analysis/body/index.ts';
import { jsonLeaves } from '../../../src/analysis/body/json.ts';
import { readPage, xmlLeaves } from '../../../src/analysis/body/markup.ts';

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
    ).toMatchObject({ error: 'AccessDenied', description: 'Access Denied', kind: 'xml' });
  });

  it('collects the codes and sentences vendors state', () => {
    const google = readBody(
      '{"error":{"code":403,"message":"API has not been used in project 1 before or it is disabled.",' +
        '"status":"PERMISSION_DENIED","details":[{"@type":"x","reason":"SERVICE_DISABLED"}]}}',
      'application/json',
    );
    expect(google.codes).toEqual(['403', 'PERMISSION_DENIED', 'SERVICE_DISABLED']);
    expect(google.reason).toBe('SERVICE_DISABLED');
    expect(google.messages[0]).toMatch(/has not been used/);
    expect(readBody('[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]', '').codes).toEqual([
      'INVALID_SESSION_ID',
    ]);
    expect(readBody('{"ok":false,"error":"invalid_auth"}', '')).toMatchObject({
      error: 'invalid_auth',
      saysError: true,
    });
    expect(readBody('{"ok":true,"user":"x"}', '').saysError).toBe(false);
    const azure = readBody(
      '<?xml version="1.0"?><Error><Code>AuthenticationFailed</Code><Message>Server failed</Message>' +
        '<AuthenticationErrorDetail>Signature not valid in the specified time frame' +
        '</AuthenticationErrorDetail></Error>',
      'application/xml',
    );
    expect(azure.messages).toContain('Signature not valid in the specified time frame');
    expect(readBody('error=bad_verification_code&error_description=The+code+is+wrong', '')).toMatchObject({
      kind: 'form',
      error: 'bad_verification_code',
      description: 'The code is wrong',
    });
  });

  it('reads pages: title and headings, visible text, an OAuth error a page posts', () => {
    const page = readBody(
      '<html><head><title>Error 400: redirect_uri_mismatch</title><style>p{color:red}</style></head>' +
        '<body><h1>Access blocked</h1><script>var csrf = "x";</script><p>Try&nbsp;again</p></body></html>',
      'text/html',
    );
    expect(page.kind).toBe('html');
    expect(page.messages).toEqual(['Error 400: redirect_uri_mismatch', 'Access blocked']);
    expect(page.text).toContain('try again');
    expect(page.text).not.toContain('color:red');
    expect(page.text).not.toContain('csrf');
    const posted = readBody(
      '<html><body><script>post({response: {"error":"login_required","error_description":"Login required"}})' +
        '</script></body></html>',
      'text/html',
    );
    expect(posted).toMatchObject({ error: 'login_required', description: 'Login required' });
    expect(readPage(`<html><style>${'x'.repeat(20_000)}</style><title>Late</title>`, 100).headings).toEqual(['Late']);
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
      '<title>Error 403 No valid crumb was included in the request</title>',
    ]) {
      expect(readBody(b, 'text/html').csrf, b).toBe(true);
    }
    expect(readBody('<p>Forbidden</p>', 'text/html').csrf).toBeUndefined();
  });

  it('turns a field error about a credential into the sentence it means', () => {
    const b = readBody(
      JSON.stringify({
        message: 'Authorization Error',
        errors: [{ resource: 'Athlete', field: 'access_token', code: 'invalid' }],
      }),
      'application/json',
    );
    expect(b.messages).toContain('access_token invalid');
    const other = readBody(JSON.stringify({ errors: [{ field: 'email', code: 'invalid' }] }), 'application/json');
    expect(other.messages).not.toContain('email invalid');
  });

  it('survives garbage, truncation and size', () => {
    expect(readBody('{"error": "trunc', 'application/json')).toMatchObject({ error: 'trunc' });
    expect(readBody(undefined, undefined)).toMatchObject({ text: '', codes: [] });
    expect(readBody(42 as unknown as string, undefined)).toMatchObject({ text: '' });
    expect(readBody('[1,2]', 'application/json').error).toBeUndefined();
    expect(readBody('x'.repeat(1_000_000), undefined).text.length).toBe(BODY_SCAN_CHARS);
    expect(jsonLeaves('{"a":{"b":[{"c":"d"},"e"],"f":1,"g":true,"h":null}}')).toEqual([
      ['a.b.c', 'd'],
      ['a.b', 'e'],
      ['a.f', '1'],
      ['a.g', 'true'],
    ]);
    expect(jsonLeaves('{"a":"\\u0041\\n\\"q\\"')).toEqual([['a', 'A\n"q"']]);
    expect(xmlLeaves('<a:Code>X</a:Code><Msg x="1">y &amp; z</Msg>')).toEqual([
      ['code', 'X'],
      ['msg', 'y & z'],
    ]);
  });
});
