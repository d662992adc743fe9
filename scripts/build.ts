// npm run build: dist/chrome and dist/firefox from one source, with each bundle's size printed, and
// docs/findings.md from the finding catalogue.
import { build } from 'vite';
import { cpSync, readFileSync, writeFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { manifestFor, type Target } from './manifest.ts';
import { FINDINGS_DOC, writeFindingsDoc } from './findings-doc.ts';
import { buildLib } from './build-lib.ts';

const here = resolve(import.meta.dirname, '..');
const dist = join(here, 'dist');
const BACKGROUND_BUDGET = 50 * 1024;

async function main(): Promise<void> {
  if (writeFindingsDoc(here)) console.log(`${FINDINGS_DOC} rewritten from the finding catalogue`);
  const chrome = join(dist, 'chrome');
  process.env.AUTHLENS_OUT = chrome;
  await build({ configFile: join(here, 'vite.config.ts'), mode: 'production' });
  await build({ configFile: join(here, 'vite.config.ts'), mode: 'background' });

  const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')) as { version: string };
  const source = JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const firefox = join(dist, 'firefox');
  rmSync(firefox, { recursive: true, force: true });
  cpSync(chrome, firefox, { recursive: true });
  for (const [target, dir] of [
    ['chrome', chrome],
    ['firefox', firefox],
  ] as [Target, string][]) {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestFor(source, target, pkg.version), null, 2) + '\n');
  }

  const rows = files(chrome)
    .filter((f) => /\.(js|css|html)$/.test(f))
    .map((f) => ({ f: relative(chrome, f), size: statSync(f).size }));
  rows.sort((a, b) => b.size - a.size);
  console.log('dist/chrome (dist/firefox holds the same files):');
  for (const r of rows) console.log(`  ${r.f.padEnd(36)} ${(r.size / 1024).toFixed(1).padStart(7)} KB`);
  const bg = statSync(join(chrome, 'background.js')).size;
  if (bg > BACKGROUND_BUDGET) {
    console.error(`background.js is ${(bg / 1024).toFixed(1)} KB, over its ${BACKGROUND_BUDGET / 1024} KB budget`);
    process.exit(1);
  }
  console.log('lib/ (the authlens npm package: library, Playwright fixture, CLI):');
  await buildLib();
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
