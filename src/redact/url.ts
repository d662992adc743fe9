// Secrets in a URL: `user:password@`, `;jsessionid=` path parameters, query and fragment
// parameters by name (OAuth redirects put `code`, `#access_token`, `id_token` there), and tokens
// of a known shape anywhere (a JWT in a path segment). Every other character stays as the user
// sent it (no URL() round trip: it would re-encode and reorder), and a masked value holds no `#`,
// `&` or space, so the result still reads as one URL.
import { masker, type Masker, type MaskOptions } from './masker.ts';
import { isSecretParam } from './names.ts';
import { looksLikeToken, maskShapes } from './shapes.ts';

export function maskUrl(url: string, opts?: Masker | MaskOptions): string {
  const m = masker(opts);
  if (m.keeps(url)) return url;
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? undefined : url.slice(hash + 1);
  const q = beforeHash.indexOf('?');
  const base = q < 0 ? beforeHash : beforeHash.slice(0, q);
  const query = q < 0 ? undefined : beforeHash.slice(q + 1);
  let out = maskShapes(maskPathParams(maskUserinfo(base, m), m), m);
  if (query !== undefined) out += `?${maskParams(query, m)}`;
  if (fragment !== undefined) out += `#${fragment.includes('=') ? maskParams(fragment, m) : maskShapes(fragment, m)}`;
  return out;
}

/** `https://user:pass@host/` -> `https://•••:•••@host/`: the user name identifies, the password opens. */
function maskUserinfo(base: string, m: Masker): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(base);
  if (!scheme) return base;
  const start = scheme[0].length;
  const slash = base.indexOf('/', start);
  const authorityEnd = slash < 0 ? base.length : slash;
  const at = base.lastIndexOf('@', authorityEnd - 1);
  if (at < start) return base;
  const info = base.slice(start, at);
  const colon = info.indexOf(':');
  const part = (s: string): string => (s === '' ? s : noteDecoded(m.opaque(s, false), s, m));
  const user = colon < 0 ? info : info.slice(0, colon);
  m.noteName(safeDecode(user));
  const masked = colon < 0 ? part(info) : `${part(user)}:${part(info.slice(colon + 1))}`;
  return `${base.slice(0, start)}${masked}${base.slice(at)}`;
}

/** `/app;jsessionid=ABC123/x` (servlet URL rewriting, RFC 3986 §3.3 path parameters) */
function maskPathParams(base: string, m: Masker): string {
  return base.replace(/;([^;/?#=]{1,64})=([^;/?#]*)/g, (all, name: string, value: string) =>
    isSecretParam(name) && value !== '' ? `;${name}=${noteDecoded(m.param(value), value, m)}` : all,
  );
}

/** a parameter value that is itself a URL or path with parameters */
const NESTED = /[?#][^=]*=/;
/** what must be escaped again for the masked nested URL to stay one parameter value */
const encodeNested = (s: string): string => s.replace(/[%&#=+? ]/g, (c) => encodeURIComponent(c));

function maskParams(params: string, m: Masker): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return looksLikeToken(safeDecode(pair)) ? noteDecoded(m.param(pair), pair, m) : pair;
      const raw = pair.slice(eq + 1);
      if (raw === '') return pair;
      const v = safeDecode(raw);
      if (!isSecretParam(safeDecode(pair.slice(0, eq))) && !looksLikeToken(v)) {
        // a return URL (ReturnUrl=, next=, redirect_uri=) carries its own query, percent-encoded
        const nested = NESTED.test(v) ? maskUrl(v, m) : v;
        if (nested !== v) return `${pair.slice(0, eq)}=${encodeNested(nested)}`;
        return maskShapes(pair, m);
      }
      if (m.keeps(v) || m.keeps(raw)) return pair;
      return `${pair.slice(0, eq)}=${noteDecoded(m.param(v), raw, m)}`;
    })
    .join('&');
}

/** The masker met the decoded value; free text may quote it encoded, as it was in the URL. */
function noteDecoded<T>(result: T, raw: string, m: Masker): T {
  m.note(raw);
  const decoded = safeDecode(raw);
  if (decoded !== raw) m.note(decoded);
  return result;
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
