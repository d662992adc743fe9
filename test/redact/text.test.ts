// Secrets in text nobody structured: bodies, findings, summaries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Masker } from '../../src/redact/masker.ts';
import { recordMasker, maskRecord } from '../../src/redact/record.ts';
import { maskText } from '../../src/redact/text.ts';
import { rec } from '../support/records.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXgtN1F3';

describe('maskText', () => {
  it('JSON bodies: values under secret names, of any OAuth shape', () => {
    const body = JSON.stringify({
      access_token: 'at-0123456789abcdef',
      refresh_token: 'rt-0123456789abcdef',
      id_token: JWT,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'read write',
      client_secret: 'cs-0123456789',
      nested: { password: 'hunter2-hunter2', pin: 123456 },
    });
    const out = maskText(body);
    for (const s of ['at-0123456789abcdef', 'rt-0123456789abcdef', JWT, 'cs-0123456789', 'hunter2-hunter2'])
      expect(out).not.toContain(s);
    for (const s of ['"token_type":"Bearer"', '"expires_in":3600', '"scope":"read write"']) expect(out).toContain(s);
  });

  it('form bodies and error pages: name=value pairs, Bearer tokens, URLs, known shapes', () => {
    const out = maskText(
      'access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=repo&token_type=bearer\n' +
        'Authorization: Bearer abc123def456ghi789 was refused\n' +
        'Go to https://app.example/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz or https://u:p4ss@h.example/\n' +
        `a token ${JWT}. A key AKIAIOSFODNN7EXAMPLE.`,
    );
    for (const s of [
      'gho_16C7e42F292c6912E7710c838347Ae178B4a',
      'abc123def456ghi789',
      'SplxlOBeZQQYbYS6WxSbIA',
      'p4ss',
      JWT,
    ])
      expect(out).not.toContain(s);
    expect(out).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(out).toContain('scope=repo');
    expect(out).toContain('state=xyz');
  });

  it('pairs hidden inside other values, JSON inside a JSON string, XML, YAML and header lines', () => {
    const cases = [
      '{"error":"{"refresh_token":"nested-0123456789"}"}',
      '{"body":"{\\"access_token\\":\\"escaped-0123456789\\"}"}',
      '<fault><client_secret>xml-0123456789</client_secret></fault>',
      'config:\nclient_secret: yaml-0123456789\n',
      'x=refresh_token=chained-0123456789',
      "{'password': 'js-0123456789'}",
    ];
    for (const c of cases) expect(maskText(c), c).not.toMatch(/[a-z]+-0123456789/);
  });

  it('leaves prose alone: "Token expired", "Bearer authentication", realms and error codes', () => {
    for (const s of [
      'Access token rejected (invalid_token)',
      'Token expired at 2026-11-22 17:50:00 UTC',
      'Use Bearer authentication with a valid token',
      'WWW-Authenticate: Bearer realm="api", error="insufficient_scope", scope="admin"',
      'See https://www.rfc-editor.org/rfc/rfc6750#section-3.1',
    ])
      expect(maskText(s)).toBe(s);
  });

  it('scrubs every secret the record carried, wherever the text quotes it (the user name as a word)', () => {
    const r = rec({
      url: 'https://api.example.com/x?api_key=k3y-from-the-query',
      requestHeaders: [
        { name: 'Authorization', value: `Basic ${btoa('alice:s3cret-password')}` },
        { name: 'X-Api-Key', value: 'opaque-key-0123' },
      ],
    });
    const m = recordMasker(r);
    const out = maskText(
      'user alice (not malice) sent password s3cret-password, key opaque-key-0123 and k3y-from-the-query',
      m,
    );
    expect(out).toBe('user ••• (not malice) sent password •••, key ••• and •••');
  });

  it('masked exports carry masked bodies', () => {
    const r = rec({ responseBody: '{"access_token":"body-token-0123456789"}' });
    expect(maskRecord(r, { reveal: false }).responseBody).not.toContain('body-token-0123456789');
    expect(maskRecord(r, { reveal: true }).responseBody).toContain('body-token-0123456789');
    const kept = maskRecord(r, { reveal: false, revealed: new Set([r.responseBody!]) });
    expect(kept.responseBody).toContain('body-token-0123456789');
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const out = maskText(s, new Masker());
        expect(typeof out).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
});
