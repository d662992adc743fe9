// The discovery doctor's one GET, for the panel and for Node alike: no credentials (no cookies,
// no Authorization, no client certificate prompt where the runtime allows), no redirect followed
// (the engine judges each one), a timeout over the whole exchange and a streamed body cap, both
// from DISCOVERY_LIMITS. Never throws: a failure is an answer with `error`.
import { DISCOVERY_LIMITS, type DocFetch, type DocResponse, type Header } from '../analysis/index.ts';
import { readCapped } from './read-capped.ts';

export interface DocFetchOptions {
  /** the runtime's fetch (default: the global one) */
  fetch?: typeof fetch;
  /**
   * Where a browser hides a redirect (`redirect: 'manual'` answers an opaque response with no
   * Location), the status and Location as the extension saw them through webRequest.
   */
  peekRedirect?: (url: string) => Promise<{ status: number; location?: string } | undefined>;
  /** send the page's Origin when asked (Node can; a browser drops the forbidden header anyway) */
  sendOrigin?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
}

const failed = (kind: NonNullable<DocResponse['error']>['kind'], message: string): DocResponse => ({
  status: 0,
  headers: [],
  body: '',
  bytes: 0,
  error: { kind, message },
});

/** What went wrong, in words a person can act on (Node puts the socket error in `cause`). */
function describe(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const detail = typeof cause?.message === 'string' ? cause.message : typeof cause?.code === 'string' ? cause.code : '';
  const message = e instanceof Error ? e.message : String(e);
  return detail && !message.includes(detail) ? `${message}: ${detail}` : message;
}

export function createDocFetch(o: DocFetchOptions = {}): DocFetch {
  const timeoutMs = o.timeoutMs ?? DISCOVERY_LIMITS.timeoutMs;
  const maxBytes = o.maxBytes ?? DISCOVERY_LIMITS.maxBytes;
  return async (url, init) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return failed('refused', 'not an absolute URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      return failed('refused', `${parsed.protocol} URLs are not fetched`);
    const run = o.fetch ?? globalThis.fetch;
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, timeoutMs);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (o.sendOrigin && init.origin) headers.Origin = init.origin;
    try {
      const res = await run(parsed.href, {
        method: 'GET',
        headers,
        credentials: 'omit',
        redirect: 'manual',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: abort.signal,
      });
      if (res.type === 'opaqueredirect') {
        const peeked = await o.peekRedirect?.(parsed.href).catch(() => undefined);
        if (!peeked?.location) return { status: 0, headers: [], body: '', bytes: 0, hiddenRedirect: true };
        return { status: peeked.status, headers: [{ name: 'Location', value: peeked.location }], body: '', bytes: 0 };
      }
      const list: Header[] = [];
      res.headers.forEach((value, name) => list.push({ name, value }));
      const out: DocResponse = { status: res.status, headers: list, body: '', bytes: 0 };
      if (init.origin && o.sendOrigin) out.originSent = init.origin;
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        // over the cap by its own account: not one byte downloaded
        await res.body?.cancel().catch(() => {});
        return { ...out, truncated: true };
      }
      const body = await readCapped(res.body, maxBytes);
      return { ...out, body: body.text, bytes: body.bytes, ...(body.truncated ? { truncated: true } : {}) };
    } catch (e) {
      if (timedOut) return failed('timeout', `no complete answer within ${timeoutMs / 1000} s`);
      return failed('network', describe(e));
    } finally {
      clearTimeout(timer);
    }
  };
}
