// The lab's MCP server, served right once and with each discovery misconfiguration the
// discovery doctor checks (RFC 9728 protected resource metadata, RFC 8414 / OpenID discovery,
// the MCP authorization spec). Plain data, read by scripts/lab/mcp/server.ts (which mounts one
// MCP endpoint per variant on the MCP origin) and by whoever checks discovery against it.
// https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization

export interface McpVariant {
  id: string;
  /** the MCP endpoint's path on the MCP origin (its RFC 9728 resource is origin + path) */
  path: string;
  /** what is wrong; '' for the variant served right */
  wrong: string;
  /** the document at fault */
  at: 'none' | 'resource-metadata' | 'authorization-server-metadata' | 'mcp-endpoint';
  /** the finding the discovery doctor puts first (docs/findings.md); undefined where every check passes */
  finding?: string;
  /** one line: what a client that follows discovery from this endpoint meets */
  expect: string;
}

/** RFC 9728 §3.1: the metadata URL of a resource, the well-known segment inserted before its path. */
export const resourceMetadataPath = (path: string): string => `/.well-known/oauth-protected-resource${path}`;
/** RFC 8414 §3.1: the metadata URL of an issuer with a path, the well-known segment inserted the same way. */
export const authorizationServerMetadataPath = (issuerPath: string): string =>
  `/.well-known/oauth-authorization-server${issuerPath}`;
/** where the lab serves the authorization server facades some variants point to */
export const facadeIssuerPath = (id: string): string => `/as/${id}`;

/** Size of the oversized resource metadata document (the doctor caps each fetch at 256 KB). */
export const HUGE_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const MCP_VARIANTS: readonly McpVariant[] = [
  {
    id: 'ok',
    path: '/mcp',
    wrong: '',
    at: 'none',
    expect:
      '401 with resource_metadata; the metadata names the resource and the lab provider, whose discovery ' +
      'document has S256, a registration_endpoint and the mcp:tools scope; a token for this resource is accepted.',
  },
  {
    id: 'resource-mismatch',
    path: '/resource-mismatch/mcp',
    wrong: 'the metadata `resource` is another URL than the endpoint (an internal address copied into the config)',
    at: 'resource-metadata',
    finding: 'discovery-resource-mismatch',
    expect:
      'resource_metadata answers 200 JSON whose `resource` is not <origin>/resource-mismatch/mcp (RFC 9728 §3.3).',
  },
  {
    id: 'no-authorization-servers',
    path: '/no-authorization-servers/mcp',
    wrong: 'the metadata has no `authorization_servers`',
    at: 'resource-metadata',
    finding: 'discovery-no-authorization-servers',
    expect: 'resource_metadata answers 200 JSON without `authorization_servers`: a client has nowhere to get a token.',
  },
  {
    id: 'issuer-mismatch',
    path: '/issuer-mismatch/mcp',
    wrong: 'the authorization server metadata found at <origin>/as/issuer-mismatch says `issuer` is the lab provider',
    at: 'authorization-server-metadata',
    finding: 'discovery-issuer-mismatch',
    expect:
      'authorization_servers lists <origin>/as/issuer-mismatch; its RFC 8414 metadata has another `issuer` ' +
      '(RFC 8414 §3.3: the client must stop).',
  },
  {
    id: 'no-s256',
    path: '/no-s256/mcp',
    wrong: 'the authorization server advertises only `plain` in code_challenge_methods_supported',
    at: 'authorization-server-metadata',
    finding: 'discovery-pkce-s256-unsupported',
    expect:
      'the authorization server metadata (<origin>/as/no-s256) has code_challenge_methods_supported ["plain"]: ' +
      'MCP clients must refuse.',
  },
  {
    id: 'no-registration',
    path: '/no-registration/mcp',
    wrong: 'the authorization server has no registration_endpoint and no client ID metadata document support',
    at: 'authorization-server-metadata',
    finding: 'discovery-no-registration',
    expect:
      'the authorization server metadata (<origin>/as/no-registration) has neither registration_endpoint nor ' +
      'client_id_metadata_document_supported: a new client cannot get a client_id.',
  },
  {
    id: 'scope-not-supported',
    path: '/scope-not-supported/mcp',
    wrong: 'the challenge asks for scope `mcp:admin`, which the metadata’s scopes_supported does not list',
    at: 'mcp-endpoint',
    finding: 'discovery-scope-not-supported',
    expect:
      '401 `Bearer error="invalid_token", …, scope="mcp:admin", resource_metadata=…`; ' +
      'scopes_supported is ["mcp:tools"].',
  },
  {
    id: 'metadata-no-cors',
    path: '/metadata-no-cors/mcp',
    wrong: 'the resource metadata is served without CORS headers',
    at: 'resource-metadata',
    finding: 'discovery-metadata-no-cors',
    expect: 'resource_metadata answers 200 JSON with no Access-Control-Allow-Origin: a web page cannot read it.',
  },
  {
    id: 'challenge-not-exposed',
    path: '/challenge-not-exposed/mcp',
    wrong: 'the MCP endpoint’s CORS exposes Mcp-Session-Id but not WWW-Authenticate (the SDK README’s CORS example)',
    at: 'mcp-endpoint',
    finding: 'discovery-challenge-not-exposed',
    expect:
      '401 with Access-Control-Allow-Origin but Access-Control-Expose-Headers without WWW-Authenticate: a ' +
      'cross-origin page never sees resource_metadata.',
  },
  {
    id: 'metadata-not-json',
    path: '/metadata-not-json/mcp',
    wrong: 'the resource metadata URL answers an HTML page (a single-page app’s fallback route)',
    at: 'resource-metadata',
    finding: 'discovery-metadata-not-json',
    expect: 'resource_metadata answers 200 text/html.',
  },
  {
    id: 'metadata-too-large',
    path: '/metadata-too-large/mcp',
    wrong: 'the resource metadata is a 10 MB document',
    at: 'resource-metadata',
    finding: 'discovery-metadata-too-large',
    expect: `resource_metadata answers 200 JSON of ${HUGE_DOCUMENT_BYTES} bytes (Content-Length says so).`,
  },
  {
    id: 'metadata-redirect-loop',
    path: '/metadata-redirect-loop/mcp',
    wrong: 'the resource metadata URL redirects to another document, which redirects back',
    at: 'resource-metadata',
    finding: 'discovery-redirect-loop',
    expect: 'resource_metadata answers 302 to /metadata/loop.json, which answers 302 back: a loop.',
  },
];

export function variantById(id: string): McpVariant | undefined {
  return MCP_VARIANTS.find((v) => v.id === id);
}
