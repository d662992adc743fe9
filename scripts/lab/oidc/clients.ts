// The lab's OpenID Provider registrations and lifetimes: plain data, shared by the provider
// (scripts/lab/oidc/provider.ts), the app routes, the OAuth scenarios and their tests.

/** Registered clients. The SPA ones are public (PKCE, no secret), as a browser app must be. */
export const CLIENTS = {
  /** the app's single-page client: code + PKCE, refresh tokens rotated at each use */
  spa: 'lab-spa',
  /** the same app with a provider policy of tokens that live seconds (expiry scenarios) */
  brief: 'lab-spa-brief',
  /** a confidential web client (client_secret_basic) */
  web: 'lab-web',
  /** a machine client (client_credentials) that asks tokens for the MCP resources */
  agent: 'lab-mcp-agent',
} as const;
export type ClientName = keyof typeof CLIENTS;

/** The lab's own throwaway secrets; the wrong-secret scenario sends something else. */
export const SECRETS = { web: 'lab-web-secret-2026', agent: 'lab-agent-secret-2026' } as const;

/** The one user of the provider's login page (the same as the lab's cookie sessions). */
export const USER = { name: 'alice', password: 'wonderland' } as const;

/** Paths on the app origin (the lab's primary, http://127.0.0.1:P1). */
export const APP_PATHS = {
  /** the page that lists the OAuth scenarios */
  page: '/lab/oauth',
  callback: '/signin/callback',
  silentCallback: '/signin/silent-callback',
  /** a redirect_uri nobody registered (same origin, another path) */
  unregistered: '/signin/other-callback',
  /** the protected API (RFC 8707 resource `${app}${api}`), JWT access tokens verified with jose */
  api: '/notes/api',
  /** a cookie-session API whose middleware sends unauthenticated calls to its login page */
  shopApi: '/shop/api/orders',
  shopLogin: '/shop/login',
} as const;

/** Scopes the app asks for: OpenID ones plus the notes API's own. */
export const APP_SCOPE = 'openid offline_access profile notes:read';
export const MCP_SCOPE = 'mcp:tools';

export interface TokenLifetimes {
  /** access and refresh token lifetime of the `brief` client, in seconds */
  briefTtlS: number;
  /** access token lifetime of every other client, in seconds */
  accessTokenTtlS: number;
  /** refresh token lifetime of every other client, in seconds */
  refreshTokenTtlS: number;
}

export const DEFAULT_LIFETIMES: TokenLifetimes = { briefTtlS: 2, accessTokenTtlS: 600, refreshTokenTtlS: 86_400 };

/**
 * How long a scenario waits for a `brief` token to be past its `exp`: JWT times are whole
 * seconds and `iat` is rounded down, so a token lives between ttl-1 and ttl seconds after it was
 * issued, and both judges (jose at the notes API, the provider for refresh tokens) call it expired
 * once the whole-second clock reaches `exp`. The wait starts after the token came back, so ttl
 * seconds always suffice, however slow the machine; a quarter second more covers a timer that
 * fires a little early.
 */
export const BRIEF_EXPIRY_WAIT_MS = DEFAULT_LIFETIMES.briefTtlS * 1000 + 250;
