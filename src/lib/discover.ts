// The discovery doctor from outside the browser: RFC 9728 protected resource metadata, the
// authorization servers it names, and their checks, for one URL. The checks are the engine's
// (`discover`), the GETs the capped fetcher's (src/discovery-fetch): this is the one place the
// CLI, the MCP server and the library reach them. Node can send the page's Origin, so the CORS
// checks run as a browser would meet them when an origin is given.
import { discover, type DiscoveryReport, type DocFetch } from '../analysis/index.ts';
import { createDocFetch } from '../discovery-fetch/doc-fetch.ts';

export type DiscoverResult = { ok: true; report: DiscoveryReport } | { ok: false; error: string };

export const DISCOVERY_AVAILABLE = true;

export interface DiscoverUrlOptions {
  /** the web page that calls the resource (its Origin), for the CORS checks */
  origin?: string;
  /** the GET (tests hand in their own); default: the capped fetcher */
  fetch?: DocFetch;
}

export async function discoverUrl(url: string, opts: DiscoverUrlOptions = {}): Promise<DiscoverResult> {
  if (!/^https?:\/\/[^/]/i.test(url)) return { ok: false, error: `${url}: not an http(s) URL` };
  try {
    const report = await discover(url, {
      fetch: opts.fetch ?? createDocFetch({ sendOrigin: true }),
      ...(opts.origin ? { origin: opts.origin } : {}),
    });
    return { ok: true, report };
  } catch (e) {
    // the doctor answers every failure with a finding; this is for what it did not foresee
    return { ok: false, error: `discover ${url}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
