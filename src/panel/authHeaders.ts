// Headers that matter to an auth failure: the detail pane highlights them (lower case).
const AUTH_HEADERS = new Set([
  'authorization', 'proxy-authorization', 'www-authenticate', 'proxy-authenticate', 'authentication-info',
  'cookie', 'set-cookie', 'date', 'location', 'origin', 'referer',
  'dpop', 'dpop-nonce', 'x-api-key', 'api-key', 'x-auth-token', 'x-access-token', 'private-token',
  'x-csrftoken', 'x-csrf-token', 'x-xsrf-token',
  'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-headers',
  'access-control-request-method', 'access-control-request-headers', 'access-control-expose-headers',
  'x-github-sso', 'x-oauth-scopes', 'x-accepted-oauth-scopes',
  'x-amzn-errortype', 'x-amz-date', 'x-amz-security-token', 'x-amzn-waf-action',
  'cf-mitigated', 'cf-ray', 'x-iinfo', 'x-sucuri-id',
]);

export function isAuthHeader(name: string): boolean {
  return AUTH_HEADERS.has(name.toLowerCase());
}
