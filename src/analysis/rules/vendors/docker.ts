// Docker / OCI registry token auth: Bearer realm="https://auth.docker.io/token",
// service="registry.docker.io", scope="repository:library/ubuntu:pull" (Docker "Token
// Authentication Specification"; GHCR and most registries use the same shape).
import type { Rule } from '../../context.ts';
import { clip, consumer, draft, ev } from '../../finding.ts';
import { link } from '../../refs.ts';
import { challengeEvidence } from '../evidence.ts';

export const docker: Rule = (c) => {
  const ch = c.challenges.find(
    (x) => x.scheme.toLowerCase() === 'bearer' && x.params.service && /^https?:\/\//.test(x.params.realm ?? ''),
  );
  if (!ch) return [];
  const { realm = '', service = '', scope } = ch.params;
  const q = `${realm}?service=${encodeURIComponent(service)}${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`;
  return [
    draft({
      id: 'registry-token-required',
      severity: 'error',
      title: 'Registry token required',
      summary: `Get a registry token from ${clip(realm, 80)} (service ${clip(service, 60)}${scope ? `, scope ${clip(scope, 80)}` : ''}), then retry`,
      explanation: `The registry wants a Bearer token from its token service.${c.auth ? ' The token sent does not cover this scope or has expired.' : ''} GET the realm with service and scope (with Basic credentials for private images), then retry with the returned token.`,
      evidence: [
        ev('realm', clip(realm)),
        ev('service', clip(service)),
        scope ? ev('scope', clip(scope)) : undefined,
        ...challengeEvidence(c),
      ],
      fixes: [consumer('Fetch a token for the scope, then send it.', `curl -s "${clip(q, 300)}" | jq -r .token`)],
      refs: [link('Docker: token authentication', 'https://distribution.github.io/distribution/spec/auth/token/')],
    }),
  ];
};
