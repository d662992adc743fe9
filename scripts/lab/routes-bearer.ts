// Bearer-protected resources (RFC 6750, 9728, 9449, 9470) backed by real JWT verification.
import { EmbeddedJWK, jwtVerify } from 'jose';
import { randomBytes } from 'node:crypto';
import { header, json, send, type Ctx, type Route } from './http.ts';
import { mint, scopesOf, verify, TOKEN_KINDS, type Keys, type TokenKind } from './jwt.ts';

const REALM = 'lab';
const bare = `Bearer realm="${REALM}"`;
const invalid = (d: string): string => `Bearer realm="${REALM}", error="invalid_token", error_description="${d}"`;

/** Answer a request to a Bearer-protected API; returns the claims when it may proceed. */
export async function guard(
  c: Ctx,
  keys: Keys,
  extra: Record<string, string> = {},
): Promise<Record<string, unknown> | undefined> {
  const auth = header(c.req, 'authorization');
  if (!auth) {
    json(c.res, 401, { error: 'unauthorized' }, { 'WWW-Authenticate': bare, ...extra });
    return undefined;
  }
  const m = /^Bearer (.*)$/i.exec(auth);
  if (!m) {
    json(
      c.res,
      401,
      { error: 'invalid_request' },
      {
        'WWW-Authenticate':
          `Bearer realm="${REALM}", error="invalid_request", ` + `error_description="Use the Bearer scheme"`,
        ...extra,
      },
    );
    return undefined;
  }
  const verdict = await verify(keys, (m[1] ?? '').trim(), c.now);
  if (!verdict.ok) {
    json(
      c.res,
      401,
      { error: 'invalid_token', error_description: verdict.description },
      { 'WWW-Authenticate': invalid(verdict.description), ...extra },
    );
    return undefined;
  }
  return verdict.claims;
}

export function bearerRoutes(keys: Keys): Route {
  const dpopNonces = new Set<string>();
  return async (c: Ctx) => {
    const { url, method } = c;
    const p = url.pathname;
    if (p === '/lab/token' && method === 'POST') {
      const kind = (url.searchParams.get('kind') ?? 'valid') as TokenKind;
      if (!TOKEN_KINDS.includes(kind)) return (json(c.res, 400, { error: 'unknown kind' }), true);
      json(c.res, 200, {
        access_token: await mint(keys, kind, c.now),
        token_type: kind === 'dpop' ? 'DPoP' : 'Bearer',
        expires_in: 3600,
      });
      return true;
    }
    if (p === '/oauth/token' && method === 'POST') {
      json(c.res, 200, {
        access_token: await mint(keys, 'valid', c.now),
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: 'lab-refresh-2',
      });
      return true;
    }
    if (p === '/.well-known/oauth-protected-resource') {
      json(c.res, 200, {
        resource: `${c.primary}/mcp`,
        authorization_servers: [`${c.primary}/oauth`],
        bearer_methods_supported: ['header'],
        scopes_supported: ['lab:read', 'lab:write'],
      });
      return true;
    }
    if (p === '/mcp') {
      const meta = `Bearer resource_metadata="${c.primary}/.well-known/oauth-protected-resource"`;
      if (!header(c.req, 'authorization'))
        return (json(c.res, 401, { error: 'unauthorized' }, { 'WWW-Authenticate': meta }), true);
      if (await guard(c, keys)) json(c.res, 200, { jsonrpc: '2.0', id: 1, result: { tools: [] } });
      return true;
    }
    if (p === '/moved/api/profile') {
      // a real cross-origin redirect: the browser must drop Authorization on this hop
      send(c.res, 307, '', { Location: `${c.secondary}/api/profile` });
      return true;
    }
    if (p.startsWith('/dpop/')) return dpop(c, keys, dpopNonces);
    if (!p.startsWith('/api/')) return false;
    const claims = await guard(c, keys);
    if (!claims) return true;
    if (p.startsWith('/api/admin/') && !scopesOf(claims).includes('lab:write')) {
      json(
        c.res,
        403,
        { error: 'insufficient_scope' },
        {
          'WWW-Authenticate':
            `Bearer realm="${REALM}", error="insufficient_scope", ` +
            `error_description="Deleting users needs lab:write", scope="lab:write"`,
        },
      );
      return true;
    }
    if (p === '/api/payments' && claims.acr !== 'urn:lab:mfa') {
      json(
        c.res,
        401,
        { error: 'insufficient_user_authentication' },
        {
          'WWW-Authenticate':
            `Bearer realm="${REALM}", error="insufficient_user_authentication", ` +
            `error_description="A multi-factor authentication is required", acr_values="urn:lab:mfa"`,
        },
      );
      return true;
    }
    json(c.res, 200, { ok: true, path: p, sub: claims.sub });
    return true;
  };
}

/** RFC 9449: verify the proof for real; a proof without the server's nonce earns use_dpop_nonce. */
async function dpop(c: Ctx, keys: Keys, nonces: Set<string>): Promise<boolean> {
  const auth = header(c.req, 'authorization') ?? '';
  const proof = header(c.req, 'dpop');
  const challenge = (error: string, d: string): string =>
    `DPoP algs="ES256", error="${error}", error_description="${d}"`;
  const fresh = randomBytes(12).toString('base64url');
  nonces.add(fresh);
  if (nonces.size > 200) nonces.delete(nonces.values().next().value as string);
  const expose = { 'DPoP-Nonce': fresh, 'Access-Control-Expose-Headers': 'DPoP-Nonce, WWW-Authenticate' };
  if (!/^DPoP /i.test(auth) || !proof)
    return (
      json(c.res, 401, { error: 'invalid_request' }, { 'WWW-Authenticate': 'DPoP algs="ES256"', ...expose }),
      true
    );
  let claims: Record<string, unknown>;
  try {
    const r = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256'] });
    claims = r.payload as Record<string, unknown>;
  } catch {
    return (
      json(
        c.res,
        401,
        { error: 'invalid_dpop_proof' },
        { 'WWW-Authenticate': challenge('invalid_dpop_proof', 'The DPoP proof does not verify'), ...expose },
      ),
      true
    );
  }
  const htu = `${c.url.origin}${c.url.pathname}`;
  if (claims.htm !== c.method || claims.htu !== htu) {
    return (
      json(
        c.res,
        401,
        { error: 'invalid_dpop_proof' },
        { 'WWW-Authenticate': challenge('invalid_dpop_proof', 'htm/htu do not match the request'), ...expose },
      ),
      true
    );
  }
  if (typeof claims.nonce !== 'string' || !nonces.has(claims.nonce)) {
    return (
      json(
        c.res,
        401,
        { error: 'use_dpop_nonce' },
        {
          'WWW-Authenticate': challenge('use_dpop_nonce', 'Authorization server requires nonce in DPoP proof'),
          ...expose,
        },
      ),
      true
    );
  }
  const verdict = await verify(keys, auth.slice(5).trim(), c.now);
  if (!verdict.ok)
    return (
      json(
        c.res,
        401,
        { error: 'invalid_token' },
        { 'WWW-Authenticate': `DPoP algs="ES256", error="invalid_token", error_description="${verdict.description}"` },
      ),
      true
    );
  json(c.res, 200, { ok: true });
  return true;
}
