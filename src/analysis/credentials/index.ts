// Every credential in a request, described for the panel: where, what kind, masked, and what
// can be read from it locally (JWT claims, Basic user, SigV4 scope). Secrets stay masked.
import type { Exchange } from '../types.ts';
import { inspect, type FoundToken } from '../inspect.ts';
import { fingerprint, maskSecret } from '../mask.ts';
import { formatUtc } from '../time.ts';
import { claim, scopesOf, timeClaim } from './jwt-token.ts';
import { describeFormat } from './token-formats.ts';

export interface CredentialView {
  where: string;
  kind: string;
  masked: string;
  fingerprint: string;
  details: { label: string; value: string }[];
}

function jwtDetails(t: FoundToken): CredentialView['details'] {
  if (t.jwt?.kind !== 'jws') return t.jwt?.kind === 'malformed' ? [{ label: 'Problem', value: t.jwt.error }] : [];
  const { header: h, payload: p } = t.jwt;
  const out: CredentialView['details'] = [];
  for (const [label, v] of [
    ['alg', claim(h, 'alg')],
    ['kid', claim(h, 'kid')],
    ['iss', claim(p, 'iss')],
    ['aud', claim(p, 'aud')],
    ['sub', claim(p, 'sub')],
    ['azp', claim(p, 'azp') ?? claim(p, 'client_id')],
  ] as const)
    if (v) out.push({ label, value: v.slice(0, 300) });
  for (const n of ['iat', 'nbf', 'exp']) {
    const ms = timeClaim(p, n);
    if (ms !== undefined) out.push({ label: n, value: formatUtc(ms) });
  }
  const scopes = scopesOf(p);
  if (scopes) out.push({ label: 'scopes', value: scopes.join(' ').slice(0, 300) });
  return out;
}

const kindOf = (t: FoundToken): string =>
  t.format
    ? describeFormat(t.format)
    : t.jwt?.kind === 'jws'
      ? 'JWT'
      : t.jwt?.kind === 'jwe'
        ? 'encrypted JWT (JWE)'
        : t.jwt
          ? 'malformed JWT'
          : 'opaque token';

export function inspectCredentials(exchange: Exchange): CredentialView[] {
  try {
    const c = inspect(exchange);
    const out: CredentialView[] = [];
    const a = c.auth;
    const raw = c.req('authorization') ?? '';
    if (a && (a.basic || a.sigv4 || a.lc === 'digest')) {
      const details: CredentialView['details'] = [];
      if (a.basic?.user !== undefined) details.push({ label: 'user', value: a.basic.user });
      if (a.sigv4)
        details.push(
          { label: 'access key id', value: maskSecret(a.sigv4.accessKeyId) },
          { label: 'scope', value: `${a.sigv4.date}/${a.sigv4.region}/${a.sigv4.service}` },
        );
      for (const n of ['username', 'realm', 'algorithm', 'qop'])
        if (a.lc === 'digest' && a.params[n]) details.push({ label: n, value: a.params[n]! });
      out.push({
        where: 'Authorization',
        kind: a.sigv4 ? 'AWS SigV4' : a.scheme,
        masked: maskSecret(raw),
        fingerprint: fingerprint(raw),
        details,
      });
    }
    for (const t of c.tokens)
      out.push({
        where: t.where,
        kind: kindOf(t),
        masked: maskSecret(t.value),
        fingerprint: fingerprint(t.value),
        details: jwtDetails(t),
      });
    for (const k of c.cookies) {
      if (!c.tokens.some((t) => t.where === `cookie ${k.name}`))
        out.push({
          where: `cookie ${k.name}`,
          kind: 'cookie',
          masked: maskSecret(k.value),
          fingerprint: fingerprint(k.value),
          details: [],
        });
    }
    return out;
  } catch {
    return [];
  }
}
