// Which headers and query parameters carry secrets, and their masked forms for the UI and exports.
// Masking keeps what helps debugging (auth scheme, cookie names, attributes, a fingerprint to
// tell two tokens apart) and hides what would let someone replay the request.
import { fingerprint, isApiKeyHeader, isCredentialParam, maskSecret } from '../analysis/index.ts';
import type { Header } from '../shared/types.ts';

export const MASK = '•••';

/**
 * Header names (lower case) whose whole value is a secret, besides those the pattern below
 * catches and the API key headers the engine reads credentials from (isApiKeyHeader).
 */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'cookie2',
  'set-cookie',
  'set-cookie2',
  'x-csrftoken',
  'dpop',
  'x-auth-key',
]);

// Vendor headers follow these endings (X-Shopify-Access-Token, X-Refresh-Token, X-Figma-Token,
// X-Forwarded-Authorization...). Sec-WebSocket-Key, Idempotency-Key and DPoP-Nonce do not
// match: they are nonces, not credentials.
const SECRET_HEADER_PATTERN = /(^|-)(token|secret|password|passwd|api-?key|access-key|session-?id|authorization)$/;

export function isSecretHeader(name: string): boolean {
  const n = name.trim().toLowerCase();
  return SECRET_HEADERS.has(n) || SECRET_HEADER_PATTERN.test(n) || isApiKeyHeader(n);
}

/** Headers whose value is a URL that may carry a token (OAuth redirects put `code` / `#access_token` there). */
const URL_HEADERS = new Set(['location', 'referer', 'content-location', 'origin']);

/**
 * Query and fragment parameter names (lower case) whose value is a secret, besides the
 * credentials the engine reads from a URL (isCredentialParam): codes, signatures, passwords.
 */
const SECRET_PARAMS = new Set([
  'code',
  'refresh_token',
  'client_secret',
  'sig',
  'signature',
  'x-amz-signature',
  'x-amz-credential',
  'x-goog-signature',
  'x-goog-credential',
  'password',
  'passwd',
  'jwt',
  'auth',
  'session_token',
  'assertion',
  'client_assertion',
  'subject_token',
  'code_verifier',
]);

export function isSecretParam(name: string): boolean {
  return SECRET_PARAMS.has(name.toLowerCase()) || isCredentialParam(name);
}

/**
 * A short value's fingerprint could be brute-forced back to it (six hex chars of "dark" or
 * "1"), so values under this length are masked with no fingerprint at all.
 */
const MIN_FINGERPRINT_LENGTH = 8;

function maskOpaque(value: string): string {
  return value.length >= MIN_FINGERPRINT_LENGTH ? `${MASK} #${fingerprint(value)}` : MASK;
}

export function maskHeaderValue(name: string, value: string): string {
  const n = name.trim().toLowerCase();
  if (n === 'authorization' || n === 'proxy-authorization' || n.endsWith('-authorization')) {
    return maskAuthorization(value);
  }
  if (n === 'cookie' || n === 'cookie2') return maskCookieHeader(value);
  if (n === 'set-cookie' || n === 'set-cookie2') return maskSetCookie(value);
  if (URL_HEADERS.has(n)) return maskUrl(value);
  if (isSecretHeader(n)) return value === '' ? '' : maskSecret(value);
  return value;
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

function maskAuthorization(value: string): string {
  const m = /^(\s*)(\S+)(\s+)([\s\S]*)$/.exec(value);
  if (!m) {
    const v = value.trim();
    // `Bearer` alone (a client that lost its token) is worth seeing; anything else is a bare token.
    return v === '' || KNOWN_SCHEMES.has(v.toLowerCase()) ? value : maskSecret(v);
  }
  const [, lead, scheme, gap, rest] = m as unknown as [string, string, string, string, string];
  const lower = scheme.toLowerCase();
  if (rest.trim() === '') return value;
  // Basic: never a prefix of the base64 (it decodes to the user name and the start of the password)
  if (lower === 'basic') return `${lead}${scheme}${gap}${MASK} #${fingerprint(rest.trim())}`;
  // Digest, AWS4-HMAC-SHA256, Rails `Token token="..."`: auth-params. A token68 may end in
  // "=" padding, so a param needs a value right after its "=".
  if (lower !== 'bearer' && lower !== 'dpop' && /^[A-Za-z][\w-]*\s*=\s*(?:"|[^\s=,])/.test(rest)) {
    return `${lead}${scheme}${gap}${maskAuthParams(rest)}`;
  }
  return `${lead}${scheme}${gap}${maskSecret(rest.trim())}`;
}

// A small scanner, not one regex: anything that does not parse as `key=value` (a stray quote, a
// token68 glued to a param) is masked whole, so malformed input can never leak past the mask.
function maskAuthParams(rest: string): string {
  const PARAM = /^([A-Za-z][\w-]*)(\s*=\s*)("(?:[^"\\]|\\.)*"(?=[\s,]|$)|[^\s,"]*(?=[\s,]|$))/;
  let out = '';
  let i = 0;
  while (i < rest.length) {
    const tail = rest.slice(i);
    const sep = /^[\s,]+/.exec(tail);
    if (sep) {
      out += sep[0];
      i += sep[0].length;
      continue;
    }
    const m = PARAM.exec(tail);
    if (m) {
      const [all, key, eq, raw] = m as unknown as [string, string, string, string];
      const k = key.toLowerCase();
      if (PUBLIC_AUTH_PARAMS.has(k)) out += all;
      else {
        const quoted = raw.startsWith('"');
        const masked = maskOpaque(quoted ? raw.slice(1, -1) : raw);
        out += `${key}${eq}${quoted ? `"${masked}"` : masked}`;
      }
      i += all.length;
      continue;
    }
    const junk = /^[^,]+/.exec(tail)?.[0] ?? tail;
    out += maskOpaque(junk.trim());
    i += junk.length;
  }
  return out;
}

