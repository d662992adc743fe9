// Building findings tersely: the worker bundles every rule, so text and helpers stay small.
import type { Finding, Severity } from './types.ts';

type Evidence = Finding['evidence'][number];
type Fix = Finding['fixes'][number];
type Ref = Finding['references'][number];

/** A finding plus the one-line summary used when it ranks first. */
export interface Draft extends Finding {
  summary: string;
}

export const ev = (label: string, value: string): Evidence => ({ label, value });

export const consumer = (text: string, code?: string): Fix =>
  code === undefined ? { audience: 'consumer', text } : { audience: 'consumer', text, code };

export const server = (text: string, code?: string): Fix =>
  code === undefined ? { audience: 'server', text } : { audience: 'server', text, code };

export interface DraftInput {
  id: string;
  severity: Severity;
  title: string;
  summary: string;
  explanation: string;
  evidence?: (Evidence | undefined | false)[];
  fixes?: Fix[];
  refs?: Ref[];
}

export function draft(d: DraftInput): Draft {
  return {
    id: d.id,
    severity: d.severity,
    title: d.title,
    summary: d.summary,
    explanation: d.explanation,
    evidence: (d.evidence ?? []).filter((e): e is Evidence => !!e && e.value !== ''),
    fixes: d.fixes ?? [],
    references: d.refs ?? [],
  };
}

/** Drops the internal summary so callers get exactly the public Finding shape. */
export function toFinding(d: Draft): Finding {
  return {
    id: d.id,
    severity: d.severity,
    title: d.title,
    explanation: d.explanation,
    evidence: d.evidence,
    fixes: d.fixes,
    references: d.references,
  };
}

/** `a, b and c` */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Caps a server-supplied string so a huge header cannot bloat a finding. */
export function clip(s: string, max = 300): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
