// npm run package: store-ready zips from dist/ (run after the build), written to artifacts/:
//   authlens-chrome-<version>.zip   Chrome Web Store upload (manifest.json at the zip root)
//   authlens-firefox-<version>.zip  addons.mozilla.org upload
//   authlens-source-<version>.zip   the git-tracked sources, for AMO's reviewers: our bundles are
//     minified by Vite, and AMO asks for the sources plus build steps in that case.
//     https://extensionworkshop.com/documentation/publish/source-code-submission/
//     Before writing anything it rebuilds from exactly those files in a temporary folder and
//     compares with dist/, so a file the build needs but git does not track is caught here.
// Every zip uses one timestamp (SOURCE_DATE_EPOCH, else the HEAD commit time) so a rebuild of
// the same commit gives the same bytes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zip, type ZipEntry } from './zip.ts';
import { lintFirefoxZip, listFiles, untrackedBuildInputs, verifyRebuild } from './package-checks.ts';

import type { Target } from './manifest.ts';

export type { Target };

export interface Artifact {
  kind: Target | 'source';
  file: string;
  bytes: number;
  entries: number;
  sha256: string;
}

export interface PackageOptions {
  root: string;
  /** where the zips go; `<root>/artifacts` by default */
  outDir?: string;
  /** fixed timestamp for every entry */
  mtime?: Date;
  /** rebuild from the source zip's files and compare with dist/ (true: `tsx scripts/build.ts`; or a command) */
  verify?: boolean | string[];
}

export const REVIEWER_README = 'SOURCE-README.md';

export function artifactName(kind: Target | 'source', version: string): string {
  return `authlens-${kind}-${version}.zip`;
}

/** What a store would reject, for the manifest a dist folder holds. Empty when fine. */
export function manifestProblems(m: Record<string, unknown>, target: Target, version: string): string[] {
  const problems: string[] = [];
  if (m.manifest_version !== 3) problems.push('manifest_version is not 3');
  if (m.version !== version)
    problems.push(
      `manifest version ${String(m.version)} is not package.json's ${version} (stale dist? run npm run build)`,
    );
  const bg = (m.background ?? {}) as Record<string, unknown>;
  const gecko = ((m.browser_specific_settings ?? {}) as Record<string, Record<string, unknown> | undefined>).gecko;
  if (target === 'chrome') {
    if (typeof bg.service_worker !== 'string') problems.push('chrome manifest has no background.service_worker');
    if (m.browser_specific_settings !== undefined) problems.push('chrome manifest carries browser_specific_settings');
  } else {
    if (!Array.isArray(bg.scripts)) problems.push('firefox manifest has no background.scripts');
    if (typeof gecko?.id !== 'string') problems.push('firefox manifest has no browser_specific_settings.gecko.id');
    // AMO requires a data collection declaration for new add-ons (AuthLens collects nothing).
    // https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/
    const dcp = gecko?.data_collection_permissions as { required?: unknown } | undefined;
    if (!Array.isArray(dcp?.required))
      problems.push('firefox manifest has no browser_specific_settings.gecko.data_collection_permissions.required');
  }
  return problems;
}

export function extensionEntries(dir: string): ZipEntry[] {
  const files = listFiles(dir);
  if (!files.includes('manifest.json')) throw new Error(`${dir} has no manifest.json at its root: run npm run build`);
  return files.map((name) => ({ name, data: readFileSync(join(dir, name)) }));
}

export function reviewerReadme(version: string, nodeVersion: string): string {
  return `# AuthLens ${version}: building the submitted add-on from source

The add-on's JavaScript is bundled and minified by Vite from the TypeScript in src/.
This archive holds every file tracked in the project's git repository at that version.

Requirements: Node.js ${nodeVersion} or newer (packaged with ${process.version}), npm 10+,
on Linux, macOS or Windows. No other tool is needed (no zip binary, no network besides npm).

    npm ci              # installs the exact versions pinned in package-lock.json
    npm run build       # writes dist/firefox (and dist/chrome)

dist/firefox/ is then byte-for-byte the content of authlens-firefox-${version}.zip.
\`npm run package\` rebuilds and writes the zips themselves into artifacts/.

Where things are: manifest.json (one source; scripts/manifest.ts derives the Firefox manifest),
src/background (webRequest capture, storage.session store, badge), src/analysis (the pure
diagnosis engine), src/panel, src/popup, src/options, src/devtools, src/findings (Preact pages),
src/shared/browser.ts (the one module that imports webextension-polyfill, and every Firefox
difference). Nothing is fetched at run time; no data leaves the browser.
`;
}

