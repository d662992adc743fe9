// What one discovery run may cost, and which redirects it follows. Both fetchers (the panel's and
// the Node one) take their timeout and cap from here; the walk counts requests and redirects.
//
// Redirects: followed only within the origin of the URL asked for (same scheme, host and port;
// or http upgraded to https on the same host with default ports), at most 5 in a row. That is
// what the MCP TypeScript SDK's client does for metadata (shared/transport.ts isWithinOrigin and
// MAX_REDIRECTS); RFC 8414 and RFC 9728 say nothing of redirects, and a document served from
// another origin than the one the client derived is not the document the client asked for.
// https://github.com/modelcontextprotocol/typescript-sdk/blob/main/src/shared/transport.ts
export const DISCOVERY_LIMITS = Object.freeze({
  /** per request, until the whole body is read */
  timeoutMs: 5000,
  /** per document: reading stops here */
  maxBytes: 256 * 1024,
  /** redirects followed in a row */
  maxRedirects: 5,
  /** requests per run, redirect hops included */
  maxFetches: 16,
  /** authorization servers examined from one `authorization_servers` list */
  maxAuthorizationServers: 3,
});

export type RedirectVerdict =
  | { follow: true; to: string }
  | { follow: false; why: 'no-location' | 'bad-location' | 'cross-origin' | 'loop' | 'limit'; to?: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export const isRedirect = (status: number): boolean => REDIRECTS.has(status);

function withinOrigin(from: URL, to: URL): boolean {
  if (from.protocol === to.protocol && from.hostname === to.hostname && from.port === to.port) return true;
  return (
    from.hostname === to.hostname &&
    from.protocol === 'http:' &&
    to.protocol === 'https:' &&
    from.port === '' &&
    to.port === ''
  );
}

/** Whether to follow a redirect from `from` (the chain so far: every URL requested, in order). */
export function judgeRedirect(
  from: string,
  location: string | undefined,
  chain: readonly string[],
  maxRedirects: number = DISCOVERY_LIMITS.maxRedirects,
): RedirectVerdict {
  if (location === undefined || location.trim() === '') return { follow: false, why: 'no-location' };
  let to: URL;
  try {
    to = new URL(location.trim(), from);
  } catch {
    return { follow: false, why: 'bad-location', to: location };
  }
  to.hash = '';
  const href = to.href;
  if (to.protocol !== 'https:' && to.protocol !== 'http:') return { follow: false, why: 'bad-location', to: href };
  if (chain.includes(href)) return { follow: false, why: 'loop', to: href };
  if (!withinOrigin(new URL(from), to)) return { follow: false, why: 'cross-origin', to: href };
  if (chain.length > maxRedirects) return { follow: false, why: 'limit', to: href };
  return { follow: true, to: href };
}
