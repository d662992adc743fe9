// Chromium with the built extension loaded, in a fresh temporary profile (playwright-core,
// never a downloaded browser). Shared by `npm start` and the Chromium end-to-end suite.
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** platform-facts.md: quiet, offline-friendly, no sandbox (CI runs as root). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
] as const;

export interface LaunchOptions {
  executablePath: string;
  extensionDir: string;
  headless: boolean;
  /** open DevTools for every tab (shows the Auth panel; headless too, per platform-facts) */
  devtools?: boolean;
  /** where the temporary profile goes (default: the OS temp folder) */
  tmpRoot?: string;
  args?: string[];
  /** profile preferences written to Default/Preferences before the first start (e.g. cookie controls) */
  preferences?: Record<string, unknown>;
}

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

export async function launchWithExtension(o: LaunchOptions): Promise<Launched> {
  const ext = resolve(o.extensionDir);
  const profileDir = mkdtempSync(join(o.tmpRoot ?? tmpdir(), 'authlens-profile-'));
  if (o.preferences) {
    mkdirSync(join(profileDir, 'Default'));
    writeFileSync(join(profileDir, 'Default', 'Preferences'), JSON.stringify(o.preferences));
  }
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: o.executablePath,
      headless: o.headless,
      viewport: null,
      // our caller closes the browser and removes the profile on Ctrl+C; playwright's own
      // handlers would kill the browser and exit first, leaving the profile behind
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        `--disable-extensions-except=${ext}`,
        `--load-extension=${ext}`,
        ...CHROMIUM_FLAGS,
        ...(o.devtools ? ['--auto-open-devtools-for-tabs'] : []),
        ...(o.args ?? []),
      ],
    });
  } catch (e) {
    rmSync(profileDir, { recursive: true, force: true });
    throw e;
  }
  const worker = async (): Promise<Worker> => {
    const mine = (w: Worker): boolean =>
      w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');
    return (
      context.serviceWorkers().find(mine) ?? context.waitForEvent('serviceworker', { predicate: mine, timeout: 15_000 })
    );
  };
  const sw = await worker();
  const extensionId = sw.url().split('/')[2] ?? '';
  // one closing for everyone: a second caller (the context's "close" event, Ctrl+C) must wait
  // for the profile to be gone, not race ahead to process.exit
  let closing: Promise<void> | undefined;
  return {
    context,
    extensionId,
    profileDir,
    worker,
    close: () =>
      (closing ??= (async () => {
        await context.close().catch(() => {});
        await removeProfile(profileDir);
      })()),
  };
}

/**
 * Chromium's helper processes (crash handler, GPU, network service) can outlive the browser's
 * exit by a moment and write into the profile after a first removal, recreating it: remove
 * until it stays gone.
 */
async function removeProfile(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt++) {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    await new Promise((r) => setTimeout(r, 100));
    if (!existsSync(dir)) return;
  }
}
