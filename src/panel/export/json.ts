// Export as AuthLens JSON: the records exactly as captured (masked unless revealed), for scripts.
import type { CaptureRecord } from '../../shared/types.ts';
import { maskRecord, type ExportOptions } from '../../redact/record.ts';

export const JSON_FORMAT = 'authlens-records';
export const JSON_FORMAT_VERSION = 1;

export function toJson(records: readonly CaptureRecord[], opts: ExportOptions): string {
  const doc = {
    format: JSON_FORMAT,
    version: JSON_FORMAT_VERSION,
    secretsMasked: !opts.reveal,
    records: records.map((r) => maskRecord(r, opts)),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
