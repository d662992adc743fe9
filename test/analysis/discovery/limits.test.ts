// Which redirects a discovery run follows, and where it looks for metadata.
import { describe, expect, it } from 'vitest';
import { judgeRedirect } from '../../../src/analysis/discovery/limits.ts';
import {
  authorizationServerMetadataUrls,
  httpUrl,
  isUnder,
  resourceMetadataUrls,
  sameButSlash,
} from '../../../src/analysis/discovery/urls.ts';

describe('judgeRedirect', () => {
  const from = 'https://api.example.com/.well-known/oauth-protected-resource/mcp';
  it('follows a redirect within the origin, relative or absolute', () => {
    expect(judgeRedirect(from, '/meta.json', [from])).toEqual({
      follow: true,
      to: 'https://api.example.com/meta.json',
    });
    expect(judgeRedirect(from, 'https://api.example.com/x#frag', [from])).toEqual({
      follow: true,
      to: 'https://api.example.com/x',
    });
  });
  it('follows http to https on the same host with default ports, not the reverse', () => {
    expect(judgeRedirect('http://a.example/x', 'https://a.example/x', ['http://a.example/x']).follow).toBe(true);
    expect(judgeRedirect('https://a.example/x', 'http://a.example/x', ['https://a.example/x'])).toMatchObject({
      follow: false,
      why: 'cross-origin',
    });
  });
  it('refuses another host, port or scheme', () => {
    for (const to of ['https://evil.example/x', 'https://api.example.com:8443/x', 'ftp://api.example.com/x'])
      expect(judgeRedirect(from, to, [from]).follow, to).toBe(false);
  });
  it('stops at a URL already requested, and after the fifth redirect', () => {
    expect(judgeRedirect(from, from, [from])).toMatchObject({ follow: false, why: 'loop' });
    const chain = [from, ...[1, 2, 3, 4, 5].map((n) => `https://api.example.com/${n}`)];
    expect(judgeRedirect(chain[5]!, '/6', chain)).toMatchObject({ follow: false, why: 'limit' });
    expect(judgeRedirect(chain[4]!, '/6', chain.slice(0, 5)).follow).toBe(true);
  });
  it('says so when there is no usable Location', () => {
    expect(judgeRedirect(from, undefined, [from])).toEqual({ follow: false, why: 'no-location' });
    expect(judgeRedirect(from, '   ', [from])).toEqual({ follow: false, why: 'no-location' });
    expect(judgeRedirect(from, 'http://[::1', [from])).toMatchObject({ follow: false, why: 'bad-location' });
  });
});

describe('metadata URLs', () => {
  it('inserts the RFC 9728 well-known segment before the path, then tries the root', () => {
    expect(resourceMetadataUrls('https://api.example.com/public/mcp/')).toEqual([
      'https://api.example.com/.well-known/oauth-protected-resource/public/mcp',
      'https://api.example.com/.well-known/oauth-protected-resource',
    ]);
    expect(resourceMetadataUrls('https://api.example.com')).toEqual([
      'https://api.example.com/.well-known/oauth-protected-resource',
    ]);
    expect(resourceMetadataUrls('https://api.example.com/mcp?tenant=1')[0]).toBe(
      'https://api.example.com/.well-known/oauth-protected-resource/mcp?tenant=1',
    );
  });
  it('tries RFC 8414 then OpenID discovery, path-inserted and appended, as MCP clients do', () => {
    expect(authorizationServerMetadataUrls(new URL('https://auth.example.com')).map((c) => c.url)).toEqual([
      'https://auth.example.com/.well-known/oauth-authorization-server',
      'https://auth.example.com/.well-known/openid-configuration',
    ]);
    expect(authorizationServerMetadataUrls(new URL('https://auth.example.com/tenant1/')).map((c) => c.url)).toEqual([
      'https://auth.example.com/.well-known/oauth-authorization-server/tenant1',
      'https://auth.example.com/.well-known/openid-configuration/tenant1',
      'https://auth.example.com/tenant1/.well-known/openid-configuration',
    ]);
  });
  it('judges URLs and identifiers', () => {
    expect(httpUrl('auth.example.com')).toMatchObject({ ok: false, why: 'not an absolute URL' });
    expect(httpUrl('javascript:alert(1)')).toMatchObject({ ok: false, why: 'a javascript: URL' });
    expect(httpUrl(42)).toMatchObject({ ok: false, why: 'number, not a string' });
    expect(httpUrl(null)).toMatchObject({ ok: false, why: 'null, not a string' });
    expect(sameButSlash('https://a.example/', 'https://a.example')).toBe(true);
    expect(sameButSlash('https://a.example', 'https://a.example')).toBe(false);
    expect(isUnder('https://a.example/mcp/x', 'https://a.example/mcp')).toBe(true);
    expect(isUnder('https://a.example/mcp2', 'https://a.example/mcp')).toBe(false);
  });
});

describe('metadata URLs and secrets', () => {
  it('leaves a credential in the query out of the well-known URL', () => {
    expect(resourceMetadataUrls('https://api.example.com/mcp?tenant=1&access_token=abc&api_key=k')[0]).toBe(
      'https://api.example.com/.well-known/oauth-protected-resource/mcp?tenant=1',
    );
  });
});
