// Renders public/icons/*.png from scripts/icons.svg.ts in headless Chromium. Run by hand
// (`npx tsx scripts/icons.ts`) after changing the drawing; the PNGs are committed.
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { iconSvg } from './icons.svg.ts';
import { findChromium } from './find-browser.ts';

const out = resolve(import.meta.dirname, '../public/icons');
const browser = await chromium.launch({ executablePath: findChromium().path, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const alert of [false, true]) {
  for (const size of [16, 32, 48, 128]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      '<style>html,body{margin:0;background:transparent}' +
        `svg{width:${size}px;height:${size}px;display:block}</style>${iconSvg(alert)}`,
    );
    const png = await page.screenshot({ omitBackground: true });
    writeFileSync(join(out, `icon${alert ? '-alert' : ''}-${size}.png`), png);
  }
}
await browser.close();
