// `--format text`: one block per auth failure, for a person at a terminal or reading a CI log.
import type { Finding, Severity } from '../../analysis/index.ts';
import type { FailureReport } from '../../lib/report.ts';
import { terminalSafe, type Paint } from '../color.ts';

const SYMBOL: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ', ok: '✔' };
const AUDIENCE = { consumer: 'API consumer', server: 'server owner' } as const;
const ALSO_MAX = 6;

function tone(p: Paint, s: Severity): (x: string) => string {
  return s === 'error' ? p.red : s === 'warning' ? p.yellow : s === 'ok' ? p.green : p.dim;
}

/** One failure's block; `heading` replaces the status line (a discovery run has no status). */
export function textBlock(r: FailureReport, p: Paint, heading?: string): string {
  const t = terminalSafe;
  const where = [r.entry !== undefined ? `entry ${r.entry}` : '', r.time ?? ''].filter(Boolean).join(' · ');
  const first = heading ?? `${r.status} ${t(r.method)} ${t(r.url)}`;
  const lines = [`${p.bold(first)}${where ? p.dim(`  ${where}`) : ''}`];
  const top: Finding | undefined = r.findings[0];
  if (!top) {
    lines.push(`  ${t(r.summary)}`);
    return lines.join('\n') + '\n';
  }
  const c = tone(p, top.severity);
  const tags = [
    top.id,
    top.severity,
    r.layer ? `layer: ${r.layer}` : '',
    r.diagnosedBy === 'file' ? 'from the file' : '',
  ]
    .filter(Boolean)
    .join(' · ');
  lines.push(`  ${c(`${SYMBOL[top.severity] ?? '?'} ${t(top.title)}`)}  ${p.dim(t(tags))}`);
  lines.push(`    ${t(r.summary)}`);
  if (top.explanation && top.explanation !== r.summary) lines.push(`    ${p.dim(t(top.explanation))}`);
  for (const f of top.fixes) lines.push(`    Fix (${AUDIENCE[f.audience] ?? t(String(f.audience))}): ${t(f.text)}`);
  const rest = r.findings.slice(1).filter((f) => f.severity !== 'ok');
  if (rest.length) {
    const shown = rest.slice(0, ALSO_MAX).map((f) => tone(p, f.severity)(`${f.id} (${f.severity})`));
    const more = rest.length > ALSO_MAX ? `, +${rest.length - ALSO_MAX} more` : '';
    lines.push(`    Also: ${shown.join(', ')}${more}`);
  }
  return lines.join('\n') + '\n';
}

export function textSummary(reports: readonly FailureReport[], entries: number, p: Paint): string {
  if (reports.length === 0) return p.green(`No auth failure in ${entries} entr${entries === 1 ? 'y' : 'ies'}.`) + '\n';
  const count = (s: Severity): number => reports.filter((r) => r.findings[0]?.severity === s).length;
  const parts = [
    count('error') ? p.red(plural(count('error'), 'error')) : '',
    count('warning') ? p.yellow(plural(count('warning'), 'warning')) : '',
  ].filter(Boolean);
  const n = reports.length;
  const tally = parts.length ? ` (${parts.join(', ')})` : '';
  return `${n} auth failure${n === 1 ? '' : 's'} in ${entries} entries${tally}.\n`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
