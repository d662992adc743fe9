// The short diagnosis stored with each record: the engine's verdict, its top finding, and every
// finding id (for filtering), computed at the record's own time (no hidden clock).
import { diagnose } from '../analysis/index.ts';
import type { Finding } from '../analysis/index.ts';
import { toExchange } from './exchange.ts';
import type { CaptureRecord, DiagnosisSummary } from './types.ts';

export function summarize(record: CaptureRecord): DiagnosisSummary {
  const { summary, findings } = diagnose(toExchange(record), { now: record.time });
  const top = findings[0];
  const out: DiagnosisSummary = { summary, ids: findings.map((f: Finding) => f.id) };
  if (top) out.top = { id: top.id, severity: top.severity, title: top.title };
  return out;
}
