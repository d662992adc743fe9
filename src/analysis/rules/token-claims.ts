// What a token's own claims, or the server's words about them, say is wrong with it: revoked, for
// another audience, living longer than the API accepts, or an ID token sent where an access
// token belongs (OpenID Connect Core §2: an ID token is for the client, not for APIs).
import { acceptsIdTokens } from '../vendors/id-token-resources.ts';
import type { Inspection, Rule } from '../inspect.ts';
import { clip, consumer, defineFindings, ev, server, type Draft } from '../finding.ts';
import { claim, timeClaim } from '../credentials/jwt-token.ts';
import { formatDuration } from '../time.ts';
import { link, rfc } from '../refs.ts';
import { code } from '../snippets.ts';
import { statedEvidence, tokenEvidence, vendorFixes } from './evidence.ts';
import type { Statement } from '../vendors/statements.ts';

const OIDC_ID_TOKEN = link(
  'OpenID Connect Core: ID token',
  'https://openid.net/specs/openid-connect-core-1_0.html#IDToken',
);

export const TOKEN_CLAIMS = defineFindings('tokens', {
  'token-revoked': {
    title: 'Token revoked',
    severity: 'error',
    means:
      'The server says the token was revoked: the user or an admin withdrew it, the app was uninstalled, the ' +
      'password changed, or the issuer ended the session. It will not work again, whatever its expiry says.',
    restsOn:
      'The response’s own words (error_description, body codes and messages: "revoked", token_revoked, ' +
      '"has been invalidated"), on a refusal from an API (at a token endpoint it is oauth-grant-rejected).',
    fixes: [consumer('Get a new token (sign in again or re-run the authorization); do not retry the old one.')],
    references: [rfc(7009, '2'), rfc(6750, '3.1')],
  },
  'token-wrong-audience': {
    title: 'Token issued for another audience',
    severity: 'error',
    means:
      'The token is valid, but for another API: its aud claim names a different resource than the one called ' +
      '(a Graph token sent to your own API, a token for one environment’s API sent to another). The API ' +
      'refuses tokens not minted for it (RFC 7519 §4.1.3).',
    restsOn:
      'The server’s words (an "audience" / "aud" / "invalid audience" error_description or body message), with ' +
      'the token’s aud claim shown when it is a JWT.',
    fixes: [
      consumer(
        'Request the token for this API: its scope (Entra: api://<app-id>/.default) or audience / resource parameter.',
      ),
      server('Say which audience you expect in error_description.'),
    ],
    references: [
      rfc(7519, '4.1.3'),
      rfc(8707, '2'),
      link('Microsoft: access tokens (aud)', 'https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens'),
    ],
  },
  'token-lifetime-too-long': {
    title: 'Token lifetime longer than the API accepts',
    severity: 'error',
    means:
      'Some APIs refuse self-signed JWTs that live too long, whatever the signature: App Store Connect accepts ' +
      'at most 20 minutes between iat and exp, a GitHub App JWT 10 minutes, a Google service-account assertion ' +
      'one hour. Some say so ("exp is too far in the future"), some only answer 401.',
    restsOn:
      'exp − iat of the JWT sent, against the limit a vendor row gives (App Store Connect 20 min, GitHub App ' +
      '10 min), or the server’s words ("too far in the future", "short-lived token").',
    fixes: [
      consumer(
        'Sign tokens with exp close to iat (minutes), and a fresh one per batch of calls.',
        code('js', "new SignJWT(claims).setIssuedAt().setExpirationTime('10m')"),
      ),
    ],
    references: [
      link(
        'App Store Connect: generating tokens',
        'https://developer.apple.com/documentation/appstoreconnectapi/generating-tokens-for-api-requests',
      ),
      link(
        'GitHub: generating a JWT for a GitHub App',
        'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/' +
          'generating-a-json-web-token-jwt-for-a-github-app',
      ),
    ],
  },
  'id-token-as-access-token': {
    title: 'ID token sent where an access token belongs',
    severity: 'error',
    means:
      'An OpenID Connect ID token tells the client who signed in; it is not meant for APIs (OpenID Connect Core ' +
      '§2). Its audience is the client itself, so an API (or a gateway authorizer expecting access tokens) ' +
      'refuses it, often with a bare 401.',
    restsOn:
      'A JWT sent as the Bearer token whose claims mark it as an ID token: token_use "id" (Cognito), typ "ID" ' +
      '(Keycloak), a nonce or at_hash claim in the payload with no scope (a nonce in the JWT header, as ' +
      'Microsoft Graph tokens carry, is not one), or Entra tid and ver with no scp, roles, azp or appid; sent ' +
      'as Bearer or bare in Authorization.',
    fixes: [
      consumer('Send the access token from the same token response (access_token, not id_token).'),
      server('Validate token type: refuse tokens whose aud is a client id or that carry token_use "id".'),
    ],
    references: [
      OIDC_ID_TOKEN,
      link(
        'Amazon Cognito: accessing resources with API Gateway',
        'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-accessing-resources-api-gateway-and-lambda.html',
      ),
      link('Microsoft: ID tokens', 'https://learn.microsoft.com/en-us/entra/identity-platform/id-tokens'),
    ],
  },
});

