// Derives each browser's manifest from the one manifest.json (pure: tested in test/scripts).
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
