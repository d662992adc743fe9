// Cookie request header (RFC 6265 §5.4): names are shown, values are secrets.

export interface Cookie {
  name: string;
  value: string;
}

export function parseCookies(header: string | undefined): Cookie[] {
  if (!header) return [];
  const out: Cookie[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? '' : part.slice(0, eq)).trim();
    const value = (eq < 0 ? part : part.slice(eq + 1)).trim();
    if (name || value) out.push({ name, value });
    if (out.length >= 200) break;
  }
  return out;
}

// Django csrftoken, Laravel/Angular/Spring XSRF-TOKEN, Express _csrf, Tornado _xsrf, CodeIgniter csrf_cookie_name.
const CSRF_COOKIE = /csrf|xsrf|antiforgery/i;

export const isCsrfCookie = (name: string): boolean => CSRF_COOKIE.test(name);
