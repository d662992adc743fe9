// CSRF refusals (context.csrf decides whether it is one): certain when the body names the check,
// likely when only the cookies, the method and the missing token header point to it.
import type { Rule } from '../context.ts';
import { consumer, draft, ev, server } from '../finding.ts';
import { link } from '../refs.ts';

const TOKEN_CODE: Record<string, string> = {
  'X-CSRFToken': "headers: { 'X-CSRFToken': getCookie('csrftoken') }",
  'X-XSRF-TOKEN': "headers: { 'X-XSRF-TOKEN': decodeURIComponent(getCookie('XSRF-TOKEN')) }",
  'X-CSRF-Token': "headers: { 'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content }",
};

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
    'no X-CSRFToken / X-CSRF-Token / X-XSRF-TOKEN header was sent',
  ];
  const django = v.framework === 'Django' || (!v.framework && c.status === 403);
  const originFailed = c.body.text.includes('origin checking failed');
  const what = v.certain
    ? `A cookie-authenticated ${c.method} was refused by the CSRF protection (Django 403, Laravel 419, Rails 422). ${v.header ? `The ${v.header} header was sent but did not match the session (stale token, or one from another session).` : 'No X-CSRFToken / X-CSRF-Token / X-XSRF-TOKEN header was sent.'}`
    : `No response body was available to confirm it, so this is the likely cause, resting on: ${basis.join('; ')}. A ${c.status} to such a request is how ${v.framework ?? 'CSRF middleware'} refuses a missing token. If sending the token header does not help, the ${c.status} has another cause (${c.status === 422 ? 'a validation error' : 'a permission'}).`;
  return [
    draft({
      id: 'csrf-rejected',
      severity: 'error',
      title: v.certain ? 'CSRF check failed' : 'CSRF check likely failed',
      summary: v.certain
        ? `CSRF check failed on ${c.method}: send the framework's CSRF token header${v.header ? ' (the one sent is stale or wrong)' : ` (${v.expects})`}`
        : `Likely a CSRF rejection: ${c.method} with ${v.cookie ? `the ${v.cookie} cookie` : `the ${v.session ?? 'session'} cookie`} but no ${v.expects} header; send the CSRF token header`,
      explanation:
        what +
        (originFailed
          ? ' Django says "Origin checking failed": the page origin is not in CSRF_TRUSTED_ORIGINS (common behind a proxy).'
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
      fixes: [
        consumer(
          `Read the token (cookie or meta tag) and send it in ${v.expects} (Django: X-CSRFToken, Laravel: X-XSRF-TOKEN, Rails: X-CSRF-Token).`,
          TOKEN_CODE[v.expects],
        ),
        ...(django
          ? [
              server(
                'Django behind a proxy or on another origin: list it in CSRF_TRUSTED_ORIGINS.',
                "CSRF_TRUSTED_ORIGINS = ['https://app.example']",
              ),
            ]
          : []),
      ],
      refs: [
        link('Django: CSRF protection', 'https://docs.djangoproject.com/en/stable/howto/csrf/'),
        link('Laravel: CSRF', 'https://laravel.com/docs/csrf'),
        link('Rails: CSRF countermeasures', 'https://guides.rubyonrails.org/security.html#csrf-countermeasures'),
      ],
    }),
  ];
};
