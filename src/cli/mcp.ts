// `authlens mcp`: the server on this process's stdin/stdout until the client goes away.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from '../mcp/server.ts';
import type { Io } from './io.ts';

export async function serveMcp(version: string, io: Io): Promise<void> {
  const server = createMcpServer(version, io);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
