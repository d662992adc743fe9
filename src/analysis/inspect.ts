// The inspection of an exchange, made once: every rule reads it instead of re-parsing headers.
import type { Challenge, DiagnoseContext, Exchange, Header } from './types.ts';
import type { Draft } from './finding.ts';
import type { FingerprintKey } from './mask.ts';
import { parseChallenges } from './challenge.ts';
import { parseHttpDate } from '../http/date.ts';
import { isAuthFailure } from '../http/failure.ts';
import { headerJoined, headerValues } from '../http/headers.ts';
import { inspectAuthorization, type AuthCredential } from './credentials/authorization.ts';
import { inspectJwt, type JwtState } from './credentials/jwt-token.ts';
import { parseCookies, type Cookie } from './credentials/cookies.ts';
import { findApiKeys } from './credentials/api-keys.ts';
import { findQueryTokens, signedUrl, type QueryToken, type SignedUrl } from './credentials/query.ts';
import { identifyToken, type TokenFormat } from './credentials/token-formats.ts';
import { findJwts } from './jwt.ts';
import { readBody, type BodyHints } from './body/index.ts';
import { csrfVerdict, type CsrfVerdict } from './csrf.ts';
import { statements, type Statement } from './vendors/statements.ts';
import { RESOURCE_STATE } from './vendors/recognisers.ts';
import { IDP_HOSTS, idpEndpoint, type IdpEndpoint } from './vendors/idp.ts';
import { isAuthorizationQuery } from '../http/idp-endpoints.ts';
import { discoveredEndpoint } from './discovered-endpoints.ts';
import { timeClaim } from './credentials/jwt-token.ts';

/** A credential value found somewhere in the request. */
export interface FoundToken {
  where: string;
  value: string;
  jwt?: JwtState;
  format?: TokenFormat;
}

export interface Inspection {
  ex: Exchange;
  status: number;
  method: string;
  url?: URL;
  host: string;
  loopback: boolean;
  req(name: string): string | undefined;
  res(name: string): string | undefined;
  challenges: Challenge[];
  proxyChallenges: Challenge[];
  /** what is wrong with the server's own WWW-Authenticate / Proxy-Authenticate syntax */
  challengeProblems: { header: string; message: string }[];
  challenge(scheme: string): Challenge | undefined;
  auth?: AuthCredential;
  proxyAuth?: AuthCredential;
  /** the token of the Authorization header, else the first JWT found elsewhere */
  main?: FoundToken;
  tokens: FoundToken[];
  cookies: Cookie[];
  apiKeys: Header[];
  queryTokens: QueryToken[];
  /** a signed URL (S3 presigned, GCS, Azure SAS, CloudFront): its signature is the credential */
  signed?: SignedUrl;
  hasCredentials: boolean;
  /** response Date (server clock), ms */
  serverTime?: number;
  /** exchange.timeStamp (client clock), ms */
  clientTime?: number;
  /** the instant token lifetimes are judged against */
  refTime?: number;
  refBy: "the server's clock" | "the browser's clock" | 'the given time' | '';
  body: BodyHints;
  /** the request was refused by a CSRF check (certainly, or likely from its cookies) */
  csrf?: CsrfVerdict;
  /** what the response says went wrong, in its own words (vendors/statements.ts) */
  statements: Statement[];
  /** the identity provider endpoint this request went to (token, authorize...) */
  endpoint?: IdpEndpoint;
  /** the request went to an identity provider (an endpoint of one, or a sign-in host) */
  idp: boolean;
  /** the Location of a redirect, resolved against the URL */
  location?: URL;
  failure: boolean;
  /** the sentence of a refusal that speaks only of the resource's state or the plan (then not a failure) */
  resourceState?: string;
  crossOrigin: boolean;
  /** other exchanges of the tab (context.history), well-formed ones only, at most 500 */
  history: Exchange[];
  fingerprintKey?: FingerprintKey;
}

/** What a response says about the caller's permissions, not about the resource. */
const PERMISSION = new Set<string>(['forbidden-authenticated', 'insufficient-scope']);

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\]|::1)$|\.localhost$/;

