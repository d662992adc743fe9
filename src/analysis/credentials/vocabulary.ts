// The one credential vocabulary: which request headers, URL parameters and values carry a secret.
// The engine reads credentials with it ("a credential went out") and every view that masks uses
// the same answers through the engine's face, so what is diagnosed as a credential is never shown
// in clear. Names are compared case-insensitively; parameter names also ignore `-` and `_`
// (`access_token`, `accessToken`, `access-token` are one name).
import { identifyToken } from './token-formats.ts';

/** Request headers that carry a credential whatever their value. */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'cookie2',
  'x-api-key',
  'api-key',
  'apikey',
  'x-apikey',
  'ocp-apim-subscription-key', // Azure API Management, Azure AI services
  'x-goog-api-key',
  'x-functions-key', // Azure Functions
  'private-token', // GitLab
  'job-token', // GitLab CI
  'x-shopify-access-token',
  'x-vault-token',
  'dd-api-key', // Datadog
  'dd-application-key',
  'x-amz-security-token', // AWS temporary credentials
  'x-auth-key', // Cloudflare global API key (with X-Auth-Email)
  'cf-access-jwt-assertion', // Cloudflare Access
  'cf-access-client-secret',
  'x-goog-iap-jwt-assertion', // Google Identity-Aware Proxy
  'x-ms-token-aad-access-token', // Azure App Service authentication
  'x-ms-token-aad-id-token',
  'x-forwarded-access-token', // oauth2-proxy
  'x-hub-signature', // signed webhooks
  'x-hub-signature-256',
  'stripe-signature',
]);

/** Headers whose names look like credentials but are not secrets (nonces, keys of other things). */
const NOT_CREDENTIALS = new Set([
  'sec-websocket-key',
  'idempotency-key',
  'x-idempotency-key',
  'x-api-version',
  'api-version',
  'x-amz-content-sha256',
  'dpop-nonce',
  'x-cache-key',
  'access-control-allow-credentials',
  'x-amz-server-side-encryption-customer-key-md5',
]);

/** Anti-CSRF tokens: secrets tied to a session (masked), but they do not say who is calling. */
const CSRF_HEADERS = /^(x-)?(csrf|xsrf)(-?token)?$|^x-csrftoken$|^x-wp-nonce$|^jenkins-crumb$|^x-requested-token$/;

/** Headers to mask that are not credentials themselves: responses setting a secret, a DPoP proof. */
const OTHER_SECRET_HEADERS = new Set(['set-cookie', 'set-cookie2', 'dpop']);

// A name part that makes a header a credential: X-Figma-Token, X-Refresh-Token, X-Secret-Key,
// X-Postmark-Server-Token, X-Forwarded-Authorization, X-Session-Id, X-Api-Auth, X-CMC_PRO_API_KEY...
const CREDENTIAL_NAME =
  /(^|[-_])(token|secret|password|passwd|key|apikey|auth|authorization|sessionid|session-id|jwt|assertion|signature|credential)$|^x-api-(key|token|secret|auth)/;

/** Headers whose value is a URL that may carry a token (OAuth redirects put `code` or `#access_token` there). */
const URL_HEADERS = new Set(['location', 'referer', 'content-location', 'origin']);

// Parameter names, lower case with `-` and `_` removed.
const CREDENTIAL_PARAMS = new Set([
  'accesstoken',
  'idtoken',
  'refreshtoken',
  'token',
  'authtoken',
  'apikey',
  'apitoken',
  'key',
  'privatetoken',
  'sessiontoken',
  'subjecttoken',
  'oauthtoken',
  'oauthverifier',
  'clientsecret',
  'secret',
  'password',
  'passwd',
  'pwd',
  'sessionid',
  'jsessionid',
  'phpsessid',
  'aspsessionid',
  'sid',
  'samlresponse',
  'samlart',
  'ticket', // CAS service tickets
  'code', // OAuth authorization codes
  'codeverifier',
  'assertion',
  'clientassertion',
  'idtokenhint', // OIDC: a whole ID token in the URL
  'devicecode', // RFC 8628
  'usercode',
  'authcode', // authorization codes under vendors' own names
  'authorizationcode',
  'otp', // one-time passwords and MFA codes in sign-in URLs
  'mfacode',
  'passcode',
  'jwt',
  'auth',
  'sig', // Azure SAS
  'signature', // CloudFront, Alibaba, Backblaze...
  'xamzsignature', // S3 presigned URLs
  'xamzcredential',
  'xamzsecuritytoken',
  'xgoogsignature', // GCS signed URLs
  'xgoogcredential',
  'googleaccessid',
  'hmac',
]);

