// Per-record facts for the list's cells and the filter, computed once per record object (records
// are immutable: an update arrives as a new object). The store owns one cache.
import { headerValue, headerValues } from '../http/headers.ts';
import { maskUrl } from '../redact/secrets.ts';
import type { DiagnosisSummary } from '../shared/diagnoser.ts';
import type { CaptureRecord } from '../shared/types.ts';
import type { Facts } from './filter.ts';

export interface RecordFacts {
  status: number;
  /** lower case */
  method: string;
  origin: string;
  /** lower case */
  host: string;
  /** host + path + query, with secret query parameters masked */
  readonly shownPath: string;
  /** scheme of the credentials sent (Authorization), as written */
  sentScheme?: string;
  /** schemes the server challenged with, as written */
  challengeSchemes: string[];
  /** both, lower case, once each */
  schemes: string[];
}

export interface FactsCache {
  of(r: CaptureRecord): RecordFacts;
  /** What the filter matches: the facts, with the finding ids and free text of `r`'s diagnosis. */
  forFilter(r: CaptureRecord, summary: DiagnosisSummary | undefined): Facts;
}

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

function splitUrl(url: string): { origin: string; host: string } {
  try {
    const u = new URL(url);
    return { origin: u.origin, host: u.hostname.toLowerCase() };
  } catch {
    return { origin: '(invalid url)', host: '' };
  }
}

/**
 * The plain http(s)/ws(s) URL with an ASCII host name or a dotted IPv4 address, and a port a URL
 * accepts: the host is then what URL() gives, lower-cased, without URL()'s full parse.
 */
const PLAIN_HOST = /^(?:https?|wss?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d{1,5}))?(?=[/?#]|$)/i;
/** a last label that makes URL() read the host as an IPv4 address (and normalise or refuse it) */
const NUMERIC_END = /(?:^|\.)(?:\d+|0x[0-9a-f]*)$/i;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.|$)){4}$/;

/**
 * A URL's host name, lower case ('' when URL() refuses it): a `domain:` term reads it for every
 * record, so the usual URL is cut by one regex; anything less plain (IDN, percent signs, user
 * info, IPv6, odd IPv4 forms) goes through URL() to say what it says.
 */
export function hostOf(url: string): string {
  const m = PLAIN_HOST.exec(url);
  if (m) {
    const host = m[1]!.toLowerCase();
    const port = m[2];
    const plain = !host.includes('xn--') && (!NUMERIC_END.test(host) || DOTTED_QUAD.test(host));
    if (plain && (port === undefined || Number(port) <= 65535)) return host;
  }
  return splitUrl(url).host;
}

/** host + path + query of a URL as text: cut, not re-parsed (URL() would percent-encode a mask's "•••"). */
export function hostPathOf(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/#.*$/s, '');
}

export function factsOf(r: CaptureRecord): RecordFacts {
  const { origin, host } = splitUrl(r.url);
  const auth = headerValue(r.requestHeaders, 'authorization') ?? headerValue(r.requestHeaders, 'proxy-authorization');
  const sentScheme = auth?.trim().split(/\s+/)[0] || undefined;
  const challengeSchemes = [
    ...headerValues(r.responseHeaders, 'www-authenticate'),
    ...headerValues(r.responseHeaders, 'proxy-authenticate'),
  ].flatMap(challengeSchemesOf);
  const schemes = [
    ...new Set([sentScheme, ...challengeSchemes].filter((s): s is string => !!s).map((s) => s.toLowerCase())),
  ];
  let shownPath: string | undefined;
  return {
    status: r.status,
    method: r.method.toLowerCase(),
    origin,
    host,
    // masked when a row first shows it: the filter reads facts of every record, the rows a screenful
    get shownPath() {
      return (shownPath ??= hostPathOf(maskUrl(r.url)));
    },
    ...(sentScheme ? { sentScheme } : {}),
    challengeSchemes,
    schemes,
  };
}

export function createFacts(): FactsCache {
  const facts = new WeakMap<CaptureRecord, RecordFacts>();
  const filtered = new WeakMap<CaptureRecord, { summary: DiagnosisSummary | undefined; facts: Facts }>();
  const hosts = new WeakMap<CaptureRecord, string>();
  const of = (r: CaptureRecord): RecordFacts => {
    let f = facts.get(r);
    if (!f) facts.set(r, (f = factsOf(r)));
    return f;
  };
  return {
    of,
    forFilter(r, summary) {
      const hit = filtered.get(r);
      if (hit && hit.summary === summary) return hit.facts;
      const findings = summary?.ids ?? [];
      const text = [r.url, r.method, String(r.status), summary?.summary ?? '', ...findings].join('\n').toLowerCase();
      // the host and schemes (URL and header parsing) only once a term reads them: `status:403` over
      // 50 000 records needs neither; the host alone, not all of a row's facts
      const out: Facts = {
        status: r.status,
        method: r.method.toLowerCase(),
        get host() {
          let h = hosts.get(r);
          if (h === undefined) hosts.set(r, (h = facts.get(r)?.host ?? hostOf(r.url)));
          return h;
        },
        get schemes() {
          return of(r).schemes;
        },
        findings,
        text,
      };
      filtered.set(r, { summary, facts: out });
      return out;
    },
  };
}
