// The `authlens` command: explain, discover, mcp. Every refusal is one line on stderr and exit 2,
// never a stack trace.
import { version } from '../../package.json';
import { discover, DISCOVER_HELP } from './discover.ts';
import { explain, EXPLAIN_HELP } from './explain.ts';
import { EXIT, UsageError, type Io } from './io.ts';

export const HELP = `authlens ${version}: why did this HTTP request fail authentication?

  authlens explain <file.har | ->   explain each auth failure in a HAR file
  authlens discover <url>           check a protected resource's OAuth discovery (RFC 9728)
  authlens mcp                      a Model Context Protocol server on stdio (for coding agents)

  authlens <command> --help         the command's options
`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'explain':
        return await explain(rest, io);
      case 'discover':
        return await discover(rest, io);
      case 'mcp': {
        if (rest.includes('--help') || rest.includes('-h')) {
          io.stdout.write(
            'Usage: authlens mcp\n\nServes the tools diagnose_har, diagnose_exchange and discover on stdio.\n',
          );
          return EXIT.ok;
        }
        if (rest.length) throw new UsageError(`mcp takes no arguments (got ${rest[0]})`);
        const { serveMcp } = await import('./mcp.ts');
        await serveMcp(version, io);
        return EXIT.ok;
      }
      case '--version':
      case '-v':
        io.stdout.write(`${version}\n`);
        return EXIT.ok;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(command === 'help' && rest[0] ? helpOf(rest[0]) : HELP);
        return command === undefined ? EXIT.refused : EXIT.ok;
      default:
        throw new UsageError(
          `unknown command ${JSON.stringify(command)}: use explain, discover or mcp (authlens --help)`,
        );
    }
  } catch (e) {
    const reason =
      e instanceof UsageError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    io.stderr.write(`authlens: ${oneLine(reason)}\n`);
    return EXIT.refused;
  }
}

function helpOf(command: string): string {
  return command === 'explain' ? EXPLAIN_HELP : command === 'discover' ? DISCOVER_HELP : HELP;
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').slice(0, 500);
}
