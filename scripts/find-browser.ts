// Finds a Chromium that honours --load-extension: CHROME_PATH, then Debian/Ubuntu's chromium.
// Branded Google Chrome 137+ ignores --load-extension, so it is the last resort.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export interface Found {
  path: string;
  how: string;
}

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/usr/bin/google-chrome-for-testing',
  '/usr/bin/google-chrome',
];

export const INSTALL_HINT =
  'sudo apt-get update && sudo apt-get install -y chromium   (or set CHROME_PATH=/path/to/chromium)';

export function findChromium(env: NodeJS.ProcessEnv = process.env): Found {
  if (env.CHROME_PATH) {
    if (existsSync(env.CHROME_PATH)) return { path: env.CHROME_PATH, how: 'CHROME_PATH' };
    throw new Error(`CHROME_PATH=${env.CHROME_PATH} does not exist`);
  }
  for (const p of CANDIDATES) if (existsSync(p)) return { path: p, how: 'found on disk' };
  throw new Error(`No Chromium found. Install one: ${INSTALL_HINT}`);
}

/** Like findChromium, but installs Debian's chromium when running as root with apt. */
export function ensureChromium(env: NodeJS.ProcessEnv = process.env): Found {
  try {
    return findChromium(env);
  } catch (e) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!root || !existsSync('/usr/bin/apt-get') || env.CHROME_PATH) throw e;
    console.log("No Chromium found: installing Debian's chromium with apt-get (running as root)...");
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'chromium'], {
      stdio: 'inherit',
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return findChromium(env);
  }
}
