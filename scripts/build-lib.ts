// The `authlens` npm package's code, in lib/ (git-ignored): the library (lib/index.js, browsers
// and Node alike) and the Playwright fixture (lib/playwright.js) as ES modules, the CLI as one
// Node file (lib/cli.js) with the MCP SDK and everything else it needs bundled in (the package
// has no runtime dependency), and the declarations (lib/types/) from tsc.
import { build } from 'vite';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const here = resolve(import.meta.dirname, '..');
const lib = join(here, 'lib');

export async function buildLib(): Promise<void> {
  rmSync(lib, { recursive: true, force: true });
  const common = { configFile: false as const, root: here, logLevel: 'warn' as const, publicDir: false as const };
  await build({
    ...common,
    build: {
      outDir: lib,
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      reportCompressedSize: false,
      lib: {
        entry: { index: join(here, 'src/lib/index.ts'), playwright: join(here, 'src/playwright/index.ts') },
        formats: ['es'],
      },
      rollupOptions: {
        external: [/^node:/, '@playwright/test'],
        output: { chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
  await build({
    ...common,
    ssr: { noExternal: true, target: 'node' },
    build: {
      outDir: lib,
      emptyOutDir: false,
      target: 'node20',
      ssr: join(here, 'src/cli/bin.ts'),
      minify: true,
      reportCompressedSize: false,
      rollupOptions: {
        output: { format: 'es', entryFileNames: 'cli.js', chunkFileNames: 'chunks/cli-[name]-[hash].js' },
      },
    },
  });
  const cli = join(lib, 'cli.js');
  const code = readFileSync(cli, 'utf8');
  if (!code.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${code}`);
  chmodSync(cli, 0o755);
  execFileSync(process.execPath, [join(here, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.lib.json'], {
    cwd: here,
    stdio: 'inherit',
  });
  for (const f of ['index.js', 'playwright.js', 'cli.js'])
    console.log(`  lib/${f.padEnd(34)} ${(statSync(join(lib, f)).size / 1024).toFixed(1).padStart(7)} KB`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildLib().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
