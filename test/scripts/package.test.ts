// npm run package against a throw-away project: a git repo whose small build turns the real
// manifest.json into dist/chrome and dist/firefox with scripts/manifest.ts; the source zip is
// rebuilt in a temporary folder and must reproduce dist/; the zips are read back by JSZip and
// the Firefox zip is checked by addons-linter (what addons.mozilla.org runs on an upload).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { manifestFor } from '../../scripts/manifest.ts';
import { REVIEWER_README, artifactName, manifestProblems, packageAll, type Artifact } from '../../scripts/package.ts';
import { lintFirefoxZip, untrackedBuildInputs } from '../../scripts/package-checks.ts';
import { zip } from '../../scripts/zip.ts';

const repo = resolve(import.meta.dirname, '../..');
const source = JSON.parse(readFileSync(join(repo, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const VERSION = '1.2.3';
const MTIME = new Date(Date.UTC(2026, 0, 2, 3, 4, 6));

let root = '';

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

// The throw-away project's build: what scripts/build.ts does, minus Vite. It reads only tracked
// inputs, so the source zip must reproduce dist/ byte for byte.
const FAKE_BUILD = `
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { manifestFor } from ${JSON.stringify(join(repo, 'scripts', 'manifest.ts'))};
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const source = JSON.parse(readFileSync('manifest.json', 'utf8'));
for (const target of ['chrome', 'firefox']) {
  const dir = 'dist/' + target;
  mkdirSync(dir + '/assets', { recursive: true });
  cpSync('public', dir, { recursive: true });
  writeFileSync(dir + '/manifest.json', JSON.stringify(manifestFor(source, target, pkg.version), null, 2));
  writeFileSync(dir + '/background.js', readFileSync('src/background/index.ts'));
  for (const page of ['popup', 'panel', 'devtools', 'options']) {
    const head = '<meta charset="utf-8"><title>' + page + '</title>';
    const script = '<script type="module" src="./assets/' + page + '.js"></script>';
    const html = '<!doctype html><html><head>' + head + script + '</head><body></body></html>';
    writeFileSync(dir + '/' + page + '.html', html);
    writeFileSync(dir + '/assets/' + page + '.js', 'document.title = ' + JSON.stringify(page) + ';');
  }
}
`;
const BUILD = [join(repo, 'node_modules', '.bin', 'tsx'), 'scripts/build.mts'];

async function read(file: string): Promise<Map<string, string>> {
  const z = await JSZip.loadAsync(readFileSync(file), { checkCRC32: true });
  const out = new Map<string, string>();
  for (const f of Object.values(z.files)) if (!f.dir) out.set(f.name, await f.async('string'));
  return out;
}

let artifacts: Artifact[] = [];
const git = (...args: string[]): void => void execFileSync('git', args, { cwd: root, stdio: 'ignore' });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'authlens-package-'));
  write(
    join(root, 'package.json'),
    JSON.stringify({ name: 'authlens', version: VERSION, engines: { node: '>=20.19' } }),
  );
  write(join(root, 'manifest.json'), JSON.stringify(source));
  cpSync(join(repo, 'public'), join(root, 'public'), { recursive: true });
  write(join(root, 'src', 'background', 'index.ts'), 'browser.runtime.onInstalled.addListener(() => {});\n');
  write(join(root, 'scripts', 'build.mts'), FAKE_BUILD);
  write(join(root, 'scripts', 'run.sh'), '#!/bin/sh\n');
  execFileSync('chmod', ['+x', join(root, 'scripts', 'run.sh')]);
  write(join(root, '.gitignore'), 'dist/\nartifacts/\nnode_modules\n');
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  git('init', '-q');
  git('add', 'package.json', 'manifest.json', 'public', 'src', 'scripts', '.gitignore');
  execFileSync(BUILD[0]!, BUILD.slice(1), { cwd: root, stdio: 'ignore' });
  write(join(root, 'dist', 'firefox', '.DS_Store'), 'junk');
  write(join(root, 'untracked-notes.txt'), 'not for the source zip');
  artifacts = packageAll({ root, mtime: MTIME, verify: BUILD });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('packageAll', () => {
  it('writes the three zips, named from package.json, into artifacts/', () => {
    expect(artifacts.map((a) => [a.kind, a.file])).toEqual([
      ['chrome', join(root, 'artifacts', 'authlens-chrome-1.2.3.zip')],
      ['firefox', join(root, 'artifacts', 'authlens-firefox-1.2.3.zip')],
      ['source', join(root, 'artifacts', 'authlens-source-1.2.3.zip')],
    ]);
    for (const a of artifacts) {
      expect(a.bytes).toBe(readFileSync(a.file).length);
      expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(artifactName('firefox', '0.1.0')).toBe('authlens-firefox-0.1.0.zip');
  });

  it('puts each dist folder at the zip root, byte for byte, without dotfiles', async () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const files = await read(join(root, 'artifacts', artifactName(target, VERSION)));
      expect(files.has('manifest.json')).toBe(true);
      expect(files.has('.DS_Store')).toBe(false);
      expect([...files.keys()].sort()).toContain('icons/icon-16.png');
      expect(files.get('manifest.json')).toBe(readFileSync(join(root, 'dist', target, 'manifest.json'), 'utf8'));
      const m = JSON.parse(files.get('manifest.json')!) as { background: Record<string, unknown> };
      expect(target === 'chrome' ? m.background.service_worker : m.background.scripts).toBeTruthy();
    }
  });

  it("the source zip holds the git-tracked files and the reviewers' README, nothing else", async () => {
    const files = await read(join(root, 'artifacts', artifactName('source', VERSION)));
    const names = [...files.keys()].sort();
    expect(names).toContain(REVIEWER_README);
    expect(names).toContain('public/icons/icon-16.png');
    expect(names.filter((n) => !n.startsWith('public/'))).toEqual([
      '.gitignore',
      REVIEWER_README,
      'manifest.json',
      'package.json',
      'scripts/build.mts',
      'scripts/run.sh',
      'src/background/index.ts',
    ]);
    const readme = files.get(REVIEWER_README)!;
    expect(readme).toContain('npm ci');
    expect(readme).toContain('npm run build');
    expect(readme).toContain('authlens-firefox-1.2.3.zip');
    expect(readme).toContain('20.19');
    const z = await JSZip.loadAsync(readFileSync(join(root, 'artifacts', artifactName('source', VERSION))));
    expect((z.files['scripts/run.sh']!.unixPermissions as number) & 0o777).toBe(0o755);
  });

  it('the same inputs give the same bytes', () => {
    const again = packageAll({ root, outDir: join(root, 'again'), mtime: MTIME });
    expect(again.map((a) => a.sha256)).toEqual(artifacts.map((a) => a.sha256));
  });

  it("refuses a stale dist whose manifest version is not package.json's", () => {
    const stale = mkdtempSync(join(tmpdir(), 'authlens-stale-'));
    try {
      cpSync(root, stale, { recursive: true });
      write(join(stale, 'package.json'), JSON.stringify({ name: 'authlens', version: '9.9.9' }));
      expect(() => packageAll({ root: stale, mtime: MTIME })).toThrow(/not package.json's 9\.9\.9.*npm run build/);
      expect(existsSync(join(stale, 'artifacts', 'authlens-chrome-9.9.9.zip'))).toBe(false);
    } finally {
      rmSync(stale, { recursive: true, force: true });
    }
  });

  it('refuses when dist/ is not what the tracked sources build (stale or hand-edited dist)', () => {
    const bg = join(root, 'dist', 'firefox', 'background.js');
    const good = readFileSync(bg);
    writeFileSync(bg, '// edited by hand\n');
    try {
      expect(() => packageAll({ root, outDir: join(root, 'bad'), mtime: MTIME, verify: BUILD })).toThrow(
        /does not rebuild.*firefox: background\.js differs/s,
      );
      expect(existsSync(join(root, 'bad'))).toBe(false);
    } finally {
      writeFileSync(bg, good);
    }
  });

  it('refuses when the build reads a file git does not track (the source zip could not rebuild it)', () => {
    const extra = join(root, 'src', 'background', 'failure.ts');
    write(extra, 'export {};\n');
    try {
      expect(untrackedBuildInputs(root)).toEqual(['src/background/failure.ts']);
      expect(() => packageAll({ root, outDir: join(root, 'bad'), mtime: MTIME })).toThrow(
        /git does not track.*src\/background\/failure\.ts/,
      );
    } finally {
      unlinkSync(extra);
    }
    expect(untrackedBuildInputs(root)).toEqual([]);
  });

  it("addons-linter (AMO's upload check) finds no errors in the Firefox zip", () => {
    const lint = lintFirefoxZip(repo, join(root, 'artifacts', artifactName('firefox', VERSION)));
    expect(lint.errors).toEqual([]);
  });

  it('addons-linter does report errors (the check has teeth)', () => {
    const bad = join(root, 'bad.zip');
    writeFileSync(bad, zip([{ name: 'manifest.json', data: '{"manifest_version": 3, "name": "x"' }]));
    expect(lintFirefoxZip(repo, bad).errors.join('\n')).toMatch(/JSON/);
  });
});

describe('manifestProblems', () => {
  it('accepts what scripts/manifest.ts derives from manifest.json', () => {
    expect(manifestProblems(manifestFor(source, 'chrome', '1.0.0'), 'chrome', '1.0.0')).toEqual([]);
    expect(manifestProblems(manifestFor(source, 'firefox', '1.0.0'), 'firefox', '1.0.0')).toEqual([]);
  });

  it('names what a store would reject', () => {
    const ff = manifestFor(source, 'firefox', '1.0.0');
    delete (ff.browser_specific_settings as { gecko: Record<string, unknown> }).gecko.data_collection_permissions;
    expect(manifestProblems(ff, 'firefox', '1.0.0')).toEqual([expect.stringMatching(/data_collection_permissions/)]);
    expect(manifestProblems(manifestFor(source, 'chrome', '1.0.0'), 'firefox', '1.0.0').join()).toMatch(
      /background.scripts.*gecko.id/,
    );
    expect(manifestProblems(manifestFor(source, 'firefox', '1.0.0'), 'chrome', '1.0.0').join()).toMatch(
      /service_worker.*browser_specific_settings/,
    );
    expect(
      manifestProblems({ ...manifestFor(source, 'chrome', '1.0.0'), manifest_version: 2 }, 'chrome', '2.0.0'),
    ).toHaveLength(2);
  });
});
