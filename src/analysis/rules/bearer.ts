// RFC 6750 §3 error codes, RFC 9728 resource metadata, RFC 9470 step-up.
import type { Ctx, Rule } from '../context.ts';
import type { Challenge } from '../types.ts';
import { clip, consumer, draft, ev, list, server, type Draft } from '../finding.ts';
import { link, rfc } from '../refs.ts';
import { scopesOf, timeClaim } from '../credentials/jwt-token.ts';
import { formatDuration } from '../time.ts';
import { challengeEvidence, tokenEvidence } from './evidence.ts';

export interface BearerError {
  error: string;
  description?: string;
  uri?: string;
  ch?: Challenge;
}

/** The error of the Bearer/DPoP challenge, else an OAuth-style JSON body error. */
export function bearerError(c: Ctx): BearerError | undefined {
  for (const ch of c.challenges) {
    const s = ch.scheme.toLowerCase();
    if ((s === 'bearer' || s === 'dpop') && ch.params.error) {
      return { error: ch.params.error, description: ch.params.error_description, uri: ch.params.error_uri, ch };
    }
  }
  if (c.body.error && /^[a-z_]+$/.test(c.body.error)) return { error: c.body.error, description: c.body.description };
  return undefined;
}

export function describedEvidence(b: BearerError | undefined): ReturnType<typeof ev>[] {
  if (!b) return [];
  return [
    ev('error', b.error),
    b.description ? ev('error_description', clip(b.description)) : undefined,
    b.uri ? ev('error_uri', clip(b.uri)) : undefined,
  ].filter((e) => e !== undefined);
}

const grantedScopes = (c: Ctx): string[] | undefined =>
  c.main?.jwt?.kind === 'jws' ? scopesOf(c.main.jwt.payload) : undefined;

export function scopeFinding(
  c: Ctx,
  required: string[],
  granted: string[] | undefined,
  source: string,
  extra: ReturnType<typeof ev>[],
  anyOf = false,
): Draft {
  const missing = granted ? required.filter((s) => !granted.includes(s)) : required;
  const shown = missing.length ? missing : required;
  anyOf = anyOf && shown.length > 1;
  const words = anyOf ? shown.join(' or ') : list(shown);
  const need = !required.length ? 'a scope it does not name' : anyOf ? `one of ${words}` : list(required);
  return draft({
    id: 'insufficient-scope',
    severity: 'error',
    title: 'Token lacks a required scope',
    summary: !required.length
      ? 'Token lacks the scope this needs (the server did not name it): check the API docs for the scope'
      : anyOf
        ? `Token needs scope ${words}: get a token that includes it`
        : `Token is missing scope ${words}: get a token that includes it`,
    explanation:
      `The token is valid but not allowed to do this. ${source} requires ${need}; ` +
      (granted
        ? `the token grants ${list(granted) || 'no scopes'}${missing.length && required.length ? '' : ', which looks sufficient (the server may want all of them)'}.`
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
      server('Name the needed scope in the challenge: error="insufficient_scope", scope="..."'),
    ],
    refs: [rfc(6750, '3.1')],
  });
}

export const bearer: Rule = (c) => {
  const out: Draft[] = [];
  const b = bearerError(c);
  const evs = [...describedEvidence(b), ...challengeEvidence(c)];
  const desc = b?.description ? `: ${clip(b.description, 120)}` : '';
  if (b?.error === 'invalid_request') {
    out.push(
      draft({
        id: 'bearer-invalid-request',
        severity: 'error',
        title: 'Request malformed (invalid_request)',
        summary: `Server says invalid_request${desc}: fix how the token is sent`,
        explanation:
          'The request is missing a parameter, repeats one, or sends the token more than one way (RFC 6750 §3.1), e.g. both a header and access_token.',
        evidence: evs,
        fixes: [
          consumer(
            'Send the token once, in the Authorization header.',
            'fetch(url, { headers: { Authorization: `Bearer ${token}` } })',
          ),
        ],
        refs: [rfc(6750, '3.1')],
      }),
    );
  }
  if (b?.error === 'invalid_token') {
    out.push(
      draft({
        id: 'bearer-invalid-token',
        severity: 'error',
        title: 'Access token rejected (invalid_token)',
        summary: `Server says invalid_token${desc}: get a new access token`,
        explanation:
          'The token is expired, revoked, malformed or signed for someone else (RFC 6750 §3.1). Findings above say which when the token can be read.',
        evidence: [...evs, ...tokenEvidence(c.main)],
        fixes: [consumer('Refresh or re-acquire the token and retry once.')],
        refs: [rfc(6750, '3.1')],
      }),
    );
  }
  if (b?.error === 'insufficient_scope') {
    const required = (b.ch?.params.scope ?? '').split(/\s+/).filter(Boolean);
    out.push(scopeFinding(c, required, grantedScopes(c), 'The server', evs));
  }
  if (b?.error === 'insufficient_user_authentication') {
    const acr = b.ch?.params.acr_values;
    const maxAge = Number(b.ch?.params.max_age);
    const age = Number.isFinite(maxAge) && b.ch?.params.max_age ? formatDuration(maxAge * 1000) : undefined;
    const authTime = c.main?.jwt?.kind === 'jws' ? timeClaim(c.main.jwt.payload, 'auth_time') : undefined;
    const ago = authTime !== undefined && c.refTime !== undefined ? formatDuration(c.refTime - authTime) : undefined;
    out.push(
      draft({
        id: 'step-up-required',
        severity: 'error',
        title: 'Stronger or more recent sign-in required',
        summary: `Step-up required: sign in again${acr ? ` with ${acr}` : ''}${age ? ` (at most ${age} ago)` : ''}`,
        explanation: `The token is fine but the sign-in behind it is too weak or too old (RFC 9470).${acr ? ` Required level: ${acr}.` : ''}${age ? ` Maximum age: ${age}.` : ''}${ago ? ` The user signed in ${ago} before the request.` : ''}`,
        evidence: [...evs, ...tokenEvidence(c.main)],
        fixes: [
          consumer(
            'Send the user to the authorization server again with these values, then retry with the new token.',
            `authorize?…${acr ? `&acr_values=${encodeURIComponent(acr)}` : ''}${age ? `&max_age=${maxAge}` : ''}`,
          ),
        ],
        refs: [rfc(9470, '3')],
      }),
    );
  }
  const meta = c.challenges.find((x) => x.params.resource_metadata);
  if (meta) {
    const url = clip(meta.params.resource_metadata!);
    out.push(
      draft({
        id: 'protected-resource-metadata',
        severity: c.hasCredentials ? 'info' : 'error',
        title: 'Server publishes how to get a token',
        summary: `Get a token: read ${url}, then run OAuth with its authorization server`,
        explanation:
          'The challenge points to OAuth protected resource metadata (RFC 9728): fetch it, take an authorization server from `authorization_servers`, and run OAuth with PKCE (MCP clients do this).',
        evidence: [ev('resource_metadata', url), ...challengeEvidence(c)],
        fixes: [
          consumer(
            'Fetch the metadata and discover the authorization server.',
            `const meta = await (await fetch('${url}')).json();\n// meta.authorization_servers[0] + '/.well-known/oauth-authorization-server'`,
          ),
        ],
        refs: [
          rfc(9728, '5.1'),
          link('MCP authorization', 'https://modelcontextprotocol.io/specification/draft/basic/authorization'),
        ],
      }),
    );
  }
  return out;
};
