// One auth failure's diagnosis as plain JSON: what `authlens explain --format json`, the MCP
// tools and the library return. URLs, and every text of the diagnosis, are masked unless revealed
// (src/redact, as the panel and the Markdown report).
import type { Diagnosis, Finding, Severity } from '../analysis/index.ts';
import { maskUrl } from '../redact/secrets.ts';
import { maskRecordDiagnosis } from '../redact/record.ts';
import type { HarFailure } from './pipeline.ts';

export interface FailureReport {
  url: string;
  method: string;
  status: number;
  /** the entry's position in the HAR's log.entries (absent for a single exchange) */
  entry?: number;
  /** when the response headers arrived (ISO 8601), when known */
  time?: string;
  /** who said no (waf, gateway, identity-provider, proxy, application, browser), when the engine tells */
  layer?: string;
  summary: string;
  /** "file": the diagnosis an AuthLens export carried, made where its secrets were still visible */
  diagnosedBy: 'authlens' | 'file';
  findings: Finding[];
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, ok: 0 };

export type FailOn = 'error' | 'warning' | 'never';

/** True when the diagnosis has a finding at `level` or above. */
export function meets(findings: readonly { severity: Severity }[], level: FailOn): boolean {
  if (level === 'never') return false;
  return findings.some((f) => (RANK[f.severity] ?? 0) >= RANK[level]);
}

export function layerOf(d: Diagnosis): string | undefined {
  const layer = (d as Diagnosis & { layer?: unknown }).layer;
  return typeof layer === 'string' ? layer : undefined;
}

export function toFailureReport(f: HarFailure, reveal: boolean): FailureReport {
  const r = f.record;
  return {
    url: reveal ? r.url : maskUrl(r.url),
    method: r.method,
    status: r.status,
    entry: f.index,
    ...(r.time > 0 ? { time: new Date(r.time).toISOString() } : {}),
    // the texts quote what the record carries (a Basic user, a redirect's code, an echoed key):
    // scrubbed of the record's secrets as the panel and the Markdown report are
    ...diagnosisFields(reveal ? f.diagnosis : maskRecordDiagnosis(r, f.diagnosis, { reveal: false })),
    diagnosedBy: f.fromFile ? 'file' : 'authlens',
  };
}

export function diagnosisFields(d: Diagnosis): { layer?: string; summary: string; findings: Finding[] } {
  const layer = layerOf(d);
  return { ...(layer !== undefined ? { layer } : {}), summary: d.summary, findings: d.findings };
}
