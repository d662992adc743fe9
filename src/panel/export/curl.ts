// "Copy as cURL": one header per -H line, deterministic, secrets masked unless revealed.
import type { CaptureRecord } from '../../shared/types.ts';
import { isPseudoHeader } from '../../http/headers.ts';
import { maskRecord, type ExportOptions } from '../../redact/record.ts';
import { replayNotes } from './replay-notes.ts';
import { bashQuote } from './shell-quote.ts';

/** curl computes these itself; copying them breaks the replay (a stale length, a wrong host). */
const SKIP = new Set(['content-length', 'host', 'connection']);

export function toCurl(record: CaptureRecord, opts: ExportOptions): string {
  const r = maskRecord(record, opts);
  const lines = replayNotes(record, r, opts.reveal, '#', 'command');
  const args: string[] = [`curl ${bashQuote(r.url)}`];
  if (r.method !== 'GET') args.push(`-X ${bashQuote(r.method)}`);
  let compressed = false;
  for (const h of r.requestHeaders) {
    const name = h.name.toLowerCase();
    if (isPseudoHeader(name) || SKIP.has(name)) continue;
    // As Chrome does: let curl negotiate and decode the encoding instead of printing gzip bytes.
    if (name === 'accept-encoding') {
      compressed = true;
      continue;
    }
    args.push(`-H ${bashQuote(`${h.name}: ${h.value}`)}`);
  }
  if (compressed) args.push('--compressed');
  lines.push(args.join(' \\\n  '));
  return lines.join('\n');
}
