// RFC 9110 §11 basics: nothing sent, no challenge, wrong scheme, broken Authorization; and the
// generic refusal when nothing more specific is found.
import type { Rule } from '../inspect.ts';
import { clip, consumer, defineFindings, ev, list, server, type Draft } from '../finding.ts';
import { code } from '../snippets.ts';
import { maskSecret } from '../mask.ts';
import { MDN_AUTH, MDN_CREDENTIALS, MDN_WWW_AUTH, rfc } from '../refs.ts';
import { challengeEvidence } from './evidence.ts';
import { AUTH_FAILURE_STATUSES } from '../../http/failure.ts';
import { OUTSIDE_TOKEN68 } from '../credentials/authorization.ts';
import { SECOND_FACTOR_SCHEME } from '../vendors/step-up.ts';

const TOKEN_CODE = code('js', 'fetch(url, { headers: { Authorization: `Bearer ${token}` } })');
const COMPARE_CASE_INSENSITIVELY = server('Compare auth schemes case-insensitively.');

export const STANDARDS = defineFindings('http', {
  'no-credentials': {
    title: 'No credentials were sent',
    severity: 'error',
    means:
      'The request reached a protected resource with no credential at all, so the server cannot tell who is ' +
      'calling. Often the code that attaches the token ran before the token existed, or a cross-origin fetch ' +
      'left the cookies out. An HTTP auth scheme is read from the Authorization header: cookies alone do not ' +
      'answer a Basic or Bearer challenge.',
    restsOn:
      'A failure (401, 419, 440, 498, or a challenge on another status but a 2xx) to a request with no ' +
      'Authorization, no cookie, no API-key header (X-API-Key, api-key, Ocp-Apim-Subscription-Key...), no ' +
      'credential query parameter (access_token, api_key, key...) and no presigned AWS signature; or with only ' +
      'cookies, against a challenge. A Bearer challenge without an error code says the same (RFC 6750 §3.1). ' +
      'A 403 is left to forbidden-unauthenticated, a 407 to proxy-auth-required. Credentials the browser adds ' +
      'by itself after an HTTP-auth prompt may not be visible to extensions.',
    fixes: [
      consumer('Attach the credential the challenge asks for.', TOKEN_CODE),
      consumer(
        'Cross-origin with cookies: send them explicitly (XHR: withCredentials = true).',
        code('js', "fetch(url, { credentials: 'include' })"),
      ),
    ],
    references: [rfc(6750, '3.1'), rfc(9110, '11.6.1'), MDN_CREDENTIALS],
  },
  'missing-challenge': {
    title: '401 without WWW-Authenticate',
    severity: 'warning',
    means:
      'RFC 9110 §15.5.2 says a 401 MUST carry a WWW-Authenticate challenge. Without one this is usually an app ' +
      'session check; the body says more.',
    restsOn: 'Status 401 with no WWW-Authenticate challenge that can be read.',
    fixes: [
      consumer('Read the response body for the reason.'),
      server(
        'Send a challenge with the 401 (or use 403 for non-HTTP auth).',
        code('http', 'WWW-Authenticate: Bearer realm="api"'),
      ),
    ],
    references: [rfc(9110, '15.5.2'), MDN_WWW_AUTH],
  },
  'malformed-challenge': {
    title: 'Malformed WWW-Authenticate or Proxy-Authenticate header',
    severity: 'warning',
    means:
      "The server's challenge does not follow RFC 9110 §11: a scheme, then a token68 or comma-separated " +
      'name=value parameters, with values quoted when they hold spaces or separators. AuthLens uses what it ' +
      'could read, but a strict client may miss the error code or the realm.',
    restsOn:
      'The problems the challenge parser reports: a missing comma between parameters, an unquoted value with a ' +
      'space or a separator, an unclosed quote, a parameter repeated or placed before any scheme, a tab after ' +
      'the scheme.',
    fixes: [
      server(
        'Quote parameter values and separate parameters with commas.',
        code('http', 'WWW-Authenticate: Bearer realm="api", error="invalid_token"'),
      ),
    ],
    references: [rfc(9110, '11.6.1'), rfc(9110, '11.2')],
  },
  'scheme-mismatch': {
    title: 'Wrong authentication scheme',
    severity: 'error',
    means:
      'The Authorization header uses a scheme the server does not offer (Basic where it asks for Bearer, a custom ' +
      'Token or ApiKey scheme...), so the server does not read the credential at all. When only the letter case ' +
      'differs it is a hint: schemes are case-insensitive (RFC 9110 §11.1), but some servers compare them exactly.',
    restsOn:
      'The scheme of Authorization against the schemes of the WWW-Authenticate challenges (Negotiate and NTLM ' +
      'count as one). Info, not an error, when only the case differs.',
    fixes: [consumer('Send the credential with the scheme the challenge names.'), COMPARE_CASE_INSENSITIVELY],
    references: [rfc(9110, '11.6.2'), MDN_AUTH],
  },
  'malformed-authorization': {
    title: 'Malformed Authorization header',
    severity: 'error',
    means:
      'The Authorization (or Proxy-Authorization) value is not "<scheme> <credentials>" (RFC 9110 §11.6.2), so ' +
      'servers treat it as missing or invalid. Nearly always a client bug: a scheme with no token, no space ' +
      'after the scheme, the scheme doubled, the token quoted or followed by a newline, or the literal text ' +
      'undefined, null or [object Object] where the token should be.',
    restsOn:
      'Authorization and Proxy-Authorization checked against the credentials grammar: an empty value, leading ' +
      'or trailing whitespace, a glued or doubled scheme, quotes, spaces inside the token, characters a Bearer ' +
      'token cannot hold (RFC 6750 §2.1), placeholder text, Basic credentials that are not base64 or have no ' +
      'colon, Digest parameters that do not parse.',
    fixes: [
      consumer(
        'Build the header as scheme, one space, token; check the token variable is set before the call.',
        code('js', 'headers.set("Authorization", `Bearer ${token.trim()}`)'),
      ),
    ],
    references: [rfc(9110, '11.6.2'), rfc(6750, '2.1'), MDN_AUTH],
  },
  'auth-failed': {
    title: 'Request refused',
    severity: 'warning',
    means:
      'The response signals an authentication or authorization failure, but nothing in the headers points to ' +
      'one cause.',
    restsOn:
      `An auth failure (status ${AUTH_FAILURE_STATUSES.join(', ')}, or a challenge on any status but a 2xx) ` +
      'for which no rule found a more specific error or warning. The response body, when known, usually names ' +
      'the reason.',
    fixes: [consumer('Read the response body and the API documentation for this status.')],
    references: [MDN_WWW_AUTH],
  },
});

