import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { countParseSteps, parseChallenges, parseCredentials } from '../../src/analysis/challenge.ts';
import type { Challenge } from '../../src/analysis/types.ts';

const ok = (value: string | string[], challenges: Challenge[]) => {
  const r = parseChallenges(value);
  expect(r.problems).toEqual([]);
  expect(r.challenges).toEqual(challenges);
};

describe('parseChallenges: valid headers (no problems)', () => {
  it('RFC 9110 §11.6.1 example: two challenges on one line, escaped quotes', () => {
    ok('Basic realm="simple", Newauth realm="apps", type=1, title="Login to \\"apps\\""', [
      { scheme: 'Basic', params: { realm: 'simple' } },
      { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
    ]);
  });

  it('the same list across several field lines equals the combined line (§5.3)', () => {
    const lines = ['Newauth realm="apps", type=1', 'Basic realm="simple"'];
    ok(lines, [
      { scheme: 'Newauth', params: { realm: 'apps', type: '1' } },
      { scheme: 'Basic', params: { realm: 'simple' } },
    ]);
    expect(parseChallenges(lines)).toEqual(parseChallenges(lines.join(', ')));
  });

  it('a parameter on the next field line continues the previous challenge, as the combined value says', () => {
    ok(
      ['Foo a=b', 'c=d', 'Bar x'],
      [
        { scheme: 'Foo', params: { a: 'b', c: 'd' } },
        { scheme: 'Bar', params: {}, token68: 'x' },
      ],
    );
  });

  it('RFC 7617 Basic with charset', () => {
    ok('Basic realm="x", charset="UTF-8"', [{ scheme: 'Basic', params: { realm: 'x', charset: 'UTF-8' } }]);
  });

  it('a bare scheme, and bare schemes in a list (IIS)', () => {
    ok('Bearer', [{ scheme: 'Bearer', params: {} }]);
    ok('Negotiate, NTLM', [
      { scheme: 'Negotiate', params: {} },
      { scheme: 'NTLM', params: {} },
    ]);
    ok('Basic realm="Windows", Negotiate, NTLM', [
      { scheme: 'Basic', params: { realm: 'Windows' } },
      { scheme: 'Negotiate', params: {} },
      { scheme: 'NTLM', params: {} },
    ]);
  });

  it('token68: padding, every token68 character, and a following challenge', () => {
    ok('Negotiate YIIFyQYGKwYBBQUCoIIFvTCC+/-._~AA==', [
      { scheme: 'Negotiate', params: {}, token68: 'YIIFyQYGKwYBBQUCoIIFvTCC+/-._~AA==' },
    ]);
    ok('Negotiate abc==, Basic realm="x"', [
      { scheme: 'Negotiate', params: {}, token68: 'abc==' },
      { scheme: 'Basic', params: { realm: 'x' } },
    ]);
    ok('NTLM TlRMTVNTUAACAAAADAAMADAAAAA1goriESIzRFVmd4gAAAAAAAAAAGIAYgA8AAAA', [
      { scheme: 'NTLM', params: {}, token68: 'TlRMTVNTUAACAAAADAAMADAAAAA1goriESIzRFVmd4gAAAAAAAAAAGIAYgA8AAAA' },
    ]);
  });

  it('"name=" at the end of its element is a token68, "name=value" is a parameter', () => {
    ok('Foo realm=', [{ scheme: 'Foo', params: {}, token68: 'realm=' }]);
    ok('Foo realm==, Bar', [
      { scheme: 'Foo', params: {}, token68: 'realm==' },
      { scheme: 'Bar', params: {} },
    ]);
    ok('Foo realm=x', [{ scheme: 'Foo', params: { realm: 'x' } }]);
  });

  it('BWS around "=", OWS around commas, tabs in OWS, leading and trailing whitespace', () => {
    ok(' \tBasic  realm = "x" \t,\tcharset\t=\t"UTF-8"  ', [
      { scheme: 'Basic', params: { realm: 'x', charset: 'UTF-8' } },
    ]);
  });

  it('empty list elements anywhere are ignored (§5.6.1)', () => {
    ok(', , Basic realm="x" ,, , charset=UTF-8,,, Bearer ,', [
      { scheme: 'Basic', params: { realm: 'x', charset: 'UTF-8' } },
      { scheme: 'Bearer', params: {} },
    ]);
    ok('Basic , realm="x"', [{ scheme: 'Basic', params: { realm: 'x' } }]);
    ok('', []);
    ok(' , ,, ', []);
  });

  it('scheme case kept as written, parameter names lower-cased, values untouched', () => {
    ok('bEaReR REALM="Api", Error=Invalid_Token', [
      { scheme: 'bEaReR', params: { realm: 'Api', error: 'Invalid_Token' } },
    ]);
  });

  it('quoted strings: escapes of any VCHAR, commas and "=" inside, empty value, obs-text', () => {
    ok('X a="\\\\", b="\\a\\"\\ ", c="x, y=z", d="", e="café"', [
      { scheme: 'X', params: { a: '\\', b: 'a" ', c: 'x, y=z', d: '', e: 'café' } },
    ]);
  });

  it('a parameter named __proto__ is an ordinary entry', () => {
    const r = parseChallenges('X __proto__="polluted", constructor=y');
    expect(r.problems).toEqual([]);
    const params = r.challenges[0]!.params;
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.keys(params)).toEqual(['__proto__', 'constructor']);
    expect(params['__proto__']).toBe('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('token values with every tchar', () => {
    ok("X v=!#$%&'*+-.^_`|~09AZaz", [{ scheme: 'X', params: { v: "!#$%&'*+-.^_`|~09AZaz" } }]);
  });
});

describe('parseChallenges: real vendor and spec headers', () => {
  it('Docker Hub / OCI registry token challenge', () => {
    ok(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"',
      [
        {
          scheme: 'Bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:library/ubuntu:pull',
          },
        },
      ],
    );
  });

  it('Microsoft Entra claims challenge (CAE)', () => {
    const claims = 'eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=';
    ok(
      `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="${claims}"`,
      [
        {
          scheme: 'Bearer',
          params: {
            realm: '',
            authorization_uri: 'https://login.microsoftonline.com/common/oauth2/authorize',
            client_id: '00000003-0000-0000-c000-000000000000',
            error: 'insufficient_claims',
            claims,
          },
        },
      ],
    );
  });

  it('Google APIs insufficient scope', () => {
    ok(
      'Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="https://www.googleapis.com/auth/drive.readonly https://www.googleapis.com/auth/drive"',
      [
        {
          scheme: 'Bearer',
          params: {
            realm: 'https://accounts.google.com/',
            error: 'insufficient_scope',
            scope: 'https://www.googleapis.com/auth/drive.readonly https://www.googleapis.com/auth/drive',
          },
        },
      ],
    );
  });

  it('RFC 9449 DPoP: nonce error, and Bearer offered alongside DPoP', () => {
    ok('DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"', [
      {
        scheme: 'DPoP',
        params: { error: 'use_dpop_nonce', error_description: 'Resource server requires nonce in DPoP proof' },
      },
    ]);
    ok('Bearer, DPoP algs="ES256 PS256"', [
      { scheme: 'Bearer', params: {} },
      { scheme: 'DPoP', params: { algs: 'ES256 PS256' } },
    ]);
  });

  it('RFC 7616 Digest: two challenges with different algorithms on two field lines', () => {
    const common =
      'realm="http-auth@example.org", qop="auth, auth-int", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", ' +
      'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"';
    const expected = (algorithm: string): Challenge => ({
      scheme: 'Digest',
      params: {
        realm: 'http-auth@example.org',
        qop: 'auth, auth-int',
        algorithm,
        nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
        opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
      },
    });
    const [realm, qop, nonce, opaque] = common.split(/, (?=[a-z]+=)/);
    const line = (alg: string) => `Digest ${realm}, ${qop}, algorithm=${alg}, ${nonce}, ${opaque}`;
    ok([line('SHA-256'), line('MD5')], [expected('SHA-256'), expected('MD5')]);
    ok(`${line('SHA-256')}, ${line('MD5')}`, [expected('SHA-256'), expected('MD5')]);
    ok('Digest realm="x", nonce="n", stale=TRUE, algorithm=SHA-512-256', [
      { scheme: 'Digest', params: { realm: 'x', nonce: 'n', stale: 'TRUE', algorithm: 'SHA-512-256' } },
    ]);
  });

  it('RFC 9728 resource metadata, RFC 9470 step-up, RFC 6750 error', () => {
    ok('Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource"', [
      {
        scheme: 'Bearer',
        params: { resource_metadata: 'https://resource.example.com/.well-known/oauth-protected-resource' },
      },
    ]);
    ok(
      'Bearer error="insufficient_user_authentication", ' +
        'error_description="A different authentication level is required", acr_values="myACR", max_age=5',
      [
        {
          scheme: 'Bearer',
          params: {
            error: 'insufficient_user_authentication',
            error_description: 'A different authentication level is required',
            acr_values: 'myACR',
            max_age: '5',
          },
        },
      ],
    );
    ok('Bearer realm="example", error="invalid_token", error_description="The access token expired"', [
      {
        scheme: 'Bearer',
        params: { realm: 'example', error: 'invalid_token', error_description: 'The access token expired' },
      },
    ]);
  });
});