const CREDENTIAL_PARAM_SUFFIX =
  /(token|secret|password|passwd|apikey|accesskey|secretkey|privatekey|signature|sessionid)$/;

/** Parameters that authenticate the request they are on (a bearer credential in the URL, RFC 6750 §2.3). */
const QUERY_TOKEN_PARAMS = new Set([
  'accesstoken',
  'apikey',
  'token',
  'key',
  'idtoken',
  'authtoken',
  'privatetoken',
  'apitoken',
  'xamzsecuritytoken',
  'oauthtoken',
  'jwt',
  'appid', // OpenWeatherMap, Wolfram|Alpha: the key itself is called appid
]);

// Vendor-prefixed key names (x-algolia-api-key, stripe_api_key, app_key, x-api-access-key...): a name
// that ends in a key or token word of its own. A bare "...token" is left out: page and sync tokens
// (pageToken, syncToken, continuationToken) are cursors, not credentials.
const QUERY_TOKEN_SUFFIX =
  /(apikey|apitoken|accesstoken|accesskey|authtoken|appkey|applicationkey|secretkey|apisecret)$/;

const normalParam = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

/** JWS (three base64url parts) or JWE (five) whose header is JSON. */
const JWT_SHAPE = /^eyJ[\w-]{4,}\.[\w-]*\.[\w-]*(\.[\w-]*\.[\w-]*)?$/;
const AUTH_VALUE = /^(bearer|basic|token|dpop|ssws|apikey|key|sso-key|otoken)\s+\S{8,}/i;

/** A value shaped like a secret whatever its name: a JWT, a vendor token format, "Bearer <token>". */
export function looksLikeSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < 8 || v.length > 65536) return false;
  return JWT_SHAPE.test(v) || identifyToken(v) !== undefined || AUTH_VALUE.test(v);
}

/**
 * The request header carries a credential: a known name (Authorization, Cookie, X-API-Key,
 * X-Shopify-Access-Token, PRIVATE-TOKEN...), a credential-looking name (*-token, *-secret,
 * *-api-key, x-api-key...) with a value, or any name whose value is shaped like a secret.
 * Anti-CSRF tokens are secrets but not credentials (isSecretHeader).
 */
export function isCredentialHeader(name: string, value?: string): boolean {
  const n = name.trim().toLowerCase();
  if (value !== undefined && value.trim() === '') return false;
  if (CREDENTIAL_HEADERS.has(n)) return true;
  if (NOT_CREDENTIALS.has(n) || OTHER_SECRET_HEADERS.has(n) || CSRF_HEADERS.test(n)) return false;
  if (CREDENTIAL_NAME.test(n)) return true;
  return value !== undefined && looksLikeSecret(value);
}

/** The header's value must be masked wherever it is shown or exported. */
export function isSecretHeader(name: string, value?: string): boolean {
  const n = name.trim().toLowerCase();
  if (NOT_CREDENTIALS.has(n)) return false;
  return (
    OTHER_SECRET_HEADERS.has(n) ||
    CSRF_HEADERS.test(n) ||
    isCredentialHeader(n, value) ||
    (value !== undefined && looksLikeSecret(value))
  );
}

/** The header's value is a URL whose parameters may hold secrets (mask it with maskUrl). */
export const isUrlHeader = (name: string): boolean => URL_HEADERS.has(name.trim().toLowerCase());

/** A query, fragment or form parameter of this name carries a secret (masking must hide its value). */
export function isCredentialParam(name: string): boolean {
  const n = normalParam(name);
  return CREDENTIAL_PARAMS.has(n) || CREDENTIAL_PARAM_SUFFIX.test(n) || isQueryTokenParam(n);
}

/** A query parameter of this name authenticates the request it is on (token-in-query). */
export function isQueryTokenParam(name: string): boolean {
  const n = normalParam(name);
  return QUERY_TOKEN_PARAMS.has(n) || QUERY_TOKEN_SUFFIX.test(n);
}
