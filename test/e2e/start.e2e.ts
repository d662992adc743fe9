// `npm start` without a display: the real script, run headless against dist/chrome, on a few
// scenarios (lab.e2e.ts drives all of them; the table's formatting for every case is unit-tested
// in test/scripts/lab/summary.test.ts). Its table must list the scenarios it ran, its verdicts
// must agree with its exit code, and it must leave the screenshots and no browser profile behind.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioById } from '../../scripts/lab/scenarios.ts';
import { extensionDir, outputDir, repo } from './support/chromium.ts';

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  interruptWhen?: string,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repo, 'scripts', 'start.ts'), ...args],
      { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // Ctrl+C, as a terminal sends it, once the script says it is waiting
      if (interruptWhen && out.includes(interruptWhen)) child.kill('SIGINT');
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), 110_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

// start.ts makes its profile under os.tmpdir(), which follows TMPDIR: give it one of our own
const tmp = outputDir('start-tmp');
const profiles = (): string[] => readdirSync(tmp).filter((n) => n.startsWith('authlens-profile-'));

const PICK = ['jwt-expired', 'cors-preflight', 'csrf-laravel', 'service-worker'];
const SCENARIOS = PICK.map((id) => scenarioById(id)!);

describe('npm start, headless', () => {
  it('with no display it runs every scenario, prints the table and exits 0 only if all match', async () => {
    const started = Date.now();
    const env = {
      ...process.env,
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
      TMPDIR: tmp,
      AUTHLENS_EXTENSION_DIR: extensionDir(),
    };
    const { code, out } = await run(['--scenario', PICK.join(',')], env);
    expect(out).toContain('headless: no display');
    expect(out).toMatch(/AuthLens lab: {2}http:\/\/127\.0\.0\.1:\d+\//);
    const table = out.slice(out.indexOf('Scenario  '));
    const header = table.split('\n')[0] ?? '';
    expect(header.split(/\s{2,}/)).toEqual(['Scenario', 'Captured', 'AuthLens top finding', 'Expected', 'Match']);
    const rows = table
      .split('\n')
      .slice(2, 2 + SCENARIOS.length)
      .map((line) => line.split(/\s{2,}/));
    expect(rows.map((r) => r[0])).toEqual(SCENARIOS.map((s) => s.id));
    for (const [i, s] of SCENARIOS.entries()) {
      const r = rows[i]!;
      expect(r[3], s.id).toBe(s.expect.topFinding);
      expect(r[4] === 'ok', `${s.id}: ${r.join(' | ')}`).toBe(r[1] !== 'no' && r[2] === s.expect.topFinding);
    }
    const mismatches = rows.filter((r) => r[4] !== 'ok').length;
    expect(code, out.slice(-3000)).toBe(mismatches === 0 ? 0 : 1);
    expect(out).toContain(
      mismatches === 0
        ? `All ${SCENARIOS.length} scenarios diagnosed as expected.`
        : `${mismatches} of ${SCENARIOS.length} scenarios not diagnosed as expected:`,
    );
    for (const f of ['lab.png', 'panel.png', 'popup.png']) {
      const p = join(repo, 'lab-output', f);
      expect(existsSync(p) && statSync(p).mtimeMs >= started, `${f} written by this run`).toBe(true);
    }
    expect(profiles(), 'temporary profile removed').toEqual([]);
  });

  it('--keep-open waits after the summary; Ctrl+C closes the browser, removes the profile, exits 130', async () => {
    const env = { ...process.env, TMPDIR: tmp, AUTHLENS_EXTENSION_DIR: extensionDir() };
    const { code, out } = await run(
      ['--headless', '--keep-open', '--scenario', 'jwt-expired'],
      env,
      'Ctrl+C stops everything',
    );
    expect(out).toContain('jwt-expired');
    expect(out).toContain('Stopping: closing the browser, removing its temporary profile, stopping the lab.');
    expect(code, out).toBe(130);
    expect(profiles()).toEqual([]);
  });

  it('refuses a scenario id it does not know, listing the known ones', async () => {
    const { code, out } = await run(['--headless', '--scenario', 'jwt-expired,nope'], {
      ...process.env,
      AUTHLENS_EXTENSION_DIR: extensionDir(),
    });
    expect(code).toBe(2);
    expect(out).toContain('--scenario: no such scenario nope. Known: missing-token, bearer-undefined');
  });

  it('with a display that does not work, it says the browser could not start and cleans up', async () => {
    const { code, out } = await run([], {
      ...process.env,
      DISPLAY: ':97',
      WAYLAND_DISPLAY: '',
      TMPDIR: tmp,
      AUTHLENS_EXTENSION_DIR: extensionDir(),
    });
    expect(code, out).toBe(2);
    expect(out).toMatch(/Could not start \S+chromium/);
    expect(profiles()).toEqual([]);
  });

  it('rejects an unknown option with the usage text and exit code 2', async () => {
    const { code, out } = await run(['--frobnicate'], { ...process.env });
    expect(code).toBe(2);
    expect(out).toContain('unknown option --frobnicate');
    expect(out).toContain('--keep-open');
  });

  it('says which port is taken when --port is in use', async () => {
    const { createServer } = await import('node:net');
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as { port: number }).port;
    try {
      const { code, out } = await run(['--headless', '--port', String(port)], {
        ...process.env,
        AUTHLENS_EXTENSION_DIR: extensionDir(),
      });
      expect(code).toBe(2);
      expect(out).toContain(`Port ${port} is in use`);
    } finally {
      srv.close();
    }
  });
});
