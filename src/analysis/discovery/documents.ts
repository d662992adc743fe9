// Fetching one metadata document through the handed-in fetcher: redirects judged by limits.ts,
// each request counted against the run's limit, the body read as a JSON object or refused with
// a finding. Never throws: a fetcher that throws or answers nonsense is a failed fetch.
import { headerValue } from '../../http/headers.ts';
import { clip, ev, type Draft, type Evidence } from '../finding.ts';
import { DISCOVERY } from './findings.ts';
import { DISCOVERY_LIMITS, isRedirect, judgeRedirect } from './limits.ts';
import type { DocFetch, DocResponse, Hop } from './types.ts';

export type JsonObject = Record<string, unknown>;

interface Fetched {
  /** the URL asked for */
  url: string;
  /** the URL that answered last (after the redirects followed) */
  finalUrl: string;
  redirects: Hop[];
  /** the last answer; undefined when the run's limit stopped it before any request */
  res?: DocResponse;
}

export type Outcome =
  /** a JSON object: the document */
  | (Fetched & { kind: 'json'; res: DocResponse; json: JsonObject })
  /** no document here (a 4xx/5xx, no answer at all): a client tries the next URL */
  | (Fetched & { kind: 'miss'; draft: Draft })
  /** an answer a client cannot use and stops at (not JSON, too large, a redirect loop or refused) */
  | (Fetched & { kind: 'fatal'; draft: Draft })
  /** the run's request limit was reached */
  | (Fetched & { kind: 'limit'; draft: Draft });

/** Requests of one run: counted, and never the same URL twice. */
export class Fetcher {
  count = 0;
  private readonly seen = new Map<string, DocResponse>();

  constructor(
    private readonly fetch: DocFetch,
    readonly max: number,
    private readonly onFetch?: (url: string) => void,
  ) {}

  /** GET url, following redirects within its origin; `origin`: the page's, for a fetcher that can send it. */
  async get(url: string, origin?: string): Promise<Outcome> {
    const chain = [url];
    const redirects: Hop[] = [];
    let at = url;
    for (;;) {
      const res = await this.once(at, origin);
      const base = { url, finalUrl: at, redirects };
      if (!res) return { ...base, kind: 'limit', draft: limitDraft(this.max, at) };
      if (res.hiddenRedirect)
        return { ...base, res, kind: 'fatal', draft: refused(base, res, 'somewhere this runtime does not show') };
      if (!isRedirect(res.status)) return classify({ ...base, res });
      const verdict = judgeRedirect(at, headerValue(res.headers, 'location'), chain);
      if (!verdict.follow) {
        if (verdict.to !== undefined) redirects.push({ from: at, to: verdict.to, status: res.status });
        if (verdict.why === 'no-location') return classify({ ...base, res });
        const draft =
          verdict.why === 'loop' || verdict.why === 'limit'
            ? loopDraft(base, res, verdict.why)
            : refused(base, res, verdict.why === 'cross-origin' ? 'to another origin' : 'to a URL that is not http(s)');
        return { ...base, res, kind: 'fatal', draft };
      }
      redirects.push({ from: at, to: verdict.to, status: res.status });
      chain.push(verdict.to);
      at = verdict.to;
    }
  }

  private async once(url: string, origin: string | undefined): Promise<DocResponse | undefined> {
    const known = this.seen.get(url);
    if (known) return known;
    if (this.count >= this.max) return undefined;
    this.count++;
    this.onFetch?.(url);
    const res = sane(await this.fetch(url, origin ? { origin } : {}).catch((e: unknown) => e));
    this.seen.set(url, res);
    return res;
  }
}

/** A fetcher's answer made safe to read, whatever it was. */
function sane(r: unknown): DocResponse {
  if (!r || typeof r !== 'object' || r instanceof Error || typeof (r as DocResponse).status !== 'number') {
    const message = r instanceof Error ? r.message : 'the fetcher gave no answer';
    return { status: 0, headers: [], body: '', bytes: 0, error: { kind: 'network', message } };
  }
  const d = r as DocResponse;
  return {
    ...d,
    headers: Array.isArray(d.headers) ? d.headers.filter((h) => typeof h?.name === 'string') : [],
    body: typeof d.body === 'string' ? d.body : '',
    bytes: Number.isFinite(d.bytes) ? d.bytes : 0,
  };
}

