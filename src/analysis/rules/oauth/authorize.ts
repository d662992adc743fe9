// The authorization step (RFC 6749 §4.1, OpenID Connect Core §3.1.2): errors the identity provider
// sends back to the client (in the redirect's query or fragment, or posted by a page), its own
// error pages (an unregistered redirect_uri), and what the authorize request itself shows about the
// flow: implicit grant, PKCE absent or plain, no state.
import type { Inspection, Rule } from '../../inspect.ts';
import { clip, consumer, defineFindings, ev, server, type Draft, type Evidence } from '../../finding.ts';
import { link, mdn, rfc } from '../../refs.ts';
import { maskUrl } from '../../credentials/mask-url.ts';
import { quoteFrom } from '../../vendors/statements.ts';
import { authorizationError, urlParams, type AuthorizationResponse, type Params } from './params.ts';

const OIDC_AUTH_ERROR = link(
  'OpenID Connect Core: authentication error response',
  'https://openid.net/specs/openid-connect-core-1_0.html#AuthError',
);

export const AUTHORIZE = defineFindings('oauth', {
  'oauth-authorization-error': {
    title: 'Authorization refused by the identity provider',
    severity: 'error',
    means:
      'The authorization server sent the user back to the client with an error instead of a code or token ' +
      '(RFC 6749 §4.1.2.1): access_denied (the user or a policy declined), invalid_scope, unauthorized_client, ' +
      'invalid_request, unsupported_response_type, server_error. error_description says more.',
    restsOn:
      'error= (with state=, error_description= or error_uri=) in the query or fragment of the redirect the ' +
      'identity provider answers with, of the URL reached, or posted by its page (response_mode=web_message).',
    fixes: [
      consumer('Read error_description; fix the request (scope, client, response_type) or let the user consent.'),
    ],
    references: [rfc(6749, '4.1.2.1'), OIDC_AUTH_ERROR],
  },
  'silent-auth-failed': {
    title: 'Silent sign-in failed (prompt=none)',
    severity: 'error',
    means:
      'A silent token renewal asked the identity provider to answer without showing anything (prompt=none, ' +
      'usually in a hidden iframe) and it could not: login_required, interaction_required, consent_required or ' +
      'account_selection_required. Most often the identity provider’s session cookie was not sent because ' +
      'third-party cookies are blocked (Safari, Firefox, Brave, incognito), or the session ended.',
    restsOn:
      'An authorization response error login_required, interaction_required, consent_required or ' +
      'account_selection_required, to an authorize request with prompt=none (or from a hidden iframe).',
    fixes: [
      consumer('Use refresh tokens with rotation instead of iframe renewal; fall back to an interactive sign-in.'),
      server('Serve the identity provider from the app’s own site (a custom domain) so its cookie is first-party.'),
    ],
    references: [
      OIDC_AUTH_ERROR,
      link('Auth0: token renewal in Safari', 'https://auth0.com/docs/api-auth/token-renewal-in-safari'),
      mdn('API/Storage_Access_API', 'Storage Access API'),
    ],
  },
  'redirect-uri-mismatch': {
    title: 'redirect_uri not registered for the client',
    severity: 'error',
    means:
      'The authorize request’s redirect_uri is not one of the client’s registered redirect URIs, compared ' +
      'exactly (scheme, host, port, path, trailing slash). The identity provider shows an error page instead ' +
      'of redirecting (RFC 6749 §3.1.2.4), or redirects back with error=redirect_uri_mismatch.',
    restsOn:
      'An authorize request answered with redirect_uri_mismatch, Entra AADSTS50011, Keycloak "Invalid ' +
      'parameter: redirect_uri", Auth0 "Callback URL mismatch" or similar words; the request’s redirect_uri ' +
      'is shown to compare with the registered ones.',
    fixes: [consumer('Register this exact redirect_uri for the client, or send the one registered (byte for byte).')],
    references: [
      rfc(6749, '3.1.2'),
      link(
        'Google: redirect_uri_mismatch',
        'https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors-redirect-uri-mismatch',
      ),
    ],
  },
  'pkce-missing': {
    title: 'PKCE missing',
    severity: 'error',
    means:
      'Proof Key for Code Exchange (RFC 7636) binds an authorization code to the client that asked for it: a ' +
      'code_challenge in the authorize request, the code_verifier when redeeming. Public clients (SPAs, mobile ' +
      'apps) must use it and many servers require it (RFC 9700 §2.1.1); without it a stolen code can be redeemed.',
    restsOn:
      'An identity provider refusing for missing PKCE (code_challenge required, Entra AADSTS9002325, a token ' +
      'endpoint asking for the code_verifier); as a hint, an authorization code request sent without ' +
      'code_challenge.',
    fixes: [
      consumer('Send code_challenge (S256 of a random code_verifier) and redeem the code with the code_verifier.'),
    ],
    references: [rfc(7636, '4'), rfc(9700, '2.1.1')],
  },
  'pkce-plain': {
    title: 'PKCE with the plain method',
    severity: 'warning',
    means:
      'code_challenge_method=plain sends the verifier itself as the challenge, so anyone who sees the authorize ' +
      'request can redeem the code: RFC 7636 §4.2 allows it only when S256 is impossible and RFC 9700 says to ' +
      'use S256. Servers configured for S256 refuse it.',
    restsOn: 'code_challenge_method=plain in an authorize request, or a server refusing it.',
    fixes: [consumer('Use code_challenge_method=S256 (BASE64URL(SHA-256(code_verifier))).')],
    references: [rfc(7636, '4.2'), rfc(9700, '2.1.1')],
  },
  'state-missing': {
    title: 'Authorize request without state',
    severity: 'warning',
    means:
      'Without a state value (or PKCE) bound to the browser session, the client cannot tell whether the code ' +
      'it receives belongs to a sign-in it started: an attacker can log the user into the attacker’s account ' +
      '(login CSRF, RFC 6749 §10.12).',
    restsOn: 'An authorize request with no state and no code_challenge.',
    fixes: [consumer('Send a random state, keep it in the session, and compare it in the callback.')],
    references: [rfc(6749, '10.12'), rfc(9700, '2.1')],
  },
  'implicit-flow': {
    title: 'Implicit flow',
    severity: 'warning',
    means:
      'response_type=token (or id_token token) returns the access token in the URL fragment, where browser ' +
      'history, extensions and referrers can leak it, with no way to bind it to the client. RFC 9700 §2.1.2 ' +
      'says not to use it, and identity providers disable it by default: use the authorization code flow ' +
      'with PKCE.',
    restsOn:
      'An authorize request whose response_type includes token, or an identity provider refusing it ' +
      '(unsupported_response_type, Entra AADSTS700051).',
    fixes: [consumer('Switch to response_type=code with PKCE (every current OIDC client library supports it).')],
    references: [rfc(9700, '2.1.2'), rfc(6749, '4.2')],
  },
});

