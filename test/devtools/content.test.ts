import { describe, expect, it } from 'vitest';
import { normalizeContent } from '../../src/devtools/content.ts';
import { BODY_CAP_CHARS as BODY_CAP } from '../../src/http/limits.ts';

const json = '{"error":"invalid_token","error_description":"expired"}';
const b64 = Buffer.from(json).toString('base64');

describe('normalizeContent: the three getContent shapes', () => {
  it('Chrome callback arguments (content, encoding)', () => {
    expect(normalizeContent([json, ''])).toEqual({ ok: true, body: json, truncated: false });
    expect(normalizeContent([b64, 'base64'])).toEqual({ ok: true, body: json, truncated: false });
  });
  it('Chrome 151+ object { content, encoding }', () => {
    expect(normalizeContent({ content: json, encoding: '' })).toEqual({ ok: true, body: json, truncated: false });
    expect(normalizeContent({ content: b64, encoding: 'base64' })).toEqual({ ok: true, body: json, truncated: false });
    expect(normalizeContent({ content: json })).toEqual({ ok: true, body: json, truncated: false });
  });
  it('Firefox / polyfill [content, mimeType]', () => {
    expect(normalizeContent([json, 'application/json'])).toEqual({ ok: true, body: json, truncated: false });
    expect(normalizeContent(['<html>CSRF verification failed</html>', 'text/html; charset=utf-8'])).toMatchObject({
      ok: true,
    });
    expect(normalizeContent(['GIF89a...', 'image/gif'])).toEqual({ ok: false, reason: 'not text (image/gif)' });
  });
  it('UTF-8 survives base64', () => {
    const s = '{"detail":"Jeton expiré — réessayez"}';
    expect(normalizeContent({ content: Buffer.from(s).toString('base64'), encoding: 'base64' })).toMatchObject({
      ok: true,
      body: s,
    });
  });
});

describe('normalizeContent: text only, capped, never throws', () => {
  it('rejects missing and non-string content', () => {
    for (const r of [undefined, null, '', [], [null, 'x'], {}, { content: 42 }, 42, [undefined, 'base64']]) {
      expect(normalizeContent(r).ok).toBe(false);
    }
  });
  it('rejects binary by mime hint and by content', () => {
    expect(normalizeContent({ content: 'abc', encoding: '' }, 'application/octet-stream').ok).toBe(false);
    expect(normalizeContent(['\u0000\u0001\u0002binary', ''])).toEqual({ ok: false, reason: 'binary content' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
    expect(normalizeContent({ content: png, encoding: 'base64' }).ok).toBe(false);
    expect(normalizeContent({ content: '%%%not base64', encoding: 'base64' }).ok).toBe(false);
  });
  it('accepts text with the HAR mime type', () => {
    expect(normalizeContent({ content: json, encoding: '' }, 'application/problem+json').ok).toBe(true);
    expect(
      normalizeContent(
        { content: '<Error><Code>SignatureDoesNotMatch</Code></Error>', encoding: '' },
        'application/xml',
      ).ok,
    ).toBe(true);
  });
  it('caps at 64 KB and says so', () => {
    const big = 'x'.repeat(BODY_CAP + 10);
    const r = normalizeContent([big, '']);
    expect(r).toMatchObject({ ok: true, truncated: true });
    expect(r.ok && r.body.length).toBe(BODY_CAP);
  });
});
