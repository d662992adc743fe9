// JWT lifetime, shape and signature (RFC 7519 §4.1, RFC 7515, RFC 7516), and a token the server
// refused though nothing local explains why.
import type { FoundToken, Inspection, Rule } from '../inspect.ts';
import { clip, consumer, defineFindings, ev, server, type Draft } from '../finding.ts';
import { code } from '../snippets.ts';
import { formatDuration, formatUtc } from '../time.ts';
import { claim, timeClaim } from '../credentials/jwt-token.ts';
import { describeFormat } from '../credentials/token-formats.ts';
import { rfc } from '../refs.ts';
import { bearerError, describedEvidence } from './bearer.ts';
import { expiryEvidence, tokenEvidence } from './evidence.ts';

export const TOKENS = defineFindings('tokens', {
  'token-malformed': {
    title: 'Token looks like a JWT but does not decode',
    severity: 'error',
    means:
      'A credential that starts like a JWT (eyJ…) does not decode as one: a part is not base64url, not JSON, or ' +
      'there are not three parts. Most often a token cut short, pasted with extra characters (quotes, a ' +
      'trailing full stop), URL-encoded, or converted to standard base64.',
    restsOn:
      'Every JWT-looking token of the request (Authorization, API-key headers, credential query parameters, ' +
      'cookies) decoded locally (RFC 7519 §7.2); the decoder names the part that fails and why.',
    fixes: [consumer('Send the token exactly as issued (no quotes, no URL encoding, complete).')],
    references: [rfc(7519, '7.2')],
  },
  'token-encrypted': {
    title: 'Token is encrypted (JWE)',
    severity: 'info',
    means: 'Five dot-separated parts: a JWE (RFC 7516). Only the key holder can read its expiry or audience.',
    restsOn: 'A token of five base64url parts whose header starts with eyJ: the compact JWE serialization.',
    fixes: [
      consumer('Check its lifetime where it was issued (the token response has expires_in).'),
      server('Log the decrypted claims when validation fails.'),
    ],
    references: [rfc(7516, '7.1')],
  },
  'token-unsigned': {
    title: 'Token is unsigned (alg: none)',
    severity: 'error',
    means:
      'The header says alg "none": the token has no signature and anyone could have written it (RFC 7519 §6). ' +
      'Correct servers refuse it.',
    restsOn: 'A JWT whose header has alg "none" (in any letter case).',
    fixes: [
      consumer('Get a signed token from the issuer; never build tokens in the client.'),
      server(
        'Accept only an allow-list of algorithms.',
        code('js', "jwtVerify(token, key, { algorithms: ['RS256'] })"),
      ),
    ],
    references: [rfc(7519, '6'), rfc(8725, '3.1')],
  },
  'token-expired': {
    title: 'Token expired',
    severity: 'error',
    means:
      'The token’s lifetime is over: its exp claim is at or before the time of the request. AuthLens judges ' +
      'that by the server’s clock (the response Date) when there is one, so a wrong local clock does not ' +
      'mislead it. AWS says the same of temporary credentials (STS, SSO, an assumed role) with ExpiredToken.',
    restsOn:
      'The exp claim of a JWT in the request against the response Date (RFC 9110 §6.6.1), else against the ' +
      'time the browser recorded; AWS error codes ExpiredToken, ExpiredTokenException and TokenRefreshRequired.',
    fixes: [
      consumer(
        'Refresh the token before it expires (refresh token or silent re-auth) and retry once on 401.',
        code('js', 'if (expiresAt - now < 60_000) token = await refresh(); // expiresAt = exp * 1000'),
      ),
    ],
    references: [rfc(7519, '4.1.4'), rfc(6750, '3.1')],
  },
  'token-not-yet-valid': {
    title: 'Token not valid yet',
    severity: 'error',
    means:
      'The token’s nbf (not before) or iat (issued at) claim is later than the time of the request: the ' +
      'issuer’s clock is ahead of the API’s, or the token was minted with a future time. Validators refuse it ' +
      'until then, unless they allow some leeway.',
    restsOn: 'nbf, else iat, of a JWT in the request against the response Date, else the browser’s clock.',
    fixes: [
      server(
        'Sync clocks (NTP) on issuer and API; allow a small leeway when validating.',
        code('js', 'jwtVerify(token, key, { clockTolerance: 30 })'),
      ),
    ],
    references: [rfc(7519, '4.1.5'), rfc(7519, '4.1.6')],
  },
  'token-rejected': {
    title: 'Token rejected',
    severity: 'error',
    means:
      'The server refused a token that nothing local explains. For a JWT within its lifetime the usual causes ' +
      'are a different signing key (another environment, a rotated secret: compare kid), an issuer or audience ' +
      'the API does not accept, or revocation. For an opaque token only the issuer knows: revoked, mistyped, ' +
      'or from another account or environment.',
    restsOn:
      'A refusal aimed at the token: error="invalid_token" with a readable JWT, "Bad credentials" in the body, ' +
      'status 498, a 401 that repeats the bare challenge of the scheme sent, or a 401 with no challenge at all ' +
      'to a token or API key, while none of the token’s own ' +
      'checks (shape, signature algorithm, lifetime) fails. AWS codes InvalidAccessKeyId, ' +
      'UnrecognizedClientException and InvalidClientTokenId.',
    fixes: [
      consumer('Get a new token from the issuer this API trusts; compare iss/aud with the API config.'),
      server('Log why validation failed (signature, iss, aud, kid not in JWKS) and say it in error_description.'),
    ],
    references: [rfc(6750, '3.1'), rfc(8725, '3.8')],
  },
});

