// The discovery doctor's findings: what each id means, what it rests on, how to fix it. Drafted
// by the checks beside this file (checks.ts, documents.ts, walk.ts), never by diagnose(): these
// need documents fetched on the user's request.
import { consumer, defineFindings, server } from '../finding.ts';
import { code } from '../snippets.ts';
import { link, mdn, rfc, MDN_CORS } from '../refs.ts';

const MCP_AUTH = link(
  'MCP authorization (2025-11-25)',
  'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization',
);
const MCP_SDK_AUTH = link(
  'MCP TypeScript SDK: client/auth.ts',
  'https://github.com/modelcontextprotocol/typescript-sdk/blob/main/src/client/auth.ts',
);
const OIDC_DISCOVERY = link(
  'OpenID Connect Discovery 1.0 §4',
  'https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig',
);
const CIMD = link(
  'OAuth Client ID Metadata Document',
  'https://datatracker.ietf.org/doc/draft-ietf-oauth-client-id-metadata-document/',
);
const EXPOSE = mdn('HTTP/Reference/Headers/Access-Control-Expose-Headers', 'Access-Control-Expose-Headers');

const SERVE_JSON = server(
  'Serve the metadata as a JSON object with Content-Type: application/json at that exact URL, and answer 404 ' +
    '(not an HTML page) where there is none.',
);

