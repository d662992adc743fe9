// Headers as shown and exported: which carry secrets and their masked forms. Masking keeps
// what helps debugging (auth scheme, cookie names, attributes, Digest realm and nonce, a keyed
// fingerprint to tell two tokens apart) and hides what would let someone replay the request or
// learn who sent it. Values are masked one by one (a cookie, an auth param, a query parameter),
// so revealing one leaves the others masked.
import { masker, type Masker, type MaskOptions } from './masker.ts';
import { isSecretHeader, isUrlHeader } from './names.ts';
import { maskText } from './text.ts';
import { maskUrl } from './url.ts';
import type { Header } from '../shared/types.ts';

export { MASK, Masker, type MaskOptions } from './masker.ts';
export { isSecretHeader, isSecretParam } from './names.ts';
export { maskUrl } from './url.ts';
export { maskText } from './text.ts';

export function maskHeaderValue(name: string, value: string, opts?: Masker | MaskOptions): string {
  const m = masker(opts);
  if (m.keeps(value)) return value;
  const n = name.trim().toLowerCase();
  if (n === 'authorization' || n === 'proxy-authorization' || n.endsWith('-authorization')) {
    return maskAuthorization(value, m);
  }
  if (n === 'cookie' || n === 'cookie2') return maskCookieHeader(value, m);
  if (n === 'set-cookie' || n === 'set-cookie2') return maskSetCookie(value, m);
  if (isUrlHeader(n)) return maskText(maskUrl(value, m), m);
  // by name only: a challenge (`Bearer realm=...`) has the shape of a credential and is not one
  if (isSecretHeader(n)) return value.trim() === '' ? value : m.secret(value.trim());
  // any other header: what its value shows by shape (a JWT, a vendor token, a URL with a code)
  return maskText(value, m);
}

/**
 * Auth params that are safe to show (RFC 7616 Digest, AWS SigV4). Every other param of a
 * parameter-style scheme is masked: custom schemes name their secret anything (`token=`, `key=`).
 */
const PUBLIC_AUTH_PARAMS = new Set([
  'realm',
  'nonce',
  'uri',
  'algorithm',
  'qop',
  'opaque',
  'nc',
  'userhash',
  'charset',
  'signedheaders',
]);

const KNOWN_SCHEMES = new Set([
  'basic',
  'bearer',
  'digest',
  'negotiate',
  'ntlm',
  'dpop',
  'token',
  'apikey',
  'hoba',
  'mutual',
]);

/**
 * Basic and Digest carry a user name and a password (or a hash of it, open to a word list): their
 * masked forms show nothing of them and no fingerprint.
 */
function maskAuthorization(value: string, m: Masker): string {
  const parts = /^(\s*)(\S+)(\s+)([\s\S]*)$/.exec(value);
  const bare = parts === null || parts[4]!.trim() === '';
  if (bare) {
    // `Bearer` alone (a client that lost its token) is worth seeing; anything else is a bare
    // token, trailing spaces or not.
    const v = value.trim();
    return v === '' || KNOWN_SCHEMES.has(v.toLowerCase()) ? value : value.replace(v, m.secret(v));
  }
  const [, lead, scheme, gap, rest] = parts as unknown as [string, string, string, string, string];
  const lower = scheme.toLowerCase();
  const token = rest.trim();
  const trail = rest.slice(rest.trimEnd().length);
  if (lower === 'basic') {
    noteBasic(token, m);
    return `${lead}${scheme}${gap}${m.opaque(token, false)}${trail}`;
  }
  // Digest, AWS4-HMAC-SHA256, Rails `Token token="..."`: auth-params. A token68 may end in
  // "=" padding, so a param needs a value right after its "=".
  if (lower !== 'bearer' && lower !== 'dpop' && /^[A-Za-z][\w-]*\s*=\s*(?:"|[^\s=,])/.test(rest)) {
    return `${lead}${scheme}${gap}${maskAuthParams(rest, m, lower !== 'digest')}`;
  }
  return `${lead}${scheme}${gap}${m.secret(token)}${trail}`;
}

/** The user name and password inside Basic credentials are secrets of their own (free text may quote either). */
function noteBasic(token: string, m: Masker): void {
  try {
    const text = atob(token);
    const colon = text.indexOf(':');
    if (colon > 0) m.noteName(text.slice(0, colon));
    if (colon >= 0) m.note(text.slice(colon + 1));
  } catch {
    /* not base64: the token itself is noted */
  }
}

const PARAM = /([A-Za-z][\w-]*)(\s*=\s*)("(?:[^"\\]|\\.)*"(?=[\s,]|$)|[^\s,"]*(?=[\s,]|$))/y;
const SEP = /[\s,]+/y;
const JUNK = /[^,]+/y;

