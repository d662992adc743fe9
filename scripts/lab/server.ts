// The AuthLens lab: HTTP servers on 127.0.0.1, free ports unless given. The primary serves the
// lab page and most scenarios; the secondary is the cross-origin API; the OpenID Provider
// (addressed as localhost: another site) and the MCP server are the OAuth parts (oauth.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
import { oauthParts, type OAuthLabOptions } from './oauth.ts';
import { compareRoutes, widgetRoute } from './routes-compare.ts';

export interface LabOptions {
  /** primary port; 0 (default) picks a free one. The secondary takes any free port. */
  port?: number;
  /** how long a Digest nonce stays fresh (the stale-nonce scenario waits longer than this) */
  digestNonceLifetimeMs?: number;
  /** the server clock (tests pin it) */
  clock?: () => number;
  /** told about every answered request (the lab's own record of what it produced) */
  onRequest?: (e: Served) => void;
  /** the OpenID Provider's token lifetimes */
  oauth?: OAuthLabOptions;
}

export interface Served {
  origin: 'primary' | 'secondary' | 'idp' | 'mcp';
  method: string;
  path: string;
  status: number;
  /** the request carried an Authorization header */
  authorization: boolean;
  /** the request carried a Cookie header */
  cookie: boolean;
  /** the answer's Location, codes and tokens in it masked */
  location?: string;
  /** the request's Sec-Fetch-Dest and Sec-Fetch-Site (document, iframe, empty; same-origin, cross-site...) */
  dest?: string;
  site?: string;
}

export interface Lab {
  primary: string;
  secondary: string;
  /** the OpenID Provider's issuer, http://localhost:P */
  idp: string;
  /** the MCP server, http://127.0.0.1:P */
  mcp: string;
  close(): Promise<void>;
}
type LabOrigins = Omit<Lab, 'close'>;

const STATIC: Record<string, { file: string; type: string; extra?: Record<string, string> }> = {
  '/lab/client.js': { file: 'client.js', type: 'text/javascript; charset=utf-8' },
  // served from the root so the worker's scope covers the lab page
  '/sw.js': { file: 'sw.js', type: 'text/javascript; charset=utf-8', extra: { 'Service-Worker-Allowed': '/' } },
};

export async function startLab(opts: LabOptions = {}): Promise<Lab> {
  const keys = await makeKeys();
  const clock = opts.clock ?? Date.now;
  const origins: LabOrigins = { primary: '', secondary: '', idp: '', mcp: '' };
  const oauth = oauthParts(origins, opts.oauth);
  const primaryRoutes: Route[] = [
    staticRoutes(origins),
    bearerRoutes(keys),
    authRoutes({ digestNonceLifetimeMs: opts.digestNonceLifetimeMs ?? 1000 }),
    vendorRoutes(),
    oauth.app,
    compareRoutes(keys, origins),
  ];
  const primary = serve('primary', primaryRoutes, origins, clock, opts.onRequest);
  const secondary = serve('secondary', [secondaryRoutes(keys)], origins, clock, opts.onRequest);
  const idp = serve('idp', [widgetRoute, oauth.idp], origins, clock, opts.onRequest);
  const mcp = serve('mcp', [oauth.mcp], origins, clock, opts.onRequest);
  await listen(primary, opts.port ?? 0);
  await listen(secondary, 0);
  await listen(idp, 0);
  await listen(mcp, 0);
  origins.primary = `http://127.0.0.1:${(primary.address() as AddressInfo).port}`;
  origins.secondary = `http://127.0.0.1:${(secondary.address() as AddressInfo).port}`;
  // listening on 127.0.0.1, addressed as localhost: browsers and node resolve it to loopback
  origins.idp = `http://localhost:${(idp.address() as AddressInfo).port}`;
  origins.mcp = `http://127.0.0.1:${(mcp.address() as AddressInfo).port}`;
  await oauth.start();
  return {
    ...origins,
    close: async () => {
      await Promise.all(
        [primary, secondary, idp, mcp].map(
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

function staticRoutes(origins: LabOrigins): Route {
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
  origins: LabOrigins,
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
        ...servedExtras(req, res),
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

/** The Location (codes and tokens masked: the log may be printed) and the Fetch metadata headers. */
function servedExtras(req: IncomingMessage, res: ServerResponse): Pick<Served, 'location' | 'dest' | 'site'> {
  const out: Pick<Served, 'location' | 'dest' | 'site'> = {};
  const loc = res.getHeader('location');
  if (typeof loc === 'string')
    out.location = loc.replace(/([?&#](?:code|access_token|id_token|refresh_token)=)[^&#]*/g, '$1***');
  const dest = req.headers['sec-fetch-dest'];
  const site = req.headers['sec-fetch-site'];
  if (typeof dest === 'string') out.dest = dest;
  if (typeof site === 'string') out.site = site;
  return out;
}