export const DISCOVERY = defineFindings('discovery', {
  'discovery-ok': {
    title: 'Discovery step passed',
    severity: 'ok',
    means: 'This step of OAuth discovery works: the document was fetched and says what a client needs here.',
    restsOn: 'The document fetched on request (URL, status and what it holds, shown as evidence).',
    fixes: [consumer('Nothing to fix at this step.')],
    references: [rfc(9728, '3'), rfc(8414, '3'), MCP_AUTH],
  },
  'discovery-challenge-no-resource-metadata': {
    title: 'Challenge does not point to the resource metadata',
    severity: 'warning',
    means:
      'The 401 carries no resource_metadata parameter (RFC 9728 §5.1), so a client must guess the metadata ' +
      'URL from the well-known locations. MCP 2025-11-25 allows either, but clients built for 2025-06-18 read ' +
      'only the header.',
    restsOn: 'The WWW-Authenticate header of the failing response (no resource_metadata in any challenge).',
    fixes: [
      server(
        'Name the metadata in the challenge.',
        code(
          'http',
          'WWW-Authenticate: Bearer resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/mcp"',
        ),
      ),
    ],
    references: [rfc(9728, '5.1'), MCP_AUTH],
  },
  'discovery-challenge-not-exposed': {
    title: 'Page scripts cannot read the challenge',
    severity: 'error',
    means:
      'The request came from a web page on another origin. Without Access-Control-Allow-Origin the page reads ' +
      'nothing of the answer; without WWW-Authenticate in Access-Control-Expose-Headers it reads the 401 but ' +
      'not the challenge, so a browser-based client never learns resource_metadata or the scope.',
    restsOn:
      'The Origin or initiator of the failing request, and the Access-Control-Allow-Origin and ' +
      'Access-Control-Expose-Headers of its answer.',
    fixes: [
      server(
        'Expose the challenge to scripts on the 401 as well as on successes.',
        code('js', "cors({ origin: '*', exposedHeaders: ['Mcp-Session-Id', 'WWW-Authenticate'] })"),
      ),
    ],
    references: [EXPOSE, MDN_CORS, MCP_AUTH],
  },
  'discovery-metadata-not-found': {
    title: 'Metadata not found',
    severity: 'error',
    means:
      'No protected resource metadata was found at the URL the challenge names, nor at the well-known URLs ' +
      'of RFC 9728 §3.1, so a client cannot learn which authorization server issues tokens for this resource.',
    restsOn: 'The status of each URL tried (a 4xx or 5xx answer); each is listed as a step.',
    fixes: [
      server(
        'Publish the metadata at the path-inserted well-known URL (and name it in the challenge).',
        code(
          'js',
          "app.use(mcpAuthMetadataRouter({ oauthMetadata, resourceServerUrl: new URL('https://api.example.com/mcp') }))",
        ),
      ),
    ],
    references: [rfc(9728, '3.1'), MCP_AUTH],
  },
  'discovery-fetch-failed': {
    title: 'Metadata could not be fetched',
    severity: 'error',
    means:
      'The request for the document got no HTTP answer: the host did not resolve, refused the connection, ' +
      'the TLS handshake failed or it did not answer within 5 seconds.',
    restsOn: 'The error the fetch ended with, for the URL shown.',
    fixes: [
      server('Serve the document from a host clients can reach (not an internal name or port).'),
      consumer('Check the URL is reachable from where the client runs (VPN, proxy, firewall).'),
    ],
    references: [rfc(9728, '3.1'), rfc(8414, '3')],
  },
  'discovery-metadata-not-json': {
    title: 'Metadata is not JSON',
    severity: 'error',
    means:
      'The URL answered 2xx but not with a JSON object (often a single-page app serving its HTML for every ' +
      'path). Clients fail to parse it and stop.',
    restsOn: 'The Content-Type and the first characters of the body (RFC 9728 §3.2, RFC 8414 §3.2: a JSON object).',
    fixes: [SERVE_JSON],
    references: [rfc(9728, '3.2'), rfc(8414, '3.2')],
  },
  'discovery-metadata-too-large': {
    title: 'Metadata document too large',
    severity: 'error',
    means:
      'The document is larger than 256 KB. Metadata is a few kilobytes; a client that reads it whole wastes ' +
      'memory and time, and AuthLens stops reading at the cap.',
    restsOn: 'The Content-Length of the answer, or the bytes read before the cap was reached.',
    fixes: [server('Serve only the metadata members (RFC 9728 §2, RFC 8414 §2): a few kilobytes.')],
    references: [rfc(9728, '2'), rfc(8414, '2')],
  },
  'discovery-redirect-loop': {
    title: 'Metadata redirects in a loop',
    severity: 'error',
    means:
      'The metadata URL redirects to a URL already visited (or more than 5 times in a row). Clients give up ' +
      'with a network error that names no cause.',
    restsOn: 'The Location of each redirect, in order.',
    fixes: [server('Serve the document at the URL itself, with 200.')],
    references: [rfc(9110, '15.4'), MCP_SDK_AUTH],
  },
  'discovery-redirect-refused': {
    title: 'Metadata redirects elsewhere',
    severity: 'error',
    means:
      'The metadata URL redirects to another origin (or the redirect target cannot be used). AuthLens follows ' +
      'redirects only within the origin asked, as the MCP TypeScript SDK does: a document from another origin ' +
      'is not the document the client derived from the resource or issuer, and in a browser a script cannot ' +
      'see where a redirect goes at all.',
    restsOn: 'The status and Location of the redirect, against the URL requested.',
    fixes: [server('Serve the metadata at the well-known URL of the resource or issuer itself, with 200.')],
    references: [rfc(9728, '3.1'), rfc(8414, '3.1'), MCP_SDK_AUTH],
  },
  'discovery-fetch-limit': {
    title: 'Discovery stopped at its request limit',
    severity: 'warning',
    means: 'A run makes at most 16 requests; the remaining documents were not fetched.',
    restsOn: 'The count of requests made in this run.',
    fixes: [server('Fewer redirects and fewer authorization servers make discovery cheaper for every client.')],
    references: [rfc(9728, '3'), MCP_AUTH],
  },
  'discovery-resource-mismatch': {
    title: 'Metadata is for another resource',
    severity: 'error',
    means:
      'The metadata `resource` is not the URL the client called. RFC 9728 §3.3 says it must be identical, and a ' +
      'client must not use the metadata otherwise (an attacker could point it to another resource’s metadata).',
    restsOn: 'The `resource` member of the protected resource metadata, against the URL of the failing request.',
    fixes: [
      server(
        'Set `resource` to the public URL clients call (not an internal address or another path).',
        code(
          'js',
          "mcpAuthMetadataRouter({ oauthMetadata, resourceServerUrl: new URL('https://api.example.com/mcp') })",
        ),
      ),
    ],
    references: [rfc(9728, '3.3'), rfc(8707, '2'), MCP_AUTH],
  },
  'discovery-no-authorization-servers': {
    title: 'Metadata names no authorization server',
    severity: 'error',
    means:
      'The protected resource metadata has no `authorization_servers` (or an empty list): a client has nowhere ' +
      'to get a token. MCP servers must list at least one.',
    restsOn: 'The `authorization_servers` member of the protected resource metadata (RFC 9728 §2).',
    fixes: [
      server(
        'List the issuer URL of each authorization server.',
        code('js', '"authorization_servers": ["https://auth.example.com"]'),
      ),
    ],
    references: [rfc(9728, '2'), MCP_AUTH],
  },
  'discovery-authorization-server-not-url': {
    title: 'Authorization server is not a URL',
    severity: 'error',
    means:
      'An entry of `authorization_servers` is not an absolute http(s) URL, so no metadata URL can be derived ' +
      'from it. Issuer identifiers are https URLs without query or fragment (RFC 8414 §2).',
    restsOn: 'Each entry of `authorization_servers` in the protected resource metadata.',
    fixes: [
      server(
        'List issuer identifiers: absolute https URLs.',
        code('js', '"authorization_servers": ["https://auth.example.com"]'),
      ),
    ],
    references: [rfc(9728, '2'), rfc(8414, '2')],
  },
  'discovery-authorization-server-unreachable': {
    title: 'Authorization server metadata not found',
    severity: 'error',
    means:
      'None of the metadata URLs that clients derive from the issuer (RFC 8414, OpenID discovery, path-inserted ' +
      'and appended) answered with the metadata, so a client cannot find the authorize and token endpoints.',
    restsOn: 'The status or error of each URL tried for the issuer; each is listed as a step.',
    fixes: [
      server(
        'Serve RFC 8414 metadata at the path-inserted well-known URL of the issuer (or OpenID discovery).',
        code('http', 'https://auth.example.com/.well-known/oauth-authorization-server/tenant1'),
      ),
    ],
    references: [rfc(8414, '3.1'), OIDC_DISCOVERY, MCP_AUTH],
  },
  'discovery-issuer-mismatch': {
    title: 'Authorization server metadata has another issuer',
    severity: 'error',
    means:
      'The `issuer` in the metadata is not the URL it was derived from. RFC 8414 §3.3 (and OpenID discovery) ' +
      'say the client must not use it: it may be another server’s metadata. A difference of one trailing ' +
      'slash still fails strict clients.',
    restsOn: 'The `issuer` member against the entry of `authorization_servers` the metadata URL was built from.',
    fixes: [
      server(
        'List in `authorization_servers` exactly the issuer the authorization server publishes, character for ' +
          'character, or serve each issuer’s own metadata.',
      ),
    ],
    references: [rfc(8414, '3.3'), OIDC_DISCOVERY],
  },
  'discovery-pkce-s256-unsupported': {
    title: 'Authorization server does not advertise PKCE S256',
    severity: 'error',
    means:
      'MCP clients must use PKCE with S256 and must refuse an authorization server whose metadata lacks ' +
      '`code_challenge_methods_supported` or does not list S256 in it.',
    restsOn: 'The `code_challenge_methods_supported` member of the authorization server metadata (RFC 8414 §2).',
    fixes: [server('Support PKCE S256 and say so.', code('js', '"code_challenge_methods_supported": ["S256"]'))],
    references: [rfc(7636, '4.2'), rfc(8414, '2'), MCP_AUTH],
  },
  'discovery-no-registration': {
    title: 'No way for a new client to register',
    severity: 'warning',
    means:
      'The authorization server offers neither dynamic client registration (`registration_endpoint`, RFC 7591) ' +
      'nor client ID metadata documents (`client_id_metadata_document_supported`). Only a client registered ' +
      'by hand beforehand can get a token; MCP clients meeting this server for the first time cannot.',
    restsOn:
      'The `registration_endpoint` and `client_id_metadata_document_supported` members of the authorization ' +
      'server metadata.',
    fixes: [
      server(
        'Support client ID metadata documents, or dynamic client registration.',
        code('js', '"client_id_metadata_document_supported": true'),
      ),
      consumer('Register the client with the authorization server by hand and configure its client_id.'),
    ],
    references: [CIMD, rfc(7591, '3'), MCP_AUTH],
  },
  'discovery-scope-not-supported': {
    title: 'Challenge asks for a scope the metadata does not list',
    severity: 'warning',
    means:
      'The challenge’s `scope` names a scope missing from `scopes_supported`. Clients that take their scopes ' +
      'from the metadata get a token without it and meet the same 401 or 403 again.',
    restsOn: 'The scope parameter of the Bearer challenge against `scopes_supported` of the metadata documents.',
    fixes: [server('List every scope the server asks for in `scopes_supported` (or stop asking for it).')],
    references: [rfc(9728, '2'), rfc(6750, '3'), MCP_AUTH],
  },
  'discovery-metadata-no-cors': {
    title: 'Metadata not readable by the page',
    severity: 'error',
    means:
      'The request came from a web page, and this document, on another origin, is served without an ' +
      'Access-Control-Allow-Origin that lets that page read it. A browser-based client sees a network error.',
    restsOn:
      'Access-Control-Allow-Origin on the answer, against the origin of the page that made the failing request. ' +
      'A browser extension cannot send that page’s Origin, so a server that allows origins from a list may ' +
      'answer the page differently: the evidence says what was sent.',
    fixes: [
      server('Serve metadata documents with CORS: they are public.', code('http', 'Access-Control-Allow-Origin: *')),
    ],
    references: [MDN_CORS, rfc(9728, '3'), MCP_AUTH],
  },
  'discovery-token-audience-mismatch': {
    title: 'Token is for another audience',
    severity: 'error',
    means:
      'The access token sent is a JWT whose `aud` does not name this resource. MCP servers must reject tokens ' +
      'not issued for them; the client should ask for the token with `resource` set to this resource ' +
      '(RFC 8707).',
    restsOn: 'The `aud` claim of the JWT in the Authorization header, against the resource identifier.',
    fixes: [
      consumer(
        'Request the token with the resource parameter.',
        code('http', 'authorize?…&resource=https%3A%2F%2Fapi.example.com%2Fmcp'),
      ),
      server('Issue tokens whose aud is the resource named in the request’s resource parameter.'),
    ],
    references: [rfc(8707, '2'), rfc(9068, '4'), MCP_AUTH],
  },
});
