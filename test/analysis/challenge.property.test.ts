import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countParseSteps, parseChallenges, parseCredentials } from '../../src/analysis/challenge.ts';
import type { Challenge, ChallengeParse } from '../../src/analysis/types.ts';

// An independent oracle: RFC 9110 §11 with the recipient list rules of §5.6.1 is a regular
// language, so one regular expression recognises exactly the valid headers. (Duplicate parameter
// names are outside what a grammar can say; they are covered by example tests.)
const TCHAR = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]";
const TOKEN = `${TCHAR}+`;
const TOKEN68 = '[A-Za-z0-9\\-._~+/]+=*';
const QS = '"(?:[\\t \\x21\\x23-\\x5B\\x5D-\\x7E\\x80-\\uFFFF]|\\\\[\\t \\x21-\\x7E\\x80-\\uFFFF])*"';
const OWS = '[ \\t]*';
const PARAM = `${TOKEN}${OWS}=${OWS}(?:${TOKEN}|${QS})`;
const PARAMS = `(?:${PARAM})?(?:${OWS},${OWS}(?:${PARAM})?)*`;
const CHALLENGE = `${TOKEN}(?: +(?:${TOKEN68}|${PARAMS}))?`;
const VALID_LIST = new RegExp(`^${OWS}(?:${CHALLENGE})?(?:${OWS},${OWS}(?:${CHALLENGE})?)*${OWS}$`);
const VALID_CREDENTIAL = new RegExp(`^${OWS}${TOKEN}(?: +(?:${TOKEN68}|${PARAMS}))?${OWS}$`);

const TCHARS = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".split('');
const T68CHARS = '-._~+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.split('');
const token = fc.string({ unit: fc.constantFrom(...TCHARS), minLength: 1, maxLength: 8 });
const token68 = fc
  .tuple(fc.string({ unit: fc.constantFrom(...T68CHARS), minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 2 }))
  .map(([body, pad]) => body + '='.repeat(pad));
const ows = fc.constantFrom('', '', ' ', '\t', '  ', ' \t ');
const spaces = fc.constantFrom(' ', ' ', '   ');
// qdtext and characters that need a quoted-pair, incl. obs-text.
const valueChar = fc.constantFrom(
  'a',
  'Z',
  '0',
  ' ',
  '\t',
  ',',
  '=',
  ';',
  '/',
  ':',
  '"',
  '\\',
  'é',
  '\u00ff',
  '\u20ac',
  '!',
  '~',
);
const rawValue = fc.string({ unit: valueChar, maxLength: 10 });
const isToken = (v: string) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(v);

/** A valid serialisation of a value: bare token when possible and chosen, else quoted with escapes. */
const serialisedValue = fc
  .tuple(fc.oneof(rawValue, token), fc.boolean(), fc.array(fc.boolean(), { maxLength: 10 }))
  .map(([value, bare, escapes]) => {
    if (bare && isToken(value)) return { value, text: value };
    let k = 0;
    const body = Array.from(value, (c) =>
      c === '"' || c === '\\' || escapes[k++ % Math.max(1, escapes.length)] ? `\\${c}` : c,
    ).join('');
    return { value, text: `"${body}"` };
  });

const caseMix = (name: string, flips: boolean[]) =>
  Array.from(name, (c, k) => (flips[k % Math.max(1, flips.length)] ? c.toUpperCase() : c.toLowerCase())).join('');

const separator = fc
  .tuple(ows, ows, fc.integer({ min: 0, max: 2 }), ows)
  .map(([a, b, empties, c]) => `${a},${b}${`,${c}`.repeat(empties)}`);

interface Generated {
  text: string;
  challenge: Challenge;
}

