// The sign-in flow's rules on bad input: error parameters with odd encodings, fragments with
// hundreds of parameters, token answers that are not JSON, malformed discovery documents and
// histories of garbage. A clear finding or nothing, never a throw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diagnose, type Exchange } from '../../../src/analysis/index.ts';

const T = 1_795_372_325_420;
const ex = (url: string, more: Partial<Exchange> = {}): Exchange => ({
  url,
  method: 'GET',
  status: 302,
  timeStamp: T,
  requestHeaders: [],
  responseHeaders: [],
  ...more,
});
const authorize = (q: string): Exchange =>
  ex(`https://id.acme.dev/oauth2/authorize?client_id=a&redirect_uri=https%3A%2F%2Fapp.acme.dev%2Fcb&${q}`, {
    timeStamp: T - 1000,
  });

function answers(e: Exchange, history: Exchange[] = []): string[] {
  const d = diagnose(e, { history });
  expect(typeof d.summary).toBe('string');
  return d.findings.map((f) => f.id);
}

describe('sign-in flow rules on bad input', () => {
  it('odd error parameters in a redirect: percent-garbage, unicode, empty, repeated', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (err, desc) => {
        const loc = `https://app.acme.dev/cb?error=${err}&error_description=${desc}%E0%A4%A&state=s`;
        answers(
          ex('https://id.acme.dev/oauth2/authorize?client_id=a', {
            responseHeaders: [{ name: 'Location', value: loc }],
          }),
        );
      }),
    );
    const ids = answers(
      ex('https://id.acme.dev/oauth2/authorize?client_id=a', {
        responseHeaders: [
          { name: 'Location', value: 'https://app.acme.dev/cb?error=access_denied&error_description=%ZZ%&state=s' },
        ],
      }),
    );
    expect(ids[0]).toBe('oauth-authorization-error');
  });

  it('a fragment with hundreds of parameters', () => {
    const many = Array.from({ length: 600 }, (_, i) => `p${i}=${'x'.repeat(i % 40)}`).join('&');
    const ids = answers(
      ex('https://id.acme.dev/login', {
        method: 'POST',
        responseHeaders: [{ name: 'Location', value: `https://app.acme.dev/cb#${many}&error=login_required&state=s` }],
      }),
      [authorize('response_type=code&state=s&prompt=none')],
    );
    expect(Array.isArray(ids)).toBe(true);
  });

  it('token answers that are not JSON, and garbage histories', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.constantFrom(400, 401, 200, 500),
        fc.array(fc.record({ url: fc.string(), timeStamp: fc.integer() }), { maxLength: 5 }),
        (body, status, junk) => {
          const history = [
            ...junk.map((j) => ex(j.url, { timeStamp: j.timeStamp })),
            authorize('response_type=code&code_challenge_method=plain&code_challenge=x'),
            ex('https://id.acme.dev/.well-known/openid-configuration', { status: 200, responseBody: body }),
          ];
          answers(
            ex('https://id.acme.dev/oauth2/token', {
              method: 'POST',
              status,
              responseHeaders: [{ name: 'Content-Type', value: 'application/json' }],
              responseBody: body,
            }),
            history,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
