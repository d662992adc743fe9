// `authlens/playwright` for real: the @playwright/test project in test/playwright-project/ runs
// (npx playwright test, the system's Chromium) against the lab; its one failing test meets the
// lab's expired token. The list reporter's failure output names the top finding, the result
// carries authlens.md (masked) and an annotation; the passing test carries nothing.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../scripts/lab/server.ts';
import { outputDir, repo } from './support/chromium.ts';

interface JsonReport {
  suites: {
    title: string;
    specs: {
      title: string;
      tests: {
        annotations: { type: string; description?: string }[];
        results: { status: string; attachments: { name: string; contentType: string; body?: string }[] }[];
      }[];
    }[];
  }[];
}

const out = outputDir('playwright-fixture');
let lab: Lab;
let run: { status: number | null; stdout: string; stderr: string };
let report: JsonReport;

beforeAll(async () => {
  expect(existsSync(join(repo, 'lib', 'playwright.js')), 'npm run build first').toBe(true);
  lab = await startLab();
  const json = join(out, 'report.json');
  // asynchronously: the lab answers from this process's event loop
  run = await new Promise((resolve) => {
    const child = spawn(
      'npx',
      ['playwright', 'test', '-c', join('test', 'playwright-project', 'playwright.config.ts'), '--reporter=list,json'],
      {
        cwd: repo,
        env: { ...process.env, AUTHLENS_LAB: lab.primary, PLAYWRIGHT_JSON_OUTPUT_NAME: json, FORCE_COLOR: '0' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status: number | null) => resolve({ status, stdout, stderr }));
  });
  report = JSON.parse(readFileSync(json, 'utf8')) as JsonReport;
});

afterAll(async () => {
  await lab?.close();
});

describe('authlens/playwright in a real Playwright project against the lab', () => {
  it('the run fails: one test passed, the expired-token one failed', () => {
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const results = report.suites.flatMap((f) => f.specs.map((s) => [s.title, s.tests[0]!.results[0]!.status]));
    expect(results).toEqual([
      ['an expired token is refused', 'passed'],
      ['the lab page lists its scenarios', 'passed'],
      ['the invoices load', 'failed'],
    ]);
  });

  it("the list reporter's failure output names the top finding under the error", () => {
    const failure = run.stdout.slice(run.stdout.indexOf('1) '));
    expect(failure).toContain('Received: 401');
    expect(failure).toContain('attachment #1: authlens.md (text/markdown)');
    expect(failure).toMatch(
      /- 401 GET \/api\/invoices → token-expired: Access token expired 15 min before the request/,
    );
  });

  it('the failed result carries authlens.md, secrets masked, and an annotation; the passed one nothing', () => {
    const [passed, failed] = report.suites.find((f) => f.title === 'invoices.spec.ts')!.specs.map((s) => s.tests[0]!);
    expect(passed!.annotations).toEqual([]);
    expect(passed!.results[0]!.attachments.map((a) => a.name)).not.toContain('authlens.md');
    const a = failed!.results[0]!.attachments.find((x) => x.name === 'authlens.md');
    expect(a?.contentType).toBe('text/markdown');
    const md = Buffer.from(a!.body!, 'base64').toString('utf8');
    expect(md).toMatch(/^AuthLens: 1 auth failure during this test\n/);
    expect(md).toContain('#### 1. Access token expired (error, `token-expired`)');
    expect(md).toMatch(/Authorization: Bearer eyJhbGciOi…[\w-]{4} #[0-9a-f]{6}/);
    expect(md).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);
    expect(failed!.annotations).toEqual([
      { type: 'authlens', description: expect.stringMatching(/^401 GET \/api\/invoices → token-expired: /) },
    ]);
  });

  it("authlensAttach: 'always' attaches authlens.md to a passing test that met an auth failure", () => {
    const always = report.suites.find((f) => f.title === 'always.spec.ts')!.specs[0]!.tests[0]!;
    const a = always.results[0]!.attachments.find((x) => x.name === 'authlens.md');
    expect(Buffer.from(a!.body!, 'base64').toString('utf8')).toMatch(
      /^AuthLens: 1 auth failure during this test\n\n- 401 GET \/api\/invoices → token-expired: /,
    );
  });
});
