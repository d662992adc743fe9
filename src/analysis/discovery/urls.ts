// Where the metadata documents live, and how identifiers compare.
//
// Protected resource metadata (RFC 9728 §3.1): "/.well-known/oauth-protected-resource" inserted
// between the host and the path (a terminating "/" of the path removed), the query kept; MCP
// clients then try the root form (MCP authorization, 2025-11-25, "Protected Resource Metadata
// Discovery Requirements").
// Authorization server metadata: for an issuer without a path, RFC 8414 then OpenID discovery at
// the root; with a path, RFC 8414 path-inserted, OpenID discovery path-inserted, then OpenID
// discovery appended to the path (OpenID Connect Discovery 1.0 §4). The same list, in the same
// order, as the MCP spec's "Authorization Server Metadata Discovery" and the TypeScript SDK's
// buildDiscoveryUrls (client/auth.ts).
// https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization

import { isCredentialParam } from '../credentials/vocabulary.ts';

export type ParsedUrl = { ok: true; url: URL } | { ok: false; why: string };

/** An absolute http(s) URL, or why not. */
export function httpUrl(value: unknown): ParsedUrl {
  if (typeof value !== 'string') return { ok: false, why: `${value === null ? 'null' : typeof value}, not a string` };
  if (value.trim() === '') return { ok: false, why: 'an empty string' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, why: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, why: `a ${url.protocol} URL` };
  return { ok: true, url };
}

/** The resource identifier of a request URL: the URL without its fragment (RFC 8707 §2). */
export function resourceOf(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

const trimSlash = (path: string): string => (path.endsWith('/') ? path.slice(0, -1) : path);

/**
 * RFC 9728 §3.1, path-inserted then root (one URL when the resource has no path). A credential
 * in the query (`access_token=`) is left out: the doctor never sends a secret anywhere.
 */
export function resourceMetadataUrls(resource: string): string[] {
  const u = new URL(resource);
  for (const name of [...u.searchParams.keys()]) if (isCredentialParam(name)) u.searchParams.delete(name);
  const path = trimSlash(u.pathname);
  const root = new URL('/.well-known/oauth-protected-resource', u.origin).href;
  if (path === '' && u.search === '') return [root];
  return [new URL(`/.well-known/oauth-protected-resource${path}${u.search}`, u.origin).href, root];
}

export interface AsCandidate {
  url: string;
  kind: 'oauth' | 'oidc';
}

export function authorizationServerMetadataUrls(issuer: URL): AsCandidate[] {
  const path = trimSlash(issuer.pathname);
  const at = (p: string, kind: AsCandidate['kind']): AsCandidate => ({ url: new URL(p, issuer.origin).href, kind });
  if (path === '')
    return [at('/.well-known/oauth-authorization-server', 'oauth'), at('/.well-known/openid-configuration', 'oidc')];
  return [
    at(`/.well-known/oauth-authorization-server${path}`, 'oauth'),
    at(`/.well-known/openid-configuration${path}`, 'oidc'),
    at(`${path}/.well-known/openid-configuration`, 'oidc'),
  ];
}

/** Two URLs as parsed (the spelling of scheme, host and default port aside); else as written. */
export function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

/** Equal but for one terminating "/" (`https://as.example.com` and `https://as.example.com/`, written). */
export function sameButSlash(a: string, b: string): boolean {
  return a !== b && (a === `${b}/` || b === `${a}/`);
}

/** `inner` is `outer` or below it: same origin, path under outer's path (the MCP SDK's checkResourceAllowed). */
export function isUnder(inner: string, outer: string): boolean {
  try {
    const i = new URL(inner);
    const o = new URL(outer);
    if (i.origin !== o.origin) return false;
    const ip = i.pathname.endsWith('/') ? i.pathname : `${i.pathname}/`;
    const op = o.pathname.endsWith('/') ? o.pathname : `${o.pathname}/`;
    return ip.startsWith(op);
  } catch {
    return false;
  }
}

export const originOf = (url: string): string | undefined => {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
};
