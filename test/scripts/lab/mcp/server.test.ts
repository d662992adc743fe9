// The lab's MCP server over real HTTP: every variant answers an unauthenticated MCP request as
// the SDK does (401, `resource_metadata`), the right one accepts a real token from the lab's
// provider, and each misconfiguration is on the wire as scripts/lab/mcp/variants.ts says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../../../scripts/lab/server.ts';
import { CLIENTS, MCP_SCOPE, SECRETS } from '../../../../scripts/lab/oidc/clients.ts';
import {
  HUGE_DOCUMENT_BYTES,
  MCP_VARIANTS,
  authorizationServerMetadataPath,
  facadeIssuerPath,
  resourceMetadataPath,
  variantById,
} from '../../../../scripts/lab/mcp/variants.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(() => lab?.close());

const ORIGIN = 'http://127.0.0.1:1'; // a web page calling cross-origin
const rpc = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
const call = (path: string, headers: Record<string, string> = {}) =>
  fetch(lab.mcp + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      Origin: ORIGIN,
      ...headers,
    },
    body: JSON.stringify(rpc),
  });
const metadata = (id: string, init: RequestInit = {}) =>
  fetch(lab.mcp + resourceMetadataPath(variantById(id)!.path), {
    redirect: 'manual',
    headers: { Origin: ORIGIN },
    ...init,
  });
const asMetadata = (id: string) => fetch(lab.mcp + authorizationServerMetadataPath(facadeIssuerPath(id)));

