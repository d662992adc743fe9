// A real MCP server (the official TypeScript SDK) as an OAuth-protected resource of the lab's
// OpenID Provider, the way the SDK documents a resource server with a separate authorization
// server: mcpAuthMetadataRouter serves the RFC 9728 metadata, requireBearerAuth answers 401 with
// `resource_metadata` and checks tokens with a verifier, here jose against the provider's JWKS
// (the provider issues JWT access tokens for RFC 8707 resources). The SDK's own authorization
// router (mcpAuthRouter) would need an OAuthServerProvider of our making; the certified provider
// is the real thing. One endpoint per variant of scripts/lab/mcp/variants.ts.
// https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/server.md
import type { Express, RequestHandler } from 'express';
import cors from 'cors';
import type { JWTVerifyGetKey } from 'jose';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import {
  mcpAuthMetadataRouter,
  getOAuthProtectedResourceMetadataUrl,
} from '@modelcontextprotocol/sdk/server/auth/router.js';
import { metadataHandler } from '@modelcontextprotocol/sdk/server/auth/handlers/metadata.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { OAuthMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { MCP_SCOPE } from '../oidc/clients.ts';
import { jwtVerifier } from './verifier.ts';
import {
  HUGE_DOCUMENT_BYTES,
  MCP_VARIANTS,
  authorizationServerMetadataPath,
  facadeIssuerPath,
  resourceMetadataPath,
  type McpVariant,
} from './variants.ts';

export interface McpOptions {
  /** this server's origin, http://127.0.0.1:P4 */
  origin: string;
  /** the provider's discovery document (its issuer, endpoints, JWKS URI) */
  asMetadata: OAuthMetadata;
  /** the provider's signing keys */
  jwks: JWTVerifyGetKey;
}

const ALLOWED_HEADERS = ['Content-Type', 'Authorization', 'Mcp-Session-Id', 'Mcp-Protocol-Version'];
/** CORS for browser-based MCP clients, with the challenge readable by scripts */
const endpointCors = cors({
  origin: '*',
  exposedHeaders: ['Mcp-Session-Id', 'WWW-Authenticate'],
  allowedHeaders: ALLOWED_HEADERS,
});
/** the SDK README's CORS example as written: Mcp-Session-Id exposed, WWW-Authenticate not */
const readmeCors = cors({ origin: '*', exposedHeaders: ['Mcp-Session-Id'], allowedHeaders: ALLOWED_HEADERS });

function mcpServer(): McpServer {
  const server = new McpServer({ name: 'authlens-lab', version: '1.0.0' });
  server.registerTool('whoami', { description: 'Who the access token was issued to' }, (extra) => ({
    content: [
      { type: 'text', text: `client ${extra.authInfo?.clientId ?? '?'}, scopes ${extra.authInfo?.scopes.join(' ')}` },
    ],
  }));
  return server;
}

/** Streamable HTTP, stateless: a server and a transport per request (the SDK's stateless example). */
const mcpHandler: RequestHandler = async (req, res) => {
  if (req.method !== 'POST') {
    res
      .status(405)
      .set('Allow', 'POST')
      .json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
    return;
  }
  const server = mcpServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
};

