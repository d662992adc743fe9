// The per-record "copy as" texts, shared by the detail's buttons and the row context menu.
import { toCurl } from './curl.ts';
import { toFetch } from './fetch.ts';
import { toMarkdown } from '../../report/markdown.ts';
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
 * @param reveal include secrets (the user revealed one of this record's, or revealSecrets is on)
 * @param diagnoser the tab's diagnoses (the Markdown report waits for the record's)
 */
export async function shareText(
  kind: ShareKind,
  r: CaptureRecord,
  reveal: boolean,
  diagnoser: Pick<Diagnoser, 'get'>,
): Promise<string> {
  switch (kind) {
    case 'curl':
      return toCurl(r, { reveal });
    case 'fetch':
      return toFetch(r, { reveal });
    case 'url':
      return reveal ? r.url : maskUrl(r.url);
    case 'markdown': {
      const d = await diagnoser.get(r);
      const diagnosis = d.ok ? d.diagnosis : { summary: `The diagnosis engine failed: ${d.error}`, findings: [] };
      return toMarkdown(r, diagnosis, { reveal });
    }
  }
}
