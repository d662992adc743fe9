// GitHub REST: SAML SSO enforcement and OAuth scopes (docs.github.com, "Troubleshooting",
// "Scopes for OAuth apps", "Authenticating with SAML single sign-on").
import type { Rule } from '../../inspect.ts';
import { clip, consumer, defineFindings, ev, type Draft } from '../../finding.ts';
import { link } from '../../refs.ts';
import { scopeFinding } from '../bearer.ts';
import { statedEvidence, tokenEvidence } from '../evidence.ts';

export const GITHUB = defineFindings('vendors', {
  'github-sso-required': {
    title: 'Token not authorized for the organization’s SSO',
    severity: 'error',
    means:
      'The organization enforces SAML single sign-on; this token has not been authorized for it, so GitHub ' +
      'refuses it for that org’s resources.',
    restsOn:
      'X-GitHub-SSO: required; url=… on an error response (the partial-results form, sent with successes, is ' +
      'not a refusal).',
    fixes: [consumer('Settings → Tokens → Configure SSO → Authorize for the organization.')],
    references: [
      link(
        'GitHub: authorizing a PAT for SAML SSO',
        'https://docs.github.com/en/enterprise-cloud@latest/authentication/authenticating-with-single-sign-on/' +
          'authorizing-a-personal-access-token-for-use-with-single-sign-on',
      ),
    ],
  },
});

/** A granted scope also grants these (GitHub's scope hierarchy). */
const IMPLIES: Record<string, string[]> = {
  repo: ['repo:status', 'repo_deployment', 'public_repo', 'repo:invite', 'security_events'],
  'admin:org': ['write:org', 'read:org', 'manage_runners:org'],
  'write:org': ['read:org'],
  'admin:public_key': ['write:public_key', 'read:public_key'],
  'write:public_key': ['read:public_key'],
  'admin:repo_hook': ['write:repo_hook', 'read:repo_hook'],
  'write:repo_hook': ['read:repo_hook'],
  user: ['read:user', 'user:email', 'user:follow'],
  'write:packages': ['read:packages'],
  'admin:gpg_key': ['write:gpg_key', 'read:gpg_key'],
  'write:gpg_key': ['read:gpg_key'],
  'write:discussion': ['read:discussion'],
  project: ['read:project'],
};

const split = (v: string | undefined): string[] | undefined =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

export const github: Rule = (c) => {
  const out: Draft[] = [];
  const sso = c.res('x-github-sso');
  if (sso && /^\s*required\b/i.test(sso) && c.status >= 400) {
    const url = /url=(\S+)/.exec(sso)?.[1];
    out.push(
      GITHUB.draft('github-sso-required', {
        summary:
          `Authorize this token for the organization's SAML SSO${url ? ` at ${clip(url, 120)}` : ''}, ` + 'then retry',
        evidence: [ev('X-GitHub-SSO', clip(sso)), ...tokenEvidence(c.main)],
        ...(url ? { fixes: [consumer(`Open ${clip(url, 200)} and authorize the token.`)] } : {}),
      }),
    );
  }
  const accepted = split(c.res('x-accepted-oauth-scopes'));
  const granted = split(c.res('x-oauth-scopes'));
  if (accepted?.length && granted && (c.status === 403 || c.status === 404)) {
    const have = new Set(granted.flatMap((g) => [g, ...(IMPLIES[g] ?? [])]));
    if (!accepted.some((a) => have.has(a))) {
      out.push(
        scopeFinding(
          c,
          accepted,
          granted,
          'GitHub (X-Accepted-OAuth-Scopes)',
          [ev('X-Accepted-OAuth-Scopes', accepted.join(', ')), ev('X-OAuth-Scopes', granted.join(', ') || '(none)')],
          true,
        ),
      );
    }
  }
  // Fine-grained tokens (GitHub Apps, fine-grained PATs) carry permissions instead of scopes, and every
  // answer names the sets the endpoint accepts ("issues=write; pull_requests=write": any one set). On a
  // refusal that names no other cause, the token lacks them.
  const permissions = c.res('x-accepted-github-permissions');
  const sets = permissions
    ?.split(';')
    .map((x) => x.trim())
    .filter(Boolean);
  if (
    sets?.length &&
    c.status === 403 &&
    c.hasCredentials &&
    !out.length &&
    c.statements.some((x) => x.id === 'forbidden-authenticated' || x.id === 'insufficient-scope')
  ) {
    const said = c.statements.find((x) => x.id === 'forbidden-authenticated' || x.id === 'insufficient-scope');
    out.push(
      scopeFinding(
        c,
        sets,
        undefined,
        'GitHub (X-Accepted-GitHub-Permissions)',
        [ev('X-Accepted-GitHub-Permissions', clip(permissions!)), ...statedEvidence(c, said)],
        true,
      ),
    );
  }
  return out;
};