export function createMcpApp(o: McpOptions): Express {
  const app = createMcpExpressApp({ host: '127.0.0.1' });
  const resourceUrl = (v: McpVariant): URL => new URL(v.path, o.origin);
  const facade = (v: McpVariant): string => o.origin + facadeIssuerPath(v.id);
  const prm = (v: McpVariant, more: Record<string, unknown> = {}) => ({
    resource: resourceUrl(v).href,
    authorization_servers: [o.asMetadata.issuer],
    scopes_supported: [MCP_SCOPE],
    resource_name: `AuthLens lab MCP (${v.id})`,
    ...more,
  });

  for (const v of MCP_VARIANTS) {
    const resource = resourceUrl(v);
    const metadataUrl = getOAuthProtectedResourceMetadataUrl(resource);
    const metadataPath = resourceMetadataPath(v.path);
    const asFacade = (changes: Partial<OAuthMetadata>): OAuthMetadata => ({ ...o.asMetadata, ...changes });
    switch (v.id) {
      case 'ok':
      case 'scope-not-supported':
      case 'challenge-not-exposed':
        app.use(
          mcpAuthMetadataRouter({
            oauthMetadata: o.asMetadata,
            resourceServerUrl: resource,
            scopesSupported: [MCP_SCOPE],
          }),
        );
        break;
      case 'no-s256':
      case 'no-registration': {
        const changes: Partial<OAuthMetadata> =
          v.id === 'no-s256'
            ? { issuer: facade(v), code_challenge_methods_supported: ['plain'] }
            : { issuer: facade(v), registration_endpoint: undefined };
        const meta = asFacade(changes);
        app.use(
          authorizationServerMetadataPath(facadeIssuerPath(v.id)),
          metadataHandler(JSON.parse(JSON.stringify(meta))),
        );
        app.use(
          mcpAuthMetadataRouter({ oauthMetadata: meta, resourceServerUrl: resource, scopesSupported: [MCP_SCOPE] }),
        );
        break;
      }
      case 'issuer-mismatch':
        // a mirror of the provider's metadata, served at another address than its issuer
        app.use(authorizationServerMetadataPath(facadeIssuerPath(v.id)), metadataHandler(o.asMetadata));
        app.use(metadataPath, metadataHandler(prm(v, { authorization_servers: [facade(v)] })));
        break;
      case 'resource-mismatch':
        app.use(metadataPath, metadataHandler(prm(v, { resource: 'http://mcp.internal:3000/mcp' })));
        break;
      case 'no-authorization-servers':
        app.use(metadataPath, metadataHandler(prm(v, { authorization_servers: undefined })));
        break;
      case 'metadata-no-cors':
        app.get(metadataPath, (_req, res) => void res.json(prm(v)));
        break;
      case 'metadata-not-json':
        app.get(metadataPath, cors(), (_req, res) => {
          res
            .type('html')
            .send('<!DOCTYPE html><html><head><title>Lab app</title></head><body><div id="root"></div></body></html>');
        });
        break;
      case 'metadata-too-large': {
        let doc: Buffer | undefined;
        app.get(metadataPath, cors(), (_req, res) => {
          doc ??= hugeDocument(JSON.stringify(prm(v)));
          res.type('json').set('Content-Length', String(doc.length)).end(doc);
        });
        break;
      }
      case 'metadata-redirect-loop':
        app.get(metadataPath, cors(), (_req, res) => res.redirect(302, '/metadata/loop.json'));
        app.get('/metadata/loop.json', cors(), (_req, res) => res.redirect(302, metadataPath));
        break;
      default:
        throw new Error(`no mount for MCP variant ${v.id}`);
    }
    const auth = requireBearerAuth({
      verifier: jwtVerifier({ issuer: o.asMetadata.issuer, jwks: o.jwks, resource: resource.href }),
      resourceMetadataUrl: metadataUrl,
      requiredScopes: v.id === 'scope-not-supported' ? ['mcp:admin'] : [],
      expectedResource: resource,
    });
    app.all(v.path, v.id === 'challenge-not-exposed' ? readmeCors : endpointCors, auth, mcpHandler);
  }
  app.use((_req, res) => void res.status(404).json({ error: 'not_found' }));
  return app;
}

/** Valid JSON of exactly HUGE_DOCUMENT_BYTES: the metadata padded with a long member. */
function hugeDocument(json: string): Buffer {
  const head = `${json.slice(0, -1)},"padding":"`;
  const tail = '"}';
  return Buffer.from(head + 'x'.repeat(HUGE_DOCUMENT_BYTES - head.length - tail.length) + tail);
}
