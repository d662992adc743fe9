// What the checks know about the failing request: its resource identifier, the web page that
// called it (for CORS), the challenge and the token it sent.
import { headerValue, headerValues, type Header } from '../../http/headers.ts';
import { splitMergedHeaders } from '../../http/merged-headers.ts';
import { parseChallenges } from '../challenge.ts';
import { inspectAuthorization } from '../credentials/authorization.ts';
import type { Challenge } from '../types.ts';
import type { DiscoveryTarget } from './types.ts';
import { originOf, resourceOf } from './urls.ts';

export interface Caller {
  origin: string;
  /** where the origin came from, said in the evidence */
  from: 'the --origin option' | 'its Origin header' | 'its initiator';
}

export interface Context {
  /** the request URL without its fragment */
  resource: string;
  /** the web page whose script made the request, when one did */
  caller?: Caller;
  /** the Bearer (or DPoP) challenge, else the first challenge */
  challenge?: Challenge;
  /** the response headers the challenge was read from */
  responseHeaders: readonly Header[];
  status?: number;
  /** the scopes the challenge asks for */
  scopes: string[];
  /** the access token sent, when Bearer or DPoP */
  token?: string;
}

const NAVIGATIONS = new Set(['main_frame', 'sub_frame', 'outermost_frame']);

function webOrigin(value: string | undefined): string | undefined {
  if (!value || value === 'null') return undefined;
  const o = originOf(value);
  return o && /^https?:/.test(o) ? o : undefined;
}

export function callerOf(t: DiscoveryTarget, option?: string): Caller | undefined {
  const opt = webOrigin(option);
  if (opt) return { origin: opt, from: 'the --origin option' };
  if (t.type && NAVIGATIONS.has(t.type)) return undefined;
  const header = webOrigin(headerValue(t.requestHeaders ?? [], 'origin'));
  if (header) return { origin: header, from: 'its Origin header' };
  const init = webOrigin(t.initiator);
  return init ? { origin: init, from: 'its initiator' } : undefined;
}

export function contextOf(t: DiscoveryTarget, callerOption?: string): Context {
  const headers = splitMergedHeaders(t.responseHeaders ?? []);
  const parsed = parseChallenges(headerValues(headers, 'www-authenticate')).challenges;
  const challenge =
    parsed.find((c) => /^(bearer|dpop)$/i.test(c.scheme) && c.params.resource_metadata) ??
    parsed.find((c) => /^(bearer|dpop)$/i.test(c.scheme)) ??
    parsed[0];
  const scopes = (challenge?.params.scope ?? '').split(/\s+/).filter(Boolean);
  const auth = inspectAuthorization(headerValue(t.requestHeaders ?? [], 'authorization') ?? '');
  const token = (auth.lc === 'bearer' || auth.lc === 'dpop') && auth.token ? auth.token : undefined;
  const ctx: Context = { resource: resourceOf(t.url), responseHeaders: headers, scopes };
  const caller = callerOf(t, callerOption);
  if (caller) ctx.caller = caller;
  if (challenge) ctx.challenge = challenge;
  if (t.status !== undefined) ctx.status = t.status;
  if (token) ctx.token = token;
  return ctx;
}