const problemsOf = (v: string | string[]) => parseChallenges(v).problems;

describe('parseChallenges: broken headers give what can be made out, and say what is wrong', () => {
  it('unterminated quoted string: value kept, offset of the opening quote', () => {
    const r = parseChallenges('Basic realm="x');
    expect(r.challenges).toEqual([{ scheme: 'Basic', params: { realm: 'x' } }]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      offset: 12,
      message: expect.stringMatching(/"realm" has no closing quote \(at character 13\)/),
    });
    expect(parseChallenges('Basic realm="x\\').challenges[0]!.params).toEqual({ realm: 'x' });
  });

  it('duplicate parameter (case-insensitively): first kept, reported', () => {
    const r = parseChallenges('Foo Realm=a, realm="b"');
    expect(r.challenges[0]!.params).toEqual({ realm: 'a' });
    expect(r.problems).toEqual([
      { offset: 13, message: expect.stringMatching(/"realm" appears twice.*first value is kept/) },
    ]);
    expect(problemsOf('Foo a=1, Bar a=2')).toEqual([]); // different challenges: fine
  });

  it('parameter with no value', () => {
    const r = parseChallenges('Foo realm =, b=c');
    expect(r.challenges[0]!.params).toEqual({ realm: '', b: 'c' });
    expect(r.problems[0]!.message).toMatch(/"realm" has no value/);
    expect(parseChallenges('Foo a=b, c=').problems[0]!.message).toMatch(/"c" has no value/);
  });

  it('parameters before any scheme are reported and dropped', () => {
    const r = parseChallenges('realm="x", Basic');
    expect(r.challenges).toEqual([{ scheme: 'Basic', params: {} }]);
    expect(r.problems).toEqual([{ offset: 0, message: expect.stringMatching(/"realm" comes before any auth scheme/) }]);
  });

  it('a tab instead of a space after the scheme', () => {
    const r = parseChallenges('Basic\trealm="x"');
    expect(r.challenges).toEqual([{ scheme: 'Basic', params: { realm: 'x' } }]);
    expect(r.problems).toEqual([{ offset: 5, message: expect.stringMatching(/tab separates the scheme Basic/) }]);
  });

  it('parameter after a comma with no space after the scheme', () => {
    const r = parseChallenges('Basic, realm="x"');
    expect(r.challenges).toEqual([{ scheme: 'Basic', params: { realm: 'x' } }]);
    expect(r.problems[0]!.message).toMatch(/no space/);
  });

  it('parameters after a token68', () => {
    const r = parseChallenges('Negotiate abc, realm="x"');
    expect(r.challenges).toEqual([{ scheme: 'Negotiate', token68: 'abc', params: { realm: 'x' } }]);
    expect(r.problems[0]!.message).toMatch(/follows a token68/);
  });

  it('junk after a token68 or a value, skipped to the next comma', () => {
    const r = parseChallenges('Bearer abc def, Basic realm="x" y, Digest');
    expect(r.challenges.map((c) => c.scheme)).toEqual(['Bearer', 'Basic', 'Digest']);
    expect(r.challenges[0]!.token68).toBe('abc');
    expect(r.problems.map((p) => p.offset)).toEqual([11, 32]);
  });

  it('unquoted values with characters outside token are kept and reported', () => {
    const r = parseChallenges('Foo realm=https://x.example/, b=c');
    expect(r.challenges[0]!.params).toEqual({ realm: 'https://x.example/', b: 'c' });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ offset: 15, message: expect.stringMatching(/":".*quoted string/) });
  });

  it('stray characters where an element should start', () => {
    const r = parseChallenges('"quoted", Basic realm="a,b", =x, Bearer');
    expect(r.challenges).toEqual([
      { scheme: 'Basic', params: { realm: 'a,b' } },
      { scheme: 'Bearer', params: {} },
    ]);
    expect(r.problems.map((p) => p.offset)).toEqual([0, 29]);
  });

  it('"==" between name and value, and a token68 with "=" in the middle', () => {
    expect(problemsOf('Foo a==b')[0]!.message).toMatch(/"=="/);
    const r = parseChallenges('Foo ab=c=');
    expect(r.problems.length).toBeGreaterThan(0);
  });

  it('a scheme glued to a quote or slash', () => {
    const r = parseChallenges('Basic"realm", Bearer');
    expect(r.challenges.map((c) => c.scheme)).toEqual(['Basic', 'Bearer']);
    expect(r.problems[0]).toMatchObject({ offset: 5 });
  });

  it('control characters: newline outside and inside quotes', () => {
    expect(problemsOf('Basic realm="x"\nBearer').length).toBeGreaterThan(0);
    expect(problemsOf('Basic realm="a\u0001b"')[0]!.message).toMatch(/control character/);
  });

  it('a space inside an unquoted value', () => {
    const r = parseChallenges('Bearer scope=read write');
    expect(r.challenges[0]!.params).toEqual({ scope: 'read' });
    expect(r.problems[0]).toMatchObject({ offset: 18 });
  });

  it('offsets and messages name the field line when there are several', () => {
    const r = parseChallenges(['Basic realm="x"', 'Bearer a b']);
    expect(r.problems).toEqual([{ offset: 26, message: expect.stringMatching(/header line 2, character 10/) }]);
  });

  it('caps the number of listed problems and counts the rest', () => {
    const r = parseChallenges(Array.from({ length: 100 }, () => '"x"').join(', '));
    expect(r.problems).toHaveLength(21);
    expect(r.problems[20]!.message).toBe('…and 80 more problems');
  });

  it('non-string input in an array is ignored rather than thrown on', () => {
    expect(parseChallenges([undefined as unknown as string, 'Basic']).challenges).toEqual([
      { scheme: 'Basic', params: {} },
    ]);
  });
});

