// Every credential in a request, described for the panel's Credentials tab: where it went, what
// kind, masked, and what can be read from it locally (JWT claims and times, Basic user, SigV4
// scope). The value as sent travels along for revealing it on purpose; the tab shows `masked`.
import { headerValue } from '../../http/headers.ts';
import type { Exchange } from '../types.ts';
import { inspect, type Inspection, type FoundToken } from '../inspect.ts';
import { maskSecret } from '../mask.ts';
import { formatDuration, formatUtc } from '../time.ts';
import type { AuthCredential } from './authorization.ts';
import { claim, inspectJwt, scopesOf, timeClaim, type JwtState } from './jwt-token.ts';
import { describeFormat } from './token-formats.ts';

export interface CredentialView {
  /** where it was sent: `Authorization`, `x-api-key`, `query ?api_key`, `cookie sid`, `DPoP` */
  where: string;
  /** what it is: a scheme, `JWT`, a vendor's token format, `cookie`, `opaque token` */
  kind: string;
  /** the value as sent: a secret, shown only when the user reveals it */
  value: string;
  /** the value as shown until then */
  masked: string;
  /** absent for short values: six hex characters of a short value's hash could be brute-forced back to it */
  fingerprint?: string;
  details: { label: string; value: string }[];
  /** a signed JWT's decoded header and claims */
  jwt?: { header: Record<string, unknown>; payload: Record<string, unknown> };
  /** a signed JWT's iat, nbf and exp, against the clock the engine judges lifetimes by */
  times?: TokenTimes;
  /** why it is malformed (a Basic value that is not base64, a JWT that does not decode...) */
  problem?: string;
}

export interface TokenTimes {
  /** the server's `Date`, else the browser's time of the response (ms) */
  reference?: number;
  referenceBy: Inspection['refBy'];
  claims: { claim: 'iat' | 'nbf' | 'exp'; at: number; utc: string; relative?: string; expired?: boolean }[];
}

const TIME_CLAIMS = ['iat', 'nbf', 'exp'] as const;
const MASK = '•••';
const MIN_FINGERPRINT_LENGTH = 8;

function relative(at: number, reference: number): string {
  const d = at - reference;
  if (Math.abs(d) < 1000) return 'now';
  return d > 0 ? `in ${formatDuration(d)}` : `${formatDuration(d)} ago`;
}

function timesOf(payload: Record<string, unknown>, c: Inspection): TokenTimes | undefined {
  const claims: TokenTimes['claims'] = [];
  for (const name of TIME_CLAIMS) {
    const at = timeClaim(payload, name);
    if (at === undefined) continue;
    const ref = c.refTime;
    claims.push({
      claim: name,
      at,
      utc: formatUtc(at),
      ...(ref !== undefined ? { relative: relative(at, ref) } : {}),
      ...(name === 'exp' && ref !== undefined ? { expired: at <= ref } : {}),
    });
  }
  if (claims.length === 0) return undefined;
  return { ...(c.refTime !== undefined ? { reference: c.refTime } : {}), referenceBy: c.refBy, claims };
}

type JwtParts = Pick<CredentialView, 'details' | 'jwt' | 'times' | 'problem'>;

function jwtParts(jwt: JwtState | undefined, c: Inspection): JwtParts {
  if (jwt?.kind === 'malformed') return { details: [], problem: jwt.error };
  if (jwt?.kind !== 'jws') return { details: [] };
  const { header: h, payload: p } = jwt;
  const details: CredentialView['details'] = [];
  for (const [label, v] of [
    ['alg', claim(h, 'alg')],
    ['kid', claim(h, 'kid')],
    ['iss', claim(p, 'iss')],
    ['aud', claim(p, 'aud')],
    ['sub', claim(p, 'sub')],
    ['azp', claim(p, 'azp') ?? claim(p, 'client_id')],
  ] as const)
    if (v) details.push({ label, value: v.slice(0, 300) });
  for (const n of TIME_CLAIMS) {
    const ms = timeClaim(p, n);
    if (ms !== undefined) details.push({ label: n, value: formatUtc(ms) });
  }
  const scopes = scopesOf(p);
  if (scopes) details.push({ label: 'scopes', value: scopes.join(' ').slice(0, 300) });
  const times = timesOf(p, c);
  return { details, jwt: { header: h, payload: p }, ...(times ? { times } : {}) };
}

