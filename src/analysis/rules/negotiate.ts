// Negotiate / NTLM (RFC 4559, Windows integrated auth).
import type { Rule } from '../inspect.ts';
import { consumer, defineFindings, ev, server, type Draft } from '../finding.ts';
import { code } from '../snippets.ts';
import { link, rfc } from '../refs.ts';
import { challengeEvidence } from './evidence.ts';

export const NEGOTIATE = defineFindings('negotiate', {
  'negotiate-not-attempted': {
    title: 'Integrated Windows auth not attempted',
    severity: 'error',
    means:
      'The browser only does Kerberos/NTLM for hosts it is told to trust, and needs a ticket (domain-joined ' +
      'machine, kinit). No Authorization was sent.',
    restsOn: 'A Negotiate or NTLM challenge, and no Authorization header in the request.',
    fixes: [
      consumer('Chrome: add the host to the AuthServerAllowlist policy. Firefox: network.negotiate-auth.trusted-uris.'),
      consumer('Check for a Kerberos ticket.', code('sh', 'klist')),
    ],
    references: [
      link('Chrome policy AuthServerAllowlist', 'https://chromeenterprise.google/policies/#AuthServerAllowlist'),
      rfc(4559, '4'),
    ],
  },
  'negotiate-handshake': {
    title: 'Negotiate handshake in progress',
    severity: 'info',
    means:
      'NTLM and some Negotiate exchanges take two round trips: this 401 carries the server token for the next ' +
      'step. Only a problem if no success follows.',
    restsOn:
      'Negotiate or NTLM credentials sent, answered by a Negotiate or NTLM challenge that carries a token (the ' +
      'server’s next handshake step).',
    fixes: [
      consumer(
        'Nothing, if the next request succeeds; otherwise check for a proxy dropping the connection between steps.',
      ),
    ],
    references: [rfc(4559, '5')],
  },
  'negotiate-rejected': {
    title: 'Negotiate credentials rejected',
    severity: 'error',
    means:
      'The browser sent a token and the server challenged again without one: a wrong SPN for the host name, an ' +
      'expired ticket, or an account the server refuses.',
    restsOn: 'Negotiate or NTLM credentials sent, answered by a Negotiate or NTLM challenge without a token.',
    fixes: [
      consumer('Renew the ticket (kinit) and use the host name the SPN is registered for.'),
      server('Check the service principal (setspn -L) and server logs.'),
    ],
    references: [rfc(4559, '4')],
  },
});

export const negotiate: Rule = (c) => {
  const out: Draft[] = [];
  const ch = c.challenges.find((x) => /^(negotiate|ntlm)$/i.test(x.scheme));
  if (!ch) return out;
  const sent = c.auth && /^(negotiate|ntlm)$/.test(c.auth.lc);
  if (!c.auth) {
    out.push(
      NEGOTIATE.draft('negotiate-not-attempted', {
        summary:
          `Server asks for ${ch.scheme} but the browser sent nothing: ` +
          `allow integrated auth for ${c.host || 'this host'}`,
        evidence: [ev('Host', c.host), ...challengeEvidence(c)],
      }),
    );
  } else if (sent && ch.token68) {
    out.push(
      NEGOTIATE.draft('negotiate-handshake', {
        title: `${ch.scheme} handshake in progress`,
        summary: `${ch.scheme} handshake step: normal when a success follows`,
        evidence: challengeEvidence(c),
      }),
    );
  } else if (sent) {
    out.push(
      NEGOTIATE.draft('negotiate-rejected', {
        title: `${ch.scheme} credentials rejected`,
        summary: `${c.auth.scheme} token rejected: check the Kerberos ticket, SPN and account`,
        evidence: [ev('Authorization scheme', c.auth.scheme), ...challengeEvidence(c)],
      }),
    );
  }
  return out;
};
