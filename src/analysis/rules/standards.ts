// RFC 9110 §11 basics: nothing sent, no challenge, wrong scheme, broken Authorization.
import type { Rule } from '../context.ts';
import { consumer, draft, ev, list, server, type Draft } from '../finding.ts';
import { maskSecret } from '../mask.ts';
import { MDN_AUTH, MDN_CREDENTIALS, MDN_WWW_AUTH, rfc } from '../refs.ts';
import { challengeEvidence } from './evidence.ts';

const TOKEN_CODE = 'fetch(url, { headers: { Authorization: `Bearer ${token}` } })';

export const standards: Rule = (c) => {
  const out: Draft[] = [];
  const schemes = [...new Set(c.challenges.map((x) => x.scheme))];
  // Cookies do not answer an HTTP auth challenge: with only cookies sent, the scheme asked for is still missing.
  const onlyCookies =
    c.hasCredentials &&
    !c.auth &&
    !c.apiKeys.length &&
    !c.queryTokens.length &&
    c.cookies.length > 0 &&
    c.challenges.length > 0;
  if (c.failure && (!c.hasCredentials || onlyCookies) && c.status !== 403 && c.status !== 407) {
    const bare = c.challenges.some((x) => x.scheme.toLowerCase() === 'bearer' && !x.params.error);
    out.push(
      draft({
        id: 'no-credentials',
        severity: 'error',
        title: 'No credentials were sent',
        summary: schemes.length
          ? `No credentials sent: attach the ${list(schemes)} credential the server asks for`
          : 'No credentials sent: attach a token or session cookie and retry',
        explanation:
          (onlyCookies
            ? 'The request carried no Authorization header, API key or token parameter.'
            : 'The request carried no Authorization header, cookie, API key or token parameter (credentials the browser adds itself, after an HTTP-auth prompt, may not show).') +
          (schemes.length ? ` The server asks for ${list(schemes)}.` : '') +
          (bare ? ' A Bearer challenge without an error code means exactly this (RFC 6750 §3.1).' : '') +
          (onlyCookies
            ? ' Cookies were sent, but an HTTP auth scheme is read from the Authorization header, not from cookies.'
            : ''),
        evidence: challengeEvidence(c),
        fixes: [
          consumer('Attach the credential the challenge asks for.', TOKEN_CODE),
          consumer(
            'Cross-origin with cookies: send them explicitly (XHR: withCredentials = true).',
            "fetch(url, { credentials: 'include' })",
          ),
        ],
        refs: [rfc(6750, '3.1'), rfc(9110, '11.6.1'), MDN_CREDENTIALS],
      }),
    );
  }
  if (c.status === 401 && c.challenges.length === 0) {
    out.push(
      draft({
        id: 'missing-challenge',
        severity: 'warning',
        title: '401 without WWW-Authenticate',
        summary: '401 with no WWW-Authenticate: app-level auth refused the request; see the response body',
        explanation:
          'RFC 9110 §15.5.2 says a 401 MUST carry a WWW-Authenticate challenge. Without one this is usually an app session check; the body says more.',
        fixes: [
          consumer('Read the response body for the reason.'),
          server(
            'Send a challenge with the 401 (or use 403 for non-HTTP auth).',
            'WWW-Authenticate: Bearer realm="api"',
          ),
        ],
        refs: [rfc(9110, '15.5.2'), MDN_WWW_AUTH],
      }),
    );
  }
  const bad = c.challengeProblems[0];
  if (bad) {
    out.push(
      draft({
        id: 'malformed-challenge',
        severity: 'warning',
        title: `Malformed ${bad.header} header`,
        summary: `The server's ${bad.header} is malformed (${bad.message.replace(/\.$/, '')}): clients may misread it`,
        explanation: `The challenge does not follow RFC 9110 §11: ${list(c.challengeProblems.map((p) => p.message.replace(/\.$/, '')))}. What could be read is used below; a missing comma or an unquoted value with spaces can hide the error code from clients.`,
        evidence: challengeEvidence(c),
        fixes: [
          server(
            'Quote parameter values and separate parameters with commas.',
            'WWW-Authenticate: Bearer realm="api", error="invalid_token"',
          ),
        ],
        refs: [rfc(9110, '11.6.1'), rfc(9110, '11.2')],
      }),
    );
  }
  const a = c.auth;
  if (a && a.lc && c.challenges.length > 0 && !a.problems.length) {
    const same = (s: string): boolean =>
      s === a.lc || (s === 'ntlm' && a.lc === 'negotiate') || (s === 'negotiate' && a.lc === 'ntlm');
    const match = c.challenges.find((x) => same(x.scheme.toLowerCase()));
    if (!match) {
      out.push(
        draft({
          id: 'scheme-mismatch',
          severity: 'error',
          title: `Sent ${a.scheme}, server wants ${list(schemes)}`,
          summary: `Wrong auth scheme: sent ${a.scheme}, the server asks for ${list(schemes)}`,
          explanation: `The Authorization header uses the ${a.scheme} scheme but the server only offers ${list(schemes)}, so it does not read the credential.`,
          evidence: [ev('Authorization scheme', a.scheme), ...challengeEvidence(c)],
          fixes: [consumer(`Send the credential with the ${schemes[0]} scheme.`)],
          refs: [rfc(9110, '11.6.2'), MDN_AUTH],
        }),
      );
    } else if (match.scheme !== a.scheme && match.scheme.toLowerCase() === a.lc && c.failure) {
      out.push(
        draft({
          id: 'scheme-mismatch',
          severity: 'info',
          title: 'Scheme spelled differently',
          summary: `Auth scheme case differs (sent ${a.scheme}, server says ${match.scheme}): some servers compare case-sensitively`,
          explanation: `Schemes are case-insensitive (RFC 9110 §11.1), but some servers compare "${match.scheme}" exactly.`,
          evidence: [ev('Authorization scheme', a.scheme), ev('Challenge scheme', match.scheme)],
          fixes: [consumer(`Spell it "${match.scheme}".`), server('Compare auth schemes case-insensitively.')],
          refs: [rfc(9110, '11.1')],
        }),
      );
    }
  }
  for (const [name, cred] of [
    ['Authorization', c.auth],
    ['Proxy-Authorization', c.proxyAuth],
  ] as const) {
    if (!cred?.problems.length) continue;
    out.push(
      draft({
        id: 'malformed-authorization',
        severity: 'error',
        title: `Malformed ${name} header`,
        summary: `Malformed ${name} header: ${cred.problems[0]}: fix the code that builds it`,
        explanation: `The ${name} header is not "<scheme> <credentials>": ${list(cred.problems)}. Servers treat it as missing or invalid.`,
        evidence: [
          ev(
            name,
            cred.token !== undefined
              ? `${cred.scheme}${cred.scheme ? ' ' : ''}${maskSecret(cred.token)}`
              : cred.scheme || '(empty)',
          ),
          ...(cred.basic?.user !== undefined ? [ev('User', cred.basic.user)] : []),
        ],
        fixes: [
          consumer(
            'Build the header as scheme, one space, token; check the token variable is set before the call.',
            'headers.set("Authorization", `Bearer ${token.trim()}`)',
          ),
        ],
        refs: [rfc(9110, '11.6.2'), rfc(6750, '2.1'), MDN_AUTH],
      }),
    );
  }
  return out;
};
