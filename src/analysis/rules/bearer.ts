// RFC 6750 §3 error codes, RFC 9728 resource metadata, RFC 9470 step-up.
import type { Inspection, Rule } from '../inspect.ts';
import type { Challenge } from '../types.ts';
import { clip, consumer, defineFindings, ev, list, server, type Draft, type Evidence } from '../finding.ts';
import { code, js, lines, type Snippet, type Value } from '../snippets.ts';
import { link, rfc } from '../refs.ts';
import { scopesOf, timeClaim } from '../credentials/jwt-token.ts';
import { formatDuration } from '../time.ts';
import { field } from '../body/index.ts';
import { challengeEvidence, tokenEvidence } from './evidence.ts';
import { OTP_HEADER, OTP_REQUIRED, SECOND_FACTOR_SCHEME, STEP_UP_ERROR } from '../vendors/step-up.ts';

const NAME_THE_SCOPE = server('Name the needed scope in the challenge: error="insufficient_scope", scope="..."');
const STEP_UP = 'Send the user to the authorization server again with these values, then retry with the new token.';
const METADATA = 'Fetch the metadata and discover the authorization server.';
/** The authorize URL with the challenge's acr_values and max_age (either may be absent). */
function stepUpCode(acr: string | undefined, maxAge: Value | undefined): Snippet {
  const parts = [code('js', 'const authorize = new URL(authorizationEndpoint);')];
  if (acr !== undefined) parts.push(js`authorize.searchParams.set('acr_values', ${acr});`);
  if (maxAge !== undefined) parts.push(js`authorize.searchParams.set('max_age', String(${maxAge}));`);
  return lines(parts);
}
const metadataCode = (url: string): Snippet =>
  js`const meta = await (await fetch(${url})).json();
// meta.authorization_servers[0] + '/.well-known/oauth-authorization-server'`;

export const BEARER = defineFindings('bearer', {
  'bearer-invalid-request': {
    title: 'Request malformed (invalid_request)',
    severity: 'error',
    means:
      'The request is missing a parameter, repeats one, or sends the token more than one way (RFC 6750 §3.1), ' +
      'e.g. both a header and access_token.',
    restsOn:
      'error="invalid_request" in a Bearer or DPoP challenge, or in an OAuth-style JSON error body ' +
      '({"error": "invalid_request"}); RFC 6750 sends it with a 400.',
    fixes: [
      consumer(
        'Send the token once, in the Authorization header.',
        code('js', 'fetch(url, { headers: { Authorization: `Bearer ${token}` } })'),
      ),
    ],
    references: [rfc(6750, '3.1')],
  },
  'bearer-invalid-token': {
    title: 'Access token rejected (invalid_token)',
    severity: 'error',
    means:
      'The token is expired, revoked, malformed or signed for someone else (RFC 6750 §3.1). Findings above say ' +
      'which when the token can be read.',
    restsOn:
      'error="invalid_token" in a Bearer or DPoP challenge, or in an OAuth-style JSON error body. When the ' +
      'token is a JWT, the token findings (token-expired, token-rejected...) name the cause.',
    fixes: [consumer('Refresh or re-acquire the token and retry once.')],
    references: [rfc(6750, '3.1')],
  },
  'insufficient-scope': {
    title: 'Token lacks a required scope',
    severity: 'error',
    means:
      'The token is valid but not allowed to do this: the call needs a scope (a permission granted to the ' +
      'client, often with the user’s consent) that the token does not carry. Re-sending it will not help; a ' +
      'token requested with that scope will.',
    restsOn:
      'error="insufficient_scope" with scope="..." in the Bearer challenge (RFC 6750 §3.1; Google APIs answer ' +
      'so), or GitHub’s X-Accepted-OAuth-Scopes (needed) against X-OAuth-Scopes (granted) on a 403 or 404, ' +
      'with GitHub’s scope hierarchy taken into account. The token’s scope, scp or scopes claim, when it is a ' +
      'JWT, says which scopes are missing.',
    fixes: [
      consumer('Request the token again with the scope the endpoint needs (the user may need to consent again).'),
      NAME_THE_SCOPE,
    ],
    references: [rfc(6750, '3.1')],
  },
  'step-up-required': {
    title: 'Stronger or more recent sign-in required',
    severity: 'error',
    means:
      'The token is fine but the sign-in behind it is too weak (another authentication level is needed, ' +
      'such as MFA) or too old. RFC 9470 lets the resource server say so, with the level it needs in ' +
      'acr_values and the maximum age of the sign-in in max_age; the client sends the user to the ' +
      'authorization server again with those values.',
    restsOn:
      'error="insufficient_user_authentication" in the Bearer challenge, with its acr_values and max_age; the ' +
      'token’s auth_time claim, when readable, says how long before the request the user signed in.',
    fixes: [consumer(STEP_UP, stepUpCode('<acr_values from the challenge>', '<max_age from the challenge>'))],
    references: [rfc(9470, '3')],
  },
  'protected-resource-metadata': {
    title: 'Server publishes how to get a token',
    severity: 'error',
    means:
      'The challenge points to OAuth protected resource metadata (RFC 9728): fetch it, take an authorization ' +
      'server from `authorization_servers`, and run OAuth with PKCE (MCP clients do this).',
    restsOn:
      'A resource_metadata parameter in a WWW-Authenticate challenge. An error when no credentials were sent ' +
      '(this is how to get one), information when some were.',
    fixes: [consumer(METADATA, metadataCode('<resource_metadata from the challenge>'))],
    references: [
      rfc(9728, '5.1'),
      link('MCP authorization', 'https://modelcontextprotocol.io/specification/draft/basic/authorization'),
    ],
  },
});

