// The ID token a token endpoint returns, checked as the client must (OpenID Connect Core §3.1.3.7)
// against what this tab's sign-in sent: its aud must be the client_id of the authorize request, its
// nonce that request's nonce, its iss the issuer the discovery document named. A client library
// refusing the response shows only its own error; the exchange shows why.
import type { Rule } from '../../inspect.ts';
import { clip, consumer, defineFindings, ev, server, type Draft } from '../../finding.ts';
import { link, rfc } from '../../refs.ts';
import { decodeJwt } from '../../jwt.ts';
import { claim } from '../../credentials/jwt-token.ts';
import { readBody } from '../../body/index.ts';
import { earlierAuthorizeRequests } from './params.ts';

const VALIDATION = link(
  'OpenID Connect Core: ID token validation',
  'https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation',
);

export const ID_TOKEN = defineFindings('oauth', {
  'nonce-mismatch': {
    title: 'ID token nonce is not the one sent',
    severity: 'error',
    means:
      'The client sent a nonce in its authorize request and must find the same value in the ID token ' +
      '(OpenID Connect Core §3.1.3.7 step 11); a different one means the code or token belongs to another ' +
      'sign-in (another tab, a replay, a mixed-up session), and the client refuses it.',
    restsOn:
      'The nonce claim of the ID token a token endpoint returned, against the nonce of the latest authorize ' +
      'request earlier in the tab.',
    fixes: [consumer('Start one sign-in at a time and keep its nonce until the callback has been handled.')],
    references: [VALIDATION],
  },
  'id-token-wrong-audience': {
    title: 'ID token issued to another client',
    severity: 'error',
    means:
      'An ID token’s aud must contain the client_id of the client that asked for it (OpenID Connect Core ' +
      '§3.1.3.7 step 3). Here it names another client: the code was redeemed with another client’s ' +
      'credentials, or two applications (staging and production) are mixed up.',
    restsOn:
      'The aud (and azp) of the ID token a token endpoint returned, against the client_id of the latest ' +
      'authorize request earlier in the tab.',
    fixes: [consumer('Use the same client_id (and its secret) for the authorize request and the token request.')],
    references: [VALIDATION],
  },
  'issuer-mismatch': {
    title: 'Token from an unexpected issuer',
    severity: 'error',
    means:
      'The iss claim must be exactly the issuer the client or API is configured with (OpenID Connect Core ' +
      '§3.1.3.7 step 2; OpenID Connect Discovery §4.3): a custom domain against the tenant’s own domain, a ' +
      'trailing slash, http against https, another realm or tenant.',
    restsOn:
      'The iss of an ID token against the issuer of the discovery document earlier in the tab, or an API’s ' +
      'own words (error_description "The iss claim is not valid", "invalid issuer").',
    fixes: [
      consumer('Use one issuer URL everywhere: the one in the discovery document, byte for byte.'),
      server('Configure the expected issuer exactly as the identity provider writes it in tokens.'),
    ],
    references: [VALIDATION, rfc(9207, '2')],
  },
});

export const idToken: Rule = (c) => {
  if (c.endpoint !== 'token' || c.status < 200 || c.status >= 300) return [];
  const raw = c.body.leaves.find(([k]) => k === 'id_token')?.[1];
  if (!raw) return [];
  const d = decodeJwt(raw);
  if ('error' in d) return [];
  const p = d.payload;
  const out: Draft[] = [];
  const auth = earlierAuthorizeRequests(c)[0];
  const aud = claim(p, 'aud');
  const client = auth?.params.get('client_id');
  const evidence = [ev('Token endpoint', c.url ? c.url.origin + c.url.pathname : c.host)];
  if (client && aud !== undefined && !aud.split(', ').includes(client)) {
    out.push(
      ID_TOKEN.draft('id-token-wrong-audience', {
        summary: `The ID token is for client ${clip(aud, 80)}, not ${clip(client, 80)} that started the sign-in`,
        evidence: [ev('ID token aud', aud), ev('client_id of the authorize request', client), ...evidence],
      }),
    );
  }
  const sent = auth?.params.get('nonce');
  const got = claim(p, 'nonce');
  if (sent && got !== sent) {
    out.push(
      ID_TOKEN.draft('nonce-mismatch', {
        summary: "The ID token's nonce is not the one the authorize request sent: it belongs to another sign-in",
        evidence: [
          ev('nonce sent', clip(sent, 80)),
          ev('nonce in the ID token', got ? clip(got, 80) : '(none)'),
          ...evidence,
        ],
      }),
    );
  }
  const discovery = [...c.history]
    .reverse()
    .find((e) => /\/\.well-known\/openid-configuration/.test(e.url) && e.timeStamp <= c.ex.timeStamp);
  const issuer = discovery
    ? readBody(discovery.responseBody, 'application/json').leaves.find(([k]) => k === 'issuer')?.[1]
    : undefined;
  const iss = claim(p, 'iss');
  if (issuer && iss && iss !== issuer) {
    out.push(
      ID_TOKEN.draft('issuer-mismatch', {
        summary: `The ID token's issuer ${clip(iss, 100)} is not the discovered issuer ${clip(issuer, 100)}`,
        evidence: [ev('ID token iss', iss), ev('Discovered issuer', issuer), ...evidence],
      }),
    );
  }
  return out;
};
