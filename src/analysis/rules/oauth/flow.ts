// Flow checks over the tab's history: a later step of a sign-in (the authorization response at
// the client's redirect_uri, the token request) is read together with the authorize request that
// started it, earlier in the same tab. What that request shows about the flow (implicit grant,
// PKCE absent or plain, no state) and whether the response brought back the state it sent (RFC
// 6749 §4.1.2: state is REQUIRED in the response when it was in the request) are findings of
// the later step too: the failure a developer looks at is rarely the authorize request itself.
import type { Inspection, Rule } from '../../inspect.ts';
import { clip, ev, type Draft } from '../../finding.ts';
import { maskUrl } from '../../credentials/mask-url.ts';
import { AUTHORIZE } from './authorize.ts';
import { CALLBACK } from './callback.ts';
import { authorizationError, earlierAuthorizeRequests, urlParams, type Params } from './params.ts';

/** an authorize request older than this belongs to another sign-in (codes live minutes at most) */
const FLOW_WINDOW_MS = 10 * 60_000;

/** what an authorization response carries (RFC 6749 §4.1.2, §4.2.2, OIDC Core §3.2.2.5) */
const RESPONSE_PARAMS = ['code', 'error', 'access_token', 'id_token'];

const sameTarget = (u: URL, redirectUri: string | undefined): boolean => {
  if (!redirectUri) return false;
  try {
    const r = new URL(redirectUri);
    return r.origin === u.origin && r.pathname === u.pathname;
  } catch {
    return false;
  }
};

/** This exchange is a later step of the sign-in `sent` started: its token request or its callback. */
function laterStep(c: Inspection, sent: Params): 'token' | 'callback' | 'response' | undefined {
  if (c.endpoint === 'token') return 'token';
  if (!c.url) return undefined;
  const here = urlParams(c.url);
  if ((here.has('code') || here.has('error')) && sameTarget(c.url, sent.get('redirect_uri'))) return 'callback';
  if (c.location && sameTarget(c.location, sent.get('redirect_uri'))) {
    const back = urlParams(c.location);
    if (RESPONSE_PARAMS.some((k) => back.has(k)) || authorizationError(c)) return 'response';
  }
  return undefined;
}

export const authorizeInHistory: Rule = (c, found = []) => {
  if (c.endpoint === 'authorize' || c.history.length === 0) return [];
  const sent = earlierAuthorizeRequests(c).find((a) => c.ex.timeStamp - a.ex.timeStamp <= FLOW_WINDOW_MS);
  if (!sent) return [];
  const step = laterStep(c, sent.params);
  if (!step) return [];
  const has = new Set(found.map((d) => d.id));
  const p = sent.params;
  const started = ev('Sign-in started by', clip(maskUrl(sent.ex.url), 300));
  const out: Draft[] = [];
  const type = p.get('response_type') ?? '';
  const pkce = p.has('code_challenge');
  if (/(^|\s)token(\s|$)/.test(type) && !has.has('implicit-flow'))
    out.push(
      AUTHORIZE.draft('implicit-flow', {
        summary: `This sign-in uses the implicit flow (response_type=${clip(type, 40)}): use code with PKCE`,
        evidence: [ev('response_type', type), started],
      }),
    );
  if (p.get('code_challenge_method')?.toLowerCase() === 'plain' && !has.has('pkce-plain'))
    out.push(
      AUTHORIZE.draft('pkce-plain', {
        summary: 'This sign-in used PKCE with code_challenge_method=plain: use S256',
        evidence: [ev('code_challenge_method', 'plain'), started],
      }),
    );
  if (/(^|\s)code(\s|$)/.test(type) && !pkce && !has.has('pkce-missing'))
    out.push(
      AUTHORIZE.draft('pkce-missing', {
        severity: 'warning',
        summary: 'This sign-in’s authorize request sent no code_challenge (PKCE): RFC 9700 asks every client for it',
        evidence: [ev('code_challenge', 'absent'), started],
      }),
    );
  if (!p.has('state') && !pkce && !has.has('state-missing'))
    out.push(
      AUTHORIZE.draft('state-missing', {
        summary: 'This sign-in’s authorize request sent no state (and no PKCE): its callback cannot be told apart',
        evidence: [ev('state', 'absent'), started],
      }),
    );
  // the response must carry the state back (RFC 6749 §4.1.2, §4.1.2.1)
  const response = step === 'callback' ? urlParams(c.url) : step === 'response' ? urlParams(c.location) : undefined;
  if (response && p.has('state') && !response.has('state') && !has.has('state-mismatch'))
    out.push(
      CALLBACK.draft('state-mismatch', {
        summary: 'The authorization response came back without the state this sign-in sent: the client must refuse it',
        evidence: [
          ev('state sent', clip(p.get('state')!, 80)),
          ev('state received', 'absent'),
          ev('Response', clip(maskUrl(step === 'callback' ? c.ex.url : c.location!.href), 300)),
          started,
        ],
      }),
    );
  return out;
};
