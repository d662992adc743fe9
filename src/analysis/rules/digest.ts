// RFC 7616 Digest: stale nonce, rejected credentials, algorithm not offered.
import type { Rule } from '../inspect.ts';
import { consumer, defineFindings, ev, list, type Draft } from '../finding.ts';
import { rfc } from '../refs.ts';
import { challengeEvidence } from './evidence.ts';

export const DIGEST = defineFindings('digest', {
  'digest-stale-nonce': {
    title: 'Digest nonce expired (stale=true)',
    severity: 'warning',
    means:
      'stale=true means the credentials were correct but the nonce expired (RFC 7616 §3.3). Compute a new ' +
      'response with the nonce of this challenge; do not ask the user again.',
    restsOn: 'Digest credentials sent, and a Digest challenge with stale=true in the answer.',
    fixes: [consumer('Retry with the nonce from the new challenge, without prompting the user.')],
    references: [rfc(7616, '3.3')],
  },
  'digest-algorithm-mismatch': {
    title: 'Digest algorithm not offered',
    severity: 'error',
    means:
      'The Digest response was computed with a hash algorithm (MD5, SHA-256, SHA-512-256) that none of the ' +
      'challenges offers. A server may send one challenge per algorithm, each with its own nonce: the client ' +
      'picks one and answers it with that algorithm and that nonce (RFC 7616 §3.7).',
    restsOn:
      'The algorithm of the Digest credentials (MD5 when absent) against the algorithms of the Digest ' +
      'challenges, when none of them says stale=true.',
    fixes: [consumer('Use an offered algorithm (prefer SHA-256) with the nonce of that same challenge.')],
    references: [rfc(7616, '3.7')],
  },
  'digest-rejected': {
    title: 'Digest credentials rejected',
    severity: 'error',
    means:
      'The server challenged again without stale=true, so it did not accept the Digest response: the user name ' +
      'or password is wrong, the realm answered is not the one asked for, or the hash was computed over a ' +
      'different request URI or method than the ones sent (RFC 7616 §3.4).',
    restsOn:
      'Digest credentials sent, answered by a Digest challenge without stale=true that offers the algorithm ' +
      'used; the realm sent is compared with the realms asked for.',
    fixes: [consumer('Check the credentials and that `uri` matches the request target exactly.')],
    references: [rfc(7616, '3.4')],
  },
});

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
      DIGEST.draft('digest-stale-nonce', {
        summary: 'Digest nonce is stale: the password was right; retry with the new nonce',
        evidence: [...who, ...challengeEvidence(c)],
      }),
    );
  } else if (!algs.includes(algOf(p))) {
    out.push(
      DIGEST.draft('digest-algorithm-mismatch', {
        summary: `Digest used ${algOf(p)} but the server offers ${list(algs)}: answer a challenge it offers`,
        explanation:
          `The response was computed with ${algOf(p)}, which none of the challenges offers. ` +
          `Pick one challenge (${list(algs)}) and use its own nonce (RFC 7616 §3.7).`,
        evidence: [...who, ev('Algorithms offered', algs.join(', ')), ...challengeEvidence(c)],
      }),
    );
  } else {
    const realms = offers.map((o) => o.params.realm).filter((r): r is string => !!r);
    const realmOff = p.realm !== undefined && realms.length > 0 && !realms.includes(p.realm);
    out.push(
      DIGEST.draft('digest-rejected', {
        summary:
          `Digest credentials${user ? ` for "${user}"` : ''} rejected: ` +
          `check user name, password${realmOff ? ' and realm' : ''}`,
        explanation:
          'The server challenged again without stale=true: the user name or password is wrong' +
          (realmOff ? `, and the realm sent ("${p.realm}") is not the one asked for (${list(realms)})` : '') +
          ', or the response hash was computed over a different URI or method.',
        evidence: [...who, ...challengeEvidence(c)],
      }),
    );
  }
  return out;
};
