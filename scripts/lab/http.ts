// Small helpers the lab's route files share: replies, bodies, cookies.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Headers = Record<string, string | string[]>;

export function send(res: ServerResponse, status: number, body: string, headers: Headers = {}, reason?: string): void {
  if (res.headersSent) return;
  const h: Headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers };
  if (reason !== undefined) res.writeHead(status, reason, h);
  else res.writeHead(status, h);
  res.end(body);
}

export function json(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Headers = {},
  reason?: string,
): void {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json', ...headers }, reason);
}

export async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    const b = c as Buffer;
    size += b.length;
    if (size > limit) break;
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function form(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** The context every route gets. */
export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  now: number;
  primary: string;
  secondary: string;
}

/** A route answers (true) or passes (false). */
export type Route = (c: Ctx) => Promise<boolean> | boolean;
