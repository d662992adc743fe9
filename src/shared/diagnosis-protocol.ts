// What a page's diagnoser (diagnoser.ts) and the engine's worker (diagnosis-worker.ts) say to
// each other: records and context in, diagnoses out. Every message is one of these two shapes,
// carried by structured clone; a record crosses once, and is named by its key after that.
import type { Diagnosis, Layer, Severity } from '../analysis/index.ts';
import { contextStamp } from './history.ts';
import type { CaptureRecord, ContextEntry } from './types.ts';

export type DiagnosisResult = { ok: true; diagnosis: Diagnosis } | { ok: false; error: string };

/** The short form of a diagnosis: a list row, the filter (finding ids), the popup's line of why. */
export interface DiagnosisSummary {
  summary: string;
  /** who refused the request (the diagnosis's layer) */
  layer?: Layer;
  top?: { id: string; severity: Severity; title: string };
  /** every finding id, most important first */
  ids: string[];
}

export function summarizeDiagnosis(d: Diagnosis): DiagnosisSummary {
  const top = d.findings[0];
  const s: DiagnosisSummary = { summary: d.summary, ids: d.findings.map((f) => f.id) };
  if (d.layer) s.layer = d.layer.layer;
  if (top) s.top = { id: top.id, severity: top.severity, title: top.title };
  return s;
}

export function summarizeResult(res: DiagnosisResult): DiagnosisSummary {
  return res.ok ? summarizeDiagnosis(res.diagnosis) : { summary: `The diagnosis engine failed: ${res.error}`, ids: [] };
}

/** Page → worker: changes since the last message, applied in the order of the fields. */
export interface ToWorker {
  /** keys of records that left the tab's list */
  remove?: string[];
  /** records that joined the tab's list, each sent once (the worker keeps them by recordKey) */
  add?: CaptureRecord[];
  /** records the worker already holds (it read them from a HAR file) that joined the list */
  join?: string[];
  /** records to diagnose that are not in the tab's list (sent each time they are wanted) */
  loose?: CaptureRecord[];
  /** the tab's context entries, oldest first, whenever they changed */
  context?: ContextEntry[];
  /** diagnose these (record keys) in turn; their summaries come back */
  want?: string[];
  /** before anything else, and with the full diagnosis (what is on screen, a copy, an export) */
  soon?: string[];
  /** read a HAR file: its records come back in chunks (the worker keeps them for `join`) */
  readHar?: ReadHar;
  /** the page's fingerprint key, in the first message to each worker: findings and views agree */
  fingerprintKey?: Uint8Array;
}

export interface ReadHar {
  /** names this read in the chunks that answer it */
  read: number;
  file: Blob;
  tabId: number;
  statuses: readonly number[];
  idPrefix: string;
}

/** One answer: `key` is the record's key with the context around it (resultKey). */
export interface Answer {
  key: string;
  summary: DiagnosisSummary;
  /** the full diagnosis, for records asked for `soon` */
  result?: DiagnosisResult;
}

/** Worker → page. */
export interface FromWorker {
  answers?: Answer[];
  har?: HarChunk;
}

/** Records of a HAR file, oldest entries first; the last chunk says `done`. */
export interface HarChunk {
  read: number;
  /**
   * CaptureRecord[] as JSON: a page parses JSON about twice as fast as it takes in the same
   * records by structured clone (measured in V8), and 50 000 records otherwise cost the
   * panel's thread most of a second
   */
  records: string;
  done: boolean;
  skipped?: number;
  problems?: string[];
  /** the file could not be read at all */
  error?: string;
}

/**
 * A record by its content: a re-sync after a background restart delivers the same records as
 * new objects, and an update (a body attached) is a new record to diagnose.
 */
export function recordKey(r: CaptureRecord): string {
  return [
    r.id,
    r.time,
    r.status,
    r.url.length,
    r.requestHeaders.length,
    r.responseHeaders.length,
    r.responseBody?.length ?? -1,
  ].join('|');
}

/** A diagnosis is valid for a record's content and the context entries within its window. */
export function resultKey(context: readonly ContextEntry[], r: CaptureRecord, rk: string): string {
  return `${contextStamp(context, r)}#${rk}`;
}

/** What a page holds of its engine's worker: a real Worker, or the same service in this thread. */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}