const clockWord = (c: Inspection): string =>
  c.refBy === "the server's clock" ? 'server time' : c.refBy === "the browser's clock" ? 'browser time' : 'given time';
const label = (t: FoundToken): string => (t.where.startsWith('Authorization') ? 'Access token' : `Token in ${t.where}`);

/** The server refused the credential (as opposed to: none was sent). */
function serverRejected(c: Inspection): string | undefined {
  const b = bearerError(c);
  // For an opaque token, bearer-invalid-token already says all that is known.
  if (b?.error === 'invalid_token')
    return c.main?.jwt?.kind === 'jws' ? 'the server answered invalid_token' : undefined;
  if (c.body.text.includes('bad credentials')) return 'the server answered "Bad credentials"';
  if (c.status === 498) return 'the server answered 498 Invalid Token';
  if (
    c.status === 401 &&
    c.auth?.token &&
    !c.auth.basic &&
    !c.auth.problems.length &&
    !/^(negotiate|ntlm)$/.test(c.auth.lc) &&
    c.challenges.some((x) => x.scheme.toLowerCase() === c.auth!.lc && !x.params.error)
  )
    return `the server challenged the ${c.auth.scheme} token again`;
  // A 401 with no challenge at all to a request that carried a token or key (Kubernetes' Status
  // "Unauthorized", Dropbox): the server refused the credential it got, without saying why.
  if (
    c.status === 401 &&
    !c.challenges.length &&
    ((c.auth?.token && !c.auth.basic && !c.auth.problems.length && !/^(negotiate|ntlm)$/.test(c.auth.lc)) ||
      (!c.auth && c.apiKeys.length > 0))
  )
    return 'the server answered 401, with no challenge, to the credential sent';
  return undefined;
}

