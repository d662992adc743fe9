// What credentials a request carried, decoded for display (pure). Values stay in the
// objects so the UI can reveal them on purpose; the UI masks them by default.
import { decodeJwt } from '../analysis/index.ts';
import type { JwtDecode } from '../analysis/index.ts';
import type { CaptureRecord, Header } from '../shared/types.ts';
import { headerValue as header, headerValues } from '../http/headers.ts';
import { tokenFormat } from './tokenFormats.ts';

export interface JwtTime {
  claim: 'exp' | 'nbf' | 'iat';
  /** ms since epoch */
  at: number;
}

export type Credential =
  | {
      kind: 'authorization';
      header: string;
      scheme: string;
      token: string;
      format?: string;
      jwt?: JwtDecode;
      times: JwtTime[];
    }
  | { kind: 'basic'; header: string; raw: string; user?: string; problem?: string }
  | { kind: 'cookie'; name: string; value: string }
  | { kind: 'api-key'; where: 'header' | 'query'; name: string; value: string; format?: string };

/** Header names that carry an API key or token outside Authorization (lower case). */
export const API_KEY_HEADERS = [
  'x-api-key',
  'api-key',
  'apikey',
  'x-apikey',
  'x-auth-token',
  'x-access-token',
  'x-token',
  'private-token',
  'x-goog-api-key',
  'ocp-apim-subscription-key',
  'x-amz-security-token',
  'dpop',
];
const KEY_PARAMS = ['access_token', 'api_key', 'apikey', 'api-key', 'token', 'key', 'auth', 'code'];

function decodeBase64Utf8(b64: string): string | undefined {
  try {
    const bin = atob(b64.trim());
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function basicUser(token: string): { user?: string; problem?: string } {
  const text = decodeBase64Utf8(token);
  if (text === undefined) return { problem: 'not valid base64 (or not UTF-8)' };
  const colon = text.indexOf(':');
  if (colon < 0) return { problem: 'decoded value has no ":" between user and password' };
  return { user: text.slice(0, colon) };
}

function times(jwt: JwtDecode): JwtTime[] {
  if (!('payload' in jwt)) return [];
  const out: JwtTime[] = [];
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const v = jwt.payload[claim];
    if (typeof v === 'number' && Number.isFinite(v)) out.push({ claim, at: v * 1000 });
  }
  return out;
}

function fromAuthorization(h: Header): Credential {
  const value = h.value.trim();
  const sp = value.search(/\s/);
  const scheme = sp < 0 ? value : value.slice(0, sp);
  const token = sp < 0 ? '' : value.slice(sp).trim();
  if (scheme.toLowerCase() === 'basic') return { kind: 'basic', header: h.name, raw: token, ...basicUser(token) };
  const cred: Credential = { kind: 'authorization', header: h.name, scheme, token, times: [] };
  const format = tokenFormat(token);
  if (format) cred.format = format;
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
    let jwt: JwtDecode;
    try {
      jwt = decodeJwt(token);
    } catch (e) {
      jwt = { error: e instanceof Error ? e.message : String(e) };
    }
    cred.jwt = jwt;
    cred.times = times(jwt);
  }
  return cred;
}

/** `a=1; b=2` -> pairs; a cookie without `=` is a value with an empty name (RFC 6265 §5.2). */
export function parseCookies(value: string): { name: string; value: string }[] {
  return value
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? { name: '', value: p } : { name: p.slice(0, eq).trim(), value: p.slice(eq + 1).trim() };
    });
}

export function credentialsOf(r: Pick<CaptureRecord, 'requestHeaders' | 'url'>): Credential[] {
  const out: Credential[] = [];
  for (const h of r.requestHeaders) {
    const n = h.name.toLowerCase();
    if (n === 'authorization' || n === 'proxy-authorization') out.push(fromAuthorization(h));
    else if (API_KEY_HEADERS.includes(n)) {
      const c: Credential = { kind: 'api-key', where: 'header', name: h.name, value: h.value };
      const f = tokenFormat(h.value);
      if (f) c.format = f;
      out.push(c);
    }
  }
  for (const v of headerValues(r.requestHeaders, 'cookie')) {
    for (const c of parseCookies(v)) out.push({ kind: 'cookie', ...c });
  }
  try {
    const u = new URL(r.url);
    for (const [name, value] of u.searchParams) {
      if (!KEY_PARAMS.includes(name.toLowerCase())) continue;
      const c: Credential = { kind: 'api-key', where: 'query', name, value };
      const f = tokenFormat(value);
      if (f) c.format = f;
      out.push(c);
    }
  } catch {
    // an unparsable URL carries no query credentials we can show
  }
  return out;
}

/** The reference clock for token times: the server's Date header, else the capture time. */
export function referenceClock(r: Pick<CaptureRecord, 'responseHeaders' | 'time'>): {
  at: number;
  source: 'server' | 'client';
} {
  const d = header(r.responseHeaders, 'date');
  const t = d ? Date.parse(d) : NaN;
  return Number.isNaN(t) ? { at: r.time, source: 'client' } : { at: t, source: 'server' };
}