/** A token from the lab's provider for one MCP resource (client_credentials, RFC 8707 resource). */
async function tokenFor(path: string): Promise<string> {
  const r = await fetch(`${lab.idp}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${btoa(`${CLIENTS.agent}:${SECRETS.agent}`)}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: MCP_SCOPE, resource: lab.mcp + path }),
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { access_token: string }).access_token;
}

describe('the variants list', () => {
  it('has unique ids and paths, one right variant, and discovery- findings for the others', () => {
    expect(new Set(MCP_VARIANTS.map((v) => v.id)).size).toBe(MCP_VARIANTS.length);
    expect(new Set(MCP_VARIANTS.map((v) => v.path)).size).toBe(MCP_VARIANTS.length);
    expect(MCP_VARIANTS.filter((v) => !v.finding).map((v) => v.id)).toEqual(['ok']);
    for (const v of MCP_VARIANTS.filter((x) => x.finding)) {
      expect(v.finding).toMatch(/^discovery-[a-z0-9-]+$/);
      expect(v.wrong).not.toBe('');
    }
  });
});

describe('the lab MCP server', () => {
  for (const v of MCP_VARIANTS) {
    it(`${v.id}: an unauthenticated MCP request gets 401 Bearer with resource_metadata`, async () => {
      const r = await call(v.path);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(
        new RegExp(`^Bearer error="invalid_token", .*resource_metadata="${lab.mcp}${resourceMetadataPath(v.path)}"$`),
      );
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
    });
  }

  it('ok: metadata, the provider behind it, and a real token that lists the tools', async () => {
    const m = await metadata('ok');
    expect(m.headers.get('access-control-allow-origin')).toBe('*');
    const prm = (await m.json()) as Record<string, unknown>;
    expect(prm).toMatchObject({
      resource: `${lab.mcp}/mcp`,
      authorization_servers: [lab.idp],
      scopes_supported: [MCP_SCOPE],
    });
    const as = (await (await fetch(`${lab.idp}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(as).toMatchObject({ issuer: lab.idp, code_challenge_methods_supported: ['S256'] });
    expect(as.registration_endpoint).toBeTruthy();
    const ok = await call('/mcp', { authorization: `Bearer ${await tokenFor('/mcp')}` });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { result: { tools: { name: string }[] } };
    expect(body.result.tools.map((t) => t.name)).toEqual(['whoami']);
    // a token for another resource is not accepted here (RFC 8707 audience)
    const other = await call('/mcp', { authorization: `Bearer ${await tokenFor('/no-s256/mcp')}` });
    expect(other.status).toBe(401);
    expect(other.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('ok: the WWW-Authenticate challenge is exposed to cross-origin scripts', async () => {
    expect((await call('/mcp')).headers.get('access-control-expose-headers')).toMatch(/WWW-Authenticate/i);
  });

  it('ok: dynamic client registration is open (RFC 7591), as MCP clients expect', async () => {
    const r = await fetch(`${lab.idp}/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['http://127.0.0.1:9/cb'], token_endpoint_auth_method: 'none' }),
    });
    expect(r.status).toBe(201);
    expect(((await r.json()) as { client_id: string }).client_id).toBeTruthy();
  });

  it('resource-mismatch: the metadata names another resource', async () => {
    const prm = (await (await metadata('resource-mismatch')).json()) as { resource: string };
    expect(prm.resource).not.toBe(`${lab.mcp}/resource-mismatch/mcp`);
  });

  it('no-authorization-servers: the metadata has none', async () => {
    const prm = (await (await metadata('no-authorization-servers')).json()) as Record<string, unknown>;
    expect(prm.resource).toBe(`${lab.mcp}/no-authorization-servers/mcp`);
    expect(prm).not.toHaveProperty('authorization_servers');
  });

  it('issuer-mismatch: the authorization server found at the facade says another issuer', async () => {
    const prm = (await (await metadata('issuer-mismatch')).json()) as { authorization_servers: string[] };
    const facade = `${lab.mcp}${facadeIssuerPath('issuer-mismatch')}`;
    expect(prm.authorization_servers).toEqual([facade]);
    const as = (await (await asMetadata('issuer-mismatch')).json()) as { issuer: string };
    expect(as.issuer).toBe(lab.idp);
    expect(as.issuer).not.toBe(facade);
  });

  it('no-s256: the authorization server offers only plain', async () => {
    const prm = (await (await metadata('no-s256')).json()) as { authorization_servers: string[] };
    expect(prm.authorization_servers).toEqual([`${lab.mcp}${facadeIssuerPath('no-s256')}`]);
    const as = (await (await asMetadata('no-s256')).json()) as Record<string, unknown>;
    expect(as.issuer).toBe(prm.authorization_servers[0]);
    expect(as.code_challenge_methods_supported).toEqual(['plain']);
  });

  it('no-registration: the authorization server has no way to get a client_id', async () => {
    const prm = (await (await metadata('no-registration')).json()) as { authorization_servers: string[] };
    const as = (await (await asMetadata('no-registration')).json()) as Record<string, unknown>;
    expect(as.issuer).toBe(prm.authorization_servers[0]);
    expect(as).not.toHaveProperty('registration_endpoint');
    expect(as).not.toHaveProperty('client_id_metadata_document_supported');
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('scope-not-supported: the challenge asks for a scope the metadata does not list', async () => {
    const challenge = (await call('/scope-not-supported/mcp')).headers.get('www-authenticate')!;
    expect(challenge).toMatch(/scope="mcp:admin"/);
    const prm = (await (await metadata('scope-not-supported')).json()) as { scopes_supported: string[] };
    expect(prm.scopes_supported).toEqual([MCP_SCOPE]);
    expect(prm.scopes_supported).not.toContain('mcp:admin');
  });

  it('metadata-no-cors: the metadata has no CORS headers (the endpoint has)', async () => {
    const m = await metadata('metadata-no-cors');
    expect(m.status).toBe(200);
    expect(m.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await m.json()) as { resource: string }).resource).toBe(`${lab.mcp}/metadata-no-cors/mcp`);
  });

  it('challenge-not-exposed: CORS on the endpoint exposes Mcp-Session-Id only', async () => {
    const r = await call('/challenge-not-exposed/mcp');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-expose-headers')).toBe('Mcp-Session-Id');
  });

  it('metadata-not-json: the metadata URL answers HTML', async () => {
    const m = await metadata('metadata-not-json');
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toMatch(/^text\/html/);
    await expect(m.clone().json()).rejects.toThrow();
  });

  it('metadata-too-large: 10 MB of valid JSON', async () => {
    const m = await metadata('metadata-too-large');
    expect(m.status).toBe(200);
    expect(Number(m.headers.get('content-length'))).toBe(HUGE_DOCUMENT_BYTES);
    const text = await m.text();
    expect(text.length).toBe(HUGE_DOCUMENT_BYTES);
    expect((JSON.parse(text) as { resource: string }).resource).toBe(`${lab.mcp}/metadata-too-large/mcp`);
  });

  it('metadata-redirect-loop: two documents redirect to each other', async () => {
    const a = await metadata('metadata-redirect-loop');
    expect(a.status).toBe(302);
    const b = await fetch(new URL(a.headers.get('location')!, lab.mcp), { redirect: 'manual' });
    expect(b.status).toBe(302);
    expect(new URL(b.headers.get('location')!, lab.mcp).pathname).toBe(
      resourceMetadataPath('/metadata-redirect-loop/mcp'),
    );
    await expect(fetch(lab.mcp + resourceMetadataPath('/metadata-redirect-loop/mcp'))).rejects.toThrow();
  });
});
