// 403: authenticated but not allowed, or a 403 where 401 fits. Runs after the specific families.
import type { Rule } from '../context.ts';
import { consumer, draft, ev, server, type Draft } from '../finding.ts';
import { claim } from '../credentials/jwt-token.ts';
import { mdn } from '../refs.ts';
import { tokenEvidence } from './evidence.ts';

const SPECIFIC =
  /^(waf-block|cors-preflight-auth|csrf-rejected|insufficient-scope|github-sso-required|claims-challenge|step-up-required|aws-|token-(expired|not-yet|unsigned|malformed|rejected|wrong)|rate-limited|dpop-|malformed-authorization|basic-credentials|digest-|clock-skew)/;
const REF = mdn('HTTP/Reference/Status/403', '403 Forbidden');

export const forbidden: Rule = (c, earlier) => {
  // An inferred CSRF refusal (no body to confirm it) leaves the permission reading as the alternative.
  const inferred = (id: string): boolean => id === 'csrf-rejected' && c.csrf?.certain === false;
  if (c.status !== 403 || earlier.some((d) => SPECIFIC.test(d.id) && d.severity === 'error' && !inferred(d.id)))
    return [];
  const out: Draft[] = [];
  if (c.hasCredentials) {
    const p = c.main?.jwt?.kind === 'jws' ? c.main.jwt.payload : undefined;
    const claims = ['roles', 'groups', 'scope', 'scp', 'permissions', 'wids']
      .map((n) => [n, claim(p, n)] as const)
      .filter((x): x is readonly [string, string] => !!x[1]);
    const reason = c.body.description ?? c.body.error;
    out.push(
      draft({
        id: 'forbidden-authenticated',
        severity: 'error',
        title: 'Authenticated, but not allowed',
        summary: `Credentials sent but not allowed (403)${
          reason
            ? `: "${reason.slice(0, 100)}"`
            : claims.length
              ? `: token has ${claims
                  .map(([n, v]) => `${n} ${v}`)
                  .join('; ')
                  .slice(0, 120)}`
              : ''
        }: get the needed permission`,
        explanation:
          'The server accepted who you are and refuses this action; re-sending the same credentials will not help. Possible: a missing role or permission, a resource owned by someone else, a suspended account, or an IP allowlist.',
        evidence: [
          ...claims.map(([n, v]) => ev(n, v.slice(0, 300))),
          reason ? ev('Server says', reason.slice(0, 300)) : undefined,
          ...tokenEvidence(c.main),
        ],
        fixes: [
          consumer('Compare the roles/scopes above with what the endpoint needs; ask an admin to grant them.'),
          server('Say which permission is missing in the 403 body.'),
        ],
        refs: [REF],
      }),
    );
  } else {
    out.push(
      draft({
        id: 'forbidden-unauthenticated',
        severity: 'error',
        title: '403 without credentials',
        summary: '403 but no credentials were sent: sign in (or attach the token) first, then retry',
        explanation:
          'Nothing identified the caller, so the server answers 403 where 401 would fit. Authenticate first.',
        fixes: [
          consumer('Attach the credential.', "fetch(url, { credentials: 'include' })"),
          server('Answer 401 with WWW-Authenticate when no credentials came.'),
        ],
        refs: [REF],
      }),
    );
  }
  return out;
};
