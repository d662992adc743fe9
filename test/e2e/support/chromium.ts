// Chromium with the built extension for the end-to-end suite: the browser is found (or
// installed as root with apt) by scripts/find-browser.ts, never downloaded; a missing build
// is an error, never a silent skip.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureChromium } from '../../../scripts/find-browser.ts';
import { launchWithExtension, type Launched } from '../../../scripts/lab/chromium.ts';

export const repo = resolve(import.meta.dirname, '../../..');

/** dist/chrome, or AUTHLENS_EXTENSION_DIR to test another build. */
export function extensionDir(): string {
  const dir = resolve(process.env.AUTHLENS_EXTENSION_DIR ?? join(repo, 'dist', 'chrome'));
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`no built extension at ${dir}: run \`npm run build\` first (npm run test:e2e does)`);
  return dir;
}

/** test-output/<name>/, created. */
export function outputDir(name: string): string {
  const d = join(repo, 'test-output', name);
  mkdirSync(d, { recursive: true });
  return d;
}

export async function launch(preferences?: Record<string, unknown>): Promise<Launched> {
  return launchWithExtension({
    executablePath: ensureChromium().path,
    extensionDir: extensionDir(),
    headless: true,
    tmpRoot: outputDir('profiles'),
    ...(preferences ? { preferences } : {}),
  });
}

/**
 * Stop every service worker through CDP, as Chrome does after 30 s idle, and wait until the
 * extension's worker reports "stopped" (playwright's Worker "close" event comes much later).
 */
export async function stopWorkers(l: Launched, page: Page): Promise<void> {
  const script = `chrome-extension://${l.extensionId}/background.js`;
  const cdp = await l.context.newCDPSession(page);
  // resolved once the worker is seen stopped; an open panel's port may wake it right after
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      if (e.versions.some((v) => v.scriptURL === script && v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      stopped,
      new Promise((_, rej) => {
        timer = setTimeout(() => rej(new Error('the extension worker did not stop')), 10_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await cdp.detach();
  }
}
