// Where an identity provider answers, by path (RFC 6749 token and authorization endpoints as
// vendors name them, OpenID Connect userinfo, vendor sign-in APIs), and an authorization request
// by its query (RFC 6749 §4.1.1: response_type and client_id are required). Rows of plain data,
// shared by the worker's capture (which must stay cheap) and the engine.

export type IdpEndpoint = 'token' | 'authorize' | 'userinfo' | 'authn' | 'discovery' | 'revocation';

interface EndpointRow {
  endpoint: IdpEndpoint;
  path: RegExp;
  /** the path alone is not enough: this host too */
  host?: RegExp;
}

export const IDP_ENDPOINTS: readonly EndpointRow[] = [
  // token endpoints: /token, /oauth/token, /oauth2/token, /oauth2/v2.0/token, Okta /oauth2/default/v1/token,
  // Keycloak /protocol/openid-connect/token, IdentityServer /connect/token, Django OAuth Toolkit /o/token/,
  // GitHub /login/oauth/access_token, Supabase /auth/v1/token, Firebase securetoken /v1/token
  { endpoint: 'token', path: /(^|\/)(oauth2?\/)?(v\d(\.\d)?\/)?token\/?$/i },
  { endpoint: 'token', path: /\/protocol\/openid-connect\/token$|\/connect\/token$|\/o\/token\/?$/i },
  { endpoint: 'token', path: /\/login\/oauth\/access_token$|\/oauth\/access_token$/i },
  { endpoint: 'token', path: /\/oauth2\/[^/]+\/v1\/token$/i },
  // machine logins that trade a role id and secret, a JWT or a cloud identity for a token: Vault and
  // OpenBao auth methods (/v1/auth/approle/login, /v1/auth/kubernetes/login), Consul and Nomad ACL login
  { endpoint: 'token', path: /^\/v1\/auth\/[\w.-]+(\/[\w.-]+)*\/login(\/[^/]+)?$|^\/v1\/acl\/login$/i },
  { endpoint: 'revocation', path: /\/(revoke|revocation)\/?$|\/protocol\/openid-connect\/revoke$/i },
  // authorization endpoints
  { endpoint: 'authorize', path: /\/(oauth2?\/)?(v\d(\.\d)?\/)?authorize\/?$/i },
  { endpoint: 'authorize', path: /\/protocol\/openid-connect\/auth$|\/connect\/authorize$|\/o\/oauth2\/(v2\/)?auth$/i },
  {
    endpoint: 'authorize',
    path: /\/oauth2\/[^/]+\/v1\/authorize$|\/i\/oauth2\/authorize$|\/login\/oauth\/authorize$/i,
  },
  { endpoint: 'authorize', path: /\/(reprocess|login\.srf|kmsi)$/i, host: /^login\.(microsoftonline\.com|live\.com)$/ },
  { endpoint: 'userinfo', path: /\/(oauth2\/)?(v\d\/)?userinfo\/?$|\/openid-connect\/userinfo$|\/connect\/userinfo$/i },
  { endpoint: 'authn', path: /\/api\/v1\/authn(\/|$)/i },
  { endpoint: 'discovery', path: /\/\.well-known\/(openid-configuration|oauth-authorization-server)/i },
];

export function idpEndpoint(host: string, path: string): IdpEndpoint | undefined {
  for (const row of IDP_ENDPOINTS) if (row.path.test(path) && (!row.host || row.host.test(host))) return row.endpoint;
  return undefined;
}

const RESPONSE_TYPE = /[?&]response_type=/i;
const CLIENT_ID = /[?&]client_id=/i;

/**
 * A query that is an authorization request whatever the path (oidc-provider's /auth, a tenant's
 * own route): response_type and client_id are both there.
 */
export function isAuthorizationQuery(search: string): boolean {
  return RESPONSE_TYPE.test(search) && CLIENT_ID.test(search);
}
