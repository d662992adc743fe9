// Two requests compared by meaning, not by text: what one sent and the other did not, and what
// changed in the credential (its scheme, the token, the claims that decide where it is accepted,
// its expiry against each request's time). Header order and name case are not differences.
// The differences most likely to explain why one failed come first (DIFFERENCE_ORDER). Secrets
// appear only masked (fingerprints); cookie values never.
import type { Exchange } from '../types.ts';
import { formatDuration, formatUtc } from '../time.ts';
import { list } from '../finding.ts';
import { endpointKey } from './endpoint.ts';
import { shownKey, sideOf, type Claims, type Side } from './side.ts';
import type { FingerprintKey } from '../mask.ts';

/** Most explanatory first: the order differences are listed in. */
export const DIFFERENCE_ORDER = [
  'credential-missing',
  'token-expired',
  'scheme-changed',
  'audience-changed',
  'issuer-changed',
  'scope-lost',
  'acr-changed',
  'azp-changed',
  'cookies-missing',
  'dpop-proof-missing',
  'dpop-mismatch',
  'origin-changed',
  'sec-fetch-site-changed',
  'sec-fetch-mode-changed',
  'subject-changed',
  'token-changed',
  'api-key-changed',
  'content-type-changed',
  'redirects-changed',
  'scope-gained',
  'credential-added',
  'cookies-added',
  'dpop-proof-added',
  'expiry-changed',
] as const;

export type DifferenceKind = (typeof DIFFERENCE_ORDER)[number];

export interface Difference {
  kind: DifferenceKind;
  /** what differs: "Audience (aud)", "Cookies" */
  label: string;
  /** this request's side, as shown (masked) */
  subject: string;
  /** the other request's side, as shown (masked) */
  reference: string;
  /** one sentence: what the difference means */
  says: string;
}

export interface Comparison {
  /** most explanatory first */
  differences: Difference[];
  /** what was compared and found equal */
  same: string[];
  /** what could not be compared: one of the two requests was kept without it */
  unknown: string[];
  /** same origin, method and path template (ids templated) */
  sameEndpoint: boolean;
  /** ms from the other request to this one (positive: the other came first) */
  apart: number;
}

const RANK = new Map<string, number>(DIFFERENCE_ORDER.map((k, i) => [k, i]));
const NOT_SENT = '(not sent)';
const shown = (v: string | undefined): string => (v === undefined || v === '' ? NOT_SENT : v);

