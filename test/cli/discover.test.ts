// authlens discover against the lab's real MCP server (served right, and misconfigured): the
// discovery doctor's report in each format, exit codes as explain's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../scripts/lab/server.ts';
import { run } from './run.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(() => lab?.close());

describe('authlens discover', () => {
  it('a resource served right: discovery-ok first, exit 0', async () => {
    const r = await run(['discover', `${lab.mcp}/mcp`, '--origin', lab.primary, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { resource: string; findings: { id: string }[]; steps: unknown[] };
    expect([report.resource, report.findings[0]?.id]).toEqual([`${lab.mcp}/mcp`, 'discovery-ok']);
    expect(report.steps.length).toBeGreaterThan(2);
  });

  it('metadata for another resource: the finding first in text, markdown and junit; exit 1', async () => {
    const url = `${lab.mcp}/resource-mismatch/mcp`;
    const text = await run(['discover', url]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Discovery of http:\/\/127\.0\.0\.1:\d+\/resource-mismatch\/mcp \(\d+ requests\)\n/);
    expect(text.stdout).toContain('✖ Metadata is for another resource  discovery-resource-mismatch · error');
    const md = await run(['discover', url, '--format', 'markdown']);
    expect(md.stdout).toContain('`discovery-resource-mismatch`');
    const junit = await run(['discover', url, '--format', 'junit']);
    expect(junit.stdout).toContain('type="discovery-resource-mismatch"');
    expect((await run(['discover', url, '--fail-on', 'never'])).code).toBe(0);
  });

  it('not a URL, or no URL: one line, exit 2', async () => {
    expect(await run(['discover', 'mcp.example.com'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'authlens: mcp.example.com: not an http(s) URL\n',
    });
    expect((await run(['discover'])).stderr).toBe('authlens: discover takes one URL\n');
  });
});