interface BearerError {
  error: string;
  description?: string;
  uri?: string;
  ch?: Challenge;
}

/** The error of the Bearer/DPoP challenge, else an OAuth-style JSON body error. */
export function bearerError(c: Inspection): BearerError | undefined {
  for (const ch of c.challenges) {
    const s = ch.scheme.toLowerCase();
    if ((s === 'bearer' || s === 'dpop') && ch.params.error) {
      return { error: ch.params.error, description: ch.params.error_description, uri: ch.params.error_uri, ch };
    }
  }
  if (c.body.error && /^[a-z_]+$/.test(c.body.error)) return { error: c.body.error, description: c.body.description };
  return undefined;
}

export function describedEvidence(b: BearerError | undefined): Evidence[] {
  if (!b) return [];
  return [
    ev('error', b.error),
    b.description ? ev('error_description', clip(b.description)) : undefined,
    b.uri ? ev('error_uri', clip(b.uri)) : undefined,
  ].filter((e) => e !== undefined);
}

const grantedScopes = (c: Inspection): string[] | undefined =>
  c.main?.jwt?.kind === 'jws' ? scopesOf(c.main.jwt.payload) : undefined;

/** insufficient-scope, from a challenge or from a vendor's scope headers (`anyOf`: one of them suffices). */
export function scopeFinding(
  c: Inspection,
  required: string[],
  granted: string[] | undefined,
  source: string,
  extra: Evidence[],
  anyOf = false,
): Draft {
  const missing = granted ? required.filter((s) => !granted.includes(s)) : required;
  const shown = missing.length ? missing : required;
  anyOf = anyOf && shown.length > 1;
  const words = anyOf ? shown.join(' or ') : list(shown);
  const need = !required.length ? 'a scope it does not name' : anyOf ? `one of ${words}` : list(required);
  const sufficient =
    missing.length && required.length ? '' : ', which looks sufficient (the server may want all of them)';
  return BEARER.draft('insufficient-scope', {
    summary: !required.length
      ? 'Token lacks the scope this needs (the server did not name it): check the API docs for the scope'
      : anyOf
        ? `Token needs scope ${words}: get a token that includes it`
        : `Token is missing scope ${words}: get a token that includes it`,
    explanation:
      `The token is valid but not allowed to do this. ${source} requires ${need}; ` +
      (granted
        ? `the token grants ${list(granted) || 'no scopes'}${sufficient}.`
        : 'the token is opaque, so its scopes are unknown here.'),
    evidence: [
      required.length ? ev('Required scope', required.join(' ')) : undefined,
      granted ? ev('Token scopes', granted.join(' ')) : undefined,
      missing.length && granted ? ev('Missing', missing.join(' ')) : undefined,
      ...extra,
      ...tokenEvidence(c.main),
    ],
    fixes: [
      consumer(
        `Request the token again with scope ${words || 'the endpoint needs'} (the user may need to consent again).`,
      ),
      NAME_THE_SCOPE,
    ],
  });
}

