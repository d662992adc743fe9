// The lab's OpenID Provider: node-oidc-provider (OpenID Certified), configured as a real
// deployment would be for a browser app: code flow with PKCE required (S256 only), refresh
// tokens rotated at every use (a reused one is refused, OAuth 2.0 Security BCP §4.14.2), JWT
// access tokens for RFC 8707 resource indicators, CORS only for the registered app's origin,
// open dynamic client registration (RFC 7591, what MCP clients use).
// https://github.com/panva/node-oidc-provider/blob/main/docs/README.md
import Provider, { errors, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { memoryAdapter } from './adapter.ts';
import { APP_PATHS, CLIENTS, MCP_SCOPE, SECRETS, USER, type TokenLifetimes } from './clients.ts';

export interface ProviderOptions {
  /** http://localhost:P (another site than the app: localhost vs 127.0.0.1) */
  issuer: string;
  /** the app origin, http://127.0.0.1:P1 */
  app: string;
  /** the MCP server origin; every resource under it is a resource server of this provider */
  mcp: string;
  lifetimes: TokenLifetimes;
}

/** The notes API's resource identifier (RFC 8707 §2): the audience of its access tokens. */
export const notesResource = (app: string): string => app + APP_PATHS.api;

export function labClients(app: string): ClientMetadata[] {
  const redirect_uris = [app + APP_PATHS.callback, app + APP_PATHS.silentCallback];
  const spa = {
    redirect_uris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code' as const],
    token_endpoint_auth_method: 'none' as const,
  };
  return [
    { client_id: CLIENTS.spa, client_name: 'Lab notes app', ...spa },
    { client_id: CLIENTS.brief, client_name: 'Lab notes app (short-lived tokens)', ...spa },
    {
      client_id: CLIENTS.web,
      client_name: 'Lab notes web backend',
      client_secret: SECRETS.web,
      redirect_uris,
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    {
      client_id: CLIENTS.agent,
      client_name: 'Lab MCP agent',
      client_secret: SECRETS.agent,
      redirect_uris: [],
      response_types: [],
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ];
}

export async function createProvider(o: ProviderOptions): Promise<Provider> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signing = { ...(await exportJWK(privateKey)), kid: 'lab-idp-es256', alg: 'ES256', use: 'sig' };
  const notes = notesResource(o.app);
  const brief = (clientId: string | undefined): boolean => clientId === CLIENTS.brief;
  const L = o.lifetimes;
  const config: Configuration = {
    adapter: memoryAdapter(),
    clients: labClients(o.app),
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      // one EC key signs everything: fast to make at start (an RSA key takes a while)
      id_token_signed_response_alg: 'ES256',
    },
    jwks: { keys: [signing] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // The session cookie must reach the provider from a cross-site iframe (prompt=none), as
      // at every hosted IdP; see secureSessionCookies for the Secure flag.
      long: { httpOnly: true, sameSite: 'none' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      registration: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // an authorization request without `resource` gets a token for the notes API
        defaultResource: (_ctx, _client, oneOf) => oneOf ?? notes,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => {
          const jwt = { accessTokenFormat: 'jwt' as const, jwt: { sign: { alg: 'ES256' as const } } };
          if (resource === notes)
            return {
              scope: 'notes:read',
              audience: notes,
              accessTokenTTL: brief(client.clientId) ? L.briefTtlS : L.accessTokenTtlS,
              ...jwt,
            };
          if (resource.startsWith(`${o.mcp}/`))
            return { scope: MCP_SCOPE, audience: resource, accessTokenTTL: L.accessTokenTtlS, ...jwt };
          throw new errors.InvalidTarget();
        },
      },
    },
    // lets the lab's driver answer the login and consent pages without a human
    extraParams: ['lab_auto'],
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    rotateRefreshToken: true,
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx, origin) => origin === o.app,
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) =>
      sub === USER.name ? { accountId: sub, claims: () => ({ sub, name: 'Alice Liddell' }) } : undefined,
    claims: { openid: ['sub'], profile: ['name'] },
    // the default page is the same text, plus a web font from fonts.googleapis.com: the lab stays offline
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? L.accessTokenTtlS,
      AuthorizationCode: 60,
      ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? L.accessTokenTtlS,
      IdToken: 3600,
      RefreshToken: (_ctx, _token, client) => (brief(client.clientId) ? L.briefTtlS : L.refreshTokenTtlS),
      Interaction: 600,
      Session: 86_400,
      Grant: 86_400,
    },
  };
  return new Provider(o.issuer, config);
}

/**
 * Koa will not set a Secure cookie over plain http, and a `SameSite=None` cookie without
 * Secure is refused by Chromium. Browsers do accept Secure cookies from http://localhost (a
 * potentially trustworthy origin), so the lab adds the flag at the edge, as a TLS-terminating
 * proxy does for an IdP behind it (nginx `proxy_cookie_flags ~ secure samesite=none`).
 */
export function secureSessionCookies(res: ServerResponse): void {
  const set = res.setHeader.bind(res);
  const flag = (c: string): string => (/;\s*samesite=none/i.test(c) && !/;\s*secure/i.test(c) ? `${c}; secure` : c);
  res.setHeader = ((name: string, value: number | string | readonly string[]) =>
    set(
      name,
      name.toLowerCase() !== 'set-cookie'
        ? value
        : Array.isArray(value)
          ? value.map(String).map(flag)
          : flag(String(value)),
    )) as typeof res.setHeader;
}

const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The provider's error page (an authorization request it will not redirect back, e.g. an unknown redirect_uri). */
function errorPage(out: object): string {
  const rows = Object.entries(out)
    .map(([k, v]) => `<pre><strong>${esc(k)}</strong>: ${esc(v)}</pre>`)
    .join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>oops! something went wrong</title>
<style>body{font-family:system-ui,sans-serif;max-width:30rem;margin:2rem auto}
h1{font-weight:200;text-align:center}</style>
</head><body><h1>oops! something went wrong</h1>${rows}</body></html>`;
}
