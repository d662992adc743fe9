// The client's own callback: the authorization response reaches the redirect_uri with a code and a
// state, and the client refuses it because the state is not the one it stored for this browser
// (RFC 6749 §10.12): another tab's sign-in, a lost session cookie, a second callback.
import type { Rule } from '../../inspect.ts';
import { consumer, defineFindings, ev, server } from '../../finding.ts';
import { rfc } from '../../refs.ts';
import { maskUrl } from '../../credentials/mask-url.ts';
import { earlierAuthorizeRequests, urlParams } from './params.ts';

export const CALLBACK = defineFindings('oauth', {
  'state-mismatch': {
    title: 'Callback state does not match the sign-in started',
    severity: 'error',
    means:
      'The authorization response came back with a state the client did not issue for this browser session, so ' +
      'it refuses the code (RFC 6749 §10.12). Usually the session cookie holding the state was lost (SameSite, ' +
      'another host or port, a restarted server), the sign-in was started in another tab, or the callback was ' +
      'replayed (back button, bookmark).',
    restsOn:
      'A request to a callback URL carrying code and state whose state differs from every state sent by the ' +
      'authorize requests earlier in the tab for that redirect_uri, answered with a refusal or a redirect back ' +
      'to the login page; or a refusal of such a callback whose body names the state.',
    fixes: [
      consumer('Start the sign-in again from the app, in one tab; check the session cookie survives the round trip.'),
      server('Keep the state in a cookie set with SameSite=Lax (not Strict) on the callback’s host.'),
    ],
    references: [rfc(6749, '10.12'), rfc(9700, '2.1')],
  },
});

export const callback: Rule = (c) => {
  if (c.idp || !c.url) return [];
  const p = urlParams(c.url);
  const state = p.get('state');
  if (!state || !p.has('code')) return [];
  const refused =
    c.status >= 400 ||
    (c.status >= 300 && c.status < 400 && /[?&]error\b|\/login|\/signin/i.test(c.location?.href ?? ''));
  if (!refused) return [];
  const here = c.url.origin + c.url.pathname;
  const sent = earlierAuthorizeRequests(c).filter((a) => {
    try {
      const r = new URL(a.params.get('redirect_uri') ?? '');
      return r.origin + r.pathname === here;
    } catch {
      return false;
    }
  });
  const known = sent.some((a) => a.params.get('state') === state);
  const named = /\bstate\b/.test(c.body.text);
  if (known || (!sent.length && !named)) return [];
  return [
    CALLBACK.draft('state-mismatch', {
      summary: sent.length
        ? 'The callback’s state is not the one this tab’s sign-in sent: the client refused the code'
        : 'The callback was refused over its state: the client did not recognise it',
      evidence: [
        ev('Callback', maskUrl(c.ex.url).slice(0, 300)),
        ev('state received', state.slice(0, 80)),
        ...(sent[0]
          ? [ev('state sent by the authorize request', (sent[0].params.get('state') ?? '').slice(0, 80))]
          : []),
        ev('Answer', c.location ? `${c.status} to ${maskUrl(c.location.href).slice(0, 200)}` : String(c.status)),
      ],
    }),
  ];
};
