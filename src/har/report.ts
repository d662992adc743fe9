// An exported diagnosis read back from a file: whatever the file says is untrusted, so only
// well-formed findings with string fields survive (and a file can never make the UI throw).
import type { Diagnosis, Finding, Layer, Severity } from '../analysis/index.ts';

const SEVERITIES = new Set<Severity>(['error', 'warning', 'info', 'ok']);
const LAYERS = new Set<Layer>(['waf', 'gateway', 'identity-provider', 'proxy', 'application', 'browser']);
const MAX_FINDINGS = 50;
const MAX_ITEMS = 50;
const MAX_TEXT = 8_000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, MAX_TEXT) : undefined);

function list<T>(v: unknown, read: (x: Record<string, unknown>) => T | undefined): T[] {
  if (!Array.isArray(v)) return [];
  const out: T[] = [];
  for (const x of v.slice(0, MAX_ITEMS)) {
    const t = isObj(x) ? read(x) : undefined;
    if (t !== undefined) out.push(t);
  }
  return out;
}

function readFinding(f: Record<string, unknown>): Finding | undefined {
  const id = text(f.id);
  const title = text(f.title);
  const severity = f.severity as Severity;
  if (!id || title === undefined || !SEVERITIES.has(severity)) return undefined;
  return {
    id,
    severity,
    title,
    explanation: text(f.explanation) ?? '',
    evidence: list(f.evidence, (e) => {
      const label = text(e.label);
      const value = text(e.value);
      return label !== undefined && value !== undefined ? { label, value } : undefined;
    }),
    fixes: list(f.fixes, (x) => {
      const t = text(x.text);
      if (t === undefined || (x.audience !== 'consumer' && x.audience !== 'server')) return undefined;
      const code = text(x.code);
      const lang = x.lang === 'sh' || x.lang === 'js' || x.lang === 'py' || x.lang === 'http' ? x.lang : undefined;
      if (code === undefined) return { audience: x.audience, text: t };
      return lang ? { audience: x.audience, text: t, code, lang } : { audience: x.audience, text: t, code };
    }),
    // only web links: a file must not smuggle javascript: URLs into the panel's references
    references: list(f.references, (r) => {
      const title = text(r.title);
      const url = text(r.url);
      return title !== undefined && url !== undefined && /^https?:\/\//i.test(url) ? { title, url } : undefined;
    }),
  };
}

export function readReport(v: unknown): Diagnosis | undefined {
  if (!isObj(v)) return undefined;
  const summary = text(v.summary);
  if (summary === undefined || !Array.isArray(v.findings)) return undefined;
  const findings: Finding[] = [];
  for (const f of v.findings.slice(0, MAX_FINDINGS)) {
    const read = isObj(f) ? readFinding(f) : undefined;
    if (read) findings.push(read);
  }
  if (!findings.length) return undefined;
  const layer = isObj(v.layer) ? v.layer : undefined;
  const name = layer && LAYERS.has(layer.layer as Layer) ? (layer.layer as Layer) : undefined;
  const evidence = layer ? text(layer.evidence) : undefined;
  return name && evidence !== undefined
    ? { summary, findings, layer: { layer: name, evidence } }
    : { summary, findings };
}
