// Is this exchange an auth failure, whatever its status? The status set and challenges say so
// cheaply (src/http/failure.ts); past them, the engine judges by what the response says: a token
// endpoint's 400, a CSRF rejection on another 4xx, a lockout, a redirect to a login page ending in
// 200 HTML, a 200 with {"ok":false,"error":"invalid_auth"}. HAR import and the DevTools page use it
// to list what the worker's cheap capture set does not see.
import type { DiagnoseContext, Exchange } from './types.ts';
import { diagnose } from './diagnose.ts';
import { isAuthFailure } from '../http/failure.ts';

/** Findings that accompany a response without making it a failure. */
const INCIDENTAL = new Set(['token-in-query', 'insecure-transport', 'token-encrypted', 'malformed-challenge']);

export function isAuthFailureExchange(exchange: Exchange, context?: DiagnoseContext): boolean {
  if (!exchange || typeof exchange !== 'object') return false;
  if (isAuthFailure(exchange.status, exchange.responseHeaders)) return true;
  const d = diagnose(exchange, context);
  return d.findings.some((f) => (f.severity === 'error' || f.severity === 'warning') && !INCIDENTAL.has(f.id));
}
