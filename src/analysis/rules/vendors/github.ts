// GitHub REST: SAML SSO enforcement and OAuth scopes (docs.github.com, "Troubleshooting",
// "Scopes for OAuth apps", "Authenticating with SAML single sign-on").
import type { Rule } from '../../context.ts';
import { clip, consumer, draft, ev, type Draft } from '../../finding.ts';
import { link } from '../../refs.ts';
import { scopeFinding } from '../bearer.ts';
import { tokenEvidence } from '../evidence.ts';

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
      draft({
        id: 'github-sso-required',
        severity: 'error',
        title: 'Token not authorized for the organization’s SSO',
        summary: `Authorize this token for the organization's SAML SSO${url ? ` at ${clip(url, 120)}` : ''}, then retry`,
        explanation:
          'The organization enforces SAML single sign-on; this token has not been authorized for it, so GitHub refuses it for that org’s resources.',
        evidence: [ev('X-GitHub-SSO', clip(sso)), ...tokenEvidence(c.main)],
        fixes: [
          consumer(
            url
              ? `Open ${clip(url, 200)} and authorize the token.`
              : 'Settings → Tokens → Configure SSO → Authorize for the organization.',
          ),
        ],
        refs: [
          link(
            'GitHub: authorizing a PAT for SAML SSO',
            'https://docs.github.com/en/enterprise-cloud@latest/authentication/authenticating-with-single-sign-on/authorizing-a-personal-access-token-for-use-with-single-sign-on',
          ),
        ],
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
  return out;
};
