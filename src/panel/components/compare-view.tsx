// The Compare tab: this record against the nearest success to the same endpoint (or the record
// the user chose), the differences by meaning, most explanatory first. Every value it shows comes
// masked from the engine's comparison (fingerprints, cookie names), so nothing here reveals.
import { useMemo } from 'preact/hooks';
import { formatDuration, type Difference } from '../../analysis/index.ts';
import { maskUrl } from '../../redact/secrets.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { pickReference, successes, type Candidate, type CandidateFrom } from '../compare.ts';
import { useStore } from '../providers.ts';
import { clock } from '../time.ts';

const FROM: Record<CandidateFrom, string> = {
  context: "the tab's context (a success AuthLens kept because it came within a minute of a failure)",
  import: 'an imported HAR file',
  replay: 'a replay in the page',
  record: 'a captured request',
};

const AUTO = '';

function line(method: string, url: string, status: number): string {
  return `${status} ${method} ${maskUrl(url)}`;
}

function when(apart: number): string {
  if (apart === 0) return 'at the same time';
  return `${formatDuration(apart)} ${apart > 0 ? 'earlier' : 'later'}`;
}

function DiffTable({ diffs }: { diffs: Difference[] }) {
  return (
    <table class="kv-table compare-table" data-testid="compare-diffs">
      <caption>Differences, the most likely cause first</caption>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">This request</th>
          <th scope="col">The other</th>
          <th scope="col">What it means</th>
        </tr>
      </thead>
      <tbody>
        {diffs.map((d, i) => (
          <tr key={`${d.kind}-${i}`} class={i === 0 ? 'top' : undefined} data-kind={d.kind} data-testid="compare-diff">
            <th scope="row">{d.label}</th>
            <td>
              <code>{d.subject}</code>
            </td>
            <td>
              <code>{d.reference}</code>
            </td>
            <td>{d.says}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function label(c: Candidate, subjectTime: number): string {
  return `${clock(c.ex.timeStamp)} (${when(subjectTime - c.ex.timeStamp)}): ${c.ex.status} ${c.ex.method} ${maskUrl(
    c.ex.url,
  )} — ${c.from === 'context' ? 'context' : c.from}`;
}

export function CompareView({ record }: { record: CaptureRecord }) {
  const store = useStore();
  const st = store.state.value;
  const records = store.records.value;
  const chosen = store.compare.chosen.value[record.id];
  const all = useMemo(() => successes(st), [st.context, st.importedOk, st.replays, st.live]);
  const choice = useMemo(
    () => pickReference(record, all, records, chosen, store.fingerprintKey),
    [record, all, records, chosen],
  );
  const { reference: ref, comparison: cmp } = choice;

  const choose = (key: string): void => {
    const next = { ...store.compare.chosen.value };
    if (key === AUTO) delete next[record.id];
    else next[record.id] = key;
    store.compare.chosen.value = next;
  };
  const options =
    ref && choice.chosen && !choice.alternatives.includes(ref) ? [ref, ...choice.alternatives] : choice.alternatives;

  return (
    <div class="compare-view" data-testid="compare">
      <p>
        <strong>This request:</strong> <code>{line(record.method, record.url, record.status)}</code> at{' '}
        {clock(record.time)}
      </p>
      {ref && cmp ? (
        <p data-testid="compare-with" data-from={ref.from} data-chosen={choice.chosen ? 'true' : 'false'}>
          <strong>{choice.chosen ? 'Compared with (your choice):' : 'Compared with the nearest success:'}</strong>{' '}
          <code>{line(ref.ex.method, ref.ex.url, ref.ex.status)}</code> at {clock(ref.ex.timeStamp)}, {when(cmp.apart)},
          from {FROM[ref.from]}.
        </p>
      ) : (
        <p class="empty-note" data-testid="compare-none">
          No success to the same endpoint{choice.endpoint ? ` (${choice.endpoint})` : ''} in this tab's context.
          AuthLens keeps the tab's successful requests for a minute after each failure; the successes of an imported HAR
          file count too. To compare with any other row: right-click it → <em>Compare with…</em>, or right-click this
          row → <em>Compare with…</em> and click the other.
        </p>
      )}
      {(options.length > 1 || choice.chosen) && (
        <label class="compare-pick">
          Compare with{' '}
          <select
            data-testid="compare-select"
            value={choice.chosen && ref ? ref.key : AUTO}
            onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value={AUTO}>the nearest success to this endpoint</option>
            {options.map((c) => (
              <option key={c.key} value={c.key}>
                {label(c, record.time)}
              </option>
            ))}
          </select>
        </label>
      )}
      {cmp && !cmp.sameEndpoint && (
        <p class="muted" data-testid="compare-other-endpoint">
          These are two different endpoints (method, origin or path): read the differences with that in mind.
        </p>
      )}
      {cmp &&
        (cmp.differences.length ? (
          <DiffTable diffs={cmp.differences} />
        ) : (
          <p data-testid="compare-no-diff">
            No difference in what decides authentication: the same credential, cookies and headers. What changed is on
            the server's side (a revoked token, a rotated key, a changed permission) or in time.
          </p>
        ))}
      {cmp && cmp.same.length > 0 && (
        <p class="muted" data-testid="compare-same">
          The same in both: {cmp.same.join(', ')}.
        </p>
      )}
      {cmp && cmp.unknown.length > 0 && (
        <p class="muted" data-testid="compare-unknown">
          Not known for one of the two (AuthLens keeps only a summary of successes, and a replay cannot see the cookies
          the browser adds): {cmp.unknown.join(', ')}.
        </p>
      )}
    </div>
  );
}
