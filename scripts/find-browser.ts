// Finds the browsers AuthLens runs in: an explicit path from the environment, then the usual
// install locations; as root with apt, installs Debian's package. Never downloads a browser.
// Chromium: it must honour --load-extension; branded Google Chrome 137+ ignores it, so it is the
// last resort. Firefox: ESR first (Debian's), any release will do.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export interface Found {
  path: string;
  how: string;
}

interface Browser {
  name: string;
  /** the environment variable that names the executable */
  envVar: string;
  /** Debian's package */
  aptPackage: string;
  candidates: readonly string[];
}

const CHROMIUM: Browser = {
  name: 'Chromium',
  envVar: 'CHROME_PATH',
  aptPackage: 'chromium',
  candidates: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/usr/bin/google-chrome-for-testing',
    '/usr/bin/google-chrome',
  ],
};

const FIREFOX: Browser = {
  name: 'Firefox',
  envVar: 'FIREFOX_PATH',
  aptPackage: 'firefox-esr',
  candidates: [
    '/usr/bin/firefox-esr',
    '/usr/bin/firefox',
    '/usr/lib/firefox-esr/firefox-esr',
    '/usr/lib/firefox/firefox',
    '/snap/bin/firefox',
    '/Applications/Firefox.app/Contents/MacOS/firefox',
  ],
};

function installHint(b: Browser): string {
  const exe = b.name.toLowerCase();
  return `sudo apt-get update && sudo apt-get install -y ${b.aptPackage}   (or set ${b.envVar}=/path/to/${exe})`;
}

function find(b: Browser, env: NodeJS.ProcessEnv): Found {
  const explicit = env[b.envVar];
  if (explicit) {
    if (existsSync(explicit)) return { path: explicit, how: b.envVar };
    throw new Error(`${b.envVar}=${explicit} does not exist`);
  }
  for (const p of b.candidates) if (existsSync(p)) return { path: p, how: 'found on disk' };
  throw new Error(`No ${b.name} found. Install one: ${installHint(b)}`);
}

/** Like find, but installs Debian's package when running as root with apt (and no path was named). */
function ensure(b: Browser, env: NodeJS.ProcessEnv): Found {
  try {
    return find(b, env);
  } catch (e) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!root || !existsSync('/usr/bin/apt-get') || env[b.envVar]) throw e;
    console.log(`No ${b.name} found: installing Debian's ${b.aptPackage} with apt-get (running as root)...`);
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', b.aptPackage], {
      stdio: 'inherit',
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return find(b, env);
  }
}

export const INSTALL_HINT = installHint(CHROMIUM);
export const FIREFOX_INSTALL_HINT = installHint(FIREFOX);
export const findChromium = (env: NodeJS.ProcessEnv = process.env): Found => find(CHROMIUM, env);
export const ensureChromium = (env: NodeJS.ProcessEnv = process.env): Found => ensure(CHROMIUM, env);
export const findFirefox = (env: NodeJS.ProcessEnv = process.env): Found => find(FIREFOX, env);
export const ensureFirefox = (env: NodeJS.ProcessEnv = process.env): Found => ensure(FIREFOX, env);