function kindOf(t: Pick<FoundToken, 'format' | 'jwt'> | undefined, fallback = 'opaque token'): string {
  if (t?.format) return describeFormat(t.format);
  if (t?.jwt?.kind === 'jws') return 'JWT';
  if (t?.jwt?.kind === 'jwe') return 'encrypted JWT (JWE)';
  return t?.jwt ? 'malformed JWT' : fallback;
}

/** A secret as shown: a short prefix, the end and a fingerprint (mask.ts); a short one, nothing of it. */
function masked(value: string): Pick<CredentialView, 'masked' | 'fingerprint'> {
  if (Array.from(value).length < MIN_FINGERPRINT_LENGTH) return { masked: MASK };
  // no key here: the pages mask with their per-session key (src/redact)
  return { masked: maskSecret(value) };
}

function secret(value: string): Pick<CredentialView, 'value' | 'masked' | 'fingerprint'> {
  return { value, ...masked(value) };
}

/** Authorization or Proxy-Authorization: one view, whatever its scheme. */
function authorizationView(header: string, raw: string, a: AuthCredential, c: Inspection): CredentialView {
  const rest = a.scheme ? raw.trim().slice(a.scheme.length).trim() : raw.trim();
  const shown = a.token ?? rest;
  const m = masked(shown);
  const scheme = a.scheme ? `${a.scheme} ` : '';
  const view: CredentialView = {
    where: header,
    kind: a.sigv4 ? 'AWS SigV4' : a.scheme || 'no scheme',
    value: raw,
    // a Basic value's base64 begins with the user name and ends with the password: none of it shows
    masked: shown === '' ? raw.trim() : `${scheme}${a.lc === 'basic' ? MASK : m.masked}`,
    ...(m.fingerprint ? { fingerprint: m.fingerprint } : {}),
    details: [],
  };
  if (a.basic?.user !== undefined) view.details.push({ label: 'user', value: a.basic.user });
  if (a.sigv4)
    view.details.push(
      { label: 'access key id', value: maskSecret(a.sigv4.accessKeyId) },
      { label: 'scope', value: `${a.sigv4.date}/${a.sigv4.region}/${a.sigv4.service}` },
    );
  if (a.lc === 'digest')
    for (const n of ['username', 'realm', 'algorithm', 'qop'])
      if (a.params[n]) view.details.push({ label: n, value: a.params[n]! });
  const token = header === 'Authorization' ? c.tokens.find((t) => t.where.startsWith('Authorization (')) : undefined;
  if (token) {
    view.kind = kindOf(token, view.kind);
    const j = jwtParts(token.jwt, c);
    view.details.push(...j.details);
    if (j.jwt) view.jwt = j.jwt;
    if (j.times) view.times = j.times;
    if (j.problem) view.problem = j.problem;
  }
  if (a.problems.length && !view.problem) view.problem = a.problems.join('; ');
  return view;
}

export function inspectCredentials(exchange: Exchange): CredentialView[] {
  try {
    const c = inspect(exchange);
    const out: CredentialView[] = [];
    const sent = (name: string): string | undefined => headerValue(exchange.requestHeaders, name);
    const auth = sent('authorization');
    if (c.auth && auth !== undefined) out.push(authorizationView('Authorization', auth, c.auth, c));
    const proxy = sent('proxy-authorization');
    if (c.proxyAuth && proxy !== undefined) out.push(authorizationView('Proxy-Authorization', proxy, c.proxyAuth, c));
    const proof = sent('dpop');
    if (proof) out.push({ where: 'DPoP', kind: 'DPoP proof', ...secret(proof), ...jwtParts(inspectJwt(proof), c) });

    const found = (where: string): FoundToken | undefined => c.tokens.find((t) => t.where === where);
    for (const k of c.apiKeys) {
      const t = found(k.name);
      out.push({ where: k.name, kind: kindOf(t), ...secret(k.value.trim()), ...jwtParts(t?.jwt, c) });
    }
    for (const q of c.queryTokens) {
      const t = found(`query ?${q.name}`);
      out.push({ where: `query ?${q.name}`, kind: kindOf(t), ...secret(q.value), ...jwtParts(t?.jwt, c) });
    }
    for (const k of c.cookies) {
      const where = `cookie ${k.name}`;
      const t = found(where);
      out.push({ where, kind: t ? kindOf(t) : 'cookie', ...secret(k.value), ...jwtParts(t?.jwt, c) });
    }
    return out;
  } catch {
    return [];
  }
}
