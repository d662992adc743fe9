// 407: the proxy on the way, not the site, wants credentials (RFC 9110 §15.5.8).
import type { Rule } from '../inspect.ts';
import { consumer, defineFindings, ev, list } from '../finding.ts';
import { mdn, rfc } from '../refs.ts';

export const PROXY = defineFindings('proxy', {
  'proxy-auth-required': {
    title: 'Proxy authentication required',
    severity: 'error',
    means:
      'A proxy between the browser and the site answered, not the site (RFC 9110 §15.5.8): it wants its own ' +
      'credentials in Proxy-Authorization, or refused the ones sent. The site’s token, cookies or API key are ' +
      'unrelated and do not help.',
    restsOn:
      'Status 407, or a Proxy-Authenticate challenge on any status; whether Proxy-Authorization was sent, and ' +
      'its Basic user name.',
    fixes: [
      consumer('Sign in to the proxy (system or browser proxy settings) or ask IT; the API credentials are unrelated.'),
    ],
    references: [rfc(9110, '15.5.8'), mdn('HTTP/Reference/Status/407', '407')],
  },
});

export const proxy: Rule = (c) => {
  if (c.status !== 407 && c.proxyChallenges.length === 0) return [];
  const schemes = [...new Set(c.proxyChallenges.map((x) => x.scheme))];
  const sent = !!c.proxyAuth;
  const pa = c.res('proxy-authenticate');
  return [
    PROXY.draft('proxy-auth-required', {
      summary:
        `The proxy ${sent ? 'rejected its credentials' : 'wants credentials'}` +
        `${schemes.length ? ` (${list(schemes)})` : ''}: the site's token does not help`,
      explanation:
        'A proxy between the browser and the site answered, not the site. ' +
        (sent ? 'Proxy-Authorization was sent and refused.' : 'No Proxy-Authorization was sent.'),
      evidence: [
        pa ? ev('Proxy-Authenticate', pa.slice(0, 300)) : undefined,
        ev('Proxy-Authorization', sent ? 'sent' : 'not sent'),
        ...(c.proxyAuth?.basic?.user !== undefined ? [ev('Proxy user', c.proxyAuth.basic.user)] : []),
      ],
    }),
  ];
};
