// How much of a HAR file AuthLens reads, and what it says when a file is over: one home for the
// panel's import, the streaming reader, the CLI, the library and the MCP server.

const MB = 1024 * 1024;

export const HAR_LIMITS = {
  /** a file read as it streams (CLI, library, MCP): bigger than any capture a browser keeps */
  maxFileBytes: 1024 * MB,
  /**
   * a file the panel imports: read as it streams, but every record it keeps stays in the
   * panel's memory (and a file refused before its first entry is read whole, for its reason)
   */
  maxInMemoryBytes: 256 * MB,
  maxEntries: 500_000,
  /**
   * One header value. Servers refuse far less (Node 16 KB for all headers, nginx 8 KB a line,
   * Cloudflare 32 KB): a value over this was never on the wire.
   */
  maxHeaderBytes: 128 * 1024,
  /** headers in one request or response (servers refuse a few hundred) */
  maxHeaders: 1000,
  scan: {
    /** a string longer than this in an entry (a body) is cut: AuthLens keeps 64 K characters */
    maxStringBytes: MB,
    maxEntryBytes: 32 * MB,
    maxEntries: 500_000,
    maxBytes: 1024 * MB,
  },
} as const;

/** "2.0 GB", "51 MB", "12 KB" */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** Why a file of this size is not read, or undefined when it is fine. */
export function fileSizeProblem(bytes: number, limit: number = HAR_LIMITS.maxFileBytes): string | undefined {
  return bytes > limit ? `${formatBytes(bytes)}: over the ${formatBytes(limit)} a HAR import reads` : undefined;
}

/** Why a header list is refused, or undefined: too many headers, or one value longer than a server takes. */
export function headerLimitProblem(
  headers: readonly { name: string; value: string }[],
  which: 'request' | 'response',
): string | undefined {
  if (headers.length > HAR_LIMITS.maxHeaders)
    return `${headers.length} ${which} headers: over the ${HAR_LIMITS.maxHeaders} a HAR import reads`;
  for (const h of headers)
    if (h.value.length > HAR_LIMITS.maxHeaderBytes)
      return (
        `${which} header ${JSON.stringify(h.name.slice(0, 60))} is ${formatBytes(h.value.length)}: ` +
        `over the ${formatBytes(HAR_LIMITS.maxHeaderBytes)} any server accepts`
      );
  return undefined;
}
