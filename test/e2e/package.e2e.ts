// The npm package for real: `npm pack` (after `npm run build`), installed into an empty folder
// with no network (`npm install --offline`: nothing may come from the registry), where
// `npx authlens explain some.har` and `import('authlens')` both work.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repo } from './support/chromium.ts';

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'authlens-pack-'));
const app = join(dir, 'app');
let tgz: string;

async function sh(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(cmd, args, {
      cwd,
      env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

beforeAll(async () => {
  expect(existsSync(join(repo, 'lib', 'cli.js')), 'npm run build first').toBe(true);
  const packed = await sh('npm', ['pack', '--pack-destination', dir], repo);
  expect(packed.code, packed.stderr).toBe(0);
  tgz = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.tgz'))!,
  );
  await exec('mkdir', ['-p', app]);
  const installed = await sh('npm', ['install', '--offline', '--no-package-lock', tgz], app);
  expect(installed.code, installed.stderr).toBe(0);
  copyFileSync(join(repo, 'test', 'fixtures', 'har', 'chromium-recorded-lab.har'), join(app, 'some.har'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm pack → npm install --offline into an empty folder', () => {
  it('installs authlens alone: no runtime dependency to fetch', () => {
    expect(readdirSync(join(app, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['authlens']);
  });

  it('npx authlens explain some.har', async () => {
    const r = await sh('npx', ['--offline', 'authlens', 'explain', 'some.har', '--format', 'json'], app);
    expect(r.code, r.stderr).toBe(1); // findings at the error level
    const out = JSON.parse(r.stdout) as { status: number; findings: { id: string }[] }[];
    expect(out[0]?.findings[0]?.id).toBe('token-expired');
    const text = await sh('npx', ['--offline', 'authlens', 'explain', 'some.har'], app);
    expect(text.stdout).toContain('✖ Access token expired');
  });

  it("import('authlens'): diagnose, diagnoseHar, parseChallenges, decodeJwt", async () => {
    const code =
      "const m = await import('authlens');" +
      'const c = m.parseChallenges(\'Bearer realm="x", error="invalid_token"\');' +
      "const h = m.diagnoseHar((await import('node:fs')).readFileSync('some.har', 'utf8'));" +
      'const out = [typeof m.diagnose, typeof m.decodeJwt, c.challenges[0].scheme, h.ok && h.failures.length];' +
      'console.log(JSON.stringify(out));';
    const r = await sh(process.execPath, ['-e', code], app);
    expect(r.code, r.stderr).toBe(0);
    const [d, j, scheme, n] = JSON.parse(r.stdout) as [string, string, string, number];
    expect([d, j, scheme]).toEqual(['function', 'function', 'Bearer']);
    expect(n).toBeGreaterThan(5);
  });

  it("import('authlens/playwright') needs the peer @playwright/test, and says so", async () => {
    const r = await sh(
      process.execPath,
      ['-e', "import('authlens/playwright').catch((e) => console.log(e.code))"],
      app,
    );
    expect(r.stdout.trim()).toBe('ERR_MODULE_NOT_FOUND');
  });
});
