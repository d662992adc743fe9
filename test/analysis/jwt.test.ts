import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SignJWT, UnsecuredJWT, EncryptJWT, generateKeyPair } from 'jose';
import { decodeJwt, findJwts, jwtShape } from '../../src/analysis/jwt.ts';

const b64u = (s: string | Uint8Array) => Buffer.from(s).toString('base64url');
const jwt = (header: unknown, payload: unknown, sig = 'c2ln') =>
  `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}.${sig}`;
const errorOf = (t: string) => {
  const r = decodeJwt(t);
  if (!('error' in r)) throw new Error(`expected an error for ${t}`);
  return r.error;
};

// RFC 7519 §3.1: the example JWT, whose JSON contains CR LF and a URI claim name.
const RFC7519 =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.' +
  'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.' +
  'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

describe('decodeJwt', () => {
  it('decodes the RFC 7519 example', () => {
    expect(decodeJwt(RFC7519)).toEqual({
      header: { typ: 'JWT', alg: 'HS256' },
      payload: { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true },
      signature: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    });
  });

  it('decodes tokens signed by jose (HS256, ES256)', async () => {
    const hs = await new SignJWT({ scope: 'read write', aud: 'api' })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer('https://idp.example')
      .setExpirationTime(2_000_000_000)
      .sign(new TextEncoder().encode('x'.repeat(32)));
    expect(decodeJwt(hs)).toMatchObject({
      header: { alg: 'HS256', kid: 'k1' },
      payload: { iss: 'https://idp.example', exp: 2_000_000_000, scope: 'read write', aud: 'api' },
    });
    const { privateKey } = await generateKeyPair('ES256');
    const es = await new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    const r = decodeJwt(es);
    expect(r).toMatchObject({ header: { alg: 'ES256' }, payload: { sub: 'u1' } });
    expect('signature' in r && r.signature.length).toBe(86); // 64 bytes of r||s
  });

  it('alg none with an empty signature decodes (the rules flag it)', () => {
    const t = new UnsecuredJWT({ sub: 'admin' }).encode();
    expect(t.endsWith('.')).toBe(true);
    expect(decodeJwt(t)).toEqual({ header: { alg: 'none' }, payload: { sub: 'admin' }, signature: '' });
  });

  it('a JWE (5 parts) cannot be read', async () => {
    const key = new Uint8Array(32).fill(7);
    const jwe = await new EncryptJWT({ sub: 'x' }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key);
    expect(jwe.split('.')).toHaveLength(5);
    expect(errorOf(jwe)).toBe(
      'This is an encrypted JWT (JWE, 5 parts): its claims cannot be read without the key (alg dir, enc A256GCM).',
    );
    expect(errorOf('a.b.c.d.e')).toMatch(
      /^It has 5 parts like an encrypted JWT \(JWE\), but part 1 of 5 \(the header\) is not base64url/,
    );
  });

  it('wrong number of parts', () => {
    expect(errorOf('abc')).toMatch(/3 parts.*this has 1, so it is not a JWT/);
    expect(errorOf('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0')).toMatch(/this has 2\./);
    expect(errorOf('a.b.c.d')).toMatch(/this has 4\./);
    expect(errorOf('')).toMatch(/empty/);
  });

  it('bad base64url says which part and why', () => {
    const p = b64u('{"sub":"x"}');
    expect(errorOf(`.${p}.sig`)).toMatch(/Part 1 of 3 \(the header\).*empty/);
    expect(errorOf(`${b64u('{"alg":"HS256"}')}=.${p}.sig`)).toMatch(/header.*'=' padding.*RFC 7515/);
    expect(errorOf(`eyJhbGciOiJIUzI1NiJ9.${p}==.sig`)).toMatch(/Part 2 of 3 \(the payload\).*padding/);
    expect(errorOf('eyJhbGciOiJIUzI1NiJ9.ab+c.sig')).toMatch(/payload.*'\+'.*standard base64/);
    expect(errorOf('eyJhbGciOiJIUzI1NiJ9.ab/c.sig')).toMatch(/'\/' at character 3/);
    expect(errorOf('eyJhbGciOiJIUzI1NiJ9.ab%3Dc.sig')).toMatch(/percent-encoded/);
    expect(errorOf('eyJhbGciOiJIUzI1NiJ9.ab c.sig')).toMatch(/whitespace/);
    expect(errorOf('eyJhbGciOiJIUzI1NiJ9.abcde.sig')).toMatch(/length \(5\).*cut short/);
    expect(errorOf(`eyJhbGciOiJIUzI1NiJ9.${p}.si+g`)).toMatch(/Part 3 of 3 \(the signature\).*standard base64/);
    expect(errorOf(`eyJhbGciOiJIUzI1NiJ9.${p}.s!g`)).toMatch(/signature.*"!"/);
  });

  it('not UTF-8, not JSON, not an object', () => {
    expect(errorOf(`${b64u(new Uint8Array([0xff, 0xfe, 0x41]))}.e30.x`)).toMatch(/header.*not UTF-8/);
    expect(errorOf(`${b64u('{"alg":"HS256"}')}.${b64u('hello world')}.x`)).toMatch(
      /\(the payload\) decodes to text that is not JSON: "hello world"/,
    );
    expect(errorOf(`${b64u('{"alg":"HS256"}')}.${b64u('[1,2]')}.x`)).toMatch(
      /payload\) is JSON but an array, not an object/,
    );
    expect(errorOf(`${b64u('null')}.e30.x`)).toMatch(/header\) is JSON but null/);
    expect(errorOf(`${b64u('"s"')}.e30.x`)).toMatch(/JSON but a string/);
    expect(errorOf(`${b64u('{"alg":"HS256"}')}.${b64u('{"a":1,')}.x`)).toMatch(/not JSON/);
    const long = errorOf(`e30.${b64u('x'.repeat(100))}.x`);
    expect(long).toMatch(/"x{40}…"/);
  });

  it('UTF-8 multibyte claims', () => {
    const r = decodeJwt(jwt({ alg: 'HS256' }, { name: 'Zoë Ångström 山田 🙂' }));
    expect(r).toMatchObject({ payload: { name: 'Zoë Ångström 山田 🙂' } });
  });

  it('"__proto__" claims stay own data and pollute nothing', () => {
    const t = `${b64u('{"alg":"HS256"}')}.${b64u('{"__proto__":{"polluted":true},"sub":"x"}')}.sig`;
    const r = decodeJwt(t);
    if ('error' in r) throw new Error(r.error);
    expect(Object.getPrototypeOf(r.payload)).toBe(Object.prototype);
    expect(Object.hasOwn(r.payload, '__proto__')).toBe(true);
    expect((r.payload as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('huge input is refused without work', () => {
    expect(errorOf('eyJ' + 'a'.repeat(300_000))).toMatch(/too long/);
  });

  it('never throws on anything', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc
            .array(
              fc.string({ unit: fc.constantFrom('e', 'y', 'J', 'A', '_', '-', '=', '+', '.', '%'), maxLength: 30 }),
              { maxLength: 6 },
            )
            .map((p) => p.join('.')),
          fc.tuple(fc.jsonValue(), fc.jsonValue()).map(([h, p]) => jwt(h, p)),
        ),
        (s) => {
          const r = decodeJwt(s);
          if ('error' in r) expect(r.error.length).toBeGreaterThan(10);
          else {
            expect(typeof r.header).toBe('object');
            expect(typeof r.payload).toBe('object');
          }
        },
      ),
      { numRuns: 2000 },
    );
    expect(() => decodeJwt(undefined as unknown as string)).not.toThrow();
  });

  it('any JSON objects round-trip', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()), (h, p) => {
        const r = decodeJwt(jwt(h, p));
        expect(r).toEqual({
          header: JSON.parse(JSON.stringify(h)),
          payload: JSON.parse(JSON.stringify(p)),
          signature: 'c2ln',
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('jwtShape', () => {
  it('recognises JWS, JWE and everything else', () => {
    expect(jwtShape(RFC7519)).toBe('jws');
    expect(jwtShape('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')).toBe('jws');
    expect(jwtShape('eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y3Q.dGFn')).toBe('jwe');
    expect(jwtShape('eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY..dGFn')).toBe('none');
    expect(jwtShape('eyJhbGciOiJIUzI1NiJ9..sig')).toBe('none');
    expect(jwtShape('ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toBe('none');
    expect(jwtShape('abc.def.ghi')).toBe('none');
    expect(jwtShape('eyJhbG ciOi.eyJz.sig')).toBe('none');
    expect(jwtShape('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig.extra')).toBe('none');
  });
});

describe('findJwts', () => {
  it('finds tokens inside cookie headers, query strings and prose', () => {
    const other = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';
    expect(findJwts(`session=abc123; id_token=${RFC7519}; theme=dark`)).toEqual([RFC7519]);
    expect(findJwts(`https://x.example/cb?access_token=${RFC7519}&state=1`)).toEqual([RFC7519]);
    expect(findJwts(`Your token is ${RFC7519}. Another: "${other}"`)).toEqual([RFC7519, other]);
    expect(findJwts('no tokens here, eyJ alone, a.b.c')).toEqual([]);
    expect(findJwts('')).toEqual([]);
  });

  it('finds any JWS between separators that cannot be part of a token', () => {
    const seg = fc.string({ unit: fc.constantFrom(...'ABCXYZabcxyz0189-_'.split('')), minLength: 4, maxLength: 20 });
    const noise = fc.string({ unit: fc.constantFrom(' ', ';', '=', '&', '"', ',', 'a', 'Z', '%', ':'), maxLength: 20 });
    fc.assert(
      fc.property(
        seg,
        seg,
        fc.string({ unit: fc.constantFrom('a', '_', '-'), maxLength: 10 }),
        noise,
        noise,
        (h, p, sig, before, after) => {
          const token = `eyJ${h}.${p}.${sig}`;
          const text = `${before} ${token} ${after}`;
          expect(findJwts(text)).toContain(token);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('is bounded: at most 20 results, linear on pathological text', () => {
    expect(findJwts(`${RFC7519} `.repeat(50))).toHaveLength(20);
    expect(findJwts('eyJ'.repeat(30_000))).toEqual([]);
    expect(findJwts('a '.repeat(50_000) + RFC7519)).toEqual([RFC7519]);
    expect(findJwts('.'.repeat(100_000))).toEqual([]);
  });
});
