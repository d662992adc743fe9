// The checks on what discovery fetched: each returns the drafts of one step, a pass included
// (discovery-ok says what was checked), so every step shows what it rests on.
import { headerValue, headerValues, type Header } from '../../http/headers.ts';
import { inspectJwt } from '../credentials/jwt-token.ts';
import { clip, ev, list, type Draft, type Evidence } from '../finding.ts';
import type { Context } from './context.ts';
import type { JsonObject } from './documents.ts';
import { DISCOVERY } from './findings.ts';
import { httpUrl, isUnder, originOf, sameButSlash, sameUrl } from './urls.ts';

const ok = (summary: string, evidence: (Evidence | undefined)[], title?: string): Draft =>
  DISCOVERY.draft('discovery-ok', { summary, evidence, ...(title ? { title } : {}) });

/** A member of a parsed document, own properties only (a `__proto__` key is data, not a prototype). */
export const member = (o: JsonObject, name: string): unknown => (Object.hasOwn(o, name) ? o[name] : undefined);

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

const shown = (v: unknown): string => (v === undefined ? '(absent)' : clip(JSON.stringify(v) ?? String(v), 200));

// ---- the challenge ---------------------------------------------------------------------------

export function checkChallenge(c: Context): Draft[] {
  const ch = c.challenge;
  const raw = headerValues(c.responseHeaders, 'www-authenticate').join(', ');
  const www = raw ? ev('WWW-Authenticate', clip(raw)) : undefined;
  const rm = ch?.params.resource_metadata;
  const out: Draft[] = [];
  if (rm) {
    out.push(
      ok(
        `The challenge names its resource metadata: ${clip(rm, 200)}`,
        [www, ev('resource_metadata', clip(rm)), c.scopes.length ? ev('scope', c.scopes.join(' ')) : undefined],
        'Challenge points to the resource metadata',
      ),
    );
  } else {
    out.push(
      DISCOVERY.draft('discovery-challenge-no-resource-metadata', {
        summary: ch
          ? `The ${ch.scheme} challenge has no resource_metadata: clients that read only the header stop here`
          : `No challenge${c.status ? ` on the ${c.status}` : ''}: clients that read only the header stop here`,
        evidence: [www ?? ev('WWW-Authenticate', '(absent)'), ev('Next', 'the well-known URLs of RFC 9728 §3.1')],
      }),
    );
  }
  const exposure = checkExposure(c);
  if (exposure) out.push(exposure);
  return out;
}

