import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// Two builds from one config (scripts/build.ts runs both):
//  - pages: popup, panel, devtools, options, findings (HTML entries under src/, emitted at dist root);
//  - `--mode background`: the worker as ONE self-contained file. MV3 service workers cannot use
//    dynamic import(), and a file with no imports runs unchanged as Chrome's module worker and
//    as Firefox's classic background script.
const root = resolve(import.meta.dirname, 'src');
const outDir = process.env.AUTHLENS_OUT ?? resolve(import.meta.dirname, 'dist/chrome');

export default defineConfig(({ mode }) => {
  const common = {
    root,
    publicDir: resolve(import.meta.dirname, 'public'),
    base: './',
    logLevel: 'warn' as const,
    oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } },
    build: { outDir, target: 'es2022', sourcemap: false, modulePreload: false, reportCompressedSize: false },
  };
  if (mode === 'background') {
    return {
      ...common,
      publicDir: false as const,
      build: {
        ...common.build,
        emptyOutDir: false,
        rollupOptions: {
          input: resolve(root, 'background/index.ts'),
          output: { format: 'es' as const, entryFileNames: 'background.js', codeSplitting: false },
        },
      },
    };
  }
  return {
    ...common,
    // the engine's worker (src/shared/diagnosis-worker.ts) is a module worker: one file, no hash
    worker: {
      format: 'es' as const,
      rollupOptions: { output: { entryFileNames: 'assets/[name].js', chunkFileNames: 'assets/[name].js' } },
    },
    build: {
      ...common.build,
      emptyOutDir: true,
      rollupOptions: {
        input: {
          popup: resolve(root, 'popup.html'),
          panel: resolve(root, 'panel.html'),
          devtools: resolve(root, 'devtools.html'),
          options: resolve(root, 'options.html'),
          findings: resolve(root, 'findings.html'),
        },
        output: {
          entryFileNames: 'assets/[name].js',
          chunkFileNames: 'assets/[name].js',
          assetFileNames: 'assets/[name][extname]',
        },
      },
    },
  };
});