/** git-tracked files (as they are in the working tree), plus the reviewers' README. */
export function sourceEntries(root: string, version: string, nodeVersion: string): ZipEntry[] {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  // A tracked file deleted in the working tree is not part of what the build saw.
  const present = tracked.filter((f) => existsSync(join(root, f)) && statSync(join(root, f)).isFile()).sort();
  if (present.includes(REVIEWER_README))
    throw new Error(`${REVIEWER_README} is tracked: pick another name for the generated file`);
  const entries: ZipEntry[] = present.map((name) => {
    const mode = statSync(join(root, name)).mode & 0o111 ? 0o755 : 0o644;
    return { name, data: readFileSync(join(root, name)), mode };
  });
  entries.push({ name: REVIEWER_README, data: reviewerReadme(version, nodeVersion) });
  return entries;
}

function defaultMtime(root: string): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  try {
    return new Date(
      Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: root, encoding: 'utf8' }).trim()) * 1000,
    );
  } catch {
    return new Date(Date.UTC(1980, 0, 1));
  }
}

export function packageAll(opts: PackageOptions): Artifact[] {
  const root = resolve(opts.root);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    engines?: { node?: string };
  };
  const outDir = opts.outDir ?? join(root, 'artifacts');
  const mtime = opts.mtime ?? defaultMtime(root);

  const packages = {} as Record<Target, ZipEntry[]>;
  for (const target of ['chrome', 'firefox'] as const) {
    const dir = join(root, 'dist', target);
    const manifestPath = join(dir, 'manifest.json');
    if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run npm run build first`);
    const problems = manifestProblems(
      JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>,
      target,
      pkg.version,
    );
    if (problems.length) throw new Error(`dist/${target}/manifest.json: ${problems.join('; ')}`);
    packages[target] = extensionEntries(dir);
  }
  const untracked = untrackedBuildInputs(root);
  if (untracked.length) {
    throw new Error(
      `the build reads files git does not track, so the source zip could not rebuild the packages: ` +
        `${untracked.join(', ')} (commit them, or ignore them)`,
    );
  }
  const nodeVersion = (pkg.engines?.node ?? '>=20').replace(/^[>=^~ ]+/, '');
  const source = sourceEntries(root, pkg.version, nodeVersion);
  if (opts.verify) {
    const problems = verifyRebuild(root, source, packages, opts.verify === true ? undefined : opts.verify);
    if (problems.length)
      throw new Error(
        `the source zip does not rebuild the packages (is dist/ stale? run npm run package, ` +
          `which builds first):\n  ${problems.slice(0, 20).join('\n  ')}`,
      );
  }

  mkdirSync(outDir, { recursive: true });
  const jobs: [Target | 'source', ZipEntry[]][] = [
    ['chrome', packages.chrome],
    ['firefox', packages.firefox],
    ['source', source],
  ];
  return jobs.map(([kind, entries]) => {
    const buf = zip(entries, { mtime });
    const file = join(outDir, artifactName(kind, pkg.version));
    writeFileSync(file, buf);
    return {
      kind,
      file,
      bytes: buf.length,
      entries: entries.length,
      sha256: createHash('sha256').update(buf).digest('hex'),
    };
  });
}

function main(): void {
  const root = resolve(import.meta.dirname, '..');
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  if (dirty)
    console.warn('warning: tracked files have uncommitted changes; the source zip holds the working-tree versions');
  const verify = !process.argv.includes('--no-verify');
  if (verify)
    console.log("Rebuilding from the source zip's files to check they reproduce both packages (--no-verify skips)...");
  const artifacts = packageAll({ root, verify });
  for (const a of artifacts) {
    console.log(
      `${relative(root, a.file).padEnd(40)} ${(a.bytes / 1024).toFixed(1).padStart(8)} KB  ` +
        `${String(a.entries).padStart(4)} files  sha256 ${a.sha256.slice(0, 16)}`,
    );
  }
  // what addons.mozilla.org runs on an upload (web-ext lint runs the same linter on dist/firefox)
  const firefox = artifacts.find((a) => a.kind === 'firefox')!;
  const lint = lintFirefoxZip(root, firefox.file);
  console.log(
    `addons-linter on ${relative(root, firefox.file)}: ${lint.errors.length} errors, ${lint.warnings.length} warnings`,
  );
  for (const w of lint.warnings) console.log(`  warning ${w}`);
  for (const e of lint.errors) console.error(`  ERROR ${e}`);
  if (lint.errors.length) throw new Error('the Firefox package has addons-linter errors: AMO would reject it');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
