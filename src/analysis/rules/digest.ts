// RFC 7616 Digest: stale nonce, rejected credentials, algorithm not offered.
import type { Rule } from '../context.ts';
import { consumer, draft, ev, list, type Draft } from '../finding.ts';
import { rfc } from '../refs.ts';
import { challengeEvidence } from './evidence.ts';

const algOf = (params: Record<string, string>): string => (params.algorithm ?? 'MD5').toUpperCase();

export const digest: Rule = (c) => {
  const out: Draft[] = [];
  const offers = c.challenges.filter((x) => x.scheme.toLowerCase() === 'digest');
  if (c.auth?.lc !== 'digest' || offers.length === 0 || c.status < 400) return out;
  const p = c.auth.params;
  const user = p.username ?? (p['username*'] ? p['username*'] : undefined);
  const who = [
    user !== undefined ? ev('User', user) : undefined,
    p.realm ? ev('Realm sent', p.realm) : undefined,
    ev('Algorithm sent', algOf(p)),
  ];
  const stale = offers.find((o) => o.params.stale?.toLowerCase() === 'true');
  const algs = [...new Set(offers.map((o) => algOf(o.params)))];
  if (stale) {
    out.push(
      draft({
        id: 'digest-stale-nonce',
        severity: 'warning',
        title: 'Digest nonce expired (stale=true)',
        summary: 'Digest nonce is stale: the password was right; retry with the new nonce',
        explanation:
          'stale=true means the credentials were correct but the nonce expired (RFC 7616 §3.3). Compute a new response with the nonce of this challenge; do not ask the user again.',
        evidence: [...who, ...challengeEvidence(c)],
        fixes: [consumer('Retry with the nonce from the new challenge, without prompting the user.')],
        refs: [rfc(7616, '3.3')],
      }),
    );
  } else if (!algs.includes(algOf(p))) {
    out.push(
      draft({
        id: 'digest-algorithm-mismatch',
        severity: 'error',
        title: 'Digest algorithm not offered',
        summary: `Digest used ${algOf(p)} but the server offers ${list(algs)}: answer a challenge it offers`,
        explanation: `The response was computed with ${algOf(p)}, which none of the challenges offers. Pick one challenge (${list(algs)}) and use its own nonce (RFC 7616 §3.7).`,
        evidence: [...who, ev('Algorithms offered', algs.join(', ')), ...challengeEvidence(c)],
        fixes: [consumer('Use an offered algorithm (prefer SHA-256) with the nonce of that same challenge.')],
        refs: [rfc(7616, '3.7')],
      }),
    );
  } else {
    const realms = offers.map((o) => o.params.realm).filter((r): r is string => !!r);
    const realmOff = p.realm !== undefined && realms.length > 0 && !realms.includes(p.realm);
    out.push(
      draft({
        id: 'digest-rejected',
        severity: 'error',
        title: 'Digest credentials rejected',
        summary: `Digest credentials${user ? ` for "${user}"` : ''} rejected: check user name, password${realmOff ? ' and realm' : ''}`,
        explanation: `The server challenged again without stale=true: the user name or password is wrong${realmOff ? `, and the realm sent ("${p.realm}") is not the one asked for (${list(realms)})` : ''}, or the response hash was computed over a different URI or method.`,
        evidence: [...who, ...challengeEvidence(c)],
        fixes: [consumer('Check the credentials and that `uri` matches the request target exactly.')],
        refs: [rfc(7616, '3.4')],
      }),
    );
  }
  return out;
};
