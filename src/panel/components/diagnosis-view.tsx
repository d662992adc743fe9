import { useEffect, useMemo } from 'preact/hooks';
import type { Finding } from '../../analysis/index.ts';
import { maskRecordDiagnosis } from '../../redact/record.ts';
import { findingPath } from '../../shared/pages.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { useServices, useStore } from '../providers.ts';
import { copyOptions } from '../reveal.ts';
import { CopyButton } from './copy-button.tsx';
import { DiscoveryOffer } from './discovery-view.tsx';
import { clip } from './display.ts';

const AUDIENCE = { consumer: 'For the API consumer (client code)', server: 'For the server owner' } as const;
const SEVERITY_ICON = { error: '✖', warning: '⚠', info: 'ℹ', ok: '✔' } as const;

/** A finding's evidence, each value as `show` renders it (clipped, masked). */
export function EvidenceList({ items, show }: { items: Finding['evidence']; show: (v: string) => string }) {
  if (items.length === 0) return null;
  return (
    <dl class="evidence" aria-label="Evidence">
      {items.map((e, i) => (
        <div key={i} class="kv">
          <dt>{e.label}</dt>
          <dd>
            <code>{show(e.value)}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A finding's heading: severity, title, id; `hid` is the element id its article is labelled by. */
export function FindingHeading({ f, hid }: { f: Pick<Finding, 'id' | 'severity' | 'title'>; hid: string }) {
  return (
    <h3 id={hid}>
      <span class="sev-icon" aria-label={f.severity}>
        {SEVERITY_ICON[f.severity]}
      </span>{' '}
      {f.title} <code class="fid">{f.id}</code>
    </h3>
  );
}

/**
 * `fromFile`: an imported file's own report, whose code nobody here wrote: shown, never offered to copy.
 * `anchor`: the element id's suffix where one id shows more than once (the Discovery tab's steps).
 */
export function FindingView({
  f,
  fromFile = false,
  anchor = f.id,
}: {
  f: Finding;
  fromFile?: boolean;
  anchor?: string;
}) {
  const { client } = useServices();
  const about = findingPath(f.id);
  return (
    <article
      class={`finding sev-${f.severity}`}
      data-testid="finding"
      data-finding-id={f.id}
      aria-labelledby={`f-${anchor}`}
    >
      <FindingHeading f={f} hid={`f-${anchor}`} />
      <p class="explanation">{f.explanation}</p>
      <EvidenceList items={f.evidence} show={clip} />
      {(['consumer', 'server'] as const).map((aud) => {
        const fixes = f.fixes.filter((x) => x.audience === aud);
        if (fixes.length === 0) return null;
        return (
          <div key={aud} class={`fixes fixes-${aud}`}>
            <h4>{AUDIENCE[aud]}</h4>
            <ul>
              {fixes.map((x, i) => (
                <li key={i}>
                  <p>{x.text}</p>
                  {x.code !== undefined && (
                    <div class="code-block">
                      <pre>
                        <code>{x.code}</code>
                      </pre>
                      {!fromFile && <CopyButton text={x.code} label={`Copy code: ${x.text}`} />}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {f.references.length > 0 && (
        <div class="refs">
          <h4>References</h4>
          <ul>
            {f.references.map((r, i) => (
              <li key={i}>
                <a href={r.url} target="_blank" rel="noreferrer noopener">
                  {r.title}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p class="about">
        {/* a DevTools panel cannot navigate away: our own pages open in a tab, through the client */}
        <a
          href={about}
          data-testid="about-finding"
          onClick={(e) => {
            e.preventDefault();
            void client.openPage(about);
          }}
        >
          About this finding
        </a>
      </p>
    </article>
  );
}

export function DiagnosisView({ record }: { record: CaptureRecord }) {
  const store = useStore();
  const { diagnoser, diagnosed } = store;
  void diagnosed.value;
  const d = diagnoser.peek(record);
  const opts = copyOptions(store, record.id);
  const revealedKey = [...(opts.revealed ?? [])].join('\u0000');
  // every text scrubbed of the record's secrets (a finding may quote what the request carried)
  const shown = useMemo(
    () => (d?.ok ? maskRecordDiagnosis(record, d.diagnosis, opts) : undefined),
    [d, record, opts.reveal, revealedKey],
  );
  const fromFile = record.exportedDiagnosis !== undefined;
  useEffect(() => {
    if (!d) diagnoser.want([record], true);
  }, [d, record, diagnoser]);
  if (!d) {
    return (
      <p class="muted" role="status" data-testid="diagnosing">
        Diagnosing…
      </p>
    );
  }
  if (!d.ok || !shown) {
    return (
      <div class="problem" role="alert">
        The diagnosis engine failed on this record ({d.ok ? 'no diagnosis' : d.error}).
      </div>
    );
  }
  return (
    <div class="diagnosis">
      {fromFile && (
        <p class="notice from-file" role="note" data-testid="from-file">
          From the file: these findings are the imported file’s own report, as whoever wrote the file states them, not a
          diagnosis by this AuthLens. Their code is shown to read, not to copy.
        </p>
      )}
      <p class="summary">{shown.summary}</p>
      <DiscoveryOffer record={record} />
      {shown.findings.length === 0 ? (
        <p class="muted">No specific finding for this response.</p>
      ) : (
        shown.findings.map((f) => <FindingView key={f.id} f={f} fromFile={fromFile} />)
      )}
    </div>
  );
}