const paramsChallenge = fc
  .tuple(
    token,
    spaces,
    fc.uniqueArray(fc.tuple(token, fc.array(fc.boolean(), { maxLength: 4 }), ows, ows, serialisedValue), {
      maxLength: 4,
      selector: ([name]) => name.toLowerCase(),
    }),
    fc.array(separator, { minLength: 4, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([scheme, sp, params, seps, leadingEmpty]): Generated => {
    const parts = params.map(([name, flips, b1, b2, v]) => `${caseMix(name, flips)}${b1}=${b2}${v.text}`);
    const list = parts.map((p, k) => (k === 0 ? p : `${seps[k % 4]}${p}`)).join('');
    const record: Record<string, string> = {};
    for (const [name, , , , v] of params)
      Object.defineProperty(record, name.toLowerCase(), {
        value: v.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    // Only after 1*SP may the parameter list begin with empty elements.
    const text = params.length === 0 ? scheme : `${scheme}${sp}${leadingEmpty ? ', ' : ''}${list}`;
    return { text, challenge: { scheme, params: record } };
  });

const token68Challenge = fc
  .tuple(token, spaces, token68)
  .map(([scheme, sp, t]): Generated => ({ text: `${scheme}${sp}${t}`, challenge: { scheme, params: {}, token68: t } }));

const validHeader = fc
  .tuple(
    fc.array(fc.oneof(paramsChallenge, token68Challenge), { maxLength: 4 }),
    fc.array(separator, { minLength: 4, maxLength: 4 }),
    ows,
    ows,
    fc.boolean(),
  )
  .map(([challenges, seps, lead, trail, leadingComma]) => ({
    text:
      lead +
      (leadingComma ? ', ' : '') +
      challenges.map((g, k) => (k === 0 ? g.text : seps[k % 4] + g.text)).join('') +
      trail,
    challenges: challenges.map((g) => g.challenge),
  }));

/** Shape check in plain code, one assertion: a 64 KB header yields thousands of challenges. */
function wellFormed(r: ChallengeParse, length: number): void {
  const bad: string[] = [];
  if (!Array.isArray(r.challenges)) bad.push('challenges is not an array');
  for (const c of r.challenges) {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(c.scheme)) bad.push(`scheme ${JSON.stringify(c.scheme)}`);
    if (Object.getPrototypeOf(c.params) !== Object.prototype) bad.push('params prototype');
    for (const [k, v] of Object.entries(c.params)) {
      if (k !== k.toLowerCase() || typeof v !== 'string') bad.push(`param ${k}`);
    }
    if (c.token68 !== undefined && typeof c.token68 !== 'string') bad.push('token68');
  }
  if (r.problems.length > 21) bad.push('too many problems');
  for (const p of r.problems) {
    if (typeof p.message !== 'string' || p.message.length <= 10) bad.push(`message ${JSON.stringify(p.message)}`);
    if (p.offset !== undefined && !(p.offset >= 0 && p.offset <= length)) bad.push(`offset ${p.offset}`);
  }
  expect(bad).toEqual([]);
}

const mutation = fc.tuple(
  fc.nat(),
  fc.constantFrom('insert', 'delete', 'replace'),
  fc.constantFrom('"', '\\', ',', '=', ' ', '\t', 'a', '/', '\n', '\u0000', '(', 'é', '=='),
);
function mutate(s: string, ms: [number, string, string][]): string {
  let out = s;
  for (const [at, kind, ch] of ms) {
    const k = out.length === 0 ? 0 : at % (out.length + 1);
    if (kind === 'insert') out = out.slice(0, k) + ch + out.slice(k);
    else if (kind === 'delete') out = out.slice(0, k) + out.slice(k + 1);
    else out = out.slice(0, k) + ch + out.slice(k + 1);
  }
  return out;
}
const grammarProblems = (r: { problems: { message: string }[] }) =>
  r.problems.filter((p) => !/appears twice/.test(p.message));

describe('parseChallenges: properties', () => {
  it('generated valid headers: no problems, and the challenges round-trip', () => {
    fc.assert(
      fc.property(validHeader, ({ text, challenges }) => {
        expect(VALID_LIST.test(text)).toBe(true); // the generator and the oracle agree
        const r = parseChallenges(text);
        expect(r.problems).toEqual([]);
        expect(r.challenges).toEqual(challenges);
      }),
      { numRuns: 2000 },
    );
  });

  it('the same headers split over several field lines parse the same', () => {
    fc.assert(
      fc.property(fc.array(validHeader, { minLength: 1, maxLength: 3 }), (hs) => {
        const r = parseChallenges(hs.map((h) => h.text));
        expect(r.problems).toEqual([]);
        expect(r.challenges).toEqual(parseChallenges(hs.map((h) => h.text).join(', ')).challenges);
      }),
      { numRuns: 500 },
    );
  });

  it('mutated valid headers: never throw, well-formed, and problems are empty exactly when the grammar matches', () => {
    fc.assert(
      fc.property(validHeader, fc.array(mutation, { minLength: 1, maxLength: 4 }), ({ text }, ms) => {
        const broken = mutate(text, ms);
        const r = parseChallenges(broken);
        wellFormed(r, broken.length);
        expect(grammarProblems(r).length === 0).toBe(VALID_LIST.test(broken));
      }),
      { numRuns: 2000 },
    );
  });

  it('random strings from the header alphabet: same equivalence', () => {
    const alphabet = fc.constantFrom('B', 'a', '=', '"', '\\', ',', ' ', '\t', '/', '+', '!', 'é', '\u0001');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 30 }), (s) => {
        const r = parseChallenges(s);
        wellFormed(r, s.length);
        expect(grammarProblems(r).length === 0).toBe(VALID_LIST.test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('arbitrary unicode strings and arrays never throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.array(fc.string({ maxLength: 40 }), { maxLength: 5 }),
        ),
        (v) => {
          const r = parseChallenges(v);
          wellFormed(r, (Array.isArray(v) ? v.join(', ') : v).length);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('linear work: never more than 3 scanning steps per character, whatever the input', () => {
    const alphabet = fc.constantFrom('B', 'a', '=', '"', '\\', ',', ' ', '\t', '/', '!');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: alphabet, maxLength: 2000 }),
          validHeader.map((h) => h.text),
        ),
        (s) => {
          expect(countParseSteps(s)).toBeLessThanOrEqual(3 * s.length + 1);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('huge headers (up to 64 KB of repeated and mutated pieces) never throw', () => {
    fc.assert(
      fc.property(
        validHeader,
        fc.integer({ min: 1000, max: 64 * 1024 }),
        fc.array(mutation, { maxLength: 3 }),
        ({ text }, size, ms) => {
          const big = mutate(`${text}, `.repeat(Math.ceil(size / (text.length + 2))).slice(0, size), ms);
          wellFormed(parseChallenges(big), big.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('parseCredentials: properties', () => {
  const validCredential = fc.oneof(paramsChallenge, token68Challenge);

  it('generated valid credentials: no problems, round-trip', () => {
    fc.assert(
      fc.property(validCredential, ows, ows, ({ text, challenge }, a, b) => {
        const r = parseCredentials(a + text + b);
        expect(r.problems).toEqual([]);
        expect({
          scheme: r.scheme,
          params: r.params,
          ...(r.token68 === undefined ? {} : { token68: r.token68 }),
        }).toEqual(challenge);
      }),
      { numRuns: 2000 },
    );
  });

  it('arbitrary strings never throw and always name a scheme or a problem', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (v) => {
        const r = parseCredentials(v);
        expect(typeof r.scheme).toBe('string');
        expect(r.scheme !== '' || r.problems.length > 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('mutated credentials: problems empty exactly when the grammar matches', () => {
    fc.assert(
      fc.property(validCredential, fc.array(mutation, { minLength: 1, maxLength: 3 }), ({ text }, ms) => {
        const broken = mutate(text, ms);
        const r = parseCredentials(broken);
        expect(grammarProblems(r).length === 0).toBe(VALID_CREDENTIAL.test(broken));
      }),
      { numRuns: 3000 },
    );
  });
});
