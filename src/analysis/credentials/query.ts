// Credentials in the URL: bearer-style tokens in the query (RFC 6750 §2.3 `access_token`, and the
// usual key names), and signed URLs that carry their own signature and expiry (S3 presigned
// X-Amz-*, GCS X-Goog-*, Azure SAS sig/se, CloudFront Signature/Expires).
import { isQueryTokenParam } from './vocabulary.ts';

export interface QueryToken {
  name: string;
  value: string;
}

export function findQueryTokens(url: URL | undefined): QueryToken[] {
  if (!url) return [];
  const out: QueryToken[] = [];
  for (const [name, value] of url.searchParams) {
    if (value !== '' && isQueryTokenParam(name)) out.push({ name, value });
    if (out.length >= 20) break;
  }
  return out;
}

export interface SignedUrl {
  kind: 'AWS presigned URL' | 'Google Cloud Storage signed URL' | 'Azure SAS' | 'CloudFront signed URL';
  /** the parameter holding the signature */
  signature: string;
  /** ms: when the signature stops being valid, when the URL says */
  expires?: number;
  /** ms: when it was signed or starts to be valid */
  start?: number;
  /** how the expiry is written, for evidence ("X-Amz-Date + X-Amz-Expires") */
  expiresBy?: string;
}

/** 20261122T183205Z -> ms */
export function amzDate(v: string | null | undefined): number | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(v ?? '');
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
}

/** ISO 8601 as Azure SAS writes it (2026-11-22T16:32:05Z, or a date alone) -> ms */
function isoTime(v: string | null): number | undefined {
  if (!v || !/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?Z?)?$/.test(v)) return undefined;
  const t = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v.endsWith('Z') ? v : `${v}Z`);
  return Number.isFinite(t) ? t : undefined;
}

const seconds = (v: string | null): number | undefined =>
  v !== null && /^\d{1,12}$/.test(v) ? Number(v) * 1000 : undefined;

/** A signed URL (the signature is the credential) with its own validity window. */
export function signedUrl(url: URL | undefined): SignedUrl | undefined {
  if (!url) return undefined;
  const q = (name: string): string | null => {
    for (const [k, v] of url.searchParams) if (k.toLowerCase() === name) return v;
    return null;
  };
  for (const [prefix, kind] of [
    ['x-amz', 'AWS presigned URL'],
    ['x-goog', 'Google Cloud Storage signed URL'],
  ] as const) {
    if (q(`${prefix}-signature`) === null) continue;
    const start = amzDate(q(`${prefix}-date`));
    const life = seconds(q(`${prefix}-expires`));
    return {
      kind,
      signature: `${prefix === 'x-amz' ? 'X-Amz' : 'X-Goog'}-Signature`,
      ...(start !== undefined ? { start } : {}),
      ...(start !== undefined && life !== undefined
        ? { expires: start + life, expiresBy: `${prefix === 'x-amz' ? 'X-Amz' : 'X-Goog'}-Date + -Expires` }
        : {}),
    };
  }
  if (q('sig') !== null && (q('sv') !== null || q('se') !== null)) {
    const expires = isoTime(q('se'));
    const start = isoTime(q('st'));
    return {
      kind: 'Azure SAS',
      signature: 'sig',
      ...(expires !== undefined ? { expires, expiresBy: 'se' } : {}),
      ...(start !== undefined ? { start } : {}),
    };
  }
  if (q('signature') !== null && q('key-pair-id') !== null) {
    const expires = seconds(q('expires'));
    return {
      kind: 'CloudFront signed URL',
      signature: 'Signature',
      ...(expires !== undefined ? { expires, expiresBy: 'Expires' } : {}),
    };
  }
  return undefined;
}