/** "expired 3 min before this request" / "valid, 5 min left" for a token's exp at a request's time */
function expiryAt(exp: number, at: number, which: string): string {
  return exp <= at ? `expired ${formatDuration(at - exp)} before ${which}` : `valid, ${formatDuration(exp - at)} left`;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

/** `key`: the caller's fingerprint key, so a masked value shows the fingerprint its views show. */
export function compareExchanges(subject: Exchange, reference: Exchange, key?: FingerprintKey): Comparison {
  const s = sideOf(subject, key);
  const r = sideOf(reference, key);
  const out: Difference[] = [];
  const same: string[] = [];
  const unknown: string[] = [];
  const add = (kind: DifferenceKind, label: string, sub: string, ref: string, says: string): void => {
    out.push({ kind, label, subject: sub, reference: ref, says });
  };

  credential(s, r, add, same);
  apiKeys(s, r, add, same, unknown, key);
  cookies(s, r, add, same, unknown);
  for (const [field, label, kind] of [
    ['origin', 'Origin', 'origin-changed'],
    ['secFetchSite', 'Sec-Fetch-Site', 'sec-fetch-site-changed'],
    ['secFetchMode', 'Sec-Fetch-Mode', 'sec-fetch-mode-changed'],
    ['contentType', 'Content-Type', 'content-type-changed'],
  ] as const) {
    const a = s.digest[field];
    const b = r.digest[field];
    if (typeof a !== 'string' || typeof b !== 'string') unknown.push(label);
    else if (a.toLowerCase() === b.toLowerCase()) same.push(label);
    else add(kind, label, shown(a), shown(b), headerSays(label, a, b));
  }
  dpop(s, r, add, same, unknown);
  if (!s.redirects || !r.redirects) unknown.push('Redirects');
  else if (s.redirects.join('\n') === r.redirects.join('\n')) same.push('Redirects');
  else
    add(
      'redirects-changed',
      'Redirects',
      s.redirects.join(' → ') || 'none',
      r.redirects.join(' → ') || 'none',
      'The two requests went through different redirects before their final answer.',
    );

  out.sort((a, b) => RANK.get(a.kind)! - RANK.get(b.kind)!);
  const where = (x: Side): string | undefined => endpointKey(x.url, x.method);
  return {
    differences: out,
    same,
    unknown,
    sameEndpoint: where(s) !== undefined && where(s) === where(r),
    apart: s.time - r.time,
  };
}

type Add = (kind: DifferenceKind, label: string, sub: string, ref: string, says: string) => void;

function headerSays(label: string, a: string, b: string): string {
  if (label === 'Origin')
    return a === ''
      ? 'This request carried no Origin; the other came from ' + b + '.'
      : `This request came from ${a}${b ? `, the other from ${b}` : ', the other carried no Origin'}: ` +
          'CORS and SameSite cookies judge them differently.';
  if (label === 'Sec-Fetch-Site')
    return (
      `The browser called this request ${shown(a)} and the other ${shown(b)}: ` +
      'cross-site requests lose SameSite cookies and need CORS.'
    );
  if (label === 'Sec-Fetch-Mode')
    return (
      `Request mode ${shown(a)} here, ${shown(b)} there (navigate, cors, no-cors): ` + 'credentials travel differently.'
    );
  return `The body was sent as ${shown(a)} here and as ${shown(b)} there.`;
}

function credential(s: Side, r: Side, add: Add, same: string[]): void {
  const a = s.auth;
  const b = r.auth;
  if (!a && !b) {
    same.push('Authorization (none)');
    return;
  }
  if (!a) {
    add(
      'credential-missing',
      'Authorization',
      NOT_SENT,
      b!.shown,
      `This request sent no Authorization; the other sent ${b!.scheme}.`,
    );
    return;
  }
  if (!b) {
    add(
      'credential-added',
      'Authorization',
      a.shown,
      NOT_SENT,
      `This request sent ${a.scheme}; the other sent no Authorization.`,
    );
    expiry(s, r, add);
    return;
  }
  if (a.scheme.toLowerCase() !== b.scheme.toLowerCase())
    add(
      'scheme-changed',
      'Scheme',
      a.scheme,
      b.scheme,
      `This request used the ${a.scheme} scheme, the other ${b.scheme}.`,
    );
  const changed = a.value !== b.value;
  if (changed) {
    const claimDiffs = claims(a.claims, b.claims, add);
    add(
      'token-changed',
      'Token',
      a.shown,
      b.shown,
      claimDiffs
        ? 'Another token was sent (the values differ).'
        : 'Another credential was sent (the values differ)' +
            (a.claims && b.claims ? ', with the same audience, issuer, scopes and subject.' : '.'),
    );
  } else same.push('Authorization (the same value)');
  expiry(s, r, add);
}

/** Claim by claim; true when any differed. */
function claims(a: Claims | undefined, b: Claims | undefined, add: Add): boolean {
  if (!a || !b) return false;
  const before = { n: 0 };
  const one = (
    kind: DifferenceKind,
    label: string,
    x: string | undefined,
    y: string | undefined,
    says: (x: string, y: string) => string,
  ): void => {
    if ((x ?? '') === (y ?? '')) return;
    before.n++;
    add(kind, label, x ?? '(none)', y ?? '(none)', says(x ?? '(none)', y ?? '(none)'));
  };
  one(
    'audience-changed',
    'Audience (aud)',
    a.aud,
    b.aud,
    (x, y) => `The token changed audience: this one is for ${x}, the other was for ${y}.`,
  );
  one(
    'issuer-changed',
    'Issuer (iss)',
    a.iss,
    b.iss,
    (x, y) => `The token comes from another issuer: ${x} here, ${y} there.`,
  );
  const sa = a.scopes ?? [];
  const sb = b.scopes ?? [];
  const lost = sb.filter((x) => !sa.includes(x));
  const gained = sa.filter((x) => !sb.includes(x));
  if (lost.length) {
    before.n++;
    add(
      'scope-lost',
      'Scopes (scope/scp)',
      sa.join(' ') || '(none)',
      sb.join(' ') || '(none)',
      `This token lacks ${list(lost.slice(0, 10))}, which the other had.`,
    );
  } else if (gained.length) {
    before.n++;
    add(
      'scope-gained',
      'Scopes (scope/scp)',
      sa.join(' '),
      sb.join(' ') || '(none)',
      `This token has ${list(gained.slice(0, 10))} in addition.`,
    );
  }
  one(
    'acr-changed',
    'Authentication level (acr)',
    a.acr,
    b.acr,
    (x, y) => `The user authenticated at another level: ${x} here, ${y} there.`,
  );
  one(
    'azp-changed',
    'Client (azp)',
    a.azp,
    b.azp,
    (x, y) => `The token was issued to another client: ${x} here, ${y} there.`,
  );
  one('subject-changed', 'Subject (sub)', a.sub, b.sub, () => 'The token is for another user or service account.');
  return before.n > 0;
}

function expiry(s: Side, r: Side, add: Add): void {
  const a = s.auth?.claims?.exp;
  const b = r.auth?.claims?.exp;
  const sameToken = !!s.auth && !!r.auth && s.auth.value === r.auth.value;
  if (a !== undefined && a <= s.time) {
    const ref = b === undefined ? '(no exp)' : expiryAt(b, r.time, 'that request');
    const worked = b !== undefined && b > r.time;
    add(
      'token-expired',
      'Expiry (exp)',
      `${expiryAt(a, s.time, 'this request')} (exp ${formatUtc(a)})`,
      ref,
      `The token sent here expired ${formatDuration(s.time - a)} before this request` +
        (sameToken && worked
          ? `; the same token was still valid at the other request (${formatDuration(b! - r.time)} before its exp).`
          : worked
            ? '; the other request’s token was still valid.'
            : '.'),
    );
    return;
  }
  if (a !== undefined && b !== undefined && a !== b && !sameToken)
    add(
      'expiry-changed',
      'Expiry (exp)',
      `${formatUtc(a)} (${expiryAt(a, s.time, 'this request')})`,
      `${formatUtc(b)} (${expiryAt(b, r.time, 'that request')})`,
      'The two tokens expire at different times.',
    );
}

function apiKeys(s: Side, r: Side, add: Add, same: string[], unknown: string[], key: FingerprintKey | undefined): void {
  if (!s.apiKeys || !r.apiKeys) {
    if (s.apiKeys?.size || r.apiKeys?.size) unknown.push('API key headers');
    return;
  }
  const masked = (v: string): string => shownKey(v, key);
  for (const [name, theirs] of r.apiKeys) {
    const mine = s.apiKeys.get(name);
    if (mine === undefined)
      add('credential-missing', name, NOT_SENT, masked(theirs), `This request sent no ${name}; the other did.`);
    else if (mine !== theirs)
      add('api-key-changed', name, masked(mine), masked(theirs), `Another ${name} was sent (the values differ).`);
    else same.push(name);
  }
  for (const [name, mine] of s.apiKeys)
    if (!r.apiKeys.has(name))
      add('credential-added', name, masked(mine), NOT_SENT, `This request sent ${name}; the other did not.`);
}

function cookies(s: Side, r: Side, add: Add, same: string[], unknown: string[]): void {
  const a = s.digest.cookies;
  const b = r.digest.cookies;
  if (!Array.isArray(a) || !Array.isArray(b)) {
    unknown.push('Cookies');
    return;
  }
  const missing = b.filter((n) => !a.includes(n));
  const extra = a.filter((n) => !b.includes(n));
  const names = (x: string[]): string => (x.length ? x.join(', ') : 'none');
  if (missing.length)
    add(
      'cookies-missing',
      'Cookies (names)',
      `not sent: ${missing.join(', ')}`,
      `sent: ${names(b)}`,
      `This request did not carry ${list(missing.slice(0, 10))}, which the other did: ` +
        'a cross-site request (SameSite), credentials: "omit"/"same-origin", or a cookie that expired.',
    );
  if (extra.length)
    add(
      'cookies-added',
      'Cookies (names)',
      `also sent: ${extra.join(', ')}`,
      `sent: ${names(b)}`,
      `This request also carried ${list(extra.slice(0, 10))}.`,
    );
  if (!missing.length && !extra.length) same.push('Cookies (names)');
}

function dpop(s: Side, r: Side, add: Add, same: string[], unknown: string[]): void {
  const a = s.digest.dpop;
  const b = r.digest.dpop;
  if (a === undefined || b === undefined) {
    unknown.push('DPoP proof');
    return;
  }
  const fits = (p: { htm: string; htu: string }, x: Side): boolean =>
    p.htm.toUpperCase() === x.method && p.htu === pathOf(x.url);
  const of = (p: { htm: string; htu: string }): string => `htm ${p.htm || '?'}, htu ${p.htu || '?'}`;
  if (!a && !b) return;
  if (!a)
    add(
      'dpop-proof-missing',
      'DPoP proof',
      NOT_SENT,
      of(b!),
      'This request carried no DPoP proof; the other did (a DPoP-bound token needs one on every request).',
    );
  else if (!b)
    add('dpop-proof-added', 'DPoP proof', of(a), NOT_SENT, 'This request carried a DPoP proof; the other did not.');
  else if (!fits(a, s) && fits(b, r))
    add(
      'dpop-mismatch',
      'DPoP proof (htm/htu)',
      of(a),
      of(b),
      `This request's proof was made for ${a.htm || '?'} ${a.htu || '?'}, not for ${s.method} ${pathOf(s.url)} ` +
        '(RFC 9449 §4.3 checks both).',
    );
  else same.push('DPoP proof (htm/htu)');
}
