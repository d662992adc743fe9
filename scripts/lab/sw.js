// The lab page's service worker: its fetches reach webRequest with tabId -1 (no tab).
'use strict';
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('message', (e) => {
  const { url, headers } = e.data;
  e.waitUntil(
    fetch(url, { headers, cache: 'no-store' })
      .then((r) => e.ports[0].postMessage({ status: r.status }))
      .catch((err) => e.ports[0].postMessage({ status: 0, error: String(err) })),
  );
});
