// A real @playwright/test project using `authlens/playwright` (the package's own build in lib/,
// reached by its name through package.json "exports"), run against the AuthLens lab by
// test/e2e/playwright-fixture.e2e.ts, which starts the lab and passes its address in AUTHLENS_LAB.
// The system's Chromium: Playwright never downloads a browser here.
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { findChromium } from '../../scripts/find-browser.ts';
import { CHROMIUM_FLAGS } from '../../scripts/lab/chromium.ts';

export default defineConfig({
  testDir: import.meta.dirname,
  outputDir: join(import.meta.dirname, '..', '..', 'test-output', 'playwright-project'),
  retries: 0,
  workers: 1,
  use: {
    headless: true,
    launchOptions: { executablePath: findChromium().path, args: [...CHROMIUM_FLAGS] },
  },
});
