import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchesTerms, matchesToggles, parseFilter, tokenize, wildcard, type Term } from '../../src/panel/filter.ts';
import { challengeSchemesOf, createFacts } from '../../src/panel/facts.ts';
import { summarizeDiagnosis } from '../../src/shared/diagnoser.ts';
import { diagnosed, rec } from '../support/records.ts';

const facts = createFacts();

const t = (key: Term['key'], value: string, negate = false): Term => ({ key, value, negate });

describe('tokenize', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['a b', ['a', 'b']],
    ['  a   b  ', ['a', 'b']],
    ['"two words" x', ['two words', 'x']],
    ['domain:"a b"', ['domain:a b']],
    ['"unterminated quote', ['unterminated quote']],
    ['""', []],
    ['a\tb\nc', ['a', 'b', 'c']],
  ])('%j -> %j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });
});

describe('parseFilter', () => {
  it.each([
    ['status:403', [t('status', '403')]],
    ['STATUS:403', [t('status', '403')]],
    ['domain:API.Example.com', [t('domain', 'api.example.com')]],
    ['-domain:cdn.example.com', [t('domain', 'cdn.example.com', true)]],
    ['scheme:Bearer', [t('scheme', 'bearer')]],
    ['finding:token-expired', [t('finding', 'token-expired')]],
    ['method:POST', [t('method', 'post')]],
    ['-method:options', [t('method', 'options', true)]],
    ['login', [t('text', 'login')]],
    ['-login', [t('text', 'login', true)]],
    ['-', [t('text', '-')]],
    ['status:', []],
    ['-status:', []],
    ['foo:bar', [t('text', 'foo:bar')]],
    [':403', [t('text', ':403')]],
    ['https://x.example/a', [t('text', 'https://x.example/a')]],
    [
      'status:401 domain:*.example.com  "bad token"',
      [t('status', '401'), t('domain', '*.example.com'), t('text', 'bad token')],
    ],
  ])('%j', (text, terms) => {
    expect(parseFilter(text)).toEqual(terms);
  });
});

describe('matching', () => {
  const r = rec({
    method: 'POST',
    url: 'https://api.example.com/v1/login',
    status: 403,
    requestHeaders: [{ name: 'Authorization', value: 'Basic dTpw' }],
    responseHeaders: [
      {
        name: 'WWW-Authenticate',
        value: 'Bearer realm="api", error="insufficient_scope", Digest realm="x", nonce="n"',
      },
    ],
  });
  const summary = summarizeDiagnosis(
    diagnosed('Token lacks scope', ['insufficient-scope', 'error'], ['scheme-mismatch', 'warning']),
  );
  const f = facts.forFilter(r, summary);
  const yes = (text: string): boolean => matchesTerms(parseFilter(text), f);

  it('matches each key', () => {
    expect(yes('status:403')).toBe(true);
    expect(yes('status:401')).toBe(false);
    expect(yes('status:4xx')).toBe(true);
    expect(yes('status:40x')).toBe(true);
    expect(yes('status:5xx')).toBe(false);
    expect(yes('method:post')).toBe(true);
    expect(yes('method:GET')).toBe(false);
    expect(yes('domain:api.example.com')).toBe(true);
    expect(yes('domain:example.com')).toBe(false);
    expect(yes('domain:*.example.com')).toBe(true);
    expect(yes('domain:api.*')).toBe(true);
    expect(yes('scheme:bearer')).toBe(true);
    expect(yes('scheme:digest')).toBe(true);
    expect(yes('scheme:basic')).toBe(true);
    expect(yes('scheme:ntlm')).toBe(false);
    expect(yes('finding:scheme-mismatch')).toBe(true);
    expect(yes('finding:token-expired')).toBe(false);
  });

  it('free text searches url, method, status, summary and finding ids, case-insensitively', () => {
    expect(yes('LOGIN')).toBe(true);
    expect(yes('lacks zebra')).toBe(false); // two terms, both must match
    expect(yes('lacks scope')).toBe(true);
    expect(yes('"lacks scope"')).toBe(true);
    expect(yes('insufficient')).toBe(true);
    expect(yes('nothing-like-this')).toBe(false);
  });

  it('negates and combines with AND', () => {
    expect(yes('-domain:api.example.com')).toBe(false);
    expect(yes('-domain:cdn.example.com')).toBe(true);
    expect(yes('status:403 method:post')).toBe(true);
    expect(yes('status:403 method:get')).toBe(false);
    expect(yes('-login')).toBe(false);
    expect(yes('')).toBe(true);
  });

  it('does not treat regex characters in domain patterns as regex', () => {
    const dotted = facts.forFilter(rec({ url: 'https://apixexample.com/' }), undefined);
    expect(matchesTerms(parseFilter('domain:api.example.com'), dotted)).toBe(false);
    expect(matchesTerms(parseFilter('domain:(.*)'), dotted)).toBe(false);
  });

  it('matches domain globs like the regex they stand for', () => {
    const reference = (p: string, s: string): boolean =>
      new RegExp(
        `^${p
          .split('*')
          .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ).test(s);
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '.', '*'), maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '.'), maxLength: 10 }),
        (p, s) => {
          expect(wildcard(p, s)).toBe(reference(p, s));
        },
      ),
      { numRuns: 3000 },
    );
    expect(wildcard('*.example.com', 'api.example.com')).toBe(true);
    expect(wildcard('a*a', 'a')).toBe(false);
    expect(wildcard('*', '')).toBe(true);
  });

  it('a backtracking-bait glob against a 253-character host answers at once', () => {
    // as a regex this took minutes: every `.*` retried every split of the host
    const host = 'a'.repeat(253);
    expect(wildcard('*a*a*a*a*a*b', host)).toBe(false);
    expect(wildcard(`${'*a'.repeat(120)}*`, host)).toBe(true);
  });

  it('an unparsable url has no host and never throws', () => {
    const junk = facts.forFilter(rec({ url: 'not a url' }), undefined);
    expect(junk.host).toBe('');
    expect(matchesTerms(parseFilter('domain:x finding:y "free"'), junk)).toBe(false);
  });
});

describe('challengeSchemesOf', () => {
  it.each([
    ['Bearer', ['Bearer']],
    ['Bearer realm="a"', ['Bearer']],
    ['Basic realm="a", Bearer', ['Basic', 'Bearer']],
    ['Bearer realm="a", error="invalid_token", Digest realm="b", nonce="n"', ['Bearer', 'Digest']],
    ['Negotiate abc==', ['Negotiate']],
    ['Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"', ['Newauth', 'Basic']],
    ['', []],
  ])('%j', (value, schemes) => {
    expect(challengeSchemesOf(value)).toEqual(schemes);
  });
});

describe('quick toggles', () => {
  it.each([
    [[], 401, true],
    [[], 500, true],
    [['401'], 401, true],
    [['401'], 403, false],
    [['403'], 403, true],
    [['other'], 407, true],
    [['other'], 401, false],
    [['401', 'other'], 419, true],
    [['401', '403'], 419, false],
  ] as const)('%j on %i -> %s', (toggles, status, out) => {
    expect(matchesToggles(toggles, status)).toBe(out);
  });
});
