// Cookie and query-string lists for HAR, parsed from header text (RFC 6265 §4.1 / §5.4 shapes).
import type { HarCookie, HarNameValue } from './types.ts';

/** `a=1; b=2` (a request Cookie header) -> [{a,1},{b,2}] */
export function parseCookieHeader(value: string): HarCookie[] {
  return value
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? { name: '', value: p } : { name: p.slice(0, eq).trim(), value: p.slice(eq + 1).trim() };
    });
}

/** One Set-Cookie line -> name, value and the attributes HAR has fields for. */
export function parseSetCookie(line: string): HarCookie | undefined {
  const [pair = '', ...attrs] = line.split(';');
  if (pair.trim() === '') return undefined;
  const eq = pair.indexOf('=');
  const c: HarCookie =
    eq < 0 ? { name: '', value: pair.trim() } : { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
  for (const a of attrs) {
    const i = a.indexOf('=');
    const k = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
    const v = i < 0 ? '' : a.slice(i + 1).trim();
    if (k === 'path') c.path = v;
    else if (k === 'domain') c.domain = v;
    else if (k === 'expires') c.expires = v;
    else if (k === 'httponly') c.httpOnly = true;
    else if (k === 'secure') c.secure = true;
    else if (k === 'samesite') c.sameSite = v;
  }
  return c;
}

export function queryStringOf(url: string): HarNameValue[] {
  const noHash = url.split('#', 1)[0] ?? '';
  const q = noHash.indexOf('?');
  if (q < 0) return [];
  return noHash
    .slice(q + 1)
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? { name: decode(p), value: '' } : { name: decode(p.slice(0, eq)), value: decode(p.slice(eq + 1)) };
    });
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
