// Masking secrets for evidence, the UI and exports. A fingerprint lets a person tell whether two
// requests carried the same credential without seeing it. A plain hash of a secret can be
// reversed by hashing candidates (all 10^6 six-digit keys, a password word list), so the
// fingerprint is an HMAC under a random key the caller makes once per session and passes in:
// without the key, nothing shown can be tested against a guess. Short secrets get none at all.
import { hmacSha256 } from './hmac.ts';

/**
 * A fingerprint key: random bytes the caller draws (the engine reads no random source). Plain
 * data, so it crosses to a Web Worker with the rest of a diagnosis request.
 */
export interface FingerprintKey {
  readonly bytes: Uint8Array;
}

const encoder = new TextEncoder();

/** At least 128 bits: the key is the only thing between a fingerprint and a guess. */
export const FINGERPRINT_KEY_BYTES = 16;

/** each key's HMAC with its pads hashed once (a structured clone is a new object: it is keyed again) */
const macs = new WeakMap<FingerprintKey, (message: Uint8Array) => Uint8Array>();

function macOf(key: FingerprintKey): (message: Uint8Array) => Uint8Array {
  let mac = macs.get(key);
  if (!mac) macs.set(key, (mac = hmacSha256(key.bytes)));
  return mac;
}

/**
 * Secrets shorter than this (in characters) are shown as `••••` only: no character of them and
 * no fingerprint (a short secret is a guessable one, whatever the key).
 */
export const FINGERPRINT_MIN_CHARS = 16;

/** Any UTF-16 surrogate: where there is none (nearly always), code points are code units. */
const SURROGATE = /[\uD800-\uDFFF]/;
/** A string's code points, never splitting a surrogate pair, without an array when it has none. */
const codePoints = (s: string): string | string[] => (SURROGATE.test(s) ? Array.from(s) : s);
const length = (s: string): number => codePoints(s).length;

/**
 * 6 hex characters of HMAC-SHA-256(key, UTF-8 of the secret); undefined without a key or for a
 * short secret. Callers never fingerprint Basic or Digest credentials (a password is short in
 * entropy whatever its length).
 */
export function fingerprint(secret: string, key: FingerprintKey | undefined): string | undefined {
  // a key too short to resist a search is no key
  if (!key || key.bytes.length < FINGERPRINT_KEY_BYTES || length(secret) < FINGERPRINT_MIN_CHARS) return undefined;
  const mac = macOf(key)(encoder.encode(secret));
  return Array.from(mac.subarray(0, 3), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Never reveal more than this share of the secret's characters. */
const MAX_SHARE = 0.4;

/**
 * `eyJhbGciOi…x7Qw #3fa2c1` for long secrets (at most 10 leading and 4 trailing characters, and
 * never more than 40% of them; the fingerprint only with a key), `••••` for short ones.
 */
export function maskSecret(secret: string, key?: FingerprintKey): string {
  const chars = codePoints(secret);
  const n = chars.length;
  if (n < FINGERPRINT_MIN_CHARS) return '••••';
  const fp = fingerprint(secret, key);
  const budget = Math.min(14, Math.floor(n * MAX_SHARE));
  const tail = Math.min(4, Math.floor(budget / 3));
  const head = budget - tail;
  const cut = (from: number, to?: number): string => {
    const part = chars.slice(from, to);
    return typeof part === 'string' ? part : part.join('');
  };
  return `${cut(0, head)}…${cut(n - tail)}${fp ? ` #${fp}` : ''}`;
}

/**
 * The fingerprint of an Authorization value, as a whole: none for Basic and Digest (they carry a
 * password, guessable from a word list whatever the key) nor without a key.
 */
export function authorizationFingerprint(value: string, key: FingerprintKey | undefined): string | undefined {
  return /^\s*(basic|digest)(\s|$)/i.test(value) ? undefined : fingerprint(value.trim(), key);
}
