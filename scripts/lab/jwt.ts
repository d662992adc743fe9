// Real JWTs for the lab: signed and verified with jose, so "expired", "not yet valid",
// "another key" and "wrong audience" are what a real resource server decides, not canned text.
import { SignJWT, generateKeyPair, jwtVerify, errors, type CryptoKey } from 'jose';

export const ISSUER = 'http://127.0.0.1/lab-issuer';
export const AUDIENCE = 'lab-api';

export type TokenKind =
  'valid' | 'expired' | 'future' | 'foreign-key' | 'wrong-audience' | 'read-only' | 'password-only' | 'dpop' | 'brief';
export const TOKEN_KINDS: readonly TokenKind[] = [
  'valid',
  'expired',
  'future',
  'foreign-key',
  'wrong-audience',
  'read-only',
  'password-only',
  'dpop',
  'brief',
];

/** A 'brief' token lives this long: it works, then expires while the page still uses it. */
export const BRIEF_TOKEN_SECONDS = 2;

export interface Keys {
  lab: CryptoKeyPair;
  foreign: CryptoKeyPair;
}
interface CryptoKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export async function makeKeys(): Promise<Keys> {
  return { lab: await generateKeyPair('ES256'), foreign: await generateKeyPair('ES256') };
}

/** Mint a token of the given kind at `now` (ms). */
export async function mint(keys: Keys, kind: TokenKind, now: number): Promise<string> {
  const sec = Math.floor(now / 1000);
  let iat = sec;
  let exp = sec + 3600;
  let nbf: number | undefined;
  let aud = AUDIENCE;
  let scope = 'lab:read lab:write';
  let acr = 'urn:lab:mfa';
  let key = keys.lab;
  let kid = 'lab-2026';
  switch (kind) {
    case 'expired':
      iat = sec - 75 * 60;
      exp = sec - 15 * 60;
      break;
    // a token server whose clock runs ten minutes fast
    case 'future':
      iat = sec + 600;
      nbf = sec + 600;
      exp = sec + 600 + 3600;
      break;
    case 'foreign-key':
      key = keys.foreign;
      kid = 'lab-2025-retired';
      break;
    case 'wrong-audience':
      aud = 'billing-api';
      break;
    case 'read-only':
      scope = 'lab:read';
      break;
    case 'password-only':
      acr = 'urn:lab:pwd';
      break;
    case 'brief':
      exp = sec + BRIEF_TOKEN_SECONDS;
      break;
    default:
      break;
  }
  const jwt = new SignJWT({ scope, acr, azp: 'lab-spa' })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
    .setIssuer(ISSUER)
    .setAudience(aud)
    .setSubject('alice')
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(`${kind}-${now}-${Math.random().toString(36).slice(2, 8)}`);
  if (nbf !== undefined) jwt.setNotBefore(nbf);
  return jwt.sign(key.privateKey);
}

export type Verdict = { ok: true; claims: Record<string, unknown> } | { ok: false; description: string };

/** Verify as a resource server would; `now` (ms) is the server clock. */
export async function verify(keys: Keys, token: string, now: number): Promise<Verdict> {
  try {
    const { payload } = await jwtVerify(token, keys.lab.publicKey, {
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: new Date(now),
      clockTolerance: 0,
    });
    return { ok: true, claims: payload as Record<string, unknown> };
  } catch (e) {
    return { ok: false, description: describe(e) };
  }
}

/** Why a JWT was refused, in the words a resource server puts in `error_description`. */
export function describe(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'The access token expired';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'nbf' || e.claim === 'iat') return 'The access token is not yet valid';
    if (e.claim === 'aud') return 'The access token audience is not accepted';
    return `The access token ${e.claim} claim is invalid`;
  }
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'The access token signature is invalid';
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return 'The access token is malformed';
  return 'The access token is invalid';
}

export function scopesOf(claims: Record<string, unknown>): string[] {
  return typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
}
