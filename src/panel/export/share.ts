// The per-record "copy as" texts, shared by the detail's buttons and the row context menu.
import { toCurl } from './curl.ts';
import { toFetch } from './fetch.ts';
import { toMarkdown } from '../../report/markdown.ts';
import type { ExportOptions } from '../../redact/record.ts';
import { maskUrl } from '../../redact/secrets.ts';
import type { Diagnoser } from '../../shared/diagnoser.ts';
import type { CaptureRecord } from '../../shared/types.ts';

export type ShareKind = 'curl' | 'fetch' | 'markdown' | 'url';

export const SHARE_LABELS: Record<ShareKind, string> = {
  curl: 'Copy as cURL',
  fetch: 'Copy as fetch',
  markdown: 'Copy report as Markdown',
  url: 'Copy URL',
};

/**
 * @param opts every secret (revealSecrets), the values the user revealed, or none; the page's fingerprint key
 * @param diagnoser the tab's diagnoses (the Markdown report waits for the record's)
 */
export async function shareText(
  kind: ShareKind,
  r: CaptureRecord,
  opts: ExportOptions,
  diagnoser: Pick<Diagnoser, 'get'>,
): Promise<string> {
  switch (kind) {
    case 'curl':
      return toCurl(r, opts);
    case 'fetch':
      return toFetch(r, opts);
    case 'url':
      return opts.reveal ? r.url : maskUrl(r.url, opts);
    case 'markdown': {
      const d = await diagnoser.get(r);
      const diagnosis = d.ok ? d.diagnosis : { summary: `The diagnosis engine failed: ${d.error}`, findings: [] };
      return toMarkdown(r, diagnosis, opts);
    }
  }
}
