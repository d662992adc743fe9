// The discovery doctor from outside the browser: RFC 9728 protected resource metadata, the
// authorization servers it names, and their checks, for one URL. The checks and the capped
// fetcher come from the engine's side; this is the one place the CLI, the MCP server and the
// library reach them.

/** What `authlens discover <url>` reports; the report's own shape once the doctor is wired in. */
export type DiscoverResult = { ok: true; report: unknown } | { ok: false; error: string };

export const DISCOVERY_AVAILABLE = false;

export function discoverUrl(url: string): Promise<DiscoverResult> {
  return Promise.resolve({
    ok: false,
    error: `discover ${url}: the discovery doctor is not available in this build yet`,
  });
}
