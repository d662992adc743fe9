// Firefox hands webRequest repeated response headers (WWW-Authenticate, Set-Cookie...) as ONE
// entry whose values are joined by "\n"; Chrome gives one entry per line. A newline can never be
// part of a field value (RFC 9110 §5.5), so splitting on it is safe.
// https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/webRequest/HttpHeaders

/**
 * One header entry per field line, as Chrome gives them: Firefox joins repeated response
 * headers (WWW-Authenticate, Set-Cookie, ...) into one value separated by "\n". Returns the
 * input itself when nothing is merged, so the common case allocates nothing.
 */
export function splitMergedHeaders<H extends { name: string; value?: string }>(headers: readonly H[]): readonly H[] {
  let merged = false;
  for (const h of headers)
    if (h.value !== undefined && h.value.includes('\n')) {
      merged = true;
      break;
    }
  if (!merged) return headers;
  const out: H[] = [];
  for (const h of headers) {
    if (h.value === undefined || !h.value.includes('\n')) {
      out.push(h);
      continue;
    }
    for (const line of h.value.split('\n')) {
      const value = line.replace(/\r$/, '');
      if (value.trim() !== '') out.push({ ...h, value });
    }
  }
  return out;
}