/** Whether the calling page can read the challenge (only judged for a cross-origin page script). */
function checkExposure(c: Context): Draft | undefined {
  const target = originOf(c.resource);
  if (!c.caller || !c.challenge || c.caller.origin === target) return undefined;
  const h = c.responseHeaders;
  const acao = headerValue(h, 'access-control-allow-origin');
  const aceh = headerValue(h, 'access-control-expose-headers');
  const exposed = (aceh ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const evidence = [
    ev('Page', `${c.caller.origin} (from ${c.caller.from})`),
    ev('Access-Control-Allow-Origin', acao ?? '(absent)'),
    ev('Access-Control-Expose-Headers', aceh ?? '(absent)'),
  ];
  const allowed = acao === '*' || acao === c.caller.origin;
  if (!allowed)
    return DISCOVERY.draft('discovery-challenge-not-exposed', {
      summary: `The 401 has no Access-Control-Allow-Origin for ${c.caller.origin}: the page cannot read the challenge`,
      evidence,
    });
  if (!exposed.includes('www-authenticate') && !exposed.includes('*'))
    return DISCOVERY.draft('discovery-challenge-not-exposed', {
      summary: 'WWW-Authenticate is not in Access-Control-Expose-Headers: the page cannot read the challenge',
      evidence,
    });
  return ok(
    `The page at ${c.caller.origin} can read the challenge (WWW-Authenticate exposed)`,
    [
      ...evidence,
      exposed.includes('*') && !exposed.includes('www-authenticate')
        ? ev('Note', '"*" exposes every header only to requests without credentials (cookies)')
        : undefined,
    ],
    'Challenge readable by the page',
  );
}

// ---- CORS on a document ---------------------------------------------------------------------

/** Judged for a page script on another origin than the document; else said how it stands. */
export function corsEvidence(
  c: Context,
  url: string,
  headers: readonly Header[],
  originSent?: string,
): {
  evidence: Evidence[];
  failed: boolean;
} {
  const acao = headerValue(headers, 'access-control-allow-origin');
  const line = ev('Access-Control-Allow-Origin', acao ?? '(absent)');
  if (!c.caller)
    return { evidence: [line, ev('CORS', 'not judged: no web page script made the request')], failed: false };
  if (originOf(url) === c.caller.origin)
    return { evidence: [ev('CORS', `not needed: same origin as the page (${c.caller.origin})`)], failed: false };
  const sent = originSent
    ? ev('Origin sent', originSent)
    : ev(
        'Origin sent',
        'none (a browser extension cannot send the page’s Origin; a server that allows a list of origins may ' +
          'answer the page differently)',
      );
  return {
    evidence: [ev('Page', `${c.caller.origin} (from ${c.caller.from})`), line, sent],
    failed: !(acao === '*' || acao === c.caller.origin),
  };
}

function corsDraft(c: Context, url: string, what: string, headers: readonly Header[], originSent?: string) {
  const cors = corsEvidence(c, url, headers, originSent);
  if (!cors.failed) return { passes: cors.evidence, draft: undefined };
  return {
    passes: [],
    draft: DISCOVERY.draft('discovery-metadata-no-cors', {
      summary: `The ${what} has no Access-Control-Allow-Origin for ${c.caller!.origin}: the page cannot read it`,
      evidence: [ev('URL', url), ...cors.evidence],
    }),
  };
}

// ---- protected resource metadata (RFC 9728) -------------------------------------------------

export interface ResourceMetadataResult {
  drafts: Draft[];
  /** the issuers to look up, in the document's order (entries that are URLs), and as written */
  issuers: { url: URL; written: string }[];
  /** the document's resource, when a string */
  resource?: string;
  scopesSupported?: string[];
}

export function checkResourceMetadata(
  c: Context,
  doc: JsonObject,
  at: { url: string; headers: readonly Header[]; originSent?: string; fromChallenge: boolean; root: boolean },
  docEvidence: Evidence[],
): ResourceMetadataResult {
  const drafts: Draft[] = [];
  const passes: Evidence[] = [];

  const resource = member(doc, 'resource');
  const res = typeof resource === 'string' ? resource : undefined;
  const rootOk = at.root && res !== undefined && sameUrl(res, new URL(c.resource).origin);
  if (res !== undefined && (sameUrl(res, c.resource) || rootOk)) {
    passes.push(ev('resource', `${res} (the URL called${rootOk ? '’s origin, served at the root' : ''})`));
  } else {
    const under = res !== undefined && isUnder(c.resource, res);
    drafts.push(
      DISCOVERY.draft('discovery-resource-mismatch', {
        severity: under ? 'warning' : 'error',
        summary:
          res === undefined
            ? `The metadata has no resource: RFC 9728 §3.3 needs ${c.resource}`
            : `The metadata’s resource is ${clip(res, 120)}, not the URL called (${clip(c.resource, 120)})`,
        more: under
          ? 'The called URL lies under it: the MCP TypeScript SDK accepts that, a client following RFC 9728 to ' +
            'the letter does not.'
          : undefined,
        evidence: [...docEvidence, ev('resource', shown(resource)), ev('URL called', c.resource)],
      }),
    );
  }

  const servers = member(doc, 'authorization_servers');
  const issuers: ResourceMetadataResult['issuers'] = [];
  if (!Array.isArray(servers) || servers.length === 0) {
    drafts.push(
      DISCOVERY.draft('discovery-no-authorization-servers', {
        summary:
          servers === undefined
            ? 'The metadata has no authorization_servers: a client has nowhere to get a token'
            : `The metadata’s authorization_servers is ${shown(servers)}: a client has nowhere to get a token`,
        evidence: [...docEvidence, ev('authorization_servers', shown(servers))],
      }),
    );
  } else {
    for (const s of servers) {
      const p = httpUrl(s);
      if (p.ok) issuers.push({ url: p.url, written: s as string });
      else
        drafts.push(
          DISCOVERY.draft('discovery-authorization-server-not-url', {
            summary: `authorization_servers lists ${shown(s)}, ${p.why}`,
            evidence: [...docEvidence, ev('Entry', shown(s)), ev('Problem', p.why)],
          }),
        );
    }
    if (issuers.length) passes.push(ev('authorization_servers', issuers.map((i) => i.written).join(', ')));
  }

  const supported = strings(member(doc, 'scopes_supported'));
  if (supported) passes.push(ev('scopes_supported', supported.join(' ') || '(empty)'));
  const scope = scopeDraft(c, supported, 'protected resource metadata', docEvidence);
  if (scope) drafts.push(scope);

  const cors = corsDraft(c, at.url, 'protected resource metadata', at.headers, at.originSent);
  if (cors.draft) drafts.push(cors.draft);
  passes.push(...cors.passes);

  if (!drafts.some((d) => d.severity === 'error'))
    drafts.unshift(
      ok(
        `Protected resource metadata found${at.fromChallenge ? '' : ' at a well-known URL'}: ` +
          `${issuers.length ? `authorization server ${issuers.map((i) => i.written).join(', ')}` : 'no usable issuer'}`,
        [...docEvidence, ...passes],
        'Protected resource metadata read',
      ),
    );
  const result: ResourceMetadataResult = { drafts, issuers };
  if (res !== undefined) result.resource = res;
  if (supported) result.scopesSupported = supported;
  return result;
}

function scopeDraft(c: Context, supported: string[] | undefined, doc: string, docEvidence: Evidence[]) {
  if (!supported || !c.scopes.length) return undefined;
  const missing = c.scopes.filter((s) => !supported.includes(s));
  if (!missing.length) return undefined;
  return DISCOVERY.draft('discovery-scope-not-supported', {
    summary: `The challenge asks for scope ${list(missing)}, which the ${doc}’s scopes_supported does not list`,
    evidence: [...docEvidence, ev('Challenge scope', c.scopes.join(' ')), ev('scopes_supported', supported.join(' '))],
  });
}

// ---- authorization server metadata (RFC 8414, OpenID discovery) -----------------------------

export function checkAuthorizationServer(
  c: Context,
  issuer: URL,
  written: string,
  doc: JsonObject,
  at: { url: string; headers: readonly Header[]; originSent?: string },
  docEvidence: Evidence[],
): Draft[] {
  const drafts: Draft[] = [];
  const passes: Evidence[] = [];

  const iss = member(doc, 'issuer');
  if (typeof iss === 'string' && iss === written) passes.push(ev('issuer', `${iss} (as listed)`));
  else {
    const slash = typeof iss === 'string' && sameButSlash(iss, written);
    drafts.push(
      DISCOVERY.draft('discovery-issuer-mismatch', {
        severity: slash ? 'warning' : 'error',
        summary:
          typeof iss !== 'string'
            ? `The metadata at ${at.url} has no issuer`
            : `The metadata found for ${clip(written, 120)} says issuer ${clip(iss, 120)}` +
              (slash ? ' (one slash apart)' : ''),
        more: slash
          ? 'The MCP TypeScript SDK tolerates one slash; oauth4webapi and OpenID certified clients do not.'
          : undefined,
        evidence: [...docEvidence, ev('issuer', shown(iss)), ev('Listed as', written)],
      }),
    );
  }

  const pkce = strings(member(doc, 'code_challenge_methods_supported'));
  if (pkce?.includes('S256')) passes.push(ev('code_challenge_methods_supported', pkce.join(', ')));
  else
    drafts.push(
      DISCOVERY.draft('discovery-pkce-s256-unsupported', {
        summary: pkce
          ? `The authorization server lists PKCE ${pkce.join(', ') || 'nothing'}, not S256: MCP clients refuse it`
          : 'The authorization server metadata has no code_challenge_methods_supported: MCP clients refuse it',
        evidence: [
          ...docEvidence,
          ev('code_challenge_methods_supported', shown(member(doc, 'code_challenge_methods_supported'))),
        ],
      }),
    );

  const reg = member(doc, 'registration_endpoint');
  const cimd = member(doc, 'client_id_metadata_document_supported') === true;
  const ways = [
    cimd ? 'client ID metadata documents' : undefined,
    typeof reg === 'string' && reg ? `dynamic registration at ${clip(reg, 200)}` : undefined,
  ].filter((w) => w !== undefined);
  if (ways.length) passes.push(ev('Registration', ways.join('; ')));
  else
    drafts.push(
      DISCOVERY.draft('discovery-no-registration', {
        summary:
          'The authorization server offers no registration (no registration_endpoint, no client ID metadata documents)',
        evidence: [
          ...docEvidence,
          ev('registration_endpoint', shown(reg)),
          ev('client_id_metadata_document_supported', shown(member(doc, 'client_id_metadata_document_supported'))),
        ],
      }),
    );

  const supported = strings(member(doc, 'scopes_supported'));
  const scope = scopeDraft(c, supported, 'authorization server metadata', docEvidence);
  if (scope) drafts.push(scope);

  const cors = corsDraft(c, at.url, 'authorization server metadata', at.headers, at.originSent);
  if (cors.draft) drafts.push(cors.draft);
  passes.push(...cors.passes);

  if (!drafts.some((d) => d.severity === 'error'))
    drafts.unshift(
      ok(
        `Authorization server metadata found for ${written}`,
        [...docEvidence, ...passes],
        'Authorization server metadata read',
      ),
    );
  return drafts;
}

// ---- the token sent --------------------------------------------------------------------------

export function checkToken(c: Context, resource: string): Draft[] {
  if (!c.token) return [];
  const jwt = inspectJwt(c.token);
  if (jwt?.kind !== 'jws')
    return [
      ok(
        `The token sent is ${jwt?.kind === 'jwe' ? 'an encrypted JWT' : 'opaque'}: its audience cannot be read here`,
        [ev('Token', jwt?.kind === 'jwe' ? 'JWE (encrypted)' : 'not a JWT')],
        'Token audience not readable',
      ),
    ];
  const aud = jwt.payload.aud;
  const auds = typeof aud === 'string' ? [aud] : (strings(aud) ?? []);
  const evidence = [ev('Audience (aud)', auds.length ? auds.join(', ') : '(absent)'), ev('Resource', resource)];
  if (auds.some((a) => sameUrl(a, resource)))
    return [
      ok(`The token’s aud names this resource (${clip(resource, 120)})`, evidence, 'Token issued for this resource'),
    ];
  return [
    DISCOVERY.draft('discovery-token-audience-mismatch', {
      severity: auds.length ? 'error' : 'warning',
      summary: auds.length
        ? `The token was issued for ${clip(auds.join(', '), 120)}, not ${clip(resource, 120)}: ` +
          'request it with resource='
        : 'The token has no aud claim: the server cannot tell it was issued for this resource',
      evidence,
    }),
  ];
}
