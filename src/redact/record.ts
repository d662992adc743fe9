// One record as it leaves AuthLens: secrets masked unless the user opted in to reveal them, all
// of them (reveal) or some values (revealed).
import type { Diagnosis, FingerprintKey } from '../analysis/index.ts';
import { Masker } from './masker.ts';
import { maskHeaders } from './secrets.ts';
import { maskText, scrubValues } from './text.ts';
import { maskUrl } from './url.ts';
import type { CaptureRecord, Header } from '../shared/types.ts';

export interface ExportOptions {
  /** true: export credentials as captured (the user chose this on purpose) */
  reveal: boolean;
  /** values the user revealed one by one: copied as they are, every other secret masked */
  revealed?: ReadonlySet<string>;
  /** the page's per-session fingerprint key (no fingerprints without one) */
  key?: FingerprintKey;
}

const maskerFor = (o: Omit<ExportOptions, 'reveal'>): Masker =>
  new Masker({ ...(o.key ? { key: o.key } : {}), ...(o.revealed ? { revealed: o.revealed } : {}) });

const maskers = new WeakMap<CaptureRecord, Masker>();

/**
 * A masker that has met every secret of the record's headers and URLs, so free text (bodies,
 * findings, summaries) can be scrubbed of them. Cached per record when nothing is revealed.
 */
export function recordMasker(r: CaptureRecord, opts: Omit<ExportOptions, 'reveal'> = {}): Masker {
  const plain = !opts.revealed?.size && !opts.key;
  const cached = plain ? maskers.get(r) : undefined;
  if (cached) return cached;
  const m = maskerFor(opts);
  // only met, not copied: the views ask for this on every render
  maskUrl(r.url, m);
  maskHeaders(r.requestHeaders, false, m);
  maskHeaders(r.responseHeaders, false, m);
  for (const h of r.redirects) {
    maskUrl(h.url, m);
    if (h.location !== undefined) maskUrl(h.location, m);
    maskHeaders(h.requestHeaders, false, m);
    maskHeaders(h.responseHeaders, false, m);
  }
  if (plain) maskers.set(r, m);
  return m;
}

function maskStructured(r: CaptureRecord, m: Masker): CaptureRecord {
  const headers = (h: readonly Header[]): Header[] => maskHeaders(h, false, m);
  return {
    ...r,
    url: maskUrl(r.url, m),
    requestHeaders: headers(r.requestHeaders),
    responseHeaders: headers(r.responseHeaders),
    redirects: r.redirects.map((h) => ({
      ...h,
      url: maskUrl(h.url, m),
      ...(h.location !== undefined ? { location: maskUrl(h.location, m) } : {}),
      requestHeaders: headers(h.requestHeaders),
      responseHeaders: headers(h.responseHeaders),
    })),
  };
}

/**
 * A deep copy with URLs, headers, the body and a stored report masked (exports never show the
 * Basic user either). The body and the report are scrubbed of every secret the headers held.
 */
export function maskRecord(r: CaptureRecord, opts: ExportOptions): CaptureRecord {
  if (opts.reveal) return structuredClone(r);
  const m = maskerFor(opts);
  const out = maskStructured(r, m);
  if (r.responseBody !== undefined)
    out.responseBody = m.keeps(r.responseBody) ? r.responseBody : maskText(r.responseBody, m);
  if (r.exportedDiagnosis) out.exportedDiagnosis = maskDiagnosis(r.exportedDiagnosis, m);
  return out;
}

/** A diagnosis as shown or exported beside its record: every text scrubbed of the record's secrets. */
export function maskDiagnosis(d: Diagnosis, m: Masker): Diagnosis {
  const t = (s: string): string => maskText(s, m);
  // fix code is the engine's (quoted for its language there): only known values are replaced in it
  const code = (s: string): string => scrubValues(s, m);
  return {
    ...d,
    summary: t(d.summary),
    findings: d.findings.map((f) => ({
      ...f,
      title: t(f.title),
      explanation: t(f.explanation),
      evidence: f.evidence.map((e) => ({ label: t(e.label), value: t(e.value) })),
      fixes: f.fixes.map((x) => ({ ...x, text: t(x.text), ...(x.code !== undefined ? { code: code(x.code) } : {}) })),
    })),
  };
}

/** The diagnosis of a record as it may be shown or exported with these options. */
export function maskRecordDiagnosis(r: CaptureRecord, d: Diagnosis, opts: ExportOptions): Diagnosis {
  return opts.reveal ? d : maskDiagnosis(d, recordMasker(r, opts));
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