export const bearer: Rule = (c) => {
  const out: Draft[] = [];
  const b = bearerError(c);
  const evs = [...describedEvidence(b), ...challengeEvidence(c)];
  const desc = b?.description ? `: ${clip(b.description, 120)}` : '';
  if (b?.error === 'invalid_request') {
    out.push(
      BEARER.draft('bearer-invalid-request', {
        summary: `Server says invalid_request${desc}: fix how the token is sent`,
        evidence: evs,
      }),
    );
  }
  // invalid_token with nothing sent is about no token: no-credentials says so.
  if (b?.error === 'invalid_token' && c.hasCredentials) {
    out.push(
      BEARER.draft('bearer-invalid-token', {
        summary: `Server says invalid_token${desc}: get a new access token`,
        evidence: [...evs, ...tokenEvidence(c.main)],
      }),
    );
  }
  if (b?.error === 'insufficient_scope') {
    // GitLab puts the scope needed in the JSON body beside the error
    const required = (b.ch?.params.scope ?? field(c.body, 'scope') ?? '').split(/\s+/).filter(Boolean);
    out.push(scopeFinding(c, required, grantedScopes(c), 'The server', evs));
  }
  // RFC 9470's code, or another name for it; a challenge naming acr_values or max_age with its error
  // asks for the same whatever the code.
  const stepUp =
    !!b &&
    (STEP_UP_ERROR.test(b.error) ||
      (!!(b.ch?.params.acr_values || b.ch?.params.max_age) && !/^(invalid_token|insufficient_scope)$/.test(b.error)));
  if (stepUp) {
    const acr = b.ch?.params.acr_values;
    const maxAge = Number(b.ch?.params.max_age);
    const age = Number.isFinite(maxAge) && b.ch?.params.max_age ? formatDuration(maxAge * 1000) : undefined;
    const authTime = c.main?.jwt?.kind === 'jws' ? timeClaim(c.main.jwt.payload, 'auth_time') : undefined;
    const ago = authTime !== undefined && c.refTime !== undefined ? formatDuration(c.refTime - authTime) : undefined;
    out.push(
      BEARER.draft('step-up-required', {
        summary: `Step-up required: sign in again${acr ? ` with ${acr}` : ''}${age ? ` (at most ${age} ago)` : ''}`,
        explanation:
          'The token is fine but the sign-in behind it is too weak or too old (RFC 9470).' +
          (acr ? ` Required level: ${acr}.` : '') +
          (age ? ` Maximum age: ${age}.` : '') +
          (ago ? ` The user signed in ${ago} before the request.` : ''),
        evidence: [...evs, ...tokenEvidence(c.main)],
        fixes: [consumer(STEP_UP, stepUpCode(acr, age ? maxAge : undefined))],
      }),
    );
  }
  // A one-time password asked for beside the credential: npm's "WWW-Authenticate: OTP", GitHub's
  // "X-GitHub-OTP: required; app". The credential was read; the second factor is missing.
  const otp = c.challenges.find((x) => SECOND_FACTOR_SCHEME.test(x.scheme));
  const otpHeader = c.ex.responseHeaders.find((h) => OTP_HEADER.test(h.name) && OTP_REQUIRED.test(h.value));
  if (!stepUp && (otp || otpHeader) && c.status >= 400) {
    const said = otp ? `WWW-Authenticate: ${otp.scheme}` : `${otpHeader!.name}: ${clip(otpHeader!.value, 80)}`;
    out.push(
      BEARER.draft('step-up-required', {
        title: 'One-time password required',
        summary: `The server asks for a one-time password (${said}): send the second-factor code with the request`,
        explanation:
          'The credential was read, but this account or action needs a second factor: the server wants a ' +
          'one-time code from the authenticator app with the request. Re-sending the credential alone will not help.',
        evidence: [
          ev(otp ? 'Challenge' : otpHeader!.name, otp ? otp.scheme : otpHeader!.value),
          ...tokenEvidence(c.main),
        ],
        fixes: [
          consumer(
            'Send the current one-time code with the request (npm: --otp=<code>, sent as the npm-otp header; ' +
              'GitHub: the X-GitHub-OTP header), or use a token made for automation that the second factor ' +
              'does not gate.',
          ),
        ],
      }),
    );
  }
  const meta = c.challenges.find((x) => x.params.resource_metadata);
  if (meta) {
    const url = clip(meta.params.resource_metadata!);
    out.push(
      BEARER.draft('protected-resource-metadata', {
        severity: c.hasCredentials ? 'info' : 'error',
        summary: `Get a token: read ${url}, then run OAuth with its authorization server`,
        evidence: [ev('resource_metadata', url), ...challengeEvidence(c)],
        fixes: [consumer(METADATA, metadataCode(url))],
      }),
    );
  }
  return out;
};
