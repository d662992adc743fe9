// Export as HAR 1.2: one entry per captured record, readable by DevTools and HAR viewers, and
// by fromHar (the `_authlens` field keeps what HAR has no slot for, so a round trip loses nothing).
import type { Diagnosis } from '../analysis/index.ts';
import { httpVersionOf, statusTextOf } from '../http/status-line.ts';
import type { CaptureRecord, Header } from '../shared/types.ts';
import { parseCookieHeader, parseSetCookie, queryStringOf } from './cookies.ts';
import { ownValue } from './fields.ts';
import type { Har, HarEntry } from './types.ts';
import { headerValue, headerValues } from '../http/headers.ts';
import { maskRecord, maskRecordDiagnosis, type ExportOptions } from '../redact/record.ts';

export interface HarOptions extends ExportOptions {
  /** the extension's version, for log.creator */
  version: string;
  /**
   * The record's full diagnosis, run on the unmasked record (with its tab's history): carried in
   * `_authlens.report` so a masked file imports with the same findings.
   */
  diagnose?: (r: CaptureRecord) => Diagnosis | undefined;
}

/** webRequest resource types as Chrome's HAR `_resourceType` names them. */
const RESOURCE_TYPE: Record<string, string> = {
  main_frame: 'document',
  sub_frame: 'document',
  xmlhttprequest: 'fetch',
  script: 'script',
  stylesheet: 'stylesheet',
  image: 'image',
  imageset: 'image',
  font: 'font',
  media: 'media',
  websocket: 'websocket',
  ping: 'ping',
  beacon: 'ping',
  csp_report: 'ping',
  object: 'other',
  other: 'other',
};

export function toHar(records: readonly CaptureRecord[], opts: HarOptions): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: 'AuthLens', version: opts.version },
      comment: opts.reveal
        ? 'Exported by AuthLens with secrets revealed: treat this file as a credential.'
        : 'Exported by AuthLens: secrets are masked (•••, with a fingerprint to compare them).',
      entries: records.map((r) => {
        const report = r.exportedDiagnosis ?? opts.diagnose?.(r);
        return toEntry(maskRecord(r, opts), report && maskRecordDiagnosis(r, report, opts));
      }),
    },
  };
}

function toEntry(r: CaptureRecord, report: Diagnosis | undefined): HarEntry {
  const version = httpVersionOf(r.statusLine);
  const mimeType = headerValue(r.responseHeaders, 'content-type') ?? '';
  const entry: HarEntry = {
    startedDateTime: iso(r.time),
    time: 0,
    request: {
      method: r.method,
      url: r.url,
      httpVersion: version,
      cookies: headerValues(r.requestHeaders, 'cookie').flatMap(parseCookieHeader),
      headers: copy(r.requestHeaders),
      queryString: queryStringOf(r.url),
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: r.status,
      statusText: statusTextOf(r.statusLine) ?? '',
      httpVersion: version,
      cookies: headerValues(r.responseHeaders, 'set-cookie')
        .flatMap((v) => v.split('\n'))
        .map(parseSetCookie)
        .filter((c) => c !== undefined),
      headers: copy(r.responseHeaders),
      content:
        r.responseBody !== undefined
          ? { size: new TextEncoder().encode(r.responseBody).length, mimeType, text: r.responseBody }
          : { size: 0, mimeType },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    // HAR has no "unknown": -1 marks a phase that did not apply or was not measured (spec §timings).
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 },
    _resourceType: ownValue(RESOURCE_TYPE, r.type) ?? 'other',
    _authlens: {
      type: r.type,
      frameId: r.frameId,
      ...(r.initiator !== undefined ? { initiator: r.initiator } : {}),
      statusLine: r.statusLine,
      time: r.time,
      fromCache: r.fromCache,
      preflight: r.preflight,
      source: r.source,
      requestHeadersKnown: r.requestHeadersKnown,
      redirects: r.redirects,
      ...(report ? { report } : {}),
    },
  };
  return entry;
}

function copy(headers: readonly Header[]): Header[] {
  return headers.map((h) => ({ name: h.name, value: h.value }));
}

function iso(ms: number): string {
  const d = new Date(Number.isFinite(ms) ? ms : 0);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}
