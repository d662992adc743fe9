// One request as the comparison sees it: its credential (scheme, fingerprint, the JWT claims that
// decide where a token is accepted) and the digest of everything else it sent. Values that are
// secrets leave here only masked; a field is undefined when that much of the request is not known.
import type { Exchange } from '../types.ts';
import { headerValue } from '../../http/headers.ts';
import { requestDigest, type RequestDigest } from '../../http/request-digest.ts';
import { inspectAuthorization } from '../credentials/authorization.ts';
import { inspectJwt, claim, scopesOf, timeClaim } from '../credentials/jwt-token.ts';
import { findApiKeys } from '../credentials/api-keys.ts';
import { authorizationFingerprint, fingerprint, maskSecret, type FingerprintKey } from '../mask.ts';

export interface Claims {
  aud?: string;
  iss?: string;
  sub?: string;
  azp?: string;
  acr?: string;
  scopes?: string[];
  /** ms */
  exp?: number;
}

export interface Credential {
  scheme: string;
  /**
   * the whole Authorization value, only to tell two credentials apart here: a comparison shows
   * `shown`, never this (fingerprints need the caller's key, and short secrets have none)
   */
  value: string;
  /** `Bearer eyJhbGciOi…x7Qw #3fa2c1` (the fingerprint with a key), `Basic •••` */
  shown: string;
  claims?: Claims;
}

export interface Side {
  url: string;
  method: string;
  status: number;
  time: number;
  /** null: no Authorization sent */
  auth: Credential | null;
  /** API key headers sent: name -> value, compared, never shown (undefined: not known) */
  apiKeys?: Map<string, string>;
  digest: Partial<RequestDigest>;
  /** `307 https://a.example/x` per hop (undefined: not known) */
  redirects?: string[];
}

const MASK = '•••';

/** An API key as a comparison shows it: never a character of it, the fingerprint when there is one. */
export function shownKey(value: string, key: FingerprintKey | undefined): string {
  const fp = fingerprint(value, key);
  return fp ? `${MASK} #${fp}` : MASK;
}

function credentialOf(raw: string, key: FingerprintKey | undefined): Credential {
  const a = inspectAuthorization(raw);
  const scheme = a.scheme || '(no scheme)';
  const token = a.token ?? '';
  const fp = authorizationFingerprint(raw, key);
  // Basic carries a user name and password: its prefix would show part of them
  const shown =
    a.lc === 'basic' || token === ''
      ? `${a.scheme}${a.scheme ? ' ' : ''}${MASK}${fp ? ` #${fp}` : ''}`
      : `${a.scheme}${a.scheme ? ' ' : ''}${maskSecret(token, key)}`;
  const out: Credential = { scheme, value: raw.trim(), shown };
  const jwt = token ? inspectJwt(token) : undefined;
  if (jwt?.kind === 'jws') {
    const p = jwt.payload;
    const c: Claims = {};
    const put = (k: 'aud' | 'iss' | 'sub' | 'azp' | 'acr'): void => {
      const v = claim(p, k);
      if (v !== undefined) c[k] = v.slice(0, 300);
    };
    put('aud');
    put('iss');
    put('sub');
    put('azp');
    put('acr');
    const scopes = scopesOf(p);
    if (scopes) c.scopes = scopes.slice(0, 100).map((s) => s.slice(0, 200));
    const exp = timeClaim(p, 'exp');
    if (exp !== undefined) c.exp = exp;
    out.claims = c;
  }
  return out;
}

export function sideOf(ex: Exchange, key?: FingerprintKey): Side {
  const headers = (Array.isArray(ex.requestHeaders) ? ex.requestHeaders : []).filter(
    (h) => h && typeof h.name === 'string' && typeof h.value === 'string',
  );
  const raw = headerValue(headers, 'authorization');
  const partial = ex.digest !== undefined && ex.digest !== null && typeof ex.digest === 'object';
  const side: Side = {
    url: typeof ex.url === 'string' ? ex.url : '',
    method: typeof ex.method === 'string' ? ex.method.toUpperCase() : 'GET',
    status: typeof ex.status === 'number' ? ex.status : 0,
    time: typeof ex.timeStamp === 'number' ? ex.timeStamp : 0,
    auth: raw === undefined ? null : credentialOf(raw, key),
    digest: partial ? cleanDigest(ex.digest!) : requestDigest(headers),
  };
  if (!partial) {
    side.apiKeys = new Map(findApiKeys(headers).map((h) => [h.name.toLowerCase(), h.value.trim()]));
    side.redirects = (Array.isArray(ex.redirects) ? ex.redirects : [])
      .filter((h) => h && typeof h.url === 'string')
      .map((h) => `${h.status} ${hopUrl(h.url)}`);
  }
  return side;
}

/** A kept digest comes from storage or a file: keep only fields of the right type. */
function cleanDigest(d: Partial<RequestDigest>): Partial<RequestDigest> {
  const out: Partial<RequestDigest> = {};
  if (Array.isArray(d.cookies)) out.cookies = d.cookies.filter((c): c is string => typeof c === 'string');
  for (const k of ['origin', 'secFetchSite', 'secFetchMode', 'contentType'] as const) {
    const v = d[k];
    if (typeof v === 'string') out[k] = v;
  }
  const p = d.dpop;
  if (p === null) out.dpop = null;
  else if (p && typeof p === 'object' && typeof p.htm === 'string' && typeof p.htu === 'string')
    out.dpop = { htm: p.htm, htu: p.htu };
  return out;
}

/** origin and path of a hop: its query may hold a code or a token */
function hopUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}
