// A token that may be a JWT (RFC 7519): what shape it has and what its claims say.
import { decodeJwt } from '../jwt.ts';
import { decodeBase64Text } from '../../http/base64.ts';

export type JwtState =
  | { kind: 'jws'; header: Record<string, unknown>; payload: Record<string, unknown> }
  | { kind: 'jwe'; header?: Record<string, unknown> }
  | { kind: 'malformed'; error: string };

const B64URL_PART = /^[A-Za-z0-9_-]*$/;

const JOSE_FIELDS = ['alg', 'enc', 'typ', 'kid', 'cty', 'crit'];

/**
 * A value with no dots that decodes whole to a JSON object naming no JOSE header field is not a JWT
 * cut short but a key that happens to be base64 JSON (Grafana's legacy API keys {"k","n","id"},
 * Elasticsearch enrollment tokens {"ver","adr","fgr","key"}).
 */
function opaqueJson(token: string): boolean {
  const text = decodeBase64Text(token);
  if (text === undefined || !text.trimStart().startsWith('{')) return false;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) && !JOSE_FIELDS.some((k) => k in v);
  } catch {
    return false;
  }
}

/** undefined when the token does not look like a JWT at all (an opaque token). */
export function inspectJwt(token: string): JwtState | undefined {
  if (token.length > 65536)
    return token.startsWith('eyJ') ? { kind: 'malformed', error: 'the token is too long to decode' } : undefined;
  const parts = token.split('.');
  const jsonish = token.startsWith('eyJ');
  if (parts.length === 5 && jsonish && parts.every((p) => B64URL_PART.test(p))) return { kind: 'jwe' };
  if (parts.length === 3 && parts.every((p) => B64URL_PART.test(p)) && parts[0] !== '') {
    const d = decodeJwt(token);
    if ('error' in d) return jsonish ? { kind: 'malformed', error: d.error } : undefined;
    return { kind: 'jws', header: d.header, payload: d.payload };
  }
  if (!jsonish) return undefined;
  if (parts.length === 1 && opaqueJson(token)) return undefined;
  const d = decodeJwt(token);
  return { kind: 'malformed', error: 'error' in d ? d.error : `a JWT has 3 parts, this has ${parts.length}` };
}

export function claim(obj: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = obj?.[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join(', ');
  return undefined;
}

/** Seconds claim (exp, nbf, iat) as ms, when it is a finite number. */
export function timeClaim(payload: Record<string, unknown> | undefined, name: string): number | undefined {
  const v = payload?.[name];
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e13 ? v * 1000 : undefined;
}

/** OAuth `scope` (space separated, RFC 8693 §4.2), Entra `scp` (space separated) or an array. */
export function scopesOf(payload: Record<string, unknown> | undefined): string[] | undefined {
  for (const name of ['scope', 'scp', 'scopes']) {
    const v = payload?.[name];
    if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean);
    if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  }
  return undefined;
}
