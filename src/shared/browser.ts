// The one module that imports webextension-polyfill, and the one place that knows which
// options are Chrome-only. Everything else imports `browser` from here.
//
// Chrome 152+ ships a native `browser` namespace and the polyfill passes it through; Chrome
// 148-151 hid it from extensions with a devtools_page, where the polyfill wraps `chrome`.
// APIs the polyfill has no metadata for (`action`, `storage.session`) are passed through
// as they are: in MV3 they return promises.
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, Tabs, WebRequest, WebNavigation, Storage } from 'webextension-polyfill';

/**
 * `extraHeaders` makes Chrome show Cookie, Referer, Origin, Set-Cookie and CORS preflights to
 * webRequest. Firefox shows them anyway and throws on the unknown option, so only add it where
 * the enum exists. https://developer.chrome.com/docs/extensions/reference/api/webRequest#life-cycle-of-requests
 */
export function extraHeaders(): ['extraHeaders'] | [] {
  const g = globalThis as { chrome?: { webRequest?: { OnSendHeadersOptions?: { EXTRA_HEADERS?: string } } } };
  return g.chrome?.webRequest?.OnSendHeadersOptions?.EXTRA_HEADERS ? ['extraHeaders'] : [];
}