/** The finding when the request failed and nothing more specific explains why. */
export function refused(status: number, challenge: string | undefined): Draft {
  return STANDARDS.draft('auth-failed', {
    title: `Request refused (${status})`,
    summary: `Request refused with ${status}; no specific cause recognised: check the response body`,
    evidence: challenge ? [ev('WWW-Authenticate', clip(challenge))] : [],
  });
}

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
      STANDARDS.draft('no-credentials', {
        summary: schemes.length
          ? `No credentials sent: attach the ${list(schemes)} credential the server asks for`
          : 'No credentials sent: attach a token or session cookie and retry',
        explanation:
          (onlyCookies
            ? 'The request carried no Authorization header, API key or token parameter.'
            : 'The request carried no Authorization header, cookie, API key or token parameter ' +
              '(credentials the browser adds itself, after an HTTP-auth prompt, may not show).') +
          (schemes.length ? ` The server asks for ${list(schemes)}.` : '') +
          (bare ? ' A Bearer challenge without an error code means exactly this (RFC 6750 §3.1).' : '') +
          (onlyCookies
            ? ' Cookies were sent, but an HTTP auth scheme is read from the Authorization header, not from cookies.'
            : ''),
        evidence: challengeEvidence(c),
      }),
    );
  }
  if (c.status === 401 && c.challenges.length === 0) {
    out.push(
      STANDARDS.draft('missing-challenge', {
        summary: '401 with no WWW-Authenticate: app-level auth refused the request; see the response body',
      }),
    );
  }
  const bad = c.challengeProblems[0];
  if (bad) {
    const problems = list(c.challengeProblems.map((p) => p.message.replace(/\.$/, '')));
    out.push(
      STANDARDS.draft('malformed-challenge', {
        title: `Malformed ${bad.header} header`,
        summary: `The server's ${bad.header} is malformed (${bad.message.replace(/\.$/, '')}): clients may misread it`,
        explanation:
          `The challenge does not follow RFC 9110 §11: ${problems}. What could be read is used below; a missing ` +
          'comma or an unquoted value with spaces can hide the error code from clients.',
        evidence: challengeEvidence(c),
      }),
    );
  }
  const a = c.auth;
  // A challenge for a one-time code (npm's OTP) asks for a second factor beside the credential, not
  // for another scheme instead of it.
  const credentialSchemes = c.challenges.filter((x) => !SECOND_FACTOR_SCHEME.test(x.scheme));
  if (a && a.lc && credentialSchemes.length > 0 && !a.problems.length) {
    const same = (s: string): boolean =>
      s === a.lc || (s === 'ntlm' && a.lc === 'negotiate') || (s === 'negotiate' && a.lc === 'ntlm');
    const match = c.challenges.find((x) => same(x.scheme.toLowerCase()));
    if (!match) {
      out.push(
        STANDARDS.draft('scheme-mismatch', {
          title: `Sent ${a.scheme}, server wants ${list(schemes)}`,
          summary: `Wrong auth scheme: sent ${a.scheme}, the server asks for ${list(schemes)}`,
          explanation:
            `The Authorization header uses the ${a.scheme} scheme but the server only offers ${list(schemes)}, ` +
            'so it does not read the credential.',
          evidence: [ev('Authorization scheme', a.scheme), ...challengeEvidence(c)],
          fixes: [consumer(`Send the credential with the ${schemes[0]} scheme.`)],
        }),
      );
    } else if (match.scheme !== a.scheme && match.scheme.toLowerCase() === a.lc && c.failure) {
      out.push(
        STANDARDS.draft('scheme-mismatch', {
          severity: 'info',
          title: 'Scheme spelled differently',
          summary:
            `Auth scheme case differs (sent ${a.scheme}, server says ${match.scheme}): ` +
            'some servers compare case-sensitively',
          explanation:
            'Schemes are case-insensitive (RFC 9110 §11.1), ' + `but some servers compare "${match.scheme}" exactly.`,
          evidence: [ev('Authorization scheme', a.scheme), ev('Challenge scheme', match.scheme)],
          fixes: [consumer(`Spell it "${match.scheme}".`), COMPARE_CASE_INSENSITIVELY],
          references: [rfc(9110, '11.1')],
        }),
      );
    }
  }
  for (const [name, cred] of [
    ['Authorization', c.auth],
    ['Proxy-Authorization', c.proxyAuth],
  ] as const) {
    if (!cred?.problems.length) continue;
    const shown =
      cred.token !== undefined
        ? `${cred.scheme}${cred.scheme ? ' ' : ''}${maskSecret(cred.token)}`
        : cred.scheme || '(empty)';
    // Vendors issue tokens outside token68 (Salesforce session ids hold "!"): alone, that is a hint.
    const hint = cred.problems.every((p) => p === OUTSIDE_TOKEN68);
    out.push(
      STANDARDS.draft('malformed-authorization', {
        ...(hint ? { severity: 'info' as const } : {}),
        title: hint ? `${name} token outside the token68 characters` : `Malformed ${name} header`,
        summary: hint
          ? `The ${name} token has characters RFC 6750 does not allow (some vendors issue such tokens): a hint`
          : `Malformed ${name} header: ${cred.problems[0]}: fix the code that builds it`,
        explanation:
          `The ${name} header is not "<scheme> <credentials>": ${list(cred.problems)}. ` +
          'Servers treat it as missing or invalid.',
        evidence: [ev(name, shown), ...(cred.basic?.user !== undefined ? [ev('User', cred.basic.user)] : [])],
      }),
    );
  }
  return out;
};
