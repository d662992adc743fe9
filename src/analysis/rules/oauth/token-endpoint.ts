// Errors of an OAuth token endpoint (RFC 6749 §5.2): a grant (authorization code, refresh token,
// assertion, device code) or the client's own authentication refused. Vendors answer 400, 401,
// 403, and some 200 (GitHub); the error comes as JSON, form-encoded, or in a challenge (Doorkeeper).
import type { Inspection, Rule } from '../../inspect.ts';
import { clip, consumer, defineFindings, ev, server, type Draft, type Evidence } from '../../finding.ts';
import { link, rfc } from '../../refs.ts';
import { statedEvidence } from '../evidence.ts';
import { LIMITS } from '../limits.ts';
import { TOKEN_CLAIMS } from '../token-claims.ts';
import { AUTHORIZE } from './authorize.ts';
import { BEARER } from '../bearer.ts';

const REFRESH_ROTATION = link(
  'Auth0: refresh token rotation',
  'https://auth0.com/docs/secure/tokens/refresh-tokens/refresh-token-rotation',
);

export const TOKEN_ENDPOINT = defineFindings('oauth', {
  'oauth-grant-rejected': {
    title: 'Token request refused: the grant is not valid',
    severity: 'error',
    means:
      'The authorization server refused what the client traded for tokens (RFC 6749 §5.2 invalid_grant and ' +
      'kin): an authorization code already used, expired (they live seconds to minutes) or issued for another ' +
      'redirect_uri or client; a refresh token expired, revoked, or ended with its session; a PKCE ' +
      'code_verifier that does not match the code_challenge. The user has to sign in again.',
    restsOn:
      'A token endpoint (by path: /token, /oauth/token, /oauth2/v2.0/token, /protocol/openid-connect/token, ' +
      '/login/oauth/access_token...) answering with an OAuth error (invalid_grant, invalid_request, ' +
      'unsupported_grant_type, invalid_scope, GitHub bad_verification_code even on a 200) or a vendor’s ' +
      'own error (Firebase TOKEN_EXPIRED, Entra AADSTS70008 / 700082, Keycloak "Token is not active"); ' +
      'error_description is quoted.',
    fixes: [
      consumer('Start the sign-in again; redeem each code once, immediately, with the same redirect_uri and verifier.'),
      consumer(
        'For refresh tokens: store the newest one after each refresh; on invalid_grant, send the user to sign in.',
      ),
    ],
    references: [rfc(6749, '5.2'), rfc(6749, '10.4')],
  },
  'oauth-client-rejected': {
    title: 'Token request refused: client authentication failed',
    severity: 'error',
    means:
      'The authorization server did not accept the client itself (RFC 6749 §5.2 invalid_client or ' +
      'unauthorized_client): a wrong or expired client secret (Entra: the secret’s value, not its id), the ' +
      'wrong authentication method (Basic vs client_secret_post vs private_key_jwt), a public client sending a ' +
      'secret or a confidential one sending none, or a client not allowed this grant type.',
    restsOn:
      'A token endpoint answering invalid_client, unauthorized_client, access_denied (the client not authorized ' +
      'for the API or audience; in the device flow it is the user’s refusal, a refused grant), GitHub ' +
      'incorrect_client_credentials, or Entra AADSTS7000215 / 7000222 (invalid or expired client secret).',
    fixes: [
      consumer('Check client_id and secret (value, not id; not expired) and the authentication method registered.'),
      server('Allow the grant type for the client, and say which check failed in error_description.'),
    ],
    references: [rfc(6749, '5.2'), rfc(6749, '2.3.1')],
  },
  'refresh-token-reused': {
    title: 'Refresh token used twice',
    severity: 'error',
    means:
      'With refresh token rotation each refresh token is single-use: the server answers with a new one and ' +
      'treats a second use of the old one as a possible theft, refusing it (and often revoking the whole token ' +
      'family, RFC 9700 §4.14.2). Usually two tabs or two requests refreshed at once, or the new refresh token ' +
      'was not stored.',
    restsOn:
      'A token endpoint refusing a refresh with reuse words: Supabase refresh_token_already_used, Keycloak ' +
      '"Maximum allowed refresh token reuse exceeded", "already used", "reuse detected".',
    fixes: [
      consumer(
        'Refresh from one place at a time (a lock or a single refresh promise) and store the new token each time.',
      ),
      server('Allow a short reuse interval for concurrent refreshes.'),
    ],
    references: [rfc(9700, '4.14.2'), REFRESH_ROTATION],
  },
});

