// Which names carry secrets: request and response headers, query / fragment / form / JSON keys.
// Besides the credentials the engine reads (isApiKeyHeader, isCredentialParam), the names here
// are what OAuth, SAML, CAS, servlet containers and vendors put secrets under.
import { isApiKeyHeader, isCredentialParam } from '../analysis/index.ts';

/** Header names (lower case) whose whole value is a secret, besides the patterns below. */
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

// Vendor headers follow these endings: X-Shopify-Access-Token, X-Refresh-Token, X-Secret-Key,
// Cf-Access-Jwt-Assertion (Cloudflare Access), X-Goog-Iap-Jwt-Assertion (Google IAP),
// X-Forwarded-Authorization, X-Amz-Security-Token... Sec-WebSocket-Key, Idempotency-Key and
// DPoP-Nonce do not match: they are nonces, not credentials.
const SECRET_HEADER_PATTERN =
  /(^|-)(token|secret|password|passwd|api-?key|access-?key|(secret|private|signing|client|master)-?key|session-?id|authorization|assertion|jwt|credentials?)$/;

export function isSecretHeader(name: string): boolean {
  const n = name.trim().toLowerCase();
  return SECRET_HEADERS.has(n) || SECRET_HEADER_PATTERN.test(n) || isApiKeyHeader(n);
}

/** Headers whose value is a URL that may carry a token (OAuth puts `code` and `#access_token` there). */
const URL_HEADERS = new Set(['location', 'referer', 'content-location', 'origin', 'refresh']);

export const isUrlHeader = (name: string): boolean => URL_HEADERS.has(name.trim().toLowerCase());

/** `access_token`, `accessToken`, `Access-Token` all read as `accesstoken`. */
const squash = (name: string): string => name.toLowerCase().replace(/[-_.\s]/g, '');

/** Parameter and key names (squashed) whose value is a secret. */
const SECRET_PARAMS = new Set([
  'code', // OAuth authorization code (RFC 6749 §4.1.2)
  'key',
  'sig',
  'jwt',
  'auth',
  'pass',
  'pwd',
  'pin',
  'otp',
  'ticket', // CAS service ticket
  'samlresponse',
  'samlart',
  'session',
  'sid',
  'jsessionid',
  'phpsessid',
  'aspsessionid',
  'xamzcredential',
  'xgoogcredential',
  'idtokenhint', // OIDC: a whole ID token in the URL
  'clientassertion', // RFC 7523
  'assertion',
  'subjecttoken', // RFC 8693
  'actortoken',
  'devicecode', // RFC 8628
  'usercode',
]);

/** Name endings (squashed) that mark a secret: access_token, private_token, client_secret, code_verifier... */
const SECRET_PARAM_ENDINGS = /(token|secret|password|passwd|apikey|accesskey|privatekey|signature|sessionid|verifier)$/;

export function isSecretParam(name: string): boolean {
  const n = squash(name);
  return SECRET_PARAMS.has(n) || SECRET_PARAM_ENDINGS.test(n) || isCredentialParam(name);
}