const SILENT = /^(login_required|interaction_required|consent_required|account_selection_required)$/;
const REDIRECT_WORDS =
  /redirect_uri_mismatch|redirect[_ ]uri[^.]{0,80}(mismatch|not (registered|valid|allowed|match)|does not match|invalid)|invalid parameter: redirect_uri|callback url mismatch|aadsts50011|invalid redirect[_ ]ur[il]|redirect ur[il] (is )?not/;
const PKCE_WORDS = /code[_ ]challenge|pkce|proof key/;

const redirectUri = (p: Params, before: string, after: string): string =>
  p.has('redirect_uri') ? `${before}${clip(p.get('redirect_uri')!, 200)}${after}` : '';

const shownClient = (p: Params): string => (p.has('client_id') ? ` ${clip(p.get('client_id')!, 80)}` : '');

function shownParams(p: Params): Evidence[] {
  return ['client_id', 'redirect_uri', 'response_type', 'scope', 'prompt', 'code_challenge_method']
    .filter((k) => p.has(k))
    .map((k) => ev(k, clip(p.get(k)!, 200)));
}

function fromError(c: Inspection, r: AuthorizationResponse, req: Params): Draft {
  const words = `${r.error} ${r.description ?? ''}`.toLowerCase();
  const desc = r.description ? `: ${clip(r.description, 160)}` : '';
  const evidence = [
    ev('error', r.error),
    r.description ? ev('error_description', clip(r.description)) : undefined,
    r.uri ? ev('error_uri', clip(maskUrl(r.uri))) : undefined,
    ev('Read from', r.from),
    r.shown ? ev('Redirected to', clip(r.shown)) : undefined,
    ...shownParams(req),
  ];
  const silent =
    req.get('prompt') === 'none' || c.ex.type === 'sub_frame' || req.get('response_mode') === 'web_message';
  if (SILENT.test(r.error) && silent)
    return AUTHORIZE.draft('silent-auth-failed', {
      summary: `Silent sign-in failed (${r.error})${desc}: third-party cookies blocked, or the session ended`,
      evidence,
    });
  if (REDIRECT_WORDS.test(words))
    return AUTHORIZE.draft('redirect-uri-mismatch', {
      summary: `redirect_uri is not registered${redirectUri(req, ' (', ')')}${desc}`,
      evidence,
    });
  if (r.error === 'unsupported_response_type' && /token/.test(req.get('response_type') ?? words))
    return AUTHORIZE.draft('implicit-flow', {
      severity: 'error',
      summary:
        `The identity provider refuses the implicit flow (response_type=${req.get('response_type') ?? 'token'})` + desc,
      evidence,
    });
  if (PKCE_WORDS.test(words)) {
    const plain = req.get('code_challenge_method')?.toLowerCase() === 'plain' || /plain/.test(words);
    return AUTHORIZE.draft(plain ? 'pkce-plain' : 'pkce-missing', {
      severity: 'error',
      summary: plain
        ? `The identity provider refuses PKCE with the plain method${desc}: use S256`
        : `The identity provider requires PKCE (code_challenge)${desc}`,
      evidence,
    });
  }
  return AUTHORIZE.draft('oauth-authorization-error', {
    summary: `The identity provider refused the authorization (${r.error})${desc}`,
    evidence,
  });
}

