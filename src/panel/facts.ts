// Per-record facts for filtering and the list's cells, computed once per record object
// (records are immutable: an update arrives as a new object, so a WeakMap cache is exact).
import { headerValue, headerValues } from '../http/headers.ts';
import type { CaptureRecord } from '../shared/types.ts';
import { summaryOf } from './diagnosis.ts';
import type { Facts } from './filter.ts';

export interface RecordFacts extends Facts {
  origin: string;
  /** host + path + query, as the list shows it (before masking) */
  hostPath: string;
  /** scheme of the credentials sent (Authorization), as written */
  sentScheme?: string;
  /** schemes the server challenged with, as written */
  challengeSchemes: string[];
}

const cache = new WeakMap<CaptureRecord, RecordFacts>();
/** facts first made without their list (a list cell) learn it from the next caller that has it */
const lists = new WeakMap<CaptureRecord, readonly CaptureRecord[]>();

/**
 * Scheme names of a challenge list, cheaply: a scheme is a token followed by a space or the
 * end, at the start or after a comma, and not followed by `=` (then it is an auth-param).
 * The detail pane uses the engine's full parser; this is only for the list and the filter.
 */
export function challengeSchemesOf(value: string): string[] {
  const out: string[] = [];
  const re = /(?:^|,)\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?=\s+[^=\s,]|\s*(?:,|$))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) {
    const tail = value.slice(m.index + m[0].length);
    if (/^\s*=/.test(tail)) continue;
    if (m[1]) out.push(m[1]);
  }
  return out;
}

function splitUrl(url: string): { origin: string; host: string; hostPath: string } {
  try {
    const u = new URL(url);
    return { origin: u.origin, host: u.hostname.toLowerCase(), hostPath: u.host + u.pathname + u.search };
  } catch {
    return { origin: '(invalid url)', host: '', hostPath: url };
  }
}

/** @param all the list `r` belongs to (sorted by time), for the diagnosis's cross-request patterns */
export function factsOf(r: CaptureRecord, all?: readonly CaptureRecord[]): RecordFacts {
  if (all && !lists.has(r)) lists.set(r, all);
  const hit = cache.get(r);
  if (hit) return hit;
  const { origin, host, hostPath } = splitUrl(r.url);
  const auth = headerValue(r.requestHeaders, 'authorization') ?? headerValue(r.requestHeaders, 'proxy-authorization');
  const sentScheme = auth?.trim().split(/\s+/)[0] || undefined;
  const challengeSchemes = [
    ...headerValues(r.responseHeaders, 'www-authenticate'),
    ...headerValues(r.responseHeaders, 'proxy-authenticate'),
  ].flatMap(challengeSchemesOf);
  const schemes = [
    ...new Set([sentScheme, ...challengeSchemes].filter((s): s is string => !!s).map((s) => s.toLowerCase())),
  ];
  // findings and text need the diagnosis, which may have to be computed: only on first use
  let findings: string[] | undefined;
  let text: string | undefined;
  const f: RecordFacts = {
    status: r.status,
    method: r.method.toLowerCase(),
    host,
    schemes,
    get findings() {
      return (findings ??= summaryOf(r, lists.get(r))?.ids ?? []);
    },
    get text() {
      return (text ??= [r.url, r.method, String(r.status), summaryOf(r, lists.get(r))?.summary ?? '', ...this.findings]
        .join('\n')
        .toLowerCase());
    },
    origin,
    hostPath,
    sentScheme,
    challengeSchemes,
  };
  cache.set(r, f);
  return f;
}

/**
 * Compute facts ahead of the first filter keystroke, in idle time and in slices, so typing in the
 * filter never pays for thousands of URL parses at once.
 */
export function warmFactsWhenIdle(
  records: readonly CaptureRecord[],
  slice = 50,
  onSlice?: () => void,
  onDone?: () => void,
): void {
  const idle: (cb: () => void) => void =
    typeof requestIdleCallback === 'function'
      ? (cb) => requestIdleCallback(cb, { timeout: 1000 })
      : (cb) => setTimeout(cb, 50);
  let i = 0;
  const step = (): void => {
    const end = Math.min(records.length, i + slice);
    for (; i < end; i++) void factsOf(records[i]!, records).text;
    onSlice?.();
    if (i < records.length) idle(step);
    else onDone?.();
  };
  idle(step);
}