// A small scanner, not one regex: anything that does not parse as `key=value` (a stray quote, a
// token68 glued to a param) is masked whole, so malformed input can never leak past the mask.
// Sticky patterns read on from where the last one stopped: linear in the value's length.
function maskAuthParams(rest: string, m: Masker, fingerprints: boolean): string {
  let out = '';
  let i = 0;
  const at = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i;
    return re.exec(rest);
  };
  while (i < rest.length) {
    const sep = at(SEP);
    if (sep) {
      out += sep[0];
      i += sep[0].length;
      continue;
    }
    const p = at(PARAM);
    if (p && p[0].length > 0) {
      const [all, key, eq, raw] = p as unknown as [string, string, string, string];
      const k = key.toLowerCase();
      const quoted = raw.startsWith('"');
      const v = quoted ? raw.slice(1, -1) : raw;
      // Digest's uri is the request target: it may carry a token in its query
      if (k === 'uri') out += `${key}${eq}${quoted ? `"${maskUrl(v, m)}"` : maskUrl(v, m)}`;
      else if (PUBLIC_AUTH_PARAMS.has(k)) out += all;
      else {
        if (k === 'username' && !m.keeps(v)) m.noteName(v);
        const masked = v === '' ? v : m.opaque(v, fingerprints);
        out += `${key}${eq}${quoted ? `"${masked}"` : masked}`;
      }
      i += all.length;
      continue;
    }
    const junk = at(JUNK)?.[0] ?? rest.slice(i);
    out += junk.trim() === '' ? junk : m.opaque(junk.trim(), fingerprints);
    i += junk.length;
  }
  return out;
}

/** `sid=abc123xyz; theme=dark` -> `sid=••• #a1b2c3; theme=•••`: names stay, each value goes on its own. */
export function maskCookieHeader(value: string, opts?: Masker | MaskOptions): string {
  const m = masker(opts);
  return value
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part.trim() === '' ? part : maskPart(part, m);
      const v = part.slice(eq + 1).trim();
      return `${part.slice(0, eq)}=${v === '' ? '' : m.opaque(v)}`;
    })
    .join(';');
}

function maskPart(part: string, m: Masker): string {
  const lead = /^\s*/.exec(part)?.[0] ?? '';
  return `${lead}${m.opaque(part.trim())}`;
}

/** `sid=abc; Path=/; HttpOnly` -> `sid=••• #fp; Path=/; HttpOnly`: only the value is secret. */
export function maskSetCookie(value: string, opts?: Masker | MaskOptions): string {
  const m = masker(opts);
  // Chrome joins several Set-Cookie headers with "\n" in webRequest; mask each line.
  return value
    .split('\n')
    .map((line) => {
      const semi = line.indexOf(';');
      const pair = semi < 0 ? line : line.slice(0, semi);
      const attrs = semi < 0 ? '' : line.slice(semi);
      const eq = pair.indexOf('=');
      if (eq < 0) return pair.trim() === '' ? line : maskPart(pair, m) + attrs;
      const v = pair.slice(eq + 1).trim();
      return `${pair.slice(0, eq)}=${v === '' ? '' : m.opaque(v)}${maskText(attrs, m)}`;
    })
    .join('\n');
}

/** Headers as shown or exported: a copy, secrets masked unless `reveal`. */
export function maskHeaders(headers: readonly Header[], reveal: boolean, opts?: Masker | MaskOptions): Header[] {
  if (reveal) return headers.map((h) => ({ name: h.name, value: h.value }));
  const m = masker(opts);
  return headers.map((h) => ({ name: h.name, value: maskHeaderValue(h.name, h.value, m) }));
}
