// The AuthLens lab: two HTTP servers on 127.0.0.1 (two origins), free ports unless given.
// The primary serves the lab page and most scenarios; the secondary is the cross-origin API.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, send, type Ctx, type Route } from './http.ts';
import { makeKeys } from './jwt.ts';
import { bearerRoutes } from './routes-bearer.ts';
import { authRoutes } from './routes-auth.ts';
import { vendorRoutes } from './routes-vendor.ts';
import { secondaryRoutes } from './routes-secondary.ts';
import { labPage } from './page.ts';
import { SCENARIOS } from './scenarios.ts';

export interface LabOptions {
  /** primary port; 0 (default) picks a free one. The secondary takes any free port. */
  port?: number;
  /** how long a Digest nonce stays fresh (the stale-nonce scenario waits longer than this) */
  digestNonceLifetimeMs?: number;
  /** the server clock (tests pin it) */
  clock?: () => number;
  /** told about every answered request (the lab's own record of what it produced) */
  onRequest?: (e: Served) => void;
}

export interface Served {
  origin: 'primary' | 'secondary';
  method: string;
  path: string;
  status: number;
  /** the request carried an Authorization header */
  authorization: boolean;
  /** the request carried a Cookie header */
  cookie: boolean;
}

export interface Lab {
  primary: string;
  secondary: string;
  close(): Promise<void>;
}

const STATIC: Record<string, { file: string; type: string; extra?: Record<string, string> }> = {
  '/lab/client.js': { file: 'client.js', type: 'text/javascript; charset=utf-8' },
  // served from the root so the worker's scope covers the lab page
  '/sw.js': { file: 'sw.js', type: 'text/javascript; charset=utf-8', extra: { 'Service-Worker-Allowed': '/' } },
};

export async function startLab(opts: LabOptions = {}): Promise<Lab> {
  const keys = await makeKeys();
  const clock = opts.clock ?? Date.now;
  const origins = { primary: '', secondary: '' };
  const primaryRoutes: Route[] = [
    staticRoutes(origins),
    bearerRoutes(keys),
    authRoutes({ digestNonceLifetimeMs: opts.digestNonceLifetimeMs ?? 1000 }),
    vendorRoutes(),
  ];
  const primary = serve('primary', primaryRoutes, origins, clock, opts.onRequest);
  const secondary = serve('secondary', [secondaryRoutes(keys)], origins, clock, opts.onRequest);
  await listen(primary, opts.port ?? 0);
  await listen(secondary, 0);
  origins.primary = `http://127.0.0.1:${(primary.address() as AddressInfo).port}`;
  origins.secondary = `http://127.0.0.1:${(secondary.address() as AddressInfo).port}`;
  return {
    ...origins,
    close: async () => {
      await Promise.all(
        [primary, secondary].map(
          (s) =>
            new Promise<void>((r) => {
              s.close(() => r());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}

function staticRoutes(origins: { primary: string; secondary: string }): Route {
  return (c) => {
    const p = c.url.pathname;
    if (p === '/' || p === '/index.html') {
      send(c.res, 200, labPage(SCENARIOS, origins), { 'Content-Type': 'text/html; charset=utf-8' });
      return true;
    }
    if (p === '/favicon.ico') return (send(c.res, 204, ''), true);
    if (p.startsWith('/ok/')) return (json(c.res, 200, { ok: true, path: p }), true);
    const s = STATIC[p];
    if (!s) return false;
    send(c.res, 200, readFileSync(join(import.meta.dirname, s.file), 'utf8'), { 'Content-Type': s.type, ...s.extra });
    return true;
  };
}

function serve(
  which: Served['origin'],
  routes: Route[],
  origins: { primary: string; secondary: string },
  clock: () => number,
  onRequest?: (e: Served) => void,
): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const c: Ctx = { req, res, url, method: req.method ?? 'GET', now: clock(), ...origins };
    res.on('finish', () =>
      onRequest?.({
        origin: which,
        method: c.method,
        path: url.pathname,
        status: res.statusCode,
        authorization: req.headers.authorization !== undefined,
        cookie: req.headers.cookie !== undefined,
      }),
    );
    void (async () => {
      for (const r of routes) if (await r(c)) return;
      send(res, 404, 'Not found');
    })().catch((e: unknown) => send(res, 500, String(e)));
  });
}

function listen(s: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => {
      s.off('error', reject);
      resolve();
    });
  });
}
