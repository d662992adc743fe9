// The discovery doctor outside the browser (the CLI, the library, the MCP server): the engine's
// walk with the capped fetcher, which in Node may send the calling page's Origin for the CORS
// checks (a browser extension cannot).
import { discover, type DiscoverOptions, type DiscoveryReport, type DiscoveryTarget } from '../analysis/index.ts';
import { createDocFetch } from './doc-fetch.ts';

export interface DiscoverUrlOptions extends Omit<DiscoverOptions, 'fetch'> {
  /** the runtime's fetch (default: the global one) */
  fetch?: typeof fetch;
}

/** Never throws on what a server answers; rejects only on a bug. */
export function discoverUrl(target: string | DiscoveryTarget, o: DiscoverUrlOptions = {}): Promise<DiscoveryReport> {
  const { fetch, ...rest } = o;
  return discover(target, { ...rest, fetch: createDocFetch({ sendOrigin: true, ...(fetch ? { fetch } : {}) }) });
}
