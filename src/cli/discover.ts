// `authlens discover <url>`: the discovery doctor (RFC 9728 protected resource metadata, the
// authorization servers it names) for one URL, in the formats `explain` has.
import { discoverUrl } from '../lib/discover.ts';
import { meets } from '../lib/report.ts';
import type { Finding } from '../analysis/index.ts';
import { paint, terminalSafe, wantsColour } from './color.ts';
import { junit } from './format/junit.ts';
import { textBlock } from './format/text.ts';
import { EXIT, UsageError, type Io } from './io.ts';
import { COMMON_OPTIONS, common, parse } from './options.ts';
import { escapeText } from '../report/md-syntax.ts';

export const DISCOVER_HELP = `Usage: authlens discover <url> [options]

Fetches (GET, no credentials, capped) the protected resource metadata of <url> (RFC 9728) and
the metadata of each authorization server it names, and checks what an OAuth client needs.

Options:
  -f, --format text|markdown|json|junit   output (default text)
      --fail-on error|warning|never       exit 1 when a finding at this level exists (default error)
      --origin <url>                      the web page that calls it, for the CORS checks

Exit: 0 no finding at the --fail-on level, 1 at least one, 2 the URL was refused (one line on stderr).
`;

/** The report's shape as the formats read it. */
interface Report {
  resource: string;
  summary: string;
  findings: Finding[];
  steps: { title: string; url?: string; status?: number; findings: Finding[] }[];
}

export async function discover(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { ...COMMON_OPTIONS, origin: { type: 'string' } });
  if (values.help) {
    io.stdout.write(DISCOVER_HELP);
    return EXIT.ok;
  }
  const opts = common(values);
  if (positionals.length !== 1) throw new UsageError('discover takes one URL');
  const url = positionals[0]!;
  if (!/^https?:\/\//i.test(url)) throw new UsageError(`${url}: not an http(s) URL`);
  const origin = typeof values.origin === 'string' ? values.origin : undefined;
  const res = await discoverUrl(url, origin ? { origin } : {});
  if (!res.ok) throw new UsageError(res.error);
  const report: Report = res.report;
  const asFailure = {
    url: report.resource,
    method: 'DISCOVER',
    status: 0,
    summary: report.summary,
    diagnosedBy: 'authlens' as const,
    findings: report.findings,
  };
  switch (opts.format) {
    case 'json':
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      break;
    case 'junit':
      io.stdout.write(
        junit(
          report.steps.map((s) => ({
            ...asFailure,
            url: s.url ?? report.resource,
            summary: s.title,
            findings: s.findings,
          })),
          `authlens discover ${url}`,
          opts.failOn,
        ),
      );
      break;
    case 'markdown': {
      const out = [`# AuthLens discovery: ${escapeText(report.resource)}`, '', escapeText(report.summary), ''];
      for (const s of report.steps) {
        out.push(`## ${escapeText(s.title)}${s.url ? ` (${s.status ?? '?'} ${escapeText(s.url)})` : ''}`, '');
        for (const f of s.findings) out.push(`- **${f.severity}** \`${f.id}\`: ${escapeText(f.title)}`);
        out.push('');
      }
      io.stdout.write(out.join('\n'));
      break;
    }
    default: {
      const p = paint(wantsColour(io.stdout, io.env));
      const n = res.report.fetches;
      io.stdout.write(
        textBlock(asFailure, p, `Discovery of ${terminalSafe(report.resource)} (${n} request${n === 1 ? '' : 's'})`),
      );
      for (const s of report.steps)
        io.stdout.write(
          `  ${terminalSafe(s.title)}${s.url ? p.dim(` ${s.status ?? '?'} ${terminalSafe(s.url)}`) : ''}: ` +
            `${s.findings.map((f) => f.id).join(', ') || 'nothing to say'}\n`,
        );
    }
  }
  return meets(report.findings, opts.failOn) ? EXIT.findings : EXIT.ok;
}
