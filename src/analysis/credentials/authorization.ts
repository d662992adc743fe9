// One Authorization / Proxy-Authorization value (RFC 9110 §11.6.2): its scheme, its token or
// parameters, and the client bugs that make it malformed.
import { parseCredentials } from '../challenge.ts';
import { inspectBasic, type BasicInfo } from './basic.ts';
import { parseSigV4, type SigV4 } from './aws-sigv4.ts';

export interface AuthCredential {
  /** scheme as written ('' when the value has none) */
  scheme: string;
  /** lower-cased scheme */
  lc: string;
  /** the token68 / bearer token after the scheme, if any */
  token?: string;
  params: Record<string, string>;
  problems: string[];
  basic?: BasicInfo;
  sigv4?: SigV4;
}

const TOKEN_SCHEMES = new Set([
  'bearer',
  'dpop',
  'token',
  'jwt',
  'basic',
  'negotiate',
  'ntlm',
  'apikey',
  'api-key',
  'key',
  'sso-key',
  'otoken',
]);
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
/** The problem of a Bearer token with characters outside token68 (RFC 6750 §2.1). */
export const OUTSIDE_TOKEN68 = 'the token has characters a Bearer token cannot contain';
const BOGUS = /^(undefined|null|\[object object\]|nan|none|""|''|<token>|\$\{?\w*\}?|\{\{\s*\w*\s*\}\})$/i;
const ENCODED_PARAMS = /^[a-z][\w-]{0,30}%3d[^%\s]{1,200}(%26[a-z][\w-]{0,30}%3d[^\s]{0,4000})?%26sig%3d/i;
const KNOWN_PREFIXES = ['bearer', 'basic', 'token', 'digest', 'negotiate'];

export function inspectAuthorization(raw: string): AuthCredential {
  const problems: string[] = [];
  if (raw.trim() === '') return { scheme: '', lc: '', params: {}, problems: ['the header is empty'] };
  if (/\s$/.test(raw)) problems.push(/[\r\n]$/.test(raw) ? 'it ends with a newline' : 'it ends with spaces');
  if (/^\s/.test(raw)) problems.push('it starts with spaces');
  const value = raw.trim();
  const sp = value.search(/\s/);
  const first = sp < 0 ? value : value.slice(0, sp);
  const rest = sp < 0 ? '' : value.slice(sp).trim();
  const lc = first.toLowerCase();

  if (lc.startsWith('aws4-')) {
    return { scheme: first, lc, params: {}, problems, sigv4: parseSigV4(value) };
  }
  if (lc === 'digest' || (!TOKEN_SCHEMES.has(lc) && /=/.test(rest))) {
    const c = parseCredentials(value);
    // Only Digest's grammar is ours to judge; custom schemes (SharedKey, OAuth 1) have their own.
    if (lc === 'digest') for (const p of c.problems.slice(0, 3)) problems.push(p.message);
    return { scheme: first, lc, params: c.params, problems, ...(c.token68 ? { token: c.token68 } : {}) };
  }
  // Azure Cosmos DB's own form: the URL-encoded list type=master&ver=1.0&sig=…, with no scheme by design.
  if (sp < 0 && ENCODED_PARAMS.test(value)) return { scheme: '', lc: '', params: {}, problems };
  if (sp < 0) {
    const glued = KNOWN_PREFIXES.find((k) => lc.startsWith(k) && lc.length > k.length);
    if (glued) problems.push(`no space between "${first.slice(0, glued.length)}" and the token`);
    else if (TOKEN_SCHEMES.has(lc)) problems.push(`"${first}" is followed by no token`);
    else problems.push('a token with no scheme in front of it (expected e.g. "Bearer <token>")');
    return {
      scheme: glued ? first.slice(0, glued.length) : TOKEN_SCHEMES.has(lc) ? first : '',
      lc: glued ?? (TOKEN_SCHEMES.has(lc) ? lc : ''),
      params: {},
      problems,
      ...(!TOKEN_SCHEMES.has(lc) ? { token: glued ? first.slice(glued.length) : first } : {}),
    };
  }
  const token = rest;
  if (token.split(/\s+/)[0]!.toLowerCase() === lc) problems.push(`the scheme is doubled ("${first} ${first} …")`);
  else if (/^["'].*["']$/s.test(token)) problems.push('the token is wrapped in quotes');
  else if (BOGUS.test(token))
    problems.push(`the token is the literal text "${token.slice(0, 20)}": the code sending it had no token`);
  else if (/\s/.test(token)) problems.push('the token contains spaces');
  else if ((lc === 'bearer' || lc === 'dpop') && !B64TOKEN.test(token)) problems.push(OUTSIDE_TOKEN68);
  const out: AuthCredential = { scheme: first, lc, token, params: {}, problems };
  if (lc === 'basic' && problems.length === 0) {
    out.basic = inspectBasic(token);
    if (out.basic.problem) problems.push(out.basic.problem);
  }
  return out;
}
