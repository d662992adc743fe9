// One failure: status chip, method, host + path, and one line of why. The whole row is a button
// so it is reachable with Tab and opens with Enter or Space.
import { StatusChip } from './status-chip.tsx';
import type { DiagnosisSummary } from '../shared/diagnoser.ts';
import type { CaptureRecord } from '../shared/types.ts';
import { hostPath, whyLine } from './state.ts';
import { layerName } from '../analysis/index.ts';

interface RowProps {
  record: CaptureRecord;
  /** undefined while the diagnosis is pending */
  summary: DiagnosisSummary | undefined;
  onOpen: () => void;
}

export function Row({ record, summary, onOpen }: RowProps) {
  const where = hostPath(record.url);
  const why = whyLine(record, summary);
  const severity = summary?.top?.severity;
  // No aria-label: the name is the visible text (WCAG 2.5.3 label-in-name), the spaces make it read
  // as words, and the hidden tail says what activating the row does.
  return (
    <button
      type="button"
      class={`row${severity ? ` sev-${severity}` : ''}`}
      data-testid="popup-row"
      data-record-id={record.id}
      data-status={record.status}
      data-pending={summary === undefined ? 'true' : undefined}
      onClick={onOpen}
    >
      <span class="line1">
        <StatusChip status={record.status} /> <span class="method mono">{record.method}</span>{' '}
        {record.preflight && (
          <>
            <span class="tag">preflight</span>{' '}
          </>
        )}
        <span class="where mono" title={where}>
          {where}
        </span>
      </span>{' '}
      {summary?.layer && (
        <>
          <span class="tag layer" data-testid="popup-layer" title={`Refused by ${layerName(summary.layer)}`}>
            {summary.layer}
          </span>{' '}
        </>
      )}
      <span class="why" title={why}>
        {why}
      </span>{' '}
      <span class="visually-hidden">(opens the full report)</span>
    </button>
  );
}
