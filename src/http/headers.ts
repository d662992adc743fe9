// Header lists as every room holds them ({name, value} records that survive JSON), and the one
// way to read them: field names are case-insensitive (RFC 9110 §5.1).

export interface Header {
  name: string;
  value: string;
}

/** Every value of a header, in order (a repeated field is several entries). */
export function headerValues(headers: readonly Header[], name: string): string[] {
  const n = name.toLowerCase();
  const out: string[] = [];
  for (const h of headers) if (h.name.length === n.length && h.name.toLowerCase() === n) out.push(h.value);
  return out;
}

/** The first value of a header, or undefined. */
export function headerValue(headers: readonly Header[], name: string): string | undefined {
  const n = name.toLowerCase();
  for (const h of headers) if (h.name.length === n.length && h.name.toLowerCase() === n) return h.value;
  return undefined;
}

/** HTTP/2 and HTTP/3 pseudo-header fields (`:authority`, RFC 9113 §8.3) that HAR files list: not real headers. */
export function isPseudoHeader(name: string): boolean {
  return name.startsWith(':');
}

/** Repeated values joined by ", " (RFC 9110 §5.3), or undefined. */
export function headerJoined(headers: readonly Header[], name: string): string | undefined {
  const values = headerValues(headers, name);
  return values.length ? values.join(', ') : undefined;
}
