// 403: authenticated but not allowed, or a 403 where 401 fits. Runs after the specific families.
import type { Rule } from '../inspect.ts';
import { consumer, defineFindings, ev, server, type Draft } from '../finding.ts';
import { code } from '../snippets.ts';
import { claim } from '../credentials/jwt-token.ts';
import { mdn } from '../refs.ts';
import { statedCodes, tokenEvidence } from './evidence.ts';

export const FORBIDDEN = defineFindings('forbidden', {
  'forbidden-authenticated': {
    title: 'Authenticated, but not allowed',
    severity: 'error',
    means:
      'The server accepted who you are and refuses this action; re-sending the same credentials will not help. ' +
      'Possible: a missing role or permission, a resource owned by someone else, a suspended account, or an IP ' +
      'allowlist.',
    restsOn:
      'A 403 to a request that carried credentials (or another failure whose body says the caller lacks ' +
      'permission: a 404 hiding what the caller may not see, a GraphQL 200 with FORBIDDEN or ACCESS_DENIED), ' +
      'when no more specific finding (a WAF, CSRF, a missing ' +
      'scope, SSO, a token problem, a rate limit...) explains it. The token’s roles, groups, scope, scp, ' +
      'permissions and wids claims and the reason the body gives are shown to compare with what the endpoint ' +
      'needs.',
    fixes: [
      consumer('Compare the roles/scopes above with what the endpoint needs; ask an admin to grant them.'),
      server('Say which permission is missing in the 403 body.'),
    ],
    references: [mdn('HTTP/Reference/Status/403', '403 Forbidden')],
  },
  'resource-state': {
    title: 'Refused for the resource’s state, not the credentials',
    severity: 'info',
    means:
      'The server refused the action because of the state of what it acts on, or of the account’s plan: an ' +
      'archived repository, a read-only or maintenance mode, a billing problem, a plan without the feature. ' +
      'The credentials were accepted; other credentials or permissions would not change the answer.',
    restsOn:
      'A 401 or 403 with no challenge whose body states such a state ("Repository was archived so is ' +
      'read-only", "read-only mode", "Your plan doesn’t include API access") and names no auth cause.',
    fixes: [
      consumer(
        'Change the state the server names (unarchive, wait for maintenance to end, upgrade the plan), or skip it.',
      ),
      server('Answer such refusals with 409, 423 or 402 rather than 403, which clients read as a permission problem.'),
    ],
    references: [mdn('HTTP/Reference/Status/423', '423 Locked'), mdn('HTTP/Reference/Status/403', '403 Forbidden')],
  },
  'forbidden-unauthenticated': {
    title: '403 without credentials',
    severity: 'error',
    means: 'Nothing identified the caller, so the server answers 403 where 401 would fit. Authenticate first.',
    restsOn: 'A 403 to a request with no credentials, when no more specific finding explains it.',
    fixes: [
      consumer('Attach the credential.', code('js', "fetch(url, { credentials: 'include' })")),
      server('Answer 401 with WWW-Authenticate when no credentials came.'),
    ],
    references: [mdn('HTTP/Reference/Status/403', '403 Forbidden')],
  },
});

const SPECIFIC = new RegExp(
  '^(waf-block|cors-preflight-auth|csrf-rejected|insufficient-scope|github-sso-required|claims-challenge|' +
    'step-up-required|aws-|token-|rate-limited|dpop-|malformed-authorization|basic-credentials|digest-|' +
    'clock-skew|account-locked|ip-not-allowed|api-not-enabled|client-certificate|credential-wrong-place|' +
    'id-token|oauth-|refresh-token|redirect|session-expired|state-|pkce-|silent-auth|issuer|nonce)',
);

export const forbidden: Rule = (c, earlier) => {
  if (c.resourceState !== undefined && !c.failure)
    return [
      FORBIDDEN.draft('resource-state', {
        summary: `Not an auth failure: refused for a state, not the credentials: "${c.resourceState.slice(0, 140)}"`,
        evidence: [ev('Server says', c.resourceState.slice(0, 300)), ...tokenEvidence(c.main)],
      }),
    ];
  // An inferred CSRF refusal (no body to confirm it) leaves the permission reading as the alternative.
  const inferred = (id: string): boolean => id === 'csrf-rejected' && c.csrf?.certain === false;
  // Beyond 403: a refusal the response words as a permission decision, to a caller that sent
  // credentials (a 404 hiding what the caller may not see, a GraphQL 200 with FORBIDDEN or ACCESS_DENIED).
  // (Not a 401 or 407: those say the caller was not authenticated.)
  const stated =
    c.status !== 403 &&
    c.status !== 401 &&
    c.status !== 407 &&
    c.failure &&
    c.hasCredentials &&
    c.statements.some((s) => s.id === 'forbidden-authenticated');
  if (
    (c.status !== 403 && !stated) ||
    !c.failure ||
    earlier.some((d) => SPECIFIC.test(d.id) && d.severity === 'error' && !inferred(d.id))
  )
    return [];
  const out: Draft[] = [];
  if (c.hasCredentials) {
    const p = c.main?.jwt?.kind === 'jws' ? c.main.jwt.payload : undefined;
    const claims = ['roles', 'groups', 'scope', 'scp', 'permissions', 'wids']
      .map((n) => [n, claim(p, n)] as const)
      .filter((x): x is readonly [string, string] => !!x[1]);
    const reason = c.body.description ?? c.body.messages[0] ?? c.body.error;
    const held = claims
      .map(([n, v]) => `${n} ${v}`)
      .join('; ')
      .slice(0, 120);
    out.push(
      FORBIDDEN.draft('forbidden-authenticated', {
        summary:
          `Credentials sent but not allowed (${c.status})` +
          (reason ? `: "${reason.slice(0, 100)}"` : claims.length ? `: token has ${held}` : '') +
          ': get the needed permission',
        evidence: [
          ...claims.map(([n, v]) => ev(n, v.slice(0, 300))),
          reason ? ev('Server says', reason.slice(0, 300)) : undefined,
          statedCodes(c).length ? ev('Error code', statedCodes(c).join(', ')) : undefined,
          ...tokenEvidence(c.main),
        ],
      }),
    );
  } else {
    // FastAPI's HTTPBearer and Django REST framework's session authentication answer 403 so, with the
    // reason in the body ({"detail": "Not authenticated"}).
    const reason = c.body.description ?? c.body.messages[0];
    out.push(
      FORBIDDEN.draft('forbidden-unauthenticated', {
        summary:
          '403 but no credentials were sent' +
          (reason ? `: "${reason.slice(0, 100)}"` : '') +
          ': sign in (or attach the token) first, then retry',
        evidence: [reason ? ev('Server says', reason.slice(0, 300)) : undefined],
      }),
    );
  }
  return out;
};
