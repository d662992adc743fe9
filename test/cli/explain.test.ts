// authlens explain on real HARs: each format, --fail-on exit codes, colour rules, masking, stdin.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.ts';

const repo = resolve(import.meta.dirname, '../..');
const LAB = join(repo, 'test', 'fixtures', 'har', 'chromium-recorded-lab.har');
const CHROME = join(repo, 'test', 'fixtures', 'har', 'chrome-h2.har');
const ESC = '\u001b[';

describe('authlens explain', () => {
  it('json: an array of { url, method, status, findings: [{ id, severity, title, ... }] } in file order', async () => {
    const r = await run(['explain', LAB, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as {
      url: string;
      method: string;
      status: number;
      entry: number;
      findings: { id: string; severity: string; title: string }[];
    }[];
    expect(out.map((x) => x.entry)).toEqual([...out.map((x) => x.entry)].sort((a, b) => a - b));
    expect(out[0]).toMatchObject({ method: 'GET', status: 401, url: expect.stringMatching(/\/api\/invoices$/) });
    expect(out[0]!.findings[0]).toMatchObject({
      id: 'token-expired',
      severity: 'error',
      title: 'Access token expired',
    });
    expect(r.stdout).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);
  });

  it('text: plain when not a terminal, coloured on a TTY, NO_COLOR and FORCE_COLOR respected', async () => {
    const plain = await run(['explain', LAB]);
    expect(plain.stdout).not.toContain(ESC);
    expect(plain.stdout).toMatch(/^401 GET http:\/\/127\.0\.0\.1:\d+\/api\/invoices {2}entry \d+/);
    expect(plain.stdout).toContain('✖ Access token expired  token-expired · error');
    expect(plain.stdout).toMatch(/\d+ auth failures in \d+ entries \(\d+ errors?(, \d+ warnings?)?\)\.\n$/);
    expect((await run(['explain', LAB], { tty: true })).stdout).toContain(ESC);
    expect((await run(['explain', LAB], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await run(['explain', LAB], { env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC);
    expect((await run(['explain', LAB], { tty: true, env: { FORCE_COLOR: '0' } })).stdout).not.toContain(ESC);
  });

  it('text: what a server wrote cannot drive the terminal (control characters shown as \\xNN)', async () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2026-01-01T00:00:00Z',
            request: { method: 'GET', url: 'https://a.example/\u001b]0;pwned\u0007', headers: [] },
            response: { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Basic realm="\u001b[31mx"' }] },
          },
        ],
      },
    };
    const r = await run(['explain', '-'], { stdin: [JSON.stringify(har)] });
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\x1b');
  });

  it('markdown: one report per failure, masked unless --reveal', async () => {
    const r = await run(['explain', LAB, '--format', 'markdown']);
    expect(r.stdout).toMatch(/^# AuthLens: \d+ auth failures in .*chromium-recorded-lab\.har \(\d+ entries\)\n/);
    expect(r.stdout).toContain('#### 1. Access token expired (error, `token-expired`)');
    expect(r.stdout).toContain('Secrets are masked');
    expect(r.stdout).not.toMatch(/Bearer eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);
    const revealed = await run(['explain', LAB, '--format', 'markdown', '--reveal']);
    expect(revealed.stdout).toMatch(/Bearer eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);
  });

  it('junit: one testcase per failure, a <failure> for those at the --fail-on level', async () => {
    const json = JSON.parse((await run(['explain', LAB, '--format', 'json'])).stdout) as unknown[];
    const r = await run(['explain', LAB, '--format', 'junit']);
    expect(r.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="authlens"/);
    expect(r.stdout.match(/<testcase /g)).toHaveLength(json.length);
    expect(r.stdout).toContain('type="token-expired"');
    const never = await run(['explain', LAB, '--format', 'junit', '--fail-on', 'never']);
    expect(never.code).toBe(0);
    expect(never.stdout).not.toContain('<failure');
  });

  it('--fail-on: error (default) and warning exit 1 when such a finding exists; never exits 0', async () => {
    expect((await run(['explain', LAB])).code).toBe(1);
    expect((await run(['explain', LAB, '--fail-on', 'warning'])).code).toBe(1);
    expect((await run(['explain', LAB, '--fail-on', 'never'])).code).toBe(0);
    const clean = { log: { entries: [] } };
    const r = await run(['explain', '-'], { stdin: [JSON.stringify(clean)] });
    expect(r).toEqual({ code: 0, stdout: 'No auth failure in 0 entries.\n', stderr: '' });
  });

  it('stdin in chunks reads like the file', async () => {
    const text = readFileSync(CHROME);
    const chunks = Array.from({ length: Math.ceil(text.length / 1000) }, (_, i) =>
      text.subarray(i * 1000, i * 1000 + 1000),
    );
    const a = await run(['explain', '-', '--format', 'json'], { stdin: chunks });
    const b = await run(['explain', CHROME, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('--status widens what counts as an auth failure', async () => {
    const r = await run(['explain', CHROME, '--format', 'json', '--status', '401,403,200']);
    const base = await run(['explain', CHROME, '--format', 'json']);
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(JSON.parse(base.stdout).length);
  });

  it('--help and --version', async () => {
    expect((await run(['explain', '--help'])).stdout).toContain('--fail-on error|warning|never');
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