export const authorize: Rule = (c) => {
  const req = c.endpoint === 'authorize' ? urlParams(c.url) : new Map<string, string>();
  const out: Draft[] = [];
  const err = authorizationError(c);
  if (err) return [fromError(c, err, req)];
  if (c.endpoint !== 'authorize') return out;
  // The identity provider's own error page for the request.
  const page = [...c.body.messages, c.body.text].join(' ').toLowerCase();
  if ((c.status >= 400 || c.body.kind === 'html') && REDIRECT_WORDS.test(page)) {
    const quote =
      c.body.messages.find((m) => REDIRECT_WORDS.test(m.toLowerCase())) ??
      quoteFrom(c.body, REDIRECT_WORDS) ??
      c.body.messages[0];
    out.push(
      AUTHORIZE.draft('redirect-uri-mismatch', {
        summary: `redirect_uri is not registered for the client${redirectUri(req, ': ', '')}`,
        evidence: [
          quote ? ev('Server says', clip(quote)) : undefined,
          ev('Status', String(c.status)),
          ...shownParams(req),
        ],
      }),
    );
    return out;
  }
  // RFC 6749 §4.1.2.1: a missing, invalid or mismatching redirect_uri, or an unknown client_id, is
  // the one refusal the server must not redirect back with: its own error page is that, even when
  // the page is not known (the worker reads no bodies) or names nothing recognisable.
  if (c.status >= 400 && c.status < 500 && !c.body.error) {
    const client = /client[_ ]?id|invalid_client|unknown client|client not found|client .{0,20}not (found|exist)/;
    const aboutClient = client.test(page);
    out.push(
      AUTHORIZE.draft(aboutClient ? 'oauth-authorization-error' : 'redirect-uri-mismatch', {
        summary: aboutClient
          ? `The identity provider does not know the client${shownClient(req)}: its own error page (${c.status})`
          : `The identity provider showed its own error page (${c.status}) instead of redirecting back: the ` +
            `redirect_uri${redirectUri(req, ' ', '')} (or the client_id) is not registered for the client`,
        evidence: [
          c.body.messages[0] ? ev('Server says', clip(c.body.messages[0])) : undefined,
          ev('Status', String(c.status)),
          ...shownParams(req),
        ],
      }),
    );
    return out;
  }
  const type = req.get('response_type') ?? '';
  if (/(^|\s)token(\s|$)/.test(type))
    out.push(
      AUTHORIZE.draft('implicit-flow', {
        summary: `The implicit flow (response_type=${clip(type, 40)}) returns the token in the URL: use code with PKCE`,
        evidence: [...shownParams(req), c.location ? ev('Redirected to', clip(maskUrl(c.location.href))) : undefined],
      }),
    );
  const method = req.get('code_challenge_method');
  if (method?.toLowerCase() === 'plain')
    out.push(
      AUTHORIZE.draft('pkce-plain', {
        summary: 'PKCE with code_challenge_method=plain: the challenge is the verifier itself; use S256',
        evidence: shownParams(req),
      }),
    );
  const pkce = req.has('code_challenge');
  if (!req.has('state') && !pkce)
    out.push(
      AUTHORIZE.draft('state-missing', {
        summary: 'Authorize request without state (and without PKCE): the callback cannot tell its own sign-in apart',
        evidence: [ev('state', 'absent'), ev('code_challenge', 'absent'), ...shownParams(req)],
      }),
    );
  if (/(^|\s)code(\s|$)/.test(type) && !pkce)
    out.push(
      AUTHORIZE.draft('pkce-missing', {
        severity: 'info',
        summary: 'Authorization code request without PKCE (code_challenge): RFC 9700 asks every client to use it',
        evidence: [ev('code_challenge', 'absent'), ...shownParams(req)],
      }),
    );
  return out;
};
