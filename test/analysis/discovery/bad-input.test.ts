// Bad input never throws or hangs: fetchers that throw or answer nonsense, documents of every
// wrong shape, and random answers with a request budget that always holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discover, type DocFetch, type DocResponse } from '../../../src/analysis/index.ts';
import { cannedFetch, type CannedResponse } from './fixtures.ts';

const R = 'https://mcp.example.com/mcp';
const PRM = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
const target = (www = `Bearer resource_metadata="${PRM}"`) => ({
  url: R,
  status: 401,
  responseHeaders: [{ name: 'WWW-Authenticate', value: www }],
});
const json = (body: unknown): CannedResponse => ({
  status: 200,
  headers: [{ name: 'Content-Type', value: 'application/json' }],
  json: body,
});
const ids = (r: { findings: { id: string }[] }) => r.findings.map((f) => f.id);

describe('discover with bad input', () => {
  it('turns a fetcher that throws or answers nonsense into a failed fetch', async () => {
    const throwing: DocFetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const nonsense = (async () => null) as unknown as DocFetch;
    for (const fetch of [throwing, nonsense]) {
      const r = await discover(target(), { fetch });
      expect(ids(r)[0]).toBe('discovery-fetch-failed');
    }
  });

  it('reports a URL that is not http(s) without fetching', async () => {
    const asked: string[] = [];
    const r = await discover('file:///etc/passwd', { fetch: cannedFetch({}, asked) });
    expect(ids(r)).toEqual(['discovery-fetch-failed']);
    expect(asked).toEqual([]);
  });

  it('refuses a redirect whose target the runtime hides', async () => {
    const fetch: DocFetch = async () => ({ status: 302, headers: [], body: '', bytes: 0, hiddenRedirect: true });
    const r = await discover(target(), { fetch });
    expect(ids(r)[0]).toBe('discovery-redirect-refused');
    expect(JSON.stringify(r)).toContain('hidden');
  });

  it('reads only JSON objects', async () => {
    for (const body of ['[1,2]', 'null', '"text"', '{"a":', '']) {
      const r = await discover(target(), { fetch: cannedFetch({ [PRM]: { status: 200, body } }) });
      expect(ids(r)[0], body).toBe('discovery-metadata-not-json');
    }
  });

  it('judges authorization_servers of every wrong shape', async () => {
    const run = (servers: unknown) =>
      discover(target(), {
        fetch: cannedFetch({ [PRM]: json({ resource: R, authorization_servers: servers }) }),
      }).then(ids);
    expect((await run('https://auth.example.com'))[0]).toBe('discovery-no-authorization-servers');
    expect((await run([]))[0]).toBe('discovery-no-authorization-servers');
    expect((await run({ 0: 'x' }))[0]).toBe('discovery-no-authorization-servers');
    const mixed = await run([42, 'ftp://auth.example.com', '', 'https://auth.example.com']);
    expect(mixed.filter((id) => id === 'discovery-authorization-server-not-url')).toHaveLength(3);
    expect(mixed).toContain('discovery-authorization-server-unreachable');
  });

  it('checks at most three authorization servers and says which it left out', async () => {
    const servers = Array.from({ length: 50 }, (_, i) => `https://as${i}.example.com`);
    const asked: string[] = [];
    const r = await discover(target(), {
      fetch: cannedFetch({ [PRM]: json({ resource: R, authorization_servers: servers }) }, asked),
    });
    expect(new Set(asked.map((u) => new URL(u).host)).size).toBe(4);
    expect(ids(r)).toContain('discovery-fetch-limit');
  });

  it('keeps a __proto__ member as data', async () => {
    const body = `{"resource":"${R}","authorization_servers":["https://auth.example.com"],"__proto__":{"issuer":"x"}}`;
    const r = await discover(target(), { fetch: cannedFetch({ [PRM]: { status: 200, body } }) });
    expect(ids(r)).toContain('discovery-authorization-server-unreachable');
    expect(({} as Record<string, unknown>).issuer).toBeUndefined();
  });

  it('asks the URL first when only a URL is given, and sends the page origin where told', async () => {
    const seen: [string, string | undefined][] = [];
    const inner = cannedFetch({
      [R]: {
        status: 401,
        headers: [{ name: 'WWW-Authenticate', value: `Bearer resource_metadata="${PRM}"` }],
      },
    });
    const fetch: DocFetch = (url, init) => (seen.push([url, init.origin]), inner(url, init));
    await discover(R, { fetch, origin: 'https://app.example.com' });
    expect(seen[0]).toEqual([R, undefined]);
    expect(seen[1]).toEqual([PRM, 'https://app.example.com']);
  });

  it('never throws, never asks a URL twice, and stays within its request budget', async () => {
    const answer = fc.oneof(
      fc.record({
        status: fc.constantFrom(0, 200, 204, 301, 302, 307, 308, 401, 404, 500),
        headers: fc.array(
          fc.record({
            name: fc.constantFrom('Location', 'Content-Type', 'Access-Control-Allow-Origin'),
            value: fc.string(),
          }),
          { maxLength: 3 },
        ),
        body: fc.oneof(
          fc.string(),
          fc.json(),
          fc.constant(`{"resource":"${R}","authorization_servers":["https://auth.example.com/a"]}`),
          fc.constant('{"issuer":"https://auth.example.com/a","code_challenge_methods_supported":["S256"]}'),
        ),
        bytes: fc.nat(),
        truncated: fc.boolean(),
        hiddenRedirect: fc.boolean(),
      }),
      fc.constant(undefined),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 20 }), fc.string(), async (answers, www) => {
        const asked: string[] = [];
        let n = 0;
        const fetch: DocFetch = async (url) => {
          asked.push(url);
          const a = answers[n++ % answers.length];
          if (!a) throw new Error('boom');
          return a as DocResponse;
        };
        const r = await discover(target(`Bearer resource_metadata="${PRM}", ${www}`), { fetch, maxFetches: 8 });
        expect(asked.length).toBeLessThanOrEqual(8);
        expect(new Set(asked).size).toBe(asked.length);
        expect(r.findings.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
