// JWT lifetime, shape and signature (RFC 7519 §4.1, RFC 7515, RFC 7516), and a token the server
// refused though nothing local explains why.
import type { Ctx, FoundToken, Rule } from '../context.ts';
import { clip, consumer, draft, ev, server, type Draft } from '../finding.ts';
import { formatDuration, formatUtc } from '../time.ts';
import { claim, timeClaim } from '../credentials/jwt-token.ts';
import { describeFormat } from '../credentials/token-formats.ts';
import { link, rfc } from '../refs.ts';
import { bearerError, describedEvidence } from './bearer.ts';
import { expiryEvidence, tokenEvidence } from './evidence.ts';

const clockWord = (c: Ctx): string =>
  c.refBy === "the server's clock" ? 'server time' : c.refBy === "the browser's clock" ? 'browser time' : 'given time';
const label = (t: FoundToken): string => (t.where.startsWith('Authorization') ? 'Access token' : `Token in ${t.where}`);

/** The server refused the credential (as opposed to: none was sent). */
export function serverRejected(c: Ctx): string | undefined {
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
  return undefined;
}

function lifetime(c: Ctx, t: FoundToken, out: Draft[]): boolean {
  if (t.jwt?.kind !== 'jws' || c.refTime === undefined) return false;
  const p = t.jwt.payload;
  const ref = Math.floor(c.refTime / 1000) * 1000;
  const exp = timeClaim(p, 'exp');
  const evs = [...expiryEvidence(t, c), ...tokenEvidence(t)];
  if (exp !== undefined && exp <= ref) {
    const d = formatDuration(ref - exp);
    out.push(
      draft({
        id: 'token-expired',
        severity: 'error',
        title: `${label(t)} expired`,
        summary: `${label(t)} expired ${d} before the request (${clockWord(c)}): refresh it`,
        explanation: `exp is ${formatUtc(exp)}: the token expired ${d} before the request, by ${c.refBy} (${formatUtc(ref)}).`,
        evidence: evs,
        fixes: [
          consumer(
            'Refresh the token before it expires (refresh token or silent re-auth) and retry once on 401.',
            'if (expiresAt - now < 60_000) token = await refresh(); // expiresAt = exp * 1000',
          ),
        ],
        refs: [rfc(7519, '4.1.4'), rfc(6750, '3.1')],
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
    out.push(
      draft({
        id: 'token-not-yet-valid',
        severity: 'error',
        title: `${label(t)} not valid yet`,
        summary: `${label(t)} ${name === 'nbf' ? 'is not valid until' : 'was issued at'} ${formatUtc(at)}, ${d} after the request (${clockWord(c)}): check clocks`,
        explanation: `${name} is ${formatUtc(at)}, ${d} after the request by ${c.refBy}. The issuer's clock is ahead of the server's, or the token was minted with a future time.`,
        evidence: evs,
        fixes: [
          server(
            'Sync clocks (NTP) on issuer and API; allow a small leeway when validating.',
            'jwtVerify(token, key, { clockTolerance: 30 })',
          ),
        ],
        refs: [rfc(7519, name === 'nbf' ? '4.1.5' : '4.1.6')],
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
        draft({
          id: 'token-malformed',
          severity: 'error',
          title: 'Token looks like a JWT but does not decode',
          summary: `${label(t)} looks like a JWT but does not decode: ${clip(j.error, 100)}`,
          explanation: `${j.error} Often a token cut short, pasted with extra characters, or double-encoded.`,
          evidence: [
            ev(t.where, t.value.length > 24 ? `${t.value.slice(0, 10)}… (${t.value.length} chars)` : '(short)'),
          ],
          fixes: [consumer('Send the token exactly as issued (no quotes, no URL encoding, complete).')],
          refs: [rfc(7519, '7.2')],
        }),
      );
    } else if (j.kind === 'jwe') {
      out.push(
        draft({
          id: 'token-encrypted',
          severity: 'info',
          title: 'Token is encrypted (JWE)',
          summary: `${label(t)} is an encrypted JWT (JWE): its claims cannot be checked here`,
          explanation:
            'Five dot-separated parts: a JWE (RFC 7516). Only the key holder can read its expiry or audience.',
          evidence: tokenEvidence(t),
          fixes: [
            consumer('Check its lifetime where it was issued (the token response has expires_in).'),
            server('Log the decrypted claims when validation fails.'),
          ],
          refs: [rfc(7516, '7.1')],
        }),
      );
    } else {
      if (String(j.header.alg).toLowerCase() === 'none') {
        bad = true;
        out.push(
          draft({
            id: 'token-unsigned',
            severity: 'error',
            title: 'Token is unsigned (alg: none)',
            summary: `${label(t)} is unsigned (alg "none"): servers must reject it; use a signed token`,
            explanation:
              'The header says alg "none": the token has no signature and anyone could have written it (RFC 7519 §6). Correct servers refuse it.',
            evidence: tokenEvidence(t),
            fixes: [
              consumer('Get a signed token from the issuer; never build tokens in the client.'),
              server('Accept only an allow-list of algorithms.', "jwtVerify(token, key, { algorithms: ['RS256'] })"),
            ],
            refs: [rfc(7519, '6'), rfc(8725, '3.1')],
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
    const b = bearerError(c);
    out.push(
      draft({
        id: 'token-rejected',
        severity: 'error',
        title: 'Token rejected',
        summary: p
          ? `Token rejected though within its lifetime: check signing key, issuer and audience${iss ? ` (iss ${clip(iss, 60)}${aud ? `, aud ${clip(aud, 60)}` : ''})` : ''}`
          : `${t.format ? describeFormat(t.format) : 'Token'} rejected: it is revoked, mistyped or for another environment`,
        explanation:
          `${why[0]!.toUpperCase()}${why.slice(1)}` +
          (p
            ? `${exp !== undefined ? `, yet the token is valid until ${formatUtc(exp)}` : ''}. Likely a different signing key (another environment or rotated secret, see kid), an issuer or audience the server does not accept, or revocation.`
            : '. The token is opaque, so only the issuer knows why: revoked, expired, mistyped, or from another account or environment.'),
        evidence: [...tokenEvidence(t), ...describedEvidence(b)],
        fixes: [
          consumer('Get a new token from the issuer this API trusts; compare iss/aud with the API config.'),
          server('Log why validation failed (signature, iss, aud, kid not in JWKS) and say it in error_description.'),
        ],
        refs: [rfc(6750, '3.1'), rfc(8725, '3.8')],
      }),
    );
  }
  return out;
};
