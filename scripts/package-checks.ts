// The checks `npm run package` makes before and after writing the zips: that the source zip
// rebuilds both packages (what an AMO reviewer does with SOURCE-README.md), and that AMO's own
// linter accepts the Firefox zip.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { ZipEntry } from './zip.ts';
import type { Target } from './manifest.ts';

/** Files under dir, relative with forward slashes, sorted; dotfiles (e.g. .DS_Store) left out. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      if (n.startsWith('.')) continue;
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** What the build reads: an untracked file here would be in dist but missing from the source zip. */
export const BUILD_INPUTS = [
  'src',
  'public',
  'manifest.json',
  'package.json',
  'package-lock.json',
  'vite.config.ts',
  'tsconfig.json',
  'scripts/build.ts',
  'scripts/manifest.ts',
  'scripts/findings-doc.ts',
];

export function untrackedBuildInputs(root: string): string[] {
  return execFileSync('git', ['ls-files', '-z', '--others', '--exclude-standard', '--', ...BUILD_INPUTS], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean)
    .sort();
}

/**
 * Rebuilds from the source zip's entries in a temporary folder (node_modules linked from root)
 * and lists every file whose bytes differ from the store zips': what an AMO reviewer following
 * SOURCE-README.md would see. Empty when the sources reproduce both packages.
 */
export function verifyRebuild(
  root: string,
  source: readonly ZipEntry[],
  packages: Record<Target, readonly ZipEntry[]>,
  build: readonly string[] = ['node_modules/.bin/tsx', 'scripts/build.ts'],
): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'authlens-rebuild-'));
  try {
    for (const e of source) {
      mkdirSync(dirname(join(dir, e.name)), { recursive: true });
      writeFileSync(join(dir, e.name), e.data);
    }
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    try {
      execFileSync(build[0]!, build.slice(1), { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
    } catch (e) {
      const err = e as { stderr?: string; stdout?: string };
      const lines = `${err.stdout ?? ''}\n${err.stderr ?? ''}`
        .split('\n')
        .filter((l) => /error|not found|cannot/i.test(l))
        .slice(0, 5);
      return [`the build fails from the source zip: ${lines.join(' | ') || String(e)}`];
    }
    const problems: string[] = [];
    for (const target of ['chrome', 'firefox'] as const) {
      const built = join(dir, 'dist', target);
      const got = existsSync(built) ? listFiles(built) : [];
      const want = new Map(packages[target].map((e) => [e.name, Buffer.from(e.data)]));
      for (const name of got) {
        const w = want.get(name);
        if (!w) problems.push(`${target}: ${name} is built from the sources but not in the package`);
        else if (!w.equals(readFileSync(join(built, name)))) problems.push(`${target}: ${name} differs`);
        want.delete(name);
      }
      for (const name of want.keys())
        problems.push(`${target}: ${name} is in the package but not built from the sources`);
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function lintFirefoxZip(root: string, file: string): { errors: string[]; warnings: string[] } {
  const r = spawnSync(join(root, 'node_modules', '.bin', 'addons-linter'), ['--output', 'json', file], {
    encoding: 'utf8',
  });
  const report = JSON.parse(r.stdout) as Record<
    'errors' | 'warnings',
    { code: string; message: string; file?: string }[]
  >;
  const line = (m: { code: string; message: string; file?: string }): string =>
    `${m.code}${m.file ? ` (${m.file})` : ''}: ${m.message}`;
  return { errors: report.errors.map(line), warnings: report.warnings.map(line) };
}
