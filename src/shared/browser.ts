// The one module that imports webextension-polyfill, and the one place that knows which
// options are Chrome-only. Everything else imports `browser` from here.
//
// Chrome 152+ ships a native `browser` namespace and the polyfill passes it through; Chrome
// 148-151 hid it from extensions with a devtools_page, where the polyfill wraps `chrome`.
// APIs the polyfill has no metadata for (`action`, `storage.session`) are passed through
// as they are: in MV3 they return promises.
import browser from 'webextension-polyfill';

export { browser };

/**
 * `extraHeaders` makes Chrome show Cookie, Referer, Origin, Set-Cookie and CORS preflights to
 * webRequest. Firefox shows them anyway and throws on the unknown option, so only add it where
 * the enum exists. https://developer.chrome.com/docs/extensions/reference/api/webRequest#life-cycle-of-requests
 */
export function extraHeaders(): ['extraHeaders'] | [] {
  const g = globalThis as { chrome?: { webRequest?: { OnSendHeadersOptions?: { EXTRA_HEADERS?: string } } } };
  return g.chrome?.webRequest?.OnSendHeadersOptions?.EXTRA_HEADERS ? ['extraHeaders'] : [];
}

// ---------------------------------------------------------------------------------------------
// Firefox. Every known difference from Chrome, with where the code handles it. Checked in
// Firefox 153 ESR (test/e2e/firefox-*.e2e.ts) unless a link says otherwise.
//
// - The `browser` namespace is native and `chrome === browser` in MV3 extension pages; the
//   polyfill passes it through.
// - webRequest: no `extraHeaders` (an unknown enum value throws "Invalid enumeration value");
//   Cookie, Set-Cookie, Origin and CORS preflights are visible anyway (extraHeaders() above).
//   Details carry `originUrl`/`documentUrl` (full URLs) instead of Chrome's `initiator` (an
//   origin): background/capture.ts reduces originUrl to its origin.
//   https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/webRequest/onSendHeaders#details
// - Repeated response headers reach webRequest as ONE entry whose values are joined by "\n"
//   (seen for WWW-Authenticate with a Digest SHA-256 + MD5 pair, and for Set-Cookie); Chrome
//   gives one entry per line. A newline can never be part of a field value (RFC 9110 §5.5), so
//   src/http/merged-headers.ts undoes it. Page scripts cannot even read such a merged
//   WWW-Authenticate: fetch()'s Headers drops it (a value with a newline is invalid there).
//   https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/webRequest/HttpHeaders
// - Background: MV3 `background.scripts` runs as an event page (a window, not a service
//   worker), stopped after `extensions.background.idle.timeout` ms idle (30 000 by default).
//   webRequest listeners registered at top level are "primed" and wake it; ports to it break
//   when it stops, as in Chrome. scripts/manifest.ts writes the Firefox background key.
//   https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Background_scripts
// - storage.session: Firefox 115+ (our minimum is 121). Firefox enforces the same 10 MiB quota
//   (QuotaExceededError beyond it) but does not expose QUOTA_BYTES: background/size.ts names it.
//   It counts the structured-clone size, where a string SpiderMonkey holds as two-byte (the JSON
//   of webRequest's header values) counts 2 bytes a character: countsTwoByteStrings() below.
//   https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/storage/session
// - action.setBadgeText({tabId}): tab-specific values are reset when the tab navigates, as in
//   Chrome, so the background re-applies the count after a commit in both browsers.
//   https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/action/setBadgeText
// - devtools.panels.themeName: 'light' | 'dark' (Firefox resolves its 'auto' setting itself;
//   'firebug' existed in older releases); Chrome says 'default' | 'dark'. shared/ui/theme.ts maps them.
//   https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/devtools/panels/themeName
// - devtools.network Request.getContent() resolves to [content, mimeType] (Chrome: content and
//   encoding). devtools/content.ts normalises the shapes.
//   https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/devtools/network/onRequestFinished
// - Host permissions of an MV3 add-on are granted at install in Firefox 127+; before that (and
//   whenever a user withdraws them in the add-ons menu) webRequest sees nothing at all: a UI
//   should check hasHostAccess() and offer requestHostAccess() from a click.
//   https://developer.mozilla.org/en-US/docs/Mozilla/Firefox/Releases/127#changes_for_add-on_developers
// ---------------------------------------------------------------------------------------------

/**
 * Spread as the last arguments of webRequest.onErrorOccurred.addListener(cb, filter, ...here).
 * Chrome takes an extraInfoSpec (['extraHeaders']) there; Firefox's onErrorOccurred has no third
 * parameter at all and throws "Incorrect argument types for webRequest.onErrorOccurred" even for
 * an empty array. Thrown at the top of the background script, that stops every listener
 * registered after it (messages, ports, navigation): seen in Firefox 153.
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/webRequest/onErrorOccurred
 */
export function errorOccurredSpec(): [] | [['extraHeaders']] {
  const extra = extraHeaders();
  return extra.length ? [extra] : [];
}

const ALL_SITES = { origins: ['<all_urls>'] };

/** Whether webRequest may see every site's requests (see "Host permissions" above). */
export async function hasHostAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains(ALL_SITES);
  } catch {
    return false;
  }
}

/** Asks the user for access to all sites; only works from a user gesture (a click handler). */
export async function requestHostAccess(): Promise<boolean> {
  try {
    return await browser.permissions.request(ALL_SITES);
  } catch {
    return false;
  }
}

/**
 * Firefox counts storage.session strings by SpiderMonkey's representation (background/size.ts
 * encode). `runtime.getBrowserInfo` exists only in Firefox.
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/runtime/getBrowserInfo
 */
export function countsTwoByteStrings(): boolean {
  const g = globalThis as { browser?: { runtime?: { getBrowserInfo?: unknown } } };
  return typeof g.browser?.runtime?.getBrowserInfo === 'function';
}
