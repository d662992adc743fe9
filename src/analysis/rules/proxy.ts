// 407: the proxy on the way, not the site, wants credentials (RFC 9110 §15.5.8).
import type { Rule } from '../context.ts';
import { consumer, draft, ev, list } from '../finding.ts';
import { mdn, rfc } from '../refs.ts';

export const proxy: Rule = (c) => {
  if (c.status !== 407 && c.proxyChallenges.length === 0) return [];
  const schemes = [...new Set(c.proxyChallenges.map((x) => x.scheme))];
  const sent = !!c.proxyAuth;
  const pa = c.res('proxy-authenticate');
  return [
    draft({
      id: 'proxy-auth-required',
      severity: 'error',
      title: 'Proxy authentication required',
      summary: `The proxy ${sent ? 'rejected its credentials' : 'wants credentials'}${schemes.length ? ` (${list(schemes)})` : ''}: the site's token does not help`,
      explanation: `A proxy between the browser and the site answered, not the site. ${sent ? 'Proxy-Authorization was sent and refused.' : 'No Proxy-Authorization was sent.'}`,
      evidence: [
        pa ? ev('Proxy-Authenticate', pa.slice(0, 300)) : undefined,
        ev('Proxy-Authorization', sent ? 'sent' : 'not sent'),
        ...(c.proxyAuth?.basic?.user !== undefined ? [ev('Proxy user', c.proxyAuth.basic.user)] : []),
      ],
      fixes: [
        consumer(
          'Sign in to the proxy (system or browser proxy settings) or ask IT; the API credentials are unrelated.',
        ),
      ],
      refs: [rfc(9110, '15.5.8'), mdn('HTTP/Reference/Status/407', '407')],
    }),
  ];
};
