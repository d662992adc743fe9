// Evidence lines shared by several families: a token's identity and times, masked.
import type { FoundToken, Inspection } from '../inspect.ts';
import { ev, type Evidence } from '../finding.ts';
import { maskSecret } from '../mask.ts';
import { formatDuration, formatUtc } from '../time.ts';
import { claim, timeClaim } from '../credentials/jwt-token.ts';
import { describeFormat } from '../credentials/token-formats.ts';

export function tokenEvidence(t: FoundToken | undefined): Evidence[] {
  if (!t) return [];
  const out = [ev(t.where, maskSecret(t.value))];
  if (t.format) out.push(ev('Token type', describeFormat(t.format)));
  if (t.jwt?.kind === 'jws') {
    const { header: h, payload: p } = t.jwt;
    for (const [label, v] of [
      ['Issuer (iss)', claim(p, 'iss')],
      ['Audience (aud)', claim(p, 'aud')],
      ['Key id (kid)', claim(h, 'kid')],
      ['Authorized party (azp)', claim(p, 'azp') ?? claim(p, 'client_id')],
      ['Algorithm (alg)', claim(h, 'alg')],
    ] as const) {
      if (v) out.push(ev(label, v));
    }
  }
  return out;
}

/** "2026-11-22 18:18:05 UTC (14 min before the request)" */
export function when(ms: number, c: Inspection): string {
  if (c.refTime === undefined) return formatUtc(ms);
  const d = ms - c.refTime;
  return `${formatUtc(ms)} (${formatDuration(d)} ${d <= 0 ? 'before' : 'after'} the request)`;
}

export function expiryEvidence(t: FoundToken | undefined, c: Inspection): Evidence[] {
  if (t?.jwt?.kind !== 'jws') return [];
  const out: Evidence[] = [];
  for (const name of ['exp', 'nbf', 'iat']) {
    const ms = timeClaim(t.jwt.payload, name);
    if (ms !== undefined) out.push(ev(name, when(ms, c)));
  }
  if (c.refTime !== undefined) out.push(ev('Request time', `${formatUtc(c.refTime)}, by ${c.refBy}`));
  return out;
}

export function challengeEvidence(c: Inspection): Evidence[] {
  const v = c.res('www-authenticate');
  return v ? [ev('WWW-Authenticate', v.length > 400 ? `${v.slice(0, 400)}…` : v)] : [];
}
