// The capped GET against a local server: what goes out (no credentials, Origin only where asked),
// redirects returned unfollowed, the body cap (streamed and by Content-Length), the timeout and a
// closed port, each an answer rather than a throw.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocFetch } from '../../src/discovery-fetch/doc-fetch.ts';

let server: Server;
let base = '';
let seen: IncomingHttpHeaders | undefined;
let streamed = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen = req.headers;
    if (req.url === '/doc') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"a":1}');
    if (req.url === '/redirect') return void res.writeHead(302, { Location: '/doc' }).end();
    if (req.url === '/declared-huge')
      return void res.writeHead(200, { 'Content-Length': String(10 * 1024 * 1024) }).end('x'.repeat(1024));
    if (req.url === '/stream-huge') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const push = (): void => {
        while (streamed < 10 * 1024 * 1024) {
          streamed += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', push);
        }
        res.end();
      };
      res.on('close', () => res.destroy());
      return push();
    }
    if (req.url === '/hang') return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('createDocFetch', () => {
  it('GETs without credentials and reads the document', async () => {
    const r = await createDocFetch()(`${base}/doc`, {});
    expect(r).toMatchObject({ status: 200, body: '{"a":1}', bytes: 7 });
    expect(seen?.authorization).toBeUndefined();
    expect(seen?.cookie).toBeUndefined();
    expect(seen?.origin).toBeUndefined();
  });

  it('sends the page origin only when told it may', async () => {
    await createDocFetch()(`${base}/doc`, { origin: 'https://app.example.com' });
    expect(seen?.origin).toBeUndefined();
    const r = await createDocFetch({ sendOrigin: true })(`${base}/doc`, { origin: 'https://app.example.com' });
    expect(seen?.origin).toBe('https://app.example.com');
    expect(r.originSent).toBe('https://app.example.com');
  });

  it('answers a redirect with its Location, unfollowed', async () => {
    const r = await createDocFetch()(`${base}/redirect`, {});
    expect(r.status).toBe(302);
    expect(r.headers.find((h) => h.name === 'location')?.value).toBe('/doc');
  });

  it('asks the redirect peek where the runtime hides the target', async () => {
    const opaque = (async () => ({ type: 'opaqueredirect', status: 0 })) as unknown as typeof fetch;
    const hidden = await createDocFetch({ fetch: opaque })(`${base}/x`, {});
    expect(hidden.hiddenRedirect).toBe(true);
    const peeked = await createDocFetch({ fetch: opaque, peekRedirect: async () => ({ status: 307, location: '/y' }) })(
      `${base}/x`,
      {},
    );
    expect(peeked).toMatchObject({ status: 307, headers: [{ name: 'Location', value: '/y' }] });
  });

  it('stops reading at the cap, by Content-Length or while streaming', async () => {
    const declared = await createDocFetch()(`${base}/declared-huge`, {});
    expect(declared).toMatchObject({ status: 200, truncated: true, bytes: 0 });
    const r = await createDocFetch({ maxBytes: 100_000 })(`${base}/stream-huge`, {});
    expect(r).toMatchObject({ status: 200, truncated: true, bytes: 100_000 });
    expect(r.body.length).toBe(100_000);
  });

  it('gives up on a silent server and a closed port with an error, never a throw', async () => {
    const slow = await createDocFetch({ timeoutMs: 300 })(`${base}/hang`, {});
    expect(slow.error?.kind).toBe('timeout');
    const closed = await createDocFetch()('http://127.0.0.1:1/', {});
    expect(closed.error?.kind).toBe('network');
    expect(closed.status).toBe(0);
  });

  it('refuses what is not an http(s) URL', async () => {
    for (const url of ['file:///etc/passwd', 'not a url', 'javascript:alert(1)'])
      expect((await createDocFetch()(url, {})).error?.kind, url).toBe('refused');
  });
});
