import { describe, expect, it } from 'vitest';
import { requestDigest } from '../../src/http/request-digest.ts';

const h = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('requestDigest', () => {
  it('keeps names and facts, never a cookie value', () => {
    const d = requestDigest(
      h({
        cookie: 'session=s3cr3tV4lue; theme=dark; session=again; =noname',
        ORIGIN: 'https://app.example.com',
        'Sec-Fetch-Site': 'Cross-Site',
        'sec-fetch-mode': 'cors',
        'Content-Type': 'multipart/form-data; boundary=----x',
        Authorization: 'Bearer abc',
      }),
    );
    expect(d).toEqual({
      cookies: ['session', 'theme'],
      origin: 'https://app.example.com',
      secFetchSite: 'cross-site',
      secFetchMode: 'cors',
      contentType: 'multipart/form-data',
      dpop: null,
    });
    expect(JSON.stringify(d)).not.toContain('s3cr3tV4lue');
    expect(JSON.stringify(d)).not.toContain('abc');
  });

  it('says what was not sent as empty values', () => {
    expect(requestDigest([])).toEqual({
      cookies: [],
      origin: '',
      secFetchSite: '',
      secFetchMode: '',
      contentType: '',
      dpop: null,
    });
  });

  it('reads htm and htu of a DPoP proof, and survives a broken one', () => {
    const proof = `${b64({ typ: 'dpop+jwt' })}.${b64({ htm: 'GET', htu: 'https://a.example/x', jti: '1' })}.sig`;
    expect(requestDigest(h({ DPoP: proof })).dpop).toEqual({ htm: 'GET', htu: 'https://a.example/x' });
    for (const bad of ['', 'x', 'a.%%%.c', `a.${b64('not an object')}.c`, `a.${b64({ htm: 5 })}.c`, 'a.b'.repeat(9000)])
      expect(requestDigest(h({ DPoP: bad })).dpop).toEqual({ htm: '', htu: '' });
  });

  it('caps what it keeps', () => {
    const many = Array.from({ length: 80 }, (_, i) => `c${i}=v`).join('; ');
    const d = requestDigest(h({ Cookie: many, Origin: 'o'.repeat(5000) }));
    expect(d.cookies).toHaveLength(50);
    expect(d.origin).toHaveLength(300);
  });
});