function classify(f: Fetched & { res: DocResponse }): Outcome {
  const { res } = f;
  if (res.error || res.status === 0) {
    const what = res.error?.kind === 'timeout' ? 'no answer within 5 s' : (res.error?.message ?? 'no answer');
    return {
      ...f,
      kind: 'miss',
      draft: DISCOVERY.draft('discovery-fetch-failed', {
        summary: `${f.finalUrl} could not be fetched: ${clip(what, 120)}`,
        evidence: [...fetchEvidence(f), ev('Error', clip(what))],
      }),
    };
  }
  if (res.status < 200 || res.status > 299) {
    return {
      ...f,
      kind: 'miss',
      draft: DISCOVERY.draft('discovery-metadata-not-found', {
        summary: `${f.finalUrl} answered ${res.status}`,
        evidence: fetchEvidence(f),
      }),
    };
  }
  if (res.truncated || res.bytes > DISCOVERY_LIMITS.maxBytes) {
    return {
      ...f,
      kind: 'fatal',
      draft: DISCOVERY.draft('discovery-metadata-too-large', {
        summary: `${f.finalUrl} is larger than ${DISCOVERY_LIMITS.maxBytes / 1024} KB: serve only the metadata`,
        evidence: [
          ...fetchEvidence(f),
          ev(
            'Read',
            res.bytes ? `${res.bytes} bytes, then stopped at the cap` : 'nothing: its Content-Length is over the cap',
          ),
        ],
      }),
    };
  }
  const json = parseObject(res.body);
  if (!json) {
    return {
      ...f,
      kind: 'fatal',
      draft: DISCOVERY.draft('discovery-metadata-not-json', {
        summary: `${f.finalUrl} answered ${res.status} ${headerValue(res.headers, 'content-type') ?? ''}, not JSON`
          .replace(/ ,/, ',')
          .replace(/\s+/g, ' '),
        evidence: [...fetchEvidence(f), ev('Body starts', JSON.stringify(clip(res.body.trimStart(), 120)))],
      }),
    };
  }
  return { ...f, kind: 'json', json };
}

function parseObject(text: string): JsonObject | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** URL, redirects, status, type and size: the first lines of every document step's evidence. */
export function fetchEvidence(f: Fetched): Evidence[] {
  const res = f.res;
  const out: Evidence[] = [ev('URL', f.url)];
  for (const h of f.redirects) out.push(ev(`Redirect ${h.status}`, h.to));
  if (!res) return out;
  if (res.status) out.push(ev('Status', String(res.status)));
  const type = headerValue(res.headers, 'content-type');
  if (type) out.push(ev('Content-Type', clip(type, 100)));
  const length = headerValue(res.headers, 'content-length');
  if (res.status && res.bytes > 0)
    out.push(ev('Size', `${res.bytes} bytes${length ? ` (Content-Length ${length})` : ''}`));
  else if (length) out.push(ev('Content-Length', clip(length, 40)));
  return out;
}

function loopDraft(f: Fetched, res: DocResponse, why: 'loop' | 'limit'): Draft {
  const last = f.redirects[f.redirects.length - 1]?.to ?? '';
  return DISCOVERY.draft('discovery-redirect-loop', {
    summary:
      why === 'loop'
        ? `${f.url} redirects in a loop (back to ${last}): serve the document with 200`
        : `${f.url} redirects more than ${DISCOVERY_LIMITS.maxRedirects} times: serve the document with 200`,
    evidence: fetchEvidence({ ...f, res }),
  });
}

function refused(f: Fetched, res: DocResponse, why: string): Draft {
  return DISCOVERY.draft('discovery-redirect-refused', {
    summary: `${f.finalUrl} redirects ${why}: not followed`,
    evidence: [
      ...fetchEvidence({ ...f, res }),
      res.hiddenRedirect
        ? ev('Location', '(hidden from this runtime: a browser shows scripts no redirect target)')
        : undefined,
    ],
  });
}

function limitDraft(max: number, url: string): Draft {
  return DISCOVERY.draft('discovery-fetch-limit', {
    summary: `Stopped after ${max} requests: ${url} and what follows it were not fetched`,
    evidence: [ev('Not fetched', url), ev('Requests made', String(max))],
  });
}
