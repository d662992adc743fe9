// "The same endpoint": the same origin, method and path template, where the path segments that
// are ids (numbers, UUIDs, long hex strings) are templated, so GET /orders/17 and GET /orders/42
// are one endpoint. The query is left out: clients add cache-busting stamps and cursors to it.

const NUMERIC = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Mongo ObjectIds (24), SHA-1 (40), SHA-256 (64)...; a digit is required below 16 characters,
// so words made of a-f letters ("facade", "deadbeef") stay words.
const HEX = /^[0-9a-f]{8,}$/i;

function isId(segment: string): boolean {
  if (NUMERIC.test(segment) || UUID.test(segment)) return true;
  return HEX.test(segment) && (segment.length >= 16 || /\d/.test(segment));
}

/** `/orders/{id}/items`: the path with its id segments templated, one trailing slash dropped. */
export function pathTemplate(pathname: string): string {
  const segments = pathname.split('/').map((s) => (s !== '' && isId(s) ? '{id}' : s));
  const path = segments.join('/');
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** `GET https://api.example.com/orders/{id}`, or undefined for a URL that does not parse. */
export function endpointKey(url: string, method: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  return `${String(method).toUpperCase()} ${u.origin}${pathTemplate(u.pathname)}`;
}
