// `authlens mcp`: a Model Context Protocol server on stdio for coding agents. Three tools, each
// answering with the JSON `authlens explain --format json` prints (the failures as an array),
// or an error result with the one-line reason.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { diagnoseHar, diagnoseHarStream, type HarResult } from '../lib/har.ts';
import { explainExchange, readExchange } from '../lib/exchange.ts';
import { discoverUrl } from '../lib/discover.ts';
import { openInput } from '../cli/input.ts';
import { UsageError, type Io } from '../cli/io.ts';

interface ToolResult {
  [k: string]: unknown;
  content: { type: 'text'; text: string }[];
  isError?: boolean;
}

const json = (v: unknown): ToolResult => ({ content: [{ type: 'text', text: JSON.stringify(v, null, 2) }] });
const refused = (reason: string): ToolResult => ({ content: [{ type: 'text', text: reason }], isError: true });

export function createMcpServer(
  version: string,
  io: Pick<Io, 'cwd' | 'stdin' | 'env' | 'stdout' | 'stderr'>,
): McpServer {
  const server = new McpServer({ name: 'authlens', version });

  server.registerTool(
    'diagnose_har',
    {
      title: 'Explain the auth failures in a HAR file',
      description:
        'Reads a HAR file (a path on this machine, or the HAR JSON text itself) and returns, for each ' +
        'request that failed authentication (401, 403, 407, a WWW-Authenticate challenge...), the ' +
        'diagnosis: findings most important first, each with id, severity, title, explanation, ' +
        'evidence (secrets masked), fixes and references; and the layer that said no.',
      inputSchema: {
        har: z.string().describe('a path to a .har file, or the HAR JSON text'),
        reveal: z.boolean().optional().describe('show secrets in URLs (masked by default)'),
      },
    },
    async ({ har, reveal }) => {
      const opts = { reveal: reveal === true };
      let res: HarResult;
      if (har.trimStart().startsWith('{')) res = diagnoseHar(har, opts);
      else {
        try {
          const input = openInput(har, { ...io, stdin: { [Symbol.asyncIterator]: emptyStream } });
          res = await diagnoseHarStream(input.chunks, opts);
          if (!res.ok) res = { ok: false, error: `${har}: ${res.error}` };
        } catch (e) {
          if (e instanceof UsageError) return refused(e.message);
          throw e;
        }
      }
      return res.ok ? json(res.failures) : refused(res.error);
    },
  );

  server.registerTool(
    'diagnose_exchange',
    {
      title: 'Explain one failed HTTP exchange',
      description:
        'Diagnoses one request/response: { url, method, status, requestHeaders, responseHeaders, ' +
        'responseBody? } (headers as [{name, value}] or {name: value}), or a HAR entry. Returns the ' +
        'same JSON as diagnose_har, as a one-element array.',
      inputSchema: {
        exchange: z.union([z.string(), z.record(z.unknown())]).describe('the exchange as an object or as JSON text'),
        reveal: z.boolean().optional(),
      },
    },
    ({ exchange, reveal }) => {
      let v: unknown = exchange;
      if (typeof exchange === 'string') {
        try {
          v = JSON.parse(exchange);
        } catch {
          return refused('exchange: not JSON');
        }
      }
      const read = readExchange(v);
      if (!read.ok) return refused(`exchange: ${read.error}`);
      return json([explainExchange(read.exchange, { reveal: reveal === true })]);
    },
  );

  server.registerTool(
    'discover',
    {
      title: 'Check OAuth discovery for a protected resource',
      description:
        'Fetches the RFC 9728 protected resource metadata of a URL and the metadata of its ' +
        'authorization servers (GET, no credentials, capped) and reports what an OAuth client would trip on.',
      inputSchema: { url: z.string().describe('the protected resource, e.g. https://api.example.com/mcp') },
    },
    async ({ url }) => {
      const res = await discoverUrl(url);
      return res.ok ? json(res.report) : refused(res.error);
    },
  );
  return server;
}

async function* emptyStream(): AsyncGenerator<Uint8Array> {}
