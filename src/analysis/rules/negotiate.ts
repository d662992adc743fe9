// Negotiate / NTLM (RFC 4559, Windows integrated auth).
import type { Rule } from '../context.ts';
import { consumer, draft, ev, server, type Draft } from '../finding.ts';
import { link, rfc } from '../refs.ts';
import { challengeEvidence } from './evidence.ts';

export const negotiate: Rule = (c) => {
  const out: Draft[] = [];
  const ch = c.challenges.find((x) => /^(negotiate|ntlm)$/i.test(x.scheme));
  if (!ch) return out;
  const sent = c.auth && /^(negotiate|ntlm)$/.test(c.auth.lc);
  if (!c.auth) {
    out.push(
      draft({
        id: 'negotiate-not-attempted',
        severity: 'error',
        title: 'Integrated Windows auth not attempted',
        summary: `Server asks for ${ch.scheme} but the browser sent nothing: allow integrated auth for ${c.host || 'this host'}`,
        explanation:
          'The browser only does Kerberos/NTLM for hosts it is told to trust, and needs a ticket (domain-joined machine, kinit). No Authorization was sent.',
        evidence: [ev('Host', c.host), ...challengeEvidence(c)],
        fixes: [
          consumer(
            'Chrome: add the host to the AuthServerAllowlist policy. Firefox: network.negotiate-auth.trusted-uris.',
          ),
          consumer('Check for a Kerberos ticket.', 'klist'),
        ],
        refs: [
          link('Chrome policy AuthServerAllowlist', 'https://chromeenterprise.google/policies/#AuthServerAllowlist'),
          rfc(4559, '4'),
        ],
      }),
    );
  } else if (sent && ch.token68) {
    out.push(
      draft({
        id: 'negotiate-handshake',
        severity: 'info',
        title: `${ch.scheme} handshake in progress`,
        summary: `${ch.scheme} handshake step: normal when a success follows`,
        explanation:
          'NTLM and some Negotiate exchanges take two round trips: this 401 carries the server token for the next step. Only a problem if no success follows.',
        evidence: challengeEvidence(c),
        fixes: [
          consumer(
            'Nothing, if the next request succeeds; otherwise check for a proxy dropping the connection between steps.',
          ),
        ],
        refs: [rfc(4559, '5')],
      }),
    );
  } else if (sent) {
    out.push(
      draft({
        id: 'negotiate-rejected',
        severity: 'error',
        title: `${ch.scheme} credentials rejected`,
        summary: `${c.auth.scheme} token rejected: check the Kerberos ticket, SPN and account`,
        explanation:
          'The browser sent a token and the server challenged again without one: a wrong SPN for the host name, an expired ticket, or an account the server refuses.',
        evidence: [ev('Authorization scheme', c.auth.scheme), ...challengeEvidence(c)],
        fixes: [
          consumer('Renew the ticket (kinit) and use the host name the SPN is registered for.'),
          server('Check the service principal (setspn -L) and server logs.'),
        ],
        refs: [rfc(4559, '4')],
      }),
    );
  }
  return out;
};