function headerLookup(list: readonly Header[]): (name: string) => string | undefined {
  return (name) => headerJoined(list, name);
}

function resolveUrl(s: string, base: URL): URL | undefined {
  try {
    return new URL(s, base);
  } catch {
    return undefined;
  }
}

function safeUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

const wellFormed = (e: Exchange): boolean =>
  !!e &&
  typeof e.url === 'string' &&
  typeof e.status === 'number' &&
  typeof e.timeStamp === 'number' &&
  Array.isArray(e.requestHeaders) &&
  Array.isArray(e.responseHeaders);

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

export function inspect(ex: Exchange, dc: DiagnoseContext = {}): Inspection {
  const reqH = ex.requestHeaders;
  const resH = ex.responseHeaders;
  const req = headerLookup(reqH);
  const res = headerLookup(resH);
  const url = safeUrl(ex.url);
  const host = url?.hostname.toLowerCase() ?? '';
  const www = parseChallenges(headerValues(resH, 'www-authenticate'));
  const prx = parseChallenges(headerValues(resH, 'proxy-authenticate'));
  const challenges = www.challenges;
  const proxyChallenges = prx.challenges;
  const challengeProblems = [
    ...www.problems.map((p) => ({ header: 'WWW-Authenticate', message: p.message })),
    ...prx.problems.map((p) => ({ header: 'Proxy-Authenticate', message: p.message })),
  ].slice(0, 5);
  const authRaw = headerValues(reqH, 'authorization')[0];
  const proxyRaw = headerValues(reqH, 'proxy-authorization')[0];
  const auth = authRaw === undefined ? undefined : inspectAuthorization(authRaw);
  const proxyAuth = proxyRaw === undefined ? undefined : inspectAuthorization(proxyRaw);
  const cookies = parseCookies(req('cookie'));
  const apiKeys = findApiKeys(reqH);
  const queryTokens = findQueryTokens(url);
  const signed = signedUrl(url);

  const tokens: FoundToken[] = [];
  const add = (where: string, value: string): void => {
    if (tokens.length >= 20 || value.length < 8) return;
    const t: FoundToken = { where, value };
    const jwt = inspectJwt(value);
    if (jwt) t.jwt = jwt;
    const format = identifyToken(value);
    if (format) t.format = format;
    tokens.push(t);
  };
  if (auth?.token && !auth.basic) add(`Authorization (${auth.scheme || 'no scheme'})`, auth.token);
  for (const k of apiKeys) add(k.name, k.value.trim());
  for (const q of queryTokens) add(`query ?${q.name}`, q.value);
  for (const c of cookies) for (const j of findJwts(c.value).slice(0, 2)) add(`cookie ${c.name}`, j);
  const main = tokens[0];

  const serverTime = parseHttpDate(res('date')?.split(',').slice(0, 2).join(',') ?? '');
  const clientTime = num(ex.timeStamp);
  const now = num(dc.now);
  const refTime = serverTime ?? clientTime ?? now;
  const refBy =
    serverTime !== undefined
      ? "the server's clock"
      : clientTime !== undefined
        ? "the browser's clock"
        : now !== undefined
          ? 'the given time'
          : '';

  const wwwAuth = challenges.length > 0;
  const body = readBody(ex.responseBody, res('content-type'));
  const path = url?.pathname ?? '';
  const method = String(ex.method).toUpperCase();
  const ep =
    idpEndpoint(host, path) ??
    (isAuthorizationQuery(url?.search ?? '') ? 'authorize' : undefined) ??
    discoveredEndpoint(Array.isArray(dc.history) ? dc.history.filter(wellFormed) : [], url);
  // A token request is a POST (RFC 6749 §3.2): a GET of /api/token is some API's own resource.
  const endpoint = ep === 'token' && method !== 'POST' ? undefined : ep;
  const jwt = main?.jwt?.kind === 'jws' ? main.jwt.payload : undefined;
  const iat = timeClaim(jwt, 'iat');
  const exp = timeClaim(jwt, 'exp');
  const said = statements({
    status: ex.status,
    host,
    path,
    responseHeaders: resH,
    challenges,
    body,
    ...(iat !== undefined && exp !== undefined ? { lifetime: (exp - iat) / 1000 } : {}),
  });
  const loc = res('location');
  const location = loc !== undefined && url ? resolveUrl(loc, url) : undefined;
  const csrf = csrfVerdict({
    method: String(ex.method).toUpperCase(),
    status: ex.status,
    cookies,
    requestHeaders: reqH,
    challenged: wwwAuth,
    body,
  });
  const hasCredentials = !!auth || cookies.length > 0 || apiKeys.length > 0 || queryTokens.length > 0 || !!signed;
  // 422 and 400 are auth failures only as a CSRF answer (Rails; ASP.NET Core, Flask-WTF, Yii);
  // otherwise they are validation errors. Any other status is one when the response says the
  // credentials or the caller were refused.
  // A refusal that speaks only of the resource's state or the plan (an archived repository, read-only
  // mode, billing) and names no auth cause and no challenge: other credentials would not change it.
  const resourceState =
    !wwwAuth && said.every((x) => x.id === 'forbidden-authenticated')
      ? [...body.messages.slice(0, 10), ...body.codes.slice(0, 10)].find((m) => RESOURCE_STATE.test(m.toLowerCase()))
      : undefined;
  const stateOnly = resourceState !== undefined;
  const failure =
    (isAuthFailure(ex.status, resH) && !stateOnly) ||
    ((ex.status === 422 || ex.status === 400) && csrf !== undefined) ||
    (said.length > 0 &&
      // A 404's words are about the resource ("Token Not Found" when revoking a token already gone).
      ((ex.status !== 404 && (ex.status >= 400 || body.saysError)) ||
        said.some((x) => x.row?.status?.includes(ex.status)) ||
        // ...unless it says the caller may not see it: vendors hide what a caller may not read behind a
        // 404 (Jira "does not exist or you do not have permission", Notion "shared with your integration").
        (ex.status === 404 && hasCredentials && said.some((x) => PERMISSION.has(x.id)))));
  const initiator = typeof ex.initiator === 'string' ? safeUrl(ex.initiator)?.origin : undefined;
  const site = req('sec-fetch-site');
  const crossOrigin =
    initiator !== undefined && initiator !== 'null' && url !== undefined
      ? initiator !== url.origin
      : site === 'cross-site' || site === 'same-site';

  return {
    ex,
    status: ex.status,
    method: String(ex.method).toUpperCase(),
    ...(url ? { url } : {}),
    host,
    loopback: LOOPBACK.test(host),
    req,
    res,
    challenges,
    proxyChallenges,
    challengeProblems,
    challenge: (scheme) => challenges.find((c) => c.scheme.toLowerCase() === scheme),
    ...(auth ? { auth } : {}),
    ...(proxyAuth ? { proxyAuth } : {}),
    ...(main ? { main } : {}),
    tokens,
    cookies,
    apiKeys,
    queryTokens,
    ...(signed ? { signed } : {}),
    hasCredentials,
    ...(serverTime !== undefined ? { serverTime } : {}),
    ...(clientTime !== undefined ? { clientTime } : {}),
    ...(refTime !== undefined ? { refTime } : {}),
    refBy,
    body,
    ...(csrf ? { csrf } : {}),
    statements: said,
    ...(endpoint ? { endpoint } : {}),
    idp: endpoint !== undefined || IDP_HOSTS.test(host),
    ...(location ? { location } : {}),
    failure,
    ...(resourceState !== undefined ? { resourceState } : {}),
    crossOrigin,
    history: Array.isArray(dc.history) ? dc.history.filter(wellFormed).slice(-500) : [],
    ...(dc.fingerprintKey ? { fingerprintKey: dc.fingerprintKey } : {}),
  };
}

/** A rule family: reads the inspection (and what earlier families found), returns findings. */
export type Rule = (c: Inspection, earlier: readonly Draft[]) => Draft[];
