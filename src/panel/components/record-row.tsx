import { memo } from 'preact/compat';
import { isSuccess } from '../../analysis/index.ts';
import { recordMasker } from '../../redact/record.ts';
import { maskText } from '../../redact/secrets.ts';
import type { DiagnosisSummary } from '../../shared/diagnoser.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { useStore } from '../providers.ts';
import { hostPathOf } from '../facts.ts';
import type { Row } from '../rows.ts';
import { clock } from '../time.ts';

export const ROW_HEIGHT = 21;

interface RecordRowProps {
  record: CaptureRecord;
  index: number;
  selected: boolean;
  /** undefined while the diagnosis is pending */
  summary: DiagnosisSummary | undefined;
  /** settings.revealSecrets */
  reveal: boolean;
  /** a replay of another record (the panel's "Replay in page") */
  replay?: boolean;
  onSelect: (id: string) => void;
}

export const RecordRow = memo(function RecordRow({
  record: r,
  index,
  selected,
  summary: d,
  reveal,
  replay,
  onSelect,
}: RecordRowProps) {
  const f = useStore().facts.of(r);
  const pending = d === undefined;
  const top = d?.top?.severity;
  // a success (a replay that worked) shows green unless a finding warns about it
  const sev = top === 'error' || top === 'warning' || !isSuccess(r.status) || pending ? (top ?? 'none') : 'ok';
  const scheme = f.challengeSchemes.length ? f.challengeSchemes.join(', ') : (f.sentScheme ?? '');
  const challenged = f.challengeSchemes.join(', ') || 'no challenge';
  const schemeTitle = `sent: ${f.sentScheme ?? 'no credentials'}; challenged: ${challenged}`;
  const path = reveal ? hostPathOf(r.url) : f.shownPath;
  // the engine's summary may quote what the request carried (a user name): scrubbed like the rest
  const summary = d === undefined || reveal ? d?.summary : maskText(d.summary, recordMasker(r));
  return (
    <div
      id={`row-${r.id}`}
      class={`row row-grid sev-${sev}${selected ? ' selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      data-testid="record-row"
      data-record-id={r.id}
      data-status={String(r.status)}
      data-finding={d?.top?.id ?? ''}
      data-findings={d?.ids.join(' ') ?? ''}
      data-pending={pending ? 'true' : undefined}
      onClick={() => onSelect(r.id)}
    >
      <div role="gridcell" class="c-time">
        {clock(r.time)}
      </div>
      <div role="gridcell" class="c-status">
        {r.status}
      </div>
      <div role="gridcell" class="c-method">
        {r.method}
        {r.preflight ? (
          <span class="tag" title="CORS preflight">
            pre
          </span>
        ) : null}
        {replay ? (
          <span class="tag" title="A replay of another request (Replay in page)" data-testid="replay-tag">
            replay
          </span>
        ) : null}
        {r.source === 'import' ? (
          <span class="tag" title="Imported from a HAR file">
            har
          </span>
        ) : null}
      </div>
      <div role="gridcell" class="c-url" title={path}>
        {path}
      </div>
      <div role="gridcell" class="c-scheme" title={schemeTitle}>
        {scheme || '—'}
      </div>
      <div role="gridcell" class="c-diag" title={summary ?? ''}>
        {pending ? '…' : (summary ?? '—')}
      </div>
    </div>
  );
});

interface GroupRowProps {
  row: Extract<Row, { kind: 'group' }>;
  index: number;
}

export function GroupRow({ row, index }: GroupRowProps) {
  const store = useStore();
  const toggle = (): void => {
    const next = new Set(store.collapsed.value);
    if (next.has(row.origin)) next.delete(row.origin);
    else next.add(row.origin);
    store.collapsed.value = next;
  };
  return (
    <div
      class="row group-row"
      role="row"
      aria-rowindex={index + 2}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      data-testid="group-row"
    >
      <div role="gridcell" class="c-group">
        <button type="button" class="group-btn" aria-expanded={!row.collapsed} onClick={toggle}>
          <span aria-hidden="true">{row.collapsed ? '▸' : '▾'}</span> {row.origin}{' '}
          <span class="muted">({row.count})</span>
        </button>
      </div>
    </div>
  );
}
