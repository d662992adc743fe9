// The parameters of an OAuth exchange as the wire shows them: an authorization request's query,
// an authorization response in a redirect's query or fragment (RFC 6749 §4.1.2, §4.2.2), and the
// authorize requests earlier in the tab's history.
import type { Exchange } from '../../types.ts';
import type { Inspection } from '../../inspect.ts';
import { maskUrl } from '../../credentials/mask-url.ts';

export type Params = Map<string, string>;

/** query or fragment parameters (names lower-cased) */
export function paramsOf(part: string): Params {
  const out: Params = new Map();
  for (const pair of part.replace(/^[?#]/, '').split('&').slice(0, 100)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).toLowerCase();
    let value = pair.slice(eq + 1);
    try {
      value = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      /* keep it raw */
    }
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/** Query and fragment of a URL, the fragment winning (implicit and fragment response modes). */
export function urlParams(url: URL | undefined): Params {
  if (!url) return new Map();
  const q = paramsOf(url.search);
  for (const [k, v] of paramsOf(url.hash)) q.set(k, v);
  return q;
}

export interface AuthorizationResponse {
  error: string;
  description?: string;
  uri?: string;
  /** where it was read: a redirect's Location, the URL itself, a page posting it */
  from: string;
  /** the URL it was read from, masked, for evidence */
  shown?: string;
}

/** An authorization error sent back to the client: in a redirect, in the URL reached, or posted by a page. */
export function authorizationError(c: Inspection): AuthorizationResponse | undefined {
  const read = (url: URL | undefined, from: string): AuthorizationResponse | undefined => {
    const p = urlParams(url);
    const error = p.get('error');
    if (!error || !/^[a-z][a-z0-9_.-]{1,60}$/i.test(error)) return undefined;
    // A login page's bare flag (/login?error) has no value: an OAuth response names its error.
    return {
      error,
      ...(p.get('error_description') ? { description: p.get('error_description')! } : {}),
      ...(p.get('error_uri') ? { uri: p.get('error_uri')! } : {}),
      from,
      shown: maskUrl(url!.href),
    };
  };
  if (c.status >= 300 && c.status < 400) {
    const r = read(c.location, 'the redirect (Location)');
    if (r) return r;
  }
  const own = read(c.url, 'the URL');
  if (own && (own.description !== undefined || urlParams(c.url).has('state'))) return own;
  if (c.body.kind === 'html' && c.body.error && (c.endpoint === 'authorize' || c.idp))
    return {
      error: c.body.error,
      ...(c.body.description ? { description: c.body.description } : {}),
      from: 'the page (web_message)',
    };
  return undefined;
}

/** The authorize requests of the tab's history before this exchange, newest first. */
export function earlierAuthorizeRequests(c: Inspection): { ex: Exchange; params: Params }[] {
  const out: { ex: Exchange; params: Params }[] = [];
  for (const e of c.history) {
    if (e.timeStamp > c.ex.timeStamp) continue;
    let u: URL;
    try {
      u = new URL(e.url);
    } catch {
      continue;
    }
    const p = paramsOf(u.search);
    if (p.has('client_id') && (p.has('response_type') || p.has('redirect_uri'))) out.push({ ex: e, params: p });
  }
  return out.sort((a, b) => b.ex.timeStamp - a.ex.timeStamp);
}
