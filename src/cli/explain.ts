// `authlens explain <file.har | ->`: one diagnosis per auth failure in a HAR file. Nothing is
// printed until the whole file has been read: a file refused halfway (truncated, an entry that
// is not one) gives its one-line reason alone, never a report that looks complete.
import { toMarkdown } from '../report/markdown.ts';
import { escapeText } from '../report/md-syntax.ts';
import { diagnoseHarStream } from '../lib/har.ts';
import { meets, toFailureReport, type FailureReport } from '../lib/report.ts';
import { AUTH_FAILURE_STATUSES } from '../http/failure.ts';
import { paint, wantsColour } from './color.ts';
import { junit } from './format/junit.ts';
import { textBlock, textSummary } from './format/text.ts';
import { openInput } from './input.ts';
import { EXIT, UsageError, type Io } from './io.ts';
import { COMMON_OPTIONS, common, parse } from './options.ts';
import { progress } from './progress.ts';

export const EXPLAIN_HELP = `Usage: authlens explain <file.har | -> [options]

Reads a HAR file (Chrome, Firefox, Safari, Playwright recordHar, Charles, Fiddler, Proxyman,
AuthLens) and explains each request that failed authentication.

Options:
  -f, --format text|markdown|json|junit   output (default text)
      --fail-on error|warning|never       exit 1 when a finding at this level exists (default error)
      --reveal                            show secrets in URLs and headers (masked by default)
      --lenient                           skip malformed entries (named on stderr) instead of refusing the file
      --status 401,403,...                statuses that count as auth failures
                                          (default ${AUTH_FAILURE_STATUSES.join(',')})

Exit: 0 no finding at the --fail-on level, 1 at least one, 2 the input was refused (one line on stderr).
`;

export async function explain(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    ...COMMON_OPTIONS,
    lenient: { type: 'boolean' },
    status: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(EXPLAIN_HELP);
    return EXIT.ok;
  }
  const opts = common(values);
  if (positionals.length !== 1) throw new UsageError('explain takes one HAR file (or - for stdin)');
  const statuses = typeof values.status === 'string' ? parseStatuses(values.status) : undefined;
  const input = openInput(positionals[0]!, io);
  const bar = progress(input.name, input.size, io.stderr);
  const colour = paint(wantsColour(io.stdout, io.env));
  const reports: FailureReport[] = [];
  const markdown: string[] = [];
  const result = await diagnoseHarStream(input.chunks, {
    strict: values.lenient !== true,
    reveal: opts.reveal,
    ...(statuses ? { statuses } : {}),
    onProgress: (b) => bar.update(b),
    // rendered as they come: the records (bodies and all) are let go at once
    onFailure: (f) => {
      reports.push(toFailureReport(f, opts.reveal));
      if (opts.format === 'markdown') markdown.push(toMarkdown(f.record, f.diagnosis, { reveal: opts.reveal }));
    },
  });
  bar.done();
  if (!result.ok) throw new UsageError(`${input.name}: ${result.error}`);
  for (const p of result.problems) io.stderr.write(`authlens: ${input.name}: skipped ${p}\n`);
  for (const n of result.notes) io.stderr.write(`authlens: ${input.name}: note: ${n}\n`);
  switch (opts.format) {
    case 'json':
      io.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
      break;
    case 'junit':
      io.stdout.write(junit(reports, `authlens explain ${input.name}`, opts.failOn));
      break;
    case 'markdown':
      io.stdout.write(markdownDoc(input.name, result.entries, reports.length, markdown, result.notes));
      break;
    default:
      for (const r of reports) io.stdout.write(`${textBlock(r, colour)}\n`);
      io.stdout.write(textSummary(reports, result.entries, colour));
  }
  return reports.some((r) => meets(r.findings, opts.failOn)) ? EXIT.findings : EXIT.ok;
}

function markdownDoc(name: string, entries: number, n: number, blocks: string[], notes: string[]): string {
  const title = `AuthLens: ${n} auth failure${n === 1 ? '' : 's'} in ${name} (${entries} entries)`;
  const head = [`# ${escapeText(title)}`, ''];
  for (const note of notes) head.push(`> ${escapeText(note)}`, '');
  if (n === 0) head.push('No request in this file failed authentication.', '');
  return [...head, ...blocks].join('\n');
}

function parseStatuses(s: string): number[] {
  const list = s.split(',').map((x) => Number(x.trim()));
  if (list.length === 0 || list.some((x) => !Number.isInteger(x) || x < 100 || x > 599))
    throw new UsageError(`--status ${s}: a comma-separated list of HTTP statuses (e.g. 401,403)`);
  return list;
}
