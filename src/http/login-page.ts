// A URL that looks like a sign-in page: cookie-authentication middleware's login routes
// (/login, /signin, /Account/Login (ASP.NET Core), /accounts/login/ (Django), /users/sign_in
// (Devise)...), a return parameter next to a sign-in-ish path, or an authorization request.
import { isAuthorizationQuery } from './idp-endpoints.ts';

const LOGIN_PATH =
  /(^|\/)(login|log-in|signin|sign-in|sign_in|logon|session\/new|users\/sign_in|auth\/login|account\/login|accounts\/login|saml\/login|cas\/login|sso\/login)(\/|\.\w{2,5})?$/i;
const RETURN_PARAM = /[?&](returnurl|return_url|returnto|return_to|next|redirect_to|continue)=/i;
const SIGN_IN_WORDS = /log|sign|auth|account/i;

export function isLoginPage(u: { pathname: string; search: string } | undefined): boolean {
  if (!u) return false;
  return (
    LOGIN_PATH.test(u.pathname) ||
    (RETURN_PARAM.test(u.search) && SIGN_IN_WORDS.test(u.pathname)) ||
    isAuthorizationQuery(u.search)
  );
}
