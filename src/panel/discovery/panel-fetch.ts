// The panel's discovery fetcher: the shared capped GET, plus what only an extension can see. A
// fetch with `redirect: 'manual'` answers a page (ours included) with an opaque response, no
// status and no Location; webRequest shows the extension its own requests' answers, so the
// Location is read there while the request is under way (seen in Chromium and Firefox ESR).
// An extension page with host permissions fetches any origin without CORS, and cannot send the
// inspected page's Origin: the CORS checks say so.
// https://developer.mozilla.org/en-US/docs/Web/API/Response/type
import type { DocFetch } from '../../analysis/index.ts';
import { createDocFetch } from '../../discovery-fetch/doc-fetch.ts';
import { browser } from '../../shared/browser.ts';

interface HeadersDetails {
  url: string;
  statusCode: number;
  responseHeaders?: { name: string; value?: string }[];
}

/** How long to wait for webRequest's report of a redirect after fetch answered (Firefox reports it later). */
const PEEK_WAIT_MS = 1000;

function watchRedirect(asked: string) {
  let url = asked;
  try {
    url = new URL(asked).href;
  } catch {}
  let found: { status: number; location?: string } | undefined;
  let wake: (() => void) | undefined;
  const listener = (d: HeadersDetails): void => {
    if (d.url !== url || d.statusCode < 300 || d.statusCode > 399) return;
    const location = d.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
    found = location === undefined ? { status: d.statusCode } : { status: d.statusCode, location };
    wake?.();
  };
  const event = browser.webRequest?.onHeadersReceived;
  try {
    event?.addListener(listener as never, { urls: ['<all_urls>'], types: ['xmlhttprequest'] }, ['responseHeaders']);
  } catch {
    // no webRequest here: a redirect stays hidden and is reported so
  }
  return {
    async result(): Promise<typeof found> {
      if (!found)
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, PEEK_WAIT_MS);
        });
      return found;
    },
    stop(): void {
      try {
        event?.removeListener(listener as never);
      } catch {}
    },
  };
}

export function panelDocFetch(): DocFetch {
  return async (url, init) => {
    const watch = watchRedirect(url);
    try {
      return await createDocFetch({ peekRedirect: () => watch.result() })(url, init);
    } finally {
      watch.stop();
    }
  };
}