/** `sid=abc123xyz; theme=dark` -> `sid=••• #a1b2c3; theme=•••`: names stay, values go. */
export function maskCookieHeader(value: string): string {
  return value
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part.trim() === '' ? part : maskPart(part, '');
      const v = part.slice(eq + 1).trim();
      return `${part.slice(0, eq)}=${v === '' ? '' : maskOpaque(v)}`;
    })
    .join(';');
}

function maskPart(part: string, prefix: string): string {
  const lead = /^\s*/.exec(part)?.[0] ?? '';
  return `${lead}${prefix}${maskOpaque(part.trim())}`;
}

/** `sid=abc; Path=/; HttpOnly` -> `sid=••• #fp; Path=/; HttpOnly`: only the value is secret. */
export function maskSetCookie(value: string): string {
  // Chrome joins several Set-Cookie headers with "\n" in webRequest; mask each line.
  return value
    .split('\n')
    .map((line) => {
      const semi = line.indexOf(';');
      const pair = semi < 0 ? line : line.slice(0, semi);
      const attrs = semi < 0 ? '' : line.slice(semi);
      const eq = pair.indexOf('=');
      if (eq < 0) return pair.trim() === '' ? line : maskPart(pair, '') + attrs;
      const v = pair.slice(eq + 1).trim();
      return `${pair.slice(0, eq)}=${v === '' ? '' : maskOpaque(v)}${attrs}`;
    })
    .join('\n');
}

/**
 * Masks secret query and fragment parameters, leaving every other character of the URL as it
 * was (no URL() round trip: it would re-encode and reorder what the user sent). The masked
 * value has no `#`, `&` or spaces so the result still reads as one URL.
 */
export function maskUrl(url: string): string {
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? undefined : url.slice(hash + 1);
  const q = beforeHash.indexOf('?');
  const base = q < 0 ? beforeHash : beforeHash.slice(0, q);
  const query = q < 0 ? undefined : beforeHash.slice(q + 1);
  let out = base;
  if (query !== undefined) out += `?${maskParams(query)}`;
  if (fragment !== undefined) out += `#${fragment.includes('=') ? maskParams(fragment) : fragment}`;
  return out;
}

function maskParams(params: string): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = safeDecode(pair.slice(0, eq));
      const raw = pair.slice(eq + 1);
      if (!isSecretParam(name) || raw === '') return pair;
      const v = safeDecode(raw);
      return `${pair.slice(0, eq)}=${MASK}${v.length >= MIN_FINGERPRINT_LENGTH ? `(${fingerprint(v)})` : ''}`;
    })
    .join('&');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Headers as shown or exported: a copy, secrets masked unless `reveal`. */
export function maskHeaders(headers: readonly Header[], reveal: boolean): Header[] {
  if (reveal) return headers.map((h) => ({ name: h.name, value: h.value }));
  return headers.map((h) => ({ name: h.name, value: maskHeaderValue(h.name, h.value) }));
}
