// Whether the lab's own log (startLab's onRequest) shows a scenario's wire facts, in order.
// Pure: the log and the facts in, what is missing out.
import { pathMatches } from './match.ts';
import type { WireFact } from './scenarios-oauth.ts';
import type { Served } from './server.ts';

export function factMatches(e: Served, f: WireFact): boolean {
  if (e.origin !== f.origin || e.method !== f.method || e.status !== f.status || !pathMatches(e.path, f)) return false;
  if (f.dest !== undefined && e.dest !== f.dest) return false;
  if (f.cookie !== undefined && e.cookie !== f.cookie) return false;
  if (f.error !== undefined) {
    if (!e.location) return false;
    const u = new URL(e.location, 'http://lab.invalid');
    const error = u.searchParams.get('error') ?? new URLSearchParams(u.hash.slice(1)).get('error');
    if (error !== f.error) return false;
  }
  return true;
}

export const describeFact = (f: WireFact): string =>
  `${f.origin} ${f.method} ${f.path}${f.pathMatch === 'prefix' ? '…' : ''} → ${f.status}` +
  (f.error ? ` (error=${f.error})` : '') +
  (f.dest ? ` [${f.dest}]` : '') +
  (f.cookie === undefined ? '' : f.cookie ? ' with cookies' : ' without cookies');

/** The facts not found in the log in order (each after the previous one's match); [] when all are. */
export function missingFacts(log: readonly Served[], facts: readonly WireFact[]): string[] {
  let i = 0;
  const missing: string[] = [];
  for (const f of facts) {
    const at = log.findIndex((e, k) => k >= i && factMatches(e, f));
    if (at < 0) missing.push(describeFact(f));
    else i = at + 1;
  }
  return missing;
}
