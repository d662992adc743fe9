// Evidence lines shared by several families: a token's identity and times, masked.
import type { FoundToken, Inspection } from '../inspect.ts';
import { consumer, ev, type Evidence, type Fix } from '../finding.ts';
import type { Statement } from '../vendors/statements.ts';
import type { Signature } from '../vendors/signatures.ts';
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

/** The codes a response states, for evidence: words and vendor numbers, not bare HTTP statuses. */
export function statedCodes(c: Inspection): string[] {
  const out: string[] = [];
  for (const code of c.body.codes) {
    if ((/[A-Za-z]/.test(code) || /^\d{4,}$/.test(code)) && !out.includes(code)) out.push(code);
    if (out.length >= 4) break;
  }
  return out;
}

/** What the server said (quoted, masked), and the codes it stated; or what a body would settle. */
export function statedEvidence(c: Inspection, s: Statement | undefined, settles?: string): Evidence[] {
  const out: Evidence[] = [];
  if (s?.quote) out.push(ev(s.source === 'response body' ? 'Server says' : `Server says (${s.source})`, s.quote));
  const codes = statedCodes(c);
  if (codes.length) out.push(ev('Error code', codes.join(', ')));
  if (s?.row) out.push(ev('Vendor', s.row.vendor));
  if (!out.length && settles && c.ex.responseBody === undefined)
    out.push(ev('Response body', `not captured (open DevTools before the request, or import a HAR): ${settles}`));
  return out;
}

/** A vendor row's own fix first, then the finding's usual ones. */
export function vendorFixes(row: Signature, usual: readonly Fix[]): Fix[] {
  return [consumer(row.fix), ...usual];
}
