// CSRF refusals (the inspection's csrf verdict decides whether it is one): certain when the body
// names the check, likely when only the cookies, the method and the missing token header point to it.
import type { Rule } from '../inspect.ts';
import { consumer, defineFindings, ev, server } from '../finding.ts';
import { code, type Snippet } from '../snippets.ts';
import { link } from '../refs.ts';

const sendTheToken = (header: string): string =>
  `Read the token (cookie or meta tag) and send it in ${header} ` +
  '(Django: X-CSRFToken, Laravel: X-XSRF-TOKEN, Rails: X-CSRF-Token, ASP.NET Core: RequestVerificationToken).';
const TRUSTED_ORIGINS = server(
  'Django behind a proxy or on another origin: list it in CSRF_TRUSTED_ORIGINS.',
  code('py', "CSRF_TRUSTED_ORIGINS = ['https://app.example']"),
);
const TOKEN_CODE: Record<string, Snippet> = {
  'X-CSRFToken': code('js', "headers: { 'X-CSRFToken': getCookie('csrftoken') }"),
  'X-XSRF-TOKEN': code('js', "headers: { 'X-XSRF-TOKEN': decodeURIComponent(getCookie('XSRF-TOKEN')) }"),
  'X-CSRF-Token': code('js', "headers: { 'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content }"),
  RequestVerificationToken: code(
    'js',
    "headers: { RequestVerificationToken: document.querySelector('input[name=__RequestVerificationToken]').value }",
  ),
};

export const CSRF = defineFindings('browser', {
  'csrf-rejected': {
    title: 'CSRF check failed',
    severity: 'error',
    means:
      'The framework’s cross-site request forgery protection refused a cookie-authenticated, state-changing ' +
      'request (POST, PUT, PATCH, DELETE) that lacked a valid CSRF token: Django answers 403, Laravel 419, ' +
      'Rails 422, ASP.NET Core’s antiforgery, Flask-WTF and Yii 400. The page must read the token (from a ' +
      'cookie or a meta tag) and send it in the framework’s header.',
    restsOn:
      'An unsafe method with cookies and no challenge, answered 400, 403, 419 or 422. Certain when the body names ' +
      'the check (Django "CSRF verification failed" or "Origin checking failed", Laravel "Page Expired", ' +
      'Rails "Can’t verify CSRF token authenticity", Yii "Unable to verify your data submission"...) or on ' +
      'Laravel’s 419 (a token header sent with it was stale). Likely when no body is known and ' +
      'the CSRF cookie (csrftoken, XSRF-TOKEN, _csrf, .AspNetCore.Antiforgery.*) or the framework’s session ' +
      'cookie went without an X-CSRFToken, X-CSRF-Token, X-XSRF-TOKEN or RequestVerificationToken header (a 400 ' +
      'only with ASP.NET Core’s antiforgery cookie). A request with Authorization is not judged by its ' +
      'cookies.',
    fixes: [consumer(sendTheToken('the framework’s header')), TRUSTED_ORIGINS],
    references: [
      link('Django: CSRF protection', 'https://docs.djangoproject.com/en/stable/howto/csrf/'),
      link('Laravel: CSRF', 'https://laravel.com/docs/csrf'),
      link('Rails: CSRF countermeasures', 'https://guides.rubyonrails.org/security.html#csrf-countermeasures'),
    ],
  },
});

export const csrf: Rule = (c) => {
  const v = c.csrf;
  if (!v) return [];
  const by = v.framework ? ` (${v.framework})` : '';
  const basis = [
    v.cookie
      ? `the ${v.cookie} cookie was sent${by}`
      : v.session
        ? `the ${v.session} session cookie was sent${by}`
        : 'cookies were sent',
    `${c.method} is an unsafe method (CSRF protection checks those)`,
    v.framework === 'ASP.NET Core'
      ? 'no RequestVerificationToken header was sent'
      : 'no X-CSRFToken / X-CSRF-Token / X-XSRF-TOKEN header was sent',
  ];
  const django = v.framework === 'Django' || (!v.framework && c.status === 403);
  const originFailed = c.body.text.includes('origin checking failed');
  const what = v.certain
    ? `A cookie-authenticated ${c.method} was refused by the CSRF protection (Django 403, Laravel 419, ` +
      'Rails 422, ASP.NET Core 400). ' +
      (v.header
        ? `The ${v.header} header was sent but did not match the session (stale token, or one from another session).`
        : 'No X-CSRFToken / X-CSRF-Token / X-XSRF-TOKEN header was sent.')
    : 'No response body was available to confirm it, so this is the likely cause, resting on: ' +
      `${basis.join('; ')}. A ${c.status} to such a request is how ${v.framework ?? 'CSRF middleware'} refuses ` +
      `a missing token. If sending the token header does not help, the ${c.status} has another cause ` +
      `(${c.status === 422 ? 'a validation error' : 'a permission'}).`;
  const cookie = v.cookie ? `the ${v.cookie} cookie` : `the ${v.session ?? 'session'} cookie`;
  return [
    CSRF.draft('csrf-rejected', {
      title: v.certain ? 'CSRF check failed' : 'CSRF check likely failed',
      summary: v.certain
        ? `CSRF check failed on ${c.method}: send the framework's CSRF token header` +
          (v.header ? ' (the one sent is stale or wrong)' : ` (${v.expects})`)
        : `Likely a CSRF rejection: ${c.method} with ${cookie} but no ${v.expects} header; send the CSRF token header`,
      explanation:
        what +
        (originFailed
          ? ' Django says "Origin checking failed": the page origin is not in CSRF_TRUSTED_ORIGINS ' +
            '(common behind a proxy).'
          : ''),
      evidence: [
        ev('Status', String(c.status)),
        ev('Method', c.method),
        ev('CSRF header', v.header ? `${v.header} sent` : 'none'),
        ev(
          'Cookies',
          c.cookies
            .map((k) => k.name)
            .join(', ')
            .slice(0, 200),
        ),
        ev(
          'Confirmed by',
          v.certain ? (c.body.csrf ? 'response body' : `status ${c.status}`) : 'not confirmed: no response body',
        ),
      ],
      fixes: [consumer(sendTheToken(v.expects), TOKEN_CODE[v.expects]), ...(django ? [TRUSTED_ORIGINS] : [])],
    }),
  ];
};