// RFC 6749 §5.2: invalid_client and unauthorized_client are about the client (its authentication, or
// the grant types it may use); invalid_grant, invalid_request, invalid_scope and unsupported_grant_type
// about what it asked for. access_denied is not a §5.2 code: vendors answer it at the token endpoint
// when the client is not authorized for the API or audience (Auth0 client grants, Okta policies),
// except in the device flow (RFC 8628 §3.5), where it means the user declined.
const CLIENT_ERRORS =
  /^(invalid_client|unauthorized_client|incorrect_client_credentials|invalid_client_secret|access_denied)$/;
const USER_DECLINED =
  /\b(user|end-user|resource owner)\b[^.]{0,40}\b(denied|declined|rejected|cancel)|(denied|declined|rejected|cancell?ed) by the (end-)?user/;
// The client's own credentials refused, as vendors word it: Entra's codes, "invalid client secret",
// Vault AppRole's "invalid role or secret ID", "invalid client id or secret", "client credentials are invalid".
const CLIENT_WORDS =
  /aadsts7000215|aadsts7000222|aadsts700016|invalid client secret|client secret|client authentication failed|invalid (role|secret)[_ ]?id\b|invalid role or secret[_ ]?id|\b(role|secret)[_ ]id (is )?(invalid|expired|not found)|invalid (client|app|application)[_ ]?(id|credentials)\b|client (id|credentials?) (is |are )?(invalid|incorrect|wrong|not valid)|invalid client (id )?(or|and) (client )?secret/;
const REUSE = /reuse|already used|already been used|refresh_token_already_used|token replay|replayed/;
const PKCE_REQUIRED =
  /(pkce|proof key for code exchange|code[_ ]challenge|code_verifier)[^.]{0,60}(required|missing)|missing[^.]{0,20}code[_ ](challenge|verifier)/;

/** how long an authorization code lives at most before it is redeemed (RFC 6749 §4.1.2: 10 minutes) */
const CODE_LIFETIME_MS = 10 * 60_000;

/**
 * What this token request most likely traded, from the tab's requests before it (the form body
 * is not known to the worker): an authorization response with a code since the last token this
 * endpoint issued is a code exchange; a token already issued by it, with no code since, a refresh.
 */
