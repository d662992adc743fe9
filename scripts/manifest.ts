// Derives each browser's manifest from the one manifest.json (pure: tested in test/scripts).
//
// manifest.json cannot hold comments, so its two security keys are explained here:
// - content_security_policy.extension_pages: only our own files run, load styles and images
//   (default-src 'self'; no plugin, no <base>, no form posts). connect-src is the one widening:
//   the discovery doctor fetches a server's metadata documents (OAuth/OIDC discovery, protected
//   resource metadata) from the panel when the user clicks, so pages may connect to http: and
//   https: (never to anything else, and nothing connects unless asked). Vite's build emits no
//   inline script or style, so nothing else is needed (checked in Chromium and Firefox by the
//   end-to-end suites, which load every page with this policy).
// - incognito "not_allowed": private windows never reach AuthLens. Chrome's "split" mode would
//   give them their own background but shares chrome.storage with the normal one (Chrome's
//   manifest/incognito docs), where captured secrets live; Firefox supports no split mode at all
//   (it refuses the value before 127 and installs such add-ons as "not_allowed" since).
export type Target = 'chrome' | 'firefox';

type Json = Record<string, unknown>;

export function manifestFor(source: Json, target: Target, version: string): Json {
  const m: Json = structuredClone(source);
  m.version = version;
  if (target === 'chrome') {
    // Chrome warns about keys it does not know.
    delete m.browser_specific_settings;
    m.background = { service_worker: 'background.js', type: 'module' };
  } else {
    // Firefox MV3 runs the background as an event page (scripts), not a service worker.
    delete m.minimum_chrome_version;
    m.background = { scripts: ['background.js'] };
  }
  return m;
}
