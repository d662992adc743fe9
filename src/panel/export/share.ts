// The per-record "copy as" texts, shared by the detail's buttons and the row context menu.
import { toCurl } from './curl.ts';
import { toFetch } from './fetch.ts';
import { toMarkdown } from '../../report/markdown.ts';
import { maskUrl } from '../../redact/secrets.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { diagnosisOf } from '../diagnosis.ts';

export type ShareKind = 'curl' | 'fetch' | 'markdown' | 'url';

export const SHARE_LABELS: Record<ShareKind, string> = {
  curl: 'Copy as cURL',
  fetch: 'Copy as fetch',
  markdown: 'Copy report as Markdown',
  url: 'Copy URL',
};

/**
 * @param all the tab's records (history for the diagnosis in the Markdown report)
 * @param reveal include secrets (the user revealed one of this record's, or revealSecrets is on)
 */
export function shareText(kind: ShareKind, r: CaptureRecord, all: readonly CaptureRecord[], reveal: boolean): string {
  switch (kind) {
    case 'curl':
      return toCurl(r, { reveal });
    case 'fetch':
      return toFetch(r, { reveal });
    case 'url':
      return reveal ? r.url : maskUrl(r.url);
    case 'markdown': {
      const d = diagnosisOf(r, all);
      return toMarkdown(r, d.ok ? d.diagnosis : { summary: r.diagnosis?.summary ?? '', findings: [] }, { reveal });
    }
  }
}