function grantOf(c: Inspection): { kind: 'code' | 'refresh'; why: string } | undefined {
  if (!c.url) return undefined;
  const here = c.url.origin + c.url.pathname;
  const before = c.history.filter((e) => e.timeStamp < c.ex.timeStamp).sort((a, b) => b.timeStamp - a.timeStamp);
  for (const e of before) {
    const u = safeUrl(e.url);
    if (!u) continue;
    if (
      u.origin + u.pathname === here &&
      e.status >= 200 &&
      e.status < 300 &&
      String(e.method).toUpperCase() === 'POST'
    )
      return {
        kind: 'refresh',
        why: `a token was issued by this endpoint ${ago(c.ex.timeStamp - e.timeStamp)} before`,
      };
    const loc = e.responseHeaders.find((h) => h.name.toLowerCase() === 'location')?.value;
    const code = /[?#&]code=[^&#]/;
    if (c.ex.timeStamp - e.timeStamp <= CODE_LIFETIME_MS && (code.test(u.search) || code.test(loc ?? '')))
      return { kind: 'code', why: `an authorization code came back ${ago(c.ex.timeStamp - e.timeStamp)} before` };
  }
  return undefined;
}

const ago = (ms: number): string => (ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : `${Math.round(ms / 1000)} s`);

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The OAuth error of a token endpoint answer: code and description, wherever the vendor put them. */
function tokenError(c: Inspection): { error: string; description?: string } | undefined {
  const ch = c.challenges.find((x) => x.params.error);
  const oauth = c.body.error && /^[a-z][a-z0-9_]*$/i.test(c.body.error) ? c.body.error : undefined;
  const error = oauth ?? ch?.params.error ?? c.statements[0]?.quote ?? c.body.messages[0];
  if (!error) return c.status >= 400 ? { error: `HTTP ${c.status}` } : undefined;
  const description = c.body.description ?? ch?.params.error_description;
  return { error, ...(description ? { description } : {}) };
}

export const tokenEndpoint: Rule = (c, earlier) => {
  if (c.endpoint !== 'token') return [];
  const t = tokenError(c);
  if (!t || (c.status < 400 && !c.body.saysError)) return [];
  // DPoP at the token endpoint (RFC 9449 §8) is the dpop rules'.
  if (/^(use_dpop_nonce|invalid_dpop_proof)$/.test(t.error)) return [];
  // A network the identity provider does not accept (Salesforce "ip restricted", login IP ranges): the
  // limits rule says so; neither the grant nor the client is at fault.
  if (c.statements.some((s) => s.id === 'ip-not-allowed')) return [];
  const said = [...c.body.codes, ...c.body.messages.slice(0, 5)].join(' ');
  const words = `${t.error} ${t.description ?? ''} ${said}`.toLowerCase();
  const desc = t.description ? `: ${clip(t.description, 160)}` : '';
  const evidence: Evidence[] = [
    ev('error', t.error),
    t.description ? ev('error_description', clip(t.description)) : undefined,
    ev('Token endpoint', c.url ? c.url.origin + c.url.pathname : c.host),
    ev('Status', String(c.status)),
    ...statedEvidence(c, undefined),
  ].filter((e): e is Evidence => !!e);
  const out: Draft[] = [];
  const locked = c.statements.find((s) => s.id === 'account-locked');
  const lifetime = c.statements.find((s) => s.id === 'token-lifetime-too-long');
  // The sign-in must pass MFA (Entra AADSTS50076/50079, Auth0 mfa_required): a password or client grant
  // cannot, so the stronger sign-in leads and the refused grant follows as its consequence.
  const mfa = c.statements.find((s) => s.id === 'step-up-required');
  if (mfa)
    out.push(
      BEARER.draft('step-up-required', {
        summary: `The identity provider requires a stronger sign-in (MFA)${desc}: use an interactive flow`,
        explanation:
          'The token request was refused because the sign-in must satisfy multi-factor authentication (a ' +
          'Conditional Access or tenant policy). A grant that sends a password or a secret cannot answer an ' +
          'MFA prompt: sign the user in through the browser (authorization code with PKCE, or the device code ' +
          'flow), or exclude this workload from the policy if it is a service account.',
        evidence,
        fixes: [
          consumer('Sign in interactively (authorization code with PKCE, or the device code flow) instead of ROPC.'),
        ],
      }),
    );
  if (locked) {
    out.push(
      LIMITS.draft('account-locked', {
        summary: `Sign-in refused: the account is locked or blocked (${t.error})${desc}`,
        ...(locked.row ? { explanation: locked.row.explain } : {}),
        evidence,
      }),
    );
  } else if (REUSE.test(words)) {
    out.push(
      TOKEN_ENDPOINT.draft('refresh-token-reused', {
        summary: `The refresh token was already used (rotation)${desc || `: ${t.error}`}`,
        ...(c.statements.find((s) => s.id === 'refresh-token-reused')?.row
          ? { explanation: c.statements.find((s) => s.id === 'refresh-token-reused')!.row!.explain }
          : {}),
        evidence,
      }),
    );
  } else if (lifetime) {
    // The same words ("short-lived ... reasonable timeframe") answer an assertion whose iat and exp the
    // client's clock put in the server's future: with the clocks far apart, the clock is the cause.
    const skew = earlier.find((d) => d.id === 'clock-skew');
    if (skew) skew.severity = 'error';
    out.push(
      TOKEN_CLAIMS.draft('token-lifetime-too-long', {
        ...(skew ? { severity: 'warning' as const } : {}),
        summary: skew
          ? `The token endpoint refused the assertion's times${desc}: the client's clock is off, fix it first`
          : `The assertion lives too long for the token endpoint${desc}`,
        evidence,
      }),
    );
  } else if (PKCE_REQUIRED.test(words)) {
    out.push(
      AUTHORIZE.draft('pkce-missing', {
        summary: `PKCE is required: the code was redeemed without a code_verifier the server accepts${desc}`,
        evidence,
      }),
    );
  } else if ((CLIENT_ERRORS.test(t.error) && !USER_DECLINED.test(words)) || CLIENT_WORDS.test(words)) {
    // Basic client credentials that decode to placeholders ("undefined:undefined") were never the client's:
    // the malformed header leads, and the server's verdict on the client follows it.
    const placeholder = c.auth?.basic?.placeholder === true;
    out.push(
      TOKEN_ENDPOINT.draft('oauth-client-rejected', {
        ...(placeholder ? { severity: 'warning' as const } : {}),
        summary: `The token endpoint refused the client (${t.error})${desc}: check client id, secret and method`,
        evidence,
      }),
    );
  } else {
    const grant = grantOf(c);
    out.push(
      TOKEN_ENDPOINT.draft('oauth-grant-rejected', {
        ...(mfa ? { severity: 'warning' as const } : {}),
        summary:
          grant?.kind === 'code'
            ? `The token endpoint refused the authorization code (${t.error})${desc}: start the sign-in again`
            : grant?.kind === 'refresh'
              ? `The token endpoint refused the refresh (${t.error})${desc}: sign in again`
              : `The token endpoint refused the grant (${t.error})${desc}: sign in again`,
        evidence: [...evidence, ...(grant ? [ev('Grant, from the tab’s requests', grant.why)] : [])],
      }),
    );
  }
  return out;
};
