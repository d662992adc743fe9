// Endpoints a discovery document the tab fetched names (RFC 8414 §2, OpenID Connect Discovery
// §3): a token or authorization endpoint on any path is known once the client read where it is.
// Malformed or non-JSON documents name nothing.
import type { IdpEndpoint } from '../http/idp-endpoints.ts';
import { readBody } from './body/index.ts';
import type { Exchange } from './types.ts';

const DISCOVERY = /\/\.well-known\/(openid-configuration|oauth-authorization-server)/;
const FIELDS: [string, IdpEndpoint][] = [
  ['token_endpoint', 'token'],
  ['authorization_endpoint', 'authorize'],
  ['revocation_endpoint', 'revocation'],
  ['userinfo_endpoint', 'userinfo'],
];
/** the newest documents only: a tab reads one or two */
const MAX_DOCUMENTS = 4;

const target = (url: string): string | undefined => {
  try {
    const u = new URL(url);
    return u.origin + u.pathname;
  } catch {
    return undefined;
  }
};

export function discoveredEndpoint(history: readonly Exchange[], url: URL | undefined): IdpEndpoint | undefined {
  if (!url || history.length === 0) return undefined;
  const here = url.origin + url.pathname;
  let read = 0;
  for (let i = history.length - 1; i >= 0 && read < MAX_DOCUMENTS; i--) {
    const e = history[i]!;
    if (typeof e.responseBody !== 'string' || e.status < 200 || e.status >= 300 || !DISCOVERY.test(e.url)) continue;
    read++;
    const leaves = readBody(e.responseBody, 'application/json').leaves;
    for (const [field, endpoint] of FIELDS) {
      const value = leaves.find(([k]) => k === field)?.[1];
      if (typeof value === 'string' && target(value) === here) return endpoint;
    }
  }
  return undefined;
}
