// One record as it leaves AuthLens: secrets masked unless the user opted in to reveal them.
import { maskHeaders, maskUrl } from './secrets.ts';
import type { CaptureRecord, Header } from '../shared/types.ts';

export interface ExportOptions {
  /** true: export credentials as captured (the user chose this on purpose) */
  reveal: boolean;
}

/** A deep copy with URLs and headers masked (exports never show the Basic user either). */
export function maskRecord(r: CaptureRecord, reveal: boolean): CaptureRecord {
  const url = (u: string): string => (reveal ? u : maskUrl(u));
  const out: CaptureRecord = {
    ...r,
    url: url(r.url),
    requestHeaders: maskHeaders(r.requestHeaders, reveal),
    responseHeaders: maskHeaders(r.responseHeaders, reveal),
    redirects: r.redirects.map((h) => ({
      ...h,
      url: url(h.url),
      ...(h.location !== undefined ? { location: url(h.location) } : {}),
      requestHeaders: maskHeaders(h.requestHeaders, reveal),
      responseHeaders: maskHeaders(h.responseHeaders, reveal),
    })),
  };
  return out;
}

/** True when masking changed anything (so an export can say that it is not replayable as is). */
export function anyMasked(original: CaptureRecord, masked: CaptureRecord): boolean {
  return (
    original.url !== masked.url ||
    differs(original.requestHeaders, masked.requestHeaders) ||
    differs(original.responseHeaders, masked.responseHeaders)
  );
}

function differs(a: readonly Header[], b: readonly Header[]): boolean {
  return a.some((h, i) => h.value !== b[i]?.value);
}
