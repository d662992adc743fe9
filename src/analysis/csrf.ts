// Is a refusal a CSRF check, and how sure can we be? Django answers 403, Laravel 419, Rails
// 422, ASP.NET Core's antiforgery, Flask-WTF and Yii 400. A body that names the check settles it,
// but the worker sees no bodies (webRequest gives headers only): then the framework's cookies, an
// unsafe method and no token header make CSRF the likely cause, and the finding says what it rests on.
import type { Header } from './types.ts';
import { isCsrfCookie, type Cookie } from './credentials/cookies.ts';
import type { BodyHints } from './body/index.ts';
import { headerValue } from '../http/headers.ts';

type Framework = 'Django' | 'Laravel' | 'Rails' | 'ASP.NET Core';

export interface CsrfVerdict {
  /** the body (or Laravel's dedicated 419) says so; otherwise it is inferred from headers */
  certain: boolean;
  /** the token header that was sent: it was then stale or for another session */
  header?: string;
  /** the CSRF cookie sent (csrftoken, XSRF-TOKEN, _csrf) */
  cookie?: string;
  /** the session cookie that names the framework */
  session?: string;
  framework?: Framework;
  /** the request header this framework reads the token from */
  expects: string;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// X-Requested-With is not a token: Django and Rails reject a jQuery POST that only sends it.
const TOKEN_HEADER = /^(x-csrftoken|x-csrf-token|x-xsrf-token|csrf-token|x-csrf|requestverificationtoken)$/i;
// Rails names its session cookie _<app>_session (or _session_id with the default store key).
const RAILS_SESSION = /^_(session_id|[\w-]+_session)$/i;
// ASP.NET Core names its antiforgery cookie .AspNetCore.Antiforgery.<hash>.
const ANTIFORGERY = /^\.aspnetcore\.antiforgery\./i;
const EXPECTS: Record<Framework, string> = {
  Django: 'X-CSRFToken',
  Laravel: 'X-XSRF-TOKEN',
  Rails: 'X-CSRF-Token',
  'ASP.NET Core': 'RequestVerificationToken',
};
/** the status each framework refuses a CSRF failure with; an unknown one: 403 or 422 */
const STATUS: Record<Framework, number> = { Django: 403, Laravel: 419, Rails: 422, 'ASP.NET Core': 400 };

function framework(cookies: readonly Cookie[]): { framework?: Framework; session?: string } {
  const has = (name: string): boolean => cookies.some((k) => k.name === name);
  const antiforgery = cookies.find((k) => ANTIFORGERY.test(k.name));
  if (antiforgery) return { framework: 'ASP.NET Core' };
  if (has('laravel_session')) return { framework: 'Laravel', session: 'laravel_session' };
  const rails = cookies.find((k) => RAILS_SESSION.test(k.name));
  if (rails) return { framework: 'Rails', session: rails.name };
  if (has('csrftoken')) return { framework: 'Django', ...(has('sessionid') ? { session: 'sessionid' } : {}) };
  return {};
}

export interface CsrfInput {
  method: string;
  status: number;
  cookies: readonly Cookie[];
  requestHeaders: readonly Header[];
  challenged: boolean;
  body: BodyHints;
}

export function csrfVerdict(i: CsrfInput): CsrfVerdict | undefined {
  if (!UNSAFE.has(i.method) || !i.cookies.length || i.challenged || ![400, 403, 419, 422].includes(i.status))
    return undefined;
  const header = i.requestHeaders.find((h) => TOKEN_HEADER.test(h.name))?.name;
  const cookie = i.cookies.find((k) => isCsrfCookie(k.name))?.name;
  const fw = framework(i.cookies);
  const base = {
    ...(header ? { header } : {}),
    ...(cookie ? { cookie } : {}),
    ...fw,
    // Angular and Spring pair the XSRF-TOKEN cookie with X-XSRF-TOKEN.
    expects: fw.framework
      ? EXPECTS[fw.framework]
      : /^xsrf-token$/i.test(cookie ?? '')
        ? 'X-XSRF-TOKEN'
        : 'X-CSRF-Token',
  };
  if (i.body.csrf) return { certain: true, ...base };
  // 419 is Laravel's own status for a failed CSRF check (TokenMismatchException): a token header sent
  // with it was stale (the session behind it ended).
  if (i.status === 419) return { certain: true, ...base };
  // A token header was sent and nothing says it failed: some other check refused the request.
  if (header) return undefined;
  // A body that does not mention CSRF names another reason (a permission, a validation error).
  if (i.body.text !== '') return undefined;
  // Token-authenticated calls skip the CSRF check (Django REST framework enforces it only for
  // session auth), so with Authorization sent a bare 403 says nothing about CSRF.
  if (headerValue(i.requestHeaders, 'authorization') !== undefined) return undefined;
  // A bare 400 is too common to read as CSRF unless the framework's cookie says it refuses so.
  const fits = fw.framework ? STATUS[fw.framework] === i.status : i.status === 403 || i.status === 422;
  // Rails keeps its token in the page, not in a cookie: its session cookie is the evidence there.
  const evidence = cookie !== undefined || fw.framework === 'Rails';
  return fits && evidence ? { certain: false, ...base } : undefined;
}
