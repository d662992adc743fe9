import { memo } from 'preact/compat';
import { maskUrl } from '../../redact/secrets.ts';
import type { CaptureRecord, DiagnosisSummary } from '../../shared/types.ts';
import { useStore } from '../context.ts';
import { factsOf } from '../facts.ts';
import type { Row } from '../rows.ts';
import { clock } from '../time.ts';

export const ROW_HEIGHT = 21;

const shownUrl = new WeakMap<CaptureRecord, string>();

/** host + path + query, with secret query parameters masked unless `reveal` */
function hostPath(r: CaptureRecord, reveal: boolean): string {
  let s = reveal ? undefined : shownUrl.get(r);
  if (s === undefined) {
    const masked = reveal ? r.url : maskUrl(r.url);
    // cut the text rather than re-parse it: URL() would percent-encode the mask's "•••"
    s = masked.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/#.*$/s, '');
    if (!reveal) shownUrl.set(r, s);
  }
  return s;
}

interface RecordRowProps {
  record: CaptureRecord;
  index: number;
  selected: boolean;
  /** undefined while `pending` (computed a frame later) or when the engine found nothing */
  summary: DiagnosisSummary | undefined;
  pending: boolean;
  /** settings.revealSecrets */
  reveal: boolean;
  onSelect: (id: string) => void;
}

export const RecordRow = memo(function RecordRow({
  record: r,
  index,
  selected,
  summary: d,
  pending,
  reveal,
  onSelect,
}: RecordRowProps) {
  const f = factsOf(r);
  const sev = d?.top?.severity ?? 'none';
  const scheme = f.challengeSchemes.length ? f.challengeSchemes.join(', ') : (f.sentScheme ?? '');
  const schemeTitle = `sent: ${f.sentScheme ?? 'no credentials'}; challenged: ${f.challengeSchemes.join(', ') || 'no challenge'}`;
  const path = hostPath(r, reveal);
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
      <div role="gridcell" class="c-diag" title={d?.summary ?? ''}>
        {pending ? '…' : (d?.summary ?? '—')}
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
