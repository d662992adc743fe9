// The status line as webRequest gives it ("HTTP/1.1 401 Unauthorized", RFC 9112 §4), read for
// the two parts HAR and the engine want apart from the status code.

/** "HTTP/1.1 401 Unauthorized" -> "Unauthorized"; HTTP/2 status lines have no reason phrase. */
export function statusTextOf(statusLine: string): string | undefined {
  const m = /^\S+\s+\d{3}\s+(.+)$/.exec(statusLine.trim());
  return m?.[1];
}

/** "http/1.0 403 Forbidden" -> "HTTP/1.0"; '' when the line names no version. */
export function httpVersionOf(statusLine: string): string {
  return /^(HTTP\/[\d.]+)\s/i.exec(statusLine.trim() + ' ')?.[1]?.toUpperCase() ?? '';
}