function lifetime(c: Inspection, t: FoundToken, out: Draft[]): boolean {
  if (t.jwt?.kind !== 'jws' || c.refTime === undefined) return false;
  const p = t.jwt.payload;
  const ref = Math.floor(c.refTime / 1000) * 1000;
  const exp = timeClaim(p, 'exp');
  const evs = [...expiryEvidence(t, c), ...tokenEvidence(t)];
  // The server answered 2xx with no error in the body: it accepted the token (within its clock leeway),
  // so its times are a note. A 2xx whose body says error (GraphQL) is still read as a refusal.
  const accepted = c.status >= 200 && c.status < 300 && !c.failure && !c.body.saysError;
  if (exp !== undefined && exp <= ref) {
    const d = formatDuration(ref - exp);
    out.push(
      TOKENS.draft('token-expired', {
        ...(accepted ? { severity: 'info' as const } : {}),
        title: `${label(t)} expired`,
        summary: `${label(t)} expired ${d} before the request (${clockWord(c)}): refresh it`,
        explanation:
          `exp is ${formatUtc(exp)}: the token expired ${d} before the request, ` +
          `by ${c.refBy} (${formatUtc(ref)}).`,
        evidence: evs,
      }),
    );
    return true;
  }
  const nbf = timeClaim(p, 'nbf');
  const iat = timeClaim(p, 'iat');
  const [name, at] =
    nbf !== undefined && nbf > ref ? ['nbf', nbf] : iat !== undefined && iat > ref ? ['iat', iat] : ['', 0];
  if (name) {
    const d = formatDuration(at - ref);
    const when = `${name === 'nbf' ? 'is not valid until' : 'was issued at'} ${formatUtc(at)}`;
    out.push(
      TOKENS.draft('token-not-yet-valid', {
        ...(accepted ? { severity: 'info' as const } : {}),
        title: `${label(t)} not valid yet`,
        summary: `${label(t)} ${when}, ${d} after the request (${clockWord(c)}): check clocks`,
        explanation:
          `${name} is ${formatUtc(at)}, ${d} after the request by ${c.refBy}. The issuer's clock is ahead of ` +
          "the server's, or the token was minted with a future time.",
        evidence: evs,
        references: [rfc(7519, name === 'nbf' ? '4.1.5' : '4.1.6')],
      }),
    );
    return true;
  }
  return false;
}

export const tokens: Rule = (c) => {
  const out: Draft[] = [];
  let bad = false;
  for (const t of c.tokens) {
    const j = t.jwt;
    if (!j) continue;
    if (j.kind === 'malformed') {
      bad = true;
      out.push(
        TOKENS.draft('token-malformed', {
          summary: `${label(t)} looks like a JWT but does not decode: ${clip(j.error, 100)}`,
          explanation: `${j.error} Often a token cut short, pasted with extra characters, or double-encoded.`,
          evidence: [
            ev(t.where, t.value.length > 24 ? `${t.value.slice(0, 10)}… (${t.value.length} chars)` : '(short)'),
          ],
        }),
      );
    } else if (j.kind === 'jwe') {
      out.push(
        TOKENS.draft('token-encrypted', {
          summary: `${label(t)} is an encrypted JWT (JWE): its claims cannot be checked here`,
          evidence: tokenEvidence(t),
        }),
      );
    } else {
      if (String(j.header.alg).toLowerCase() === 'none') {
        bad = true;
        out.push(
          TOKENS.draft('token-unsigned', {
            summary: `${label(t)} is unsigned (alg "none"): servers must reject it; use a signed token`,
            evidence: tokenEvidence(t),
          }),
        );
      }
      if (lifetime(c, t, out)) bad = true;
    }
  }
  const why = serverRejected(c);
  const t = c.main;
  if (why && !bad && t && c.failure) {
    const p = t.jwt?.kind === 'jws' ? t.jwt.payload : undefined;
    const iss = claim(p, 'iss');
    const aud = claim(p, 'aud');
    const exp = timeClaim(p, 'exp');
    const named = iss ? ` (iss ${clip(iss, 60)}${aud ? `, aud ${clip(aud, 60)}` : ''})` : '';
    const Why = `${why[0]!.toUpperCase()}${why.slice(1)}`;
    const kind = t.format ? describeFormat(t.format) : 'Token';
    out.push(
      TOKENS.draft('token-rejected', {
        summary: p
          ? `Token rejected though within its lifetime: check signing key, issuer and audience${named}`
          : `${kind} rejected: it is revoked, mistyped or for another environment`,
        explanation: p
          ? `${Why}${exp !== undefined ? `, yet the token is valid until ${formatUtc(exp)}` : ''}. Likely a ` +
            'different signing key (another environment or rotated secret, see kid), an issuer or audience the ' +
            'server does not accept, or revocation.'
          : `${Why}. The token is opaque, so only the issuer knows why: revoked, expired, mistyped, or from ` +
            'another account or environment.',
        evidence: [...tokenEvidence(t), ...describedEvidence(bearerError(c))],
      }),
    );
  }
  return out;
};
