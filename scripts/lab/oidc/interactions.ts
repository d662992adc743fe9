// The provider's login and consent pages: oidc-provider's interaction API as its documentation
// shows it (interactionDetails, then interactionFinished with a login, a consent grant or an
// access_denied error). Each page is a plain form a person can use; when the authorization
// request carried `lab_auto=allow|deny`, a line of script submits it by itself, so the lab's
// driver goes through the same GET and POST requests a person would.
// https://github.com/panva/node-oidc-provider/blob/main/example/routes/express.js
import type Provider from 'oidc-provider';
import { form, readBody, send, type Ctx } from '../http.ts';
import { USER } from './clients.ts';

/** The consent the driver gives on the user's behalf: `allow` signs in and consents, `deny` cancels the consent. */
export type AutoAnswer = 'allow' | 'deny';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** how long an automatic answer leaves the page on screen: enough to see it in `npm start` */
const AUTO_DELAY_MS = 150;

function page(title: string, body: string, autoSubmit?: string): string {
  const auto = autoSubmit
    ? `<script>setTimeout(() => document.getElementById(${JSON.stringify(autoSubmit)}).submit(), ${AUTO_DELAY_MS});` +
      '</script>'
    : '';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Lab IdP</title>
<style>body{font:15px system-ui,sans-serif;max-width:24rem;margin:3rem auto;color:#1b1f24}
input,button{font:inherit;display:block;margin:.4rem 0;padding:.3rem .5rem}form{margin:.8rem 0}</style></head>
<body><h1>${esc(title)}</h1>${body}${auto}</body></html>`;
}

/** GET /interaction/:uid and the form posts under it; false for any other path. */
export async function interactionRoute(c: Ctx, provider: Provider): Promise<boolean> {
  const m = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(c.url.pathname);
  if (!m) return false;
  const [, uid, action] = m;
  const details = await provider.interactionDetails(c.req, c.res);
  if (details.uid !== uid) return (send(c.res, 400, 'interaction mismatch'), true);
  const auto = details.params.lab_auto as AutoAnswer | undefined;
  const html = { 'Content-Type': 'text/html; charset=utf-8' };

  if (c.method === 'GET' && !action) {
    const client = String(details.params.client_id ?? '');
    const cancel = `<form id="abort" method="post" action="/interaction/${uid}/abort"><button>Cancel</button></form>`;
    if (details.prompt.name === 'login') {
      const body = `<p>Sign in to continue to <b>${esc(client)}</b>.</p>
<form id="login" method="post" action="/interaction/${uid}/login" autocomplete="off">
<input name="login" placeholder="user" value="${USER.name}">
<input name="password" type="password" placeholder="password" value="${auto ? USER.password : ''}">
<button>Sign in</button></form>${cancel}`;
      send(c.res, 200, page('Sign in', body, auto ? 'login' : undefined), html);
      return true;
    }
    const scopes = [...((details.prompt.details.missingOIDCScope as string[] | undefined) ?? [])];
    const body = `<p><b>${esc(client)}</b> asks for: ${esc(scopes.join(' ') || 'access to your account')}.</p>
<form id="confirm" method="post" action="/interaction/${uid}/confirm"><button>Allow</button></form>${cancel}`;
    send(c.res, 200, page('Allow access?', body, auto === 'deny' ? 'abort' : auto ? 'confirm' : undefined), html);
    return true;
  }
  if (c.method !== 'POST') return (send(c.res, 405, 'Method not allowed'), true);

  if (action === 'login') {
    const f = form(await readBody(c.req));
    if (f.login !== USER.name || f.password !== USER.password) {
      send(
        c.res,
        200,
        page('Sign in', '<p>Wrong user or password. <a href="javascript:history.back()">Back</a></p>'),
        html,
      );
      return true;
    }
    await provider.interactionFinished(
      c.req,
      c.res,
      { login: { accountId: USER.name } },
      {
        mergeWithLastSubmission: false,
      },
    );
    return true;
  }
  if (action === 'abort') {
    await provider.interactionFinished(
      c.req,
      c.res,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      { mergeWithLastSubmission: false },
    );
    return true;
  }
  // confirm: grant what the prompt found missing (scopes, claims, resource scopes)
  const { accountId } = details.session ?? {};
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  if (!grant) return (send(c.res, 400, 'grant not found'), true);
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
    grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(
    c.req,
    c.res,
    { consent: details.grantId ? {} : { grantId } },
    { mergeWithLastSubmission: true },
  );
  return true;
}