describe('parseChallenges: linear time', () => {
  const unit = 'Digest realm="a\\"b", nonce=abc, qop="auth", Negotiate abc==, , ';
  const junk = '"\\"==,,\t x=';
  const sized = (piece: string, bytes: number) => piece.repeat(Math.ceil(bytes / piece.length)).slice(0, bytes);

  it.each([
    ['valid', unit],
    ['junk', junk],
    ['one long token', 'a'],
    ['one long quoted string', '"'],
    ['eyJ-ish', 'eyJ.'],
  ])('%s: 64 KB takes 8x the steps of 8 KB, within 10%%', (_name, piece) => {
    const small = countParseSteps(sized(piece, 8 * 1024));
    const large = countParseSteps(sized(piece, 64 * 1024));
    expect(small).toBeGreaterThan(0);
    expect(large / small).toBeGreaterThan(7.2);
    expect(large / small).toBeLessThan(8.8);
    expect(large).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it('a 64 KB header parses completely', () => {
    const r = parseChallenges(sized('Basic realm="x", ', 64 * 1024));
    expect(r.challenges.length).toBeGreaterThan(3800);
  });
});

describe('parseChallenges: the benchmark corpus of real-world headers', () => {
  const corpus = JSON.parse(
    readFileSync(new URL('../../scripts/bench/corpus/challenges.json', import.meta.url), 'utf8'),
  ) as {
    entries: { source: string; value: string | string[]; expected: Challenge[] }[];
  };
  it('has at least 40 entries, some with several challenges', () => {
    expect(corpus.entries.length).toBeGreaterThanOrEqual(40);
    expect(corpus.entries.filter((e) => e.expected.length > 1).length).toBeGreaterThanOrEqual(5);
  });
  it.each(corpus.entries.map((e) => [e.source, e] as const))('%s', (_source, e) =>
    ok(e.value as string | string[], e.expected),
  );
});

describe('parseCredentials (Authorization, Proxy-Authorization)', () => {
  it('Basic, Bearer, DPoP, Negotiate: one token68', () => {
    expect(parseCredentials('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toEqual({
      scheme: 'Basic',
      params: {},
      token68: 'QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
      problems: [],
    });
    expect(parseCredentials('Bearer mF_9.B5f-4.1JqM')).toEqual({
      scheme: 'Bearer',
      params: {},
      token68: 'mF_9.B5f-4.1JqM',
      problems: [],
    }); // RFC 6750 §2.1
    expect(parseCredentials('DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU')).toMatchObject({
      scheme: 'DPoP',
      token68: 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU',
      problems: [],
    });
    expect(parseCredentials('Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnagMDAu+/==')).toMatchObject({
      scheme: 'Negotiate',
      problems: [],
    });
  });

  it('RFC 7616 §3.9.1 Digest response', () => {
    const v =
      'Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, ' +
      'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, ' +
      'cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, ' +
      'response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", ' +
      'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"';
    const r = parseCredentials(v);
    expect(r.problems).toEqual([]);
    expect(r.scheme).toBe('Digest');
    expect(r.token68).toBeUndefined();
    expect(r.params).toMatchObject({
      username: 'Mufasa',
      algorithm: 'SHA-256',
      nc: '00000001',
      qop: 'auth',
      uri: '/dir/index.html',
    });
    expect(Object.keys(r.params)).toHaveLength(10);
  });

  it('AWS SigV4: parameters read, the unquoted "/" and ";" reported as outside the grammar', () => {
    const r = parseCredentials(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261122/eu-west-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-date, ' +
        'Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024',
    );
    expect(r.scheme).toBe('AWS4-HMAC-SHA256');
    expect(r.params).toEqual({
      credential: 'AKIAIOSFODNN7EXAMPLE/20261122/eu-west-1/s3/aws4_request',
      signedheaders: 'host;range;x-amz-date',
      signature: 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024',
    });
    expect(r.problems.map((p) => p.offset)).toEqual([48, 103]);
  });

  it('a bare scheme is grammatical (the rules decide that a Bearer without a token is wrong)', () => {
    expect(parseCredentials('Bearer')).toEqual({ scheme: 'Bearer', params: {}, problems: [] });
    expect(parseCredentials('Bearer ')).toEqual({ scheme: 'Bearer', params: {}, problems: [] });
  });

  it.each([
    ['Bearer Bearer abc', 'Bearer', /Unexpected "a" after the token "Bearer"/],
    ['Bearer "abc"', undefined, /Unexpected "\\"" after the scheme Bearer/],
    ['Bearer abc\n', 'abc', /Unexpected "\\n"/],
    ['Bearer abc,', 'abc', /token cannot continue with a comma/],
    ['Bearer, abc', undefined, /comma follows the scheme/],
    ['Bearer abc, Basic def', 'abc', /second auth scheme "Basic"/],
    [', Bearer abc', 'abc', /starts with a comma/],
    ['Bearer abc def', 'abc', /Unexpected "d"/],
    ['Bearer ab"c', 'ab', /Unexpected/],
  ])('%j is reported', (value, token68, message) => {
    const r = parseCredentials(value);
    expect(r.scheme).toBe(value.replace(/^[, ]+/, '').split(/[ ,]/)[0]);
    expect(r.token68).toBe(token68);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.map((p) => p.message).join(' | ')).toMatch(message);
  });

  it('empty or blank', () => {
    for (const v of ['', '   ', undefined as unknown as string]) {
      expect(parseCredentials(v)).toEqual({
        scheme: '',
        params: {},
        problems: [{ message: 'The credential is empty: no auth scheme.', offset: 0 }],
      });
    }
  });

  it('a token with no scheme reads as a scheme of its own (the rules recognise it by shape)', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    expect(parseCredentials(jwt)).toEqual({ scheme: jwt, params: {}, problems: [] });
  });
});

describe('parseChallenges: malformed headers from test/fixtures/challenges/malformed.json', () => {
  const fixture = JSON.parse(
    readFileSync(new URL('../fixtures/challenges/malformed.json', import.meta.url), 'utf8'),
  ) as {
    entries: { source: string; value: string; challenges: Challenge[]; problems: [number, string][] }[];
  };
  it.each(fixture.entries.map((e) => [e.source, e] as const))('%s', (_source, e) => {
    const r = parseChallenges(e.value);
    expect(r.challenges).toEqual(e.challenges);
    expect(r.problems.map((p) => p.offset)).toEqual(e.problems.map(([offset]) => offset));
    e.problems.forEach(([, text], k) => expect(r.problems[k]!.message).toContain(text));
  });
});