const jwtOf = (c: Inspection): Record<string, unknown> | undefined =>
  c.main?.jwt?.kind === 'jws' ? c.main.jwt.payload : undefined;

/** Why the JWT sent is an ID token, or undefined. */
function idTokenSigns(p: Record<string, unknown> | undefined): string[] {
  if (!p) return [];
  const signs: string[] = [];
  if (claim(p, 'token_use') === 'id') signs.push('token_use: id');
  if (/^id$/i.test(claim(p, 'typ') ?? '')) signs.push(`typ: ${claim(p, 'typ')}`);
  const scoped = ['scope', 'scp', 'scopes', 'roles'].some((n) => p[n] !== undefined);
  if (!scoped && typeof p.nonce === 'string') signs.push('a nonce claim in the payload');
  if (!scoped && typeof p.at_hash === 'string') signs.push('an at_hash claim');
  // Entra ID: access tokens always name the calling app (azp or appid) and carry scp or roles; an ID
  // token has the tenant (tid) and version but neither.
  const app = ['azp', 'appid', 'client_id', 'cid'].some((n) => p[n] !== undefined);
  if (!scoped && !app && typeof p.tid === 'string' && typeof p.ver === 'string' && !signs.length)
    signs.push('Entra claims (tid, ver) with no scp, roles, azp or appid');
  return signs;
}

function lifetimeDraft(c: Inspection, s: Statement): Draft {
  const p = jwtOf(c);
  const iat = timeClaim(p, 'iat');
  const exp = timeClaim(p, 'exp');
  const life = iat !== undefined && exp !== undefined ? exp - iat : undefined;
  const max = s.row?.maxLifetime;
  const lived = life !== undefined ? formatDuration(life) : undefined;
  return TOKEN_CLAIMS.draft('token-lifetime-too-long', {
    summary:
      `Token lifetime too long${lived ? ` (exp − iat = ${lived}` : ''}` +
      `${max !== undefined ? `${lived ? ', ' : ' ('}at most ${formatDuration(max * 1000)} accepted` : ''}` +
      `${lived || max !== undefined ? ')' : ''}: sign a shorter-lived token`,
    ...(s.row ? { explanation: s.row.explain } : {}),
    evidence: [
      lived ? ev('exp − iat', lived) : undefined,
      max !== undefined ? ev('Longest accepted', formatDuration(max * 1000)) : undefined,
      ...statedEvidence(c, s),
      ...tokenEvidence(c.main),
    ],
    ...(s.row ? { fixes: vendorFixes(s.row, TOKEN_CLAIMS.meta('token-lifetime-too-long').fixes) } : {}),
  });
}

export const tokenClaims: Rule = (c, earlier) => {
  if (!c.failure || c.endpoint === 'token' || c.endpoint === 'authorize') return [];
  const out: Draft[] = [];
  const p = jwtOf(c);
  // As Bearer, or bare in Authorization (no scheme, as some gateway authorizers are fed): the token is
  // the same ID token either way, and that is the cause the malformed header only adds to.
  const sentAsToken = c.auth?.lc === 'bearer' || (c.auth?.lc === '' && c.main?.where.startsWith('Authorization'));
  const signs =
    sentAsToken && c.endpoint === undefined && !acceptsIdTokens(c.host, c.ex.responseHeaders) ? idTokenSigns(p) : [];
  if (signs.length) {
    const how = c.auth?.lc === 'bearer' ? 'as the Bearer token' : 'in Authorization (with no scheme)';
    out.push(
      TOKEN_CLAIMS.draft('id-token-as-access-token', {
        summary: `An ID token was sent ${how} (${signs[0]}): send the access token instead`,
        more: `This token is an ID token: ${signs.join(', ')}.`,
        evidence: [
          ev('ID token signs', signs.join('; ')),
          ...statedEvidence(c, c.statements[0]),
          ...tokenEvidence(c.main),
        ],
      }),
    );
  }
  for (const s of c.statements) {
    if (s.id === 'token-lifetime-too-long') out.push(lifetimeDraft(c, s));
    else if (s.id === 'token-revoked')
      out.push(
        TOKEN_CLAIMS.draft('token-revoked', {
          summary: `The server says the token was revoked: "${s.quote}"; get a new one`,
          ...(s.row ? { explanation: s.row.explain } : {}),
          evidence: [...statedEvidence(c, s), ...tokenEvidence(c.main)],
          ...(s.row ? { fixes: vendorFixes(s.row, TOKEN_CLAIMS.meta('token-revoked').fixes) } : {}),
        }),
      );
    else if (s.id === 'token-wrong-audience' && !earlier.some((d) => d.id === 'token-wrong-environment')) {
      const aud = claim(p, 'aud');
      out.push(
        TOKEN_CLAIMS.draft('token-wrong-audience', {
          summary:
            `Token issued for another audience${aud ? ` (aud ${clip(aud, 80)})` : ''}: ` +
            'request a token for this API',
          more: `The server says: "${s.quote}".`,
          evidence: [
            aud ? ev('Token audience (aud)', aud) : undefined,
            ev('API host', c.host),
            ...statedEvidence(c, s),
            ...tokenEvidence(c.main),
          ],
        }),
      );
    }
  }
  return out;
};
