// A URL that looks like a sign-in page: cookie-authentication middleware's login routes
// (/login, /signin, /Account/Login (ASP.NET Core), /accounts/login/ (Django), /users/sign_in
// (Devise)...), a return parameter next to a sign-in-ish path, an authorization request, or the
// sign-in start of an identity-aware proxy in front of the app (Cloudflare Access
// /cdn-cgi/access/login, oauth2-proxy /oauth2/start and /oauth2/sign_in, Azure App Service
// /.auth/login/<provider>, Pomerium /.pomerium/sign_in). A page saying access was denied
// (ASP.NET Core's /Account/AccessDenied, Shiro's unauthorizedUrl, /403) is not a sign-in page: the
// caller was signed in and refused.
import { isAuthorizationQuery } from './idp-endpoints.ts';

const LOGIN_PATH =
  /(^|\/)(login|log-in|signin|sign-in|sign_in|logon|session\/new|users\/sign_in|auth\/login|account\/login|accounts\/login|saml\/login|cas\/login|sso\/login)(\/|\.\w{2,5})?$/i;
const RETURN_PARAM = /[?&](returnurl|return_url|returnto|return_to|next|redirect_to|continue)=/i;
const SIGN_IN_WORDS = /log|sign|auth|account/i;
const PROXY_LOGIN = /(^|\/)(cdn-cgi\/access\/login|oauth2\/(start|sign_in)|\.auth\/login|\.pomerium\/sign_in)(\/|$)/i;
const ACCESS_DENIED_PATH =
  /(^|\/)(access[-_]?denied|denied|forbidden|403|unauthori[sz]ed|not[-_]?authori[sz]ed|no[-_]?access|permission[-_]?denied|insufficient[-_]?permissions?)(\/|\.\w{2,5})?$/i;
/** an error page's query (?error=access_denied), not an authorization response (which names its state) */
const ACCESS_DENIED_QUERY = /[?&]error=access[-_]?denied(&|$)/i;
const STATE = /[?&]state=/;

export function isAccessDeniedPage(u: { pathname: string; search: string } | undefined): boolean {
  if (!u) return false;
  return ACCESS_DENIED_PATH.test(u.pathname) || (ACCESS_DENIED_QUERY.test(u.search) && !STATE.test(u.search));
}

export function isLoginPage(u: { pathname: string; search: string } | undefined): boolean {
  if (!u || isAccessDeniedPage(u)) return false;
  return (
    LOGIN_PATH.test(u.pathname) ||
    PROXY_LOGIN.test(u.pathname) ||
    (RETURN_PARAM.test(u.search) && SIGN_IN_WORDS.test(u.pathname)) ||
    isAuthorizationQuery(u.search)
  );
}
