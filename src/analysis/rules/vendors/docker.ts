// Docker / OCI registry token auth: Bearer realm="https://auth.docker.io/token",
// service="registry.docker.io", scope="repository:library/ubuntu:pull" (Docker "Token
// Authentication Specification"; GHCR and most registries use the same shape).
import type { Rule } from '../../inspect.ts';
import { clip, consumer, defineFindings, ev } from '../../finding.ts';
import { sh, type Snippet } from '../../snippets.ts';
import { link } from '../../refs.ts';
import { challengeEvidence } from '../evidence.ts';

const FETCH_A_TOKEN = 'Fetch a token for the scope, then send it.';
const tokenCode = (query: string): Snippet => sh`curl -s ${query} | jq -r .token`;

export const DOCKER = defineFindings('vendors', {
  'registry-token-required': {
    title: 'Registry token required',
    severity: 'error',
    means:
      'A Docker or OCI registry wants a Bearer token from its token service, named in the challenge: GET the ' +
      'realm URL with the service and scope parameters (with Basic credentials for private repositories), ' +
      'then retry with the token returned. A token already sent does not cover this scope, or has expired.',
    restsOn:
      'A Bearer challenge whose realm is an http(s) URL and which has a service parameter (Docker Hub, GHCR ' +
      'and most registries).',
    fixes: [consumer(FETCH_A_TOKEN, tokenCode('<realm>?service=<service>&scope=<scope>'))],
    references: [link('Docker: token authentication', 'https://distribution.github.io/distribution/spec/auth/token/')],
  },
});

export const docker: Rule = (c) => {
  const ch = c.challenges.find(
    (x) => x.scheme.toLowerCase() === 'bearer' && x.params.service && /^https?:\/\//.test(x.params.realm ?? ''),
  );
  if (!ch) return [];
  const { realm = '', service = '', scope } = ch.params;
  const q = `${realm}?service=${encodeURIComponent(service)}${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`;
  return [
    DOCKER.draft('registry-token-required', {
      summary:
        `Get a registry token from ${clip(realm, 80)} ` +
        `(service ${clip(service, 60)}${scope ? `, scope ${clip(scope, 80)}` : ''}), then retry`,
      explanation:
        'The registry wants a Bearer token from its token service.' +
        (c.auth ? ' The token sent does not cover this scope or has expired.' : '') +
        ' GET the realm with service and scope (with Basic credentials for private images), ' +
        'then retry with the returned token.',
      evidence: [
        ev('realm', clip(realm)),
        ev('service', clip(service)),
        scope ? ev('scope', clip(scope)) : undefined,
        ...challengeEvidence(c),
      ],
      fixes: [consumer(FETCH_A_TOKEN, tokenCode(clip(q, 300)))],
    }),
  ];
};
