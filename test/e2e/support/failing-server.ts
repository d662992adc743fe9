// A loopback server for the worker-stop suites: `/` is an empty page, `/fail?id=X` answers 401
// with a Bearer challenge, `/ok` answers 200.
import { createServer, type Server } from 'node:http';

export interface FailingServer {
  base: string;
  close(): Promise<void>;
}

export async function failingServer(): Promise<FailingServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/fail') {
      res.writeHead(401, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        'WWW-Authenticate': 'Bearer realm="stop", error="invalid_token"',
      });
      res.end('{"error":"invalid_token"}');
    } else if (path === '/ok') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end('{"ok":true}');
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
      res.end('<!doctype html><title>stop</title><p>worker stop test</p>');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The ids of the page's failures, in the order sent: `stop-<run>-<i>`. */
export const failId = (run: string, i: number): string => `stop-${run}-${i}`;
