// `authlens mcp` driven by the official SDK's own client over stdio (a child process), as an
// agent would: the three tools listed, and each answering with the CLI's JSON.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/run.ts';
import { startLab, type Lab } from '../../scripts/lab/server.ts';

const repo = resolve(import.meta.dirname, '../..');
const HAR = join(repo, 'test', 'fixtures', 'har', 'chromium-recorded-lab.har');
let client: Client;
let lab: Lab;

const text = (r: unknown): string => (r as { content: { type: string; text: string }[] }).content[0]!.text;

beforeAll(async () => {
  lab = await startLab();
  client = new Client({ name: 'authlens-test', version: '0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', join(repo, 'src', 'cli', 'bin.ts'), 'mcp'],
      cwd: repo,
      stderr: 'pipe',
    }),
  );
}, 30_000);

afterAll(async () => {
  await client?.close();
  await lab?.close();
});

describe('authlens mcp over stdio, with the SDK client', () => {
  it('lists diagnose_har, diagnose_exchange and discover', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['diagnose_exchange', 'diagnose_har', 'discover']);
    expect(tools.find((t) => t.name === 'diagnose_har')?.inputSchema.required).toEqual(['har']);
  });

  it('diagnose_har with a path: the same JSON as explain --format json', async () => {
    const r = await client.callTool({ name: 'diagnose_har', arguments: { har: HAR } });
    expect(r.isError).toBeFalsy();
    const cli = await run(['explain', HAR, '--format', 'json']);
    expect(JSON.parse(text(r))).toEqual(JSON.parse(cli.stdout));
    const [first] = JSON.parse(text(r));
    expect([first.method, first.status, first.findings[0].id]).toEqual(['GET', 401, 'token-expired']);
  });

  it('diagnose_har with the HAR text itself', async () => {
    const r = await client.callTool({ name: 'diagnose_har', arguments: { har: readFileSync(HAR, 'utf8') } });
    expect(JSON.parse(text(r)).map((x: { status: number }) => x.status)).toContain(403);
  });

  it('diagnose_har refuses bad input with the one-line reason', async () => {
    const missing = await client.callTool({ name: 'diagnose_har', arguments: { har: '/nonexistent/x.har' } });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toBe('/nonexistent/x.har: no such file');
    const cut = await client.callTool({ name: 'diagnose_har', arguments: { har: '{"log":{"entries":[{}' } });
    expect(cut.isError).toBe(true);
    expect(text(cut)).toMatch(/^entry 0 has no request object$|^truncated/);
  });

  it('diagnose_exchange: one exchange, headers as an object', async () => {
    const exchange = {
      url: 'https://api.example.com/v1/me',
      method: 'GET',
      status: 403,
      requestHeaders: { Authorization: 'Bearer abc.def' },
      responseHeaders: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="profile:write"' },
    };
    const r = await client.callTool({ name: 'diagnose_exchange', arguments: { exchange } });
    const [report] = JSON.parse(text(r));
    expect([report.url, report.status, report.findings[0].id]).toEqual([exchange.url, 403, 'insufficient-scope']);
    const bad = await client.callTool({ name: 'diagnose_exchange', arguments: { exchange: '{"url": 1}' } });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toBe('exchange: url is missing');
  });

  it("discover: the lab MCP server's misconfigured metadata, the doctor's report as JSON", async () => {
    const r = await client.callTool({ name: 'discover', arguments: { url: `${lab.mcp}/resource-mismatch/mcp` } });
    const report = JSON.parse(text(r)) as { resource: string; findings: { id: string }[] };
    expect([report.resource, report.findings[0]?.id]).toEqual([
      `${lab.mcp}/resource-mismatch/mcp`,
      'discovery-resource-mismatch',
    ]);
    const bad = await client.callTool({ name: 'discover', arguments: { url: 'ftp://x' } });
    expect([bad.isError, text(bad)]).toEqual([true, 'ftp://x: not an http(s) URL']);
  });
});
