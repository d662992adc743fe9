// Which captured record a scenario is about, and whether AuthLens diagnosed it as expected.
// Pure: records and expectations in, answers out.
import type { CaptureRecord } from '../../src/shared/types.ts';
import type { ExpectedCapture, Scenario } from './scenarios.ts';
import type { Served } from './server.ts';

export interface Origins {
  primary: string;
  secondary: string;
  idp?: string;
  mcp?: string;
}

/** A URL path against an expected capture's path (exact, or a prefix when it says so). */
export function pathMatches(path: string, want: Pick<ExpectedCapture, 'path' | 'pathMatch'>): boolean {
  return want.pathMatch === 'prefix' ? path.startsWith(want.path) : path === want.path;
}

/** Whether a request the lab answered (its onRequest log) is the expected one. */
export function servedMatches(
  e: { origin: string; method: string; path: string; status: number },
  want: ExpectedCapture,
): boolean {
  return e.origin === want.origin && e.method === want.method && pathMatches(e.path, want) && e.status === want.status;
}

export function matchesCapture(r: CaptureRecord, want: ExpectedCapture, origins: Origins): boolean {
  let u: URL;
  try {
    u = new URL(r.url);
  } catch {
    return false;
  }
  return (
    u.origin === origins[want.origin] &&
    pathMatches(u.pathname, want) &&
    r.method.toUpperCase() === want.method.toUpperCase() &&
    r.status === want.status &&
    (want.preflight === undefined || r.preflight === want.preflight)
  );
}

/** The lab answered the expected request (its own log of what it served). */
export function produced(served: readonly Served[], want: ExpectedCapture): boolean {
  return served.some((e) => servedMatches(e, want));
}

/** The records for the expected capture, oldest first. */
export function capturesFor(
  records: readonly CaptureRecord[],
  want: ExpectedCapture,
  origins: Origins,
): CaptureRecord[] {
  return records.filter((r) => matchesCapture(r, want, origins)).sort((a, b) => a.time - b.time);
}

export interface Outcome {
  id: string;
  /** the lab answered the expected request (its own log) */
  produced: boolean;
  /** how many records matched the expected capture */
  captured: number;
  /** the top finding AuthLens showed for the newest matching record */
  finding?: string;
  /** every finding id the panel row listed (its data-findings), when the caller read them */
  findings?: string[];
  /** where `finding` was read: the panel row's data-finding; `record`: captured, but no panel row appeared */
  findingFrom: 'panel' | 'record' | 'none';
  /** the scenario's own status on the lab page */
  state: string;
  /** what the lab page printed */
  log: string;
}

export interface Verdict {
  ok: boolean;
  why: string[];
}

export function judge(s: Scenario, o: Outcome): Verdict {
  const why: string[] = [];
  const want = s.expect.capture.count ?? 1;
  if (!o.produced)
    why.push(
      `the lab never answered ${s.expect.capture.method} ${s.expect.capture.path} with ${s.expect.capture.status}`,
    );
  if (o.state !== 'done') why.push(`the lab page reported "${o.state}"`);
  if (o.captured === 0) why.push('not captured');
  else if (o.captured !== want) why.push(`captured ${o.captured} times, expected ${want}`);
  if (o.captured > 0 && o.finding !== s.expect.topFinding)
    why.push(`top finding ${o.finding ?? '(none)'}, expected ${s.expect.topFinding}`);
  const also = s.expect.alsoFindings ?? [];
  // checked where the caller read the row's findings (the panel row's data-findings)
  if (o.captured > 0 && o.findings) {
    for (const id of also)
      if (!o.findings.includes(id)) why.push(`${id} not among the findings (${o.findings.join(' ') || 'none'})`);
  }
  if (o.captured > 0 && o.findingFrom !== 'panel') why.push('no row for it in the panel');
  return { ok: why.length === 0, why };
}
