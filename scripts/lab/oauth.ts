// The OAuth parts of the lab, started by startLab: the OpenID Provider (its own origin on
// localhost), the app routes on the primary origin, and the MCP server (its own port). Routes
// are handed out before the servers listen; `start` builds what needs the final origins.
import type Provider from 'oidc-provider';
import type { Express } from 'express';
import { createRemoteJWKSet } from 'jose';
import type { OAuthMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { send, type Route } from './http.ts';
import { DEFAULT_LIFETIMES, type TokenLifetimes } from './oidc/clients.ts';
import { createProvider, secureSessionCookies } from './oidc/provider.ts';
import { interactionRoute } from './oidc/interactions.ts';
import { oauthAppRoutes, type AppOrigins } from './oidc/app-routes.ts';
import { createMcpApp } from './mcp/server.ts';

export interface OAuthLabOptions {
  /** token lifetimes (seconds); tests shorten them */
  lifetimes?: Partial<TokenLifetimes>;
}

export interface OAuthParts {
  /** on the primary origin */
  app: Route;
  idp: Route;
  mcp: Route;
  /** once every origin is known (the servers listen) */
  start(): Promise<void>;
}

export function oauthParts(origins: AppOrigins, o: OAuthLabOptions = {}): OAuthParts {
  let provider: Provider | undefined;
  let handle: ReturnType<Provider['callback']> | undefined;
  let mcp: Express | undefined;
  const starting = (res: Parameters<Route>[0]['res']): true => (send(res, 503, 'The lab is starting'), true);
  return {
    app: oauthAppRoutes(origins),
    idp: async (c) => {
      if (!provider || !handle) return starting(c.res);
      secureSessionCookies(c.res);
      if (await interactionRoute(c, provider)) return true;
      await handle(c.req, c.res);
      return true;
    },
    mcp: (c) => {
      if (!mcp) return starting(c.res);
      mcp(c.req, c.res);
      return true;
    },
    async start() {
      provider = await createProvider({
        issuer: origins.idp,
        app: origins.primary,
        mcp: origins.mcp,
        lifetimes: { ...DEFAULT_LIFETIMES, ...o.lifetimes },
      });
      handle = provider.callback();
      // the resource server learns its authorization server by discovery, like any deployment
      const r = await fetch(new URL('/.well-known/openid-configuration', origins.idp));
      const asMetadata = (await r.json()) as OAuthMetadata & { jwks_uri: string };
      mcp = createMcpApp({ origin: origins.mcp, asMetadata, jwks: createRemoteJWKSet(new URL(asMetadata.jwks_uri)) });
    },
  };
}
