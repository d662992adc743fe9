// Compact JWS/JWE recognition and JWS decoding (RFC 7515 §7.1, RFC 7516 §7.1, RFC 7519 §7.2).
// Decoding only: no signature check, nothing leaves the machine.
import type { JwtDecode } from './types.ts';
import { decodeBase64, decodeUtf8 } from '../http/base64.ts';

/** Larger than any JWT a server accepts in a header (most cap headers at 8-64 KB). */
const MAX_TOKEN = 256 * 1024;
const MAX_FOUND = 20;
const PART_NAMES = ['header', 'payload', 'signature'] as const;

function isB64url(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x5f
  );
}

function allB64url(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (!isB64url(s.charCodeAt(k))) return false;
  return true;
}

/** Why a segment is not base64url, in words, or undefined when it is. */
function base64urlFault(seg: string): string | undefined {
  if (seg.length === 0) return 'it is empty';
  for (let k = 0; k < seg.length; k++) {
    const c = seg[k]!;
    if (isB64url(seg.charCodeAt(k))) continue;
    if (c === '=') return "it ends with '=' padding, which base64url in JWTs never carries (RFC 7515 §2)";
    if (c === '+' || c === '/')
      return `it contains '${c}' at character ${k + 1}: that is standard base64, JWTs use base64url ('-' and '_')`;
    if (c === '%') return 'it is percent-encoded (URL-encoded): decode it first';
    if (/\s/.test(c)) return `it contains whitespace at character ${k + 1}`;
    return `it contains ${JSON.stringify(c)} at character ${k + 1}, which is not a base64url character`;
  }
  if (seg.length % 4 === 1)
    return `its length (${seg.length}) is impossible for base64url: the token was probably cut short`;
  return undefined;
}

function decodeJsonPart(seg: string, index: 0 | 1): Record<string, unknown> | string {
  const name = PART_NAMES[index];
  const where = `Part ${index + 1} of 3 (the ${name})`;
  const fault = base64urlFault(seg);
  if (fault) return `${where} is not base64url: ${fault}.`;
  const bytes = decodeBase64(seg);
  if (!bytes) return `${where} is not base64url.`;
  const text = decodeUtf8(bytes);
  if (text === undefined) return `${where} decodes to bytes that are not UTF-8 text, so it is not JSON.`;
  let value: unknown;
  try {
    // JSON.parse defines "__proto__" as a plain own property; it never sets a prototype.
    value = JSON.parse(text);
  } catch {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    return `${where} decodes to text that is not JSON: ${JSON.stringify(shown)}.`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return `${where} is JSON but ${kind}, not an object; a JWT's ${name} must be a JSON object.`;
  }
  return value as Record<string, unknown>;
}

/**
 * Decodes a compact JWS (header.payload.signature). Strict base64url, UTF-8 JSON objects.
 * Anything else gives `{ error }` naming the part that fails and why. Never throws.
 */
export function decodeJwt(token: string): JwtDecode {
  if (typeof token !== 'string') return { error: 'The token is not text.' };
  if (token.length === 0) return { error: 'The token is empty.' };
  if (token.length > MAX_TOKEN) {
    return { error: `The token is ${token.length} characters long, too long to be a JWT (we stop at ${MAX_TOKEN}).` };
  }
  const parts = token.split('.');
  if (parts.length === 5) {
    const header = decodeJsonPart(parts[0]!, 0);
    if (typeof header === 'string')
      return {
        error: `It has 5 parts like an encrypted JWT (JWE), but ${header.replace('Part 1 of 3', 'part 1 of 5')}`,
      };
    const name = (v: unknown) => (typeof v === 'string' ? v.slice(0, 40) : '?');
    const alg = name(header['alg']);
    const enc = name(header['enc']);
    return {
      error:
        'This is an encrypted JWT (JWE, 5 parts): its claims cannot be read without the key ' +
        `(alg ${alg}, enc ${enc}).`,
    };
  }
  if (parts.length !== 3) {
    return {
      error:
        `A JWT has 3 parts separated by dots (header.payload.signature); this has ${parts.length}` +
        (parts.length === 1 ? ', so it is not a JWT (an opaque token, perhaps).' : '.'),
    };
  }
  const header = decodeJsonPart(parts[0]!, 0);
  if (typeof header === 'string') return { error: header };
  const payload = decodeJsonPart(parts[1]!, 1);
  if (typeof payload === 'string') return { error: payload };
  const signature = parts[2]!;
  if (signature.length > 0) {
    const fault = base64urlFault(signature);
    if (fault) return { error: `Part 3 of 3 (the signature) is not base64url: ${fault}.` };
  }
  return { header, payload, signature };
}

/** Whether `s` looks like a compact JWS (3 segments) or JWE (5): base64url segments, header "eyJ". */
export function jwtShape(s: string): 'jws' | 'jwe' | 'none' {
  if (s.length < 10 || s.length > MAX_TOKEN || !s.startsWith('eyJ')) return 'none';
  const parts = s.split('.');
  if (parts.length !== 3 && parts.length !== 5) return 'none';
  if (!parts.every(allB64url)) return 'none';
  if (parts.length === 3) return parts[1]!.length > 0 ? 'jws' : 'none';
  // JWE: the encrypted key is empty with alg "dir"; IV, ciphertext and tag are not.
  return parts[2]!.length > 0 && parts[3]!.length > 0 ? 'jwe' : 'none';
}

function isRunChar(code: number): boolean {
  return isB64url(code) || code === 0x2e;
}

/**
 * JWT-looking substrings of free text (cookie values, query strings, bodies), in order, at most
 * 20. One pass over maximal runs of base64url-and-dot characters: linear in the text's length.
 */
export function findJwts(text: string): string[] {
  const found: string[] = [];
  if (typeof text !== 'string') return found;
  let k = 0;
  while (k < text.length && found.length < MAX_FOUND) {
    if (!isRunChar(text.charCodeAt(k))) {
      k++;
      continue;
    }
    let end = k;
    while (end < text.length && isRunChar(text.charCodeAt(end))) end++;
    // The run may carry a prefix ("token=" stops at '=', but "Bearer.eyJ" would not).
    const start = text.slice(k, end).indexOf('eyJ');
    if (start >= 0) {
      let candidate = text.slice(k + start, end);
      // A sentence's full stop after the token; one only, so the pass stays linear.
      if (jwtShape(candidate) === 'none' && candidate.endsWith('.')) candidate = candidate.slice(0, -1);
      if (jwtShape(candidate) !== 'none') found.push(candidate);
    }
    k = end;
  }
  return found;
}
