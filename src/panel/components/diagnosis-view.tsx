import { useEffect } from 'preact/hooks';
import type { Finding } from '../../analysis/index.ts';
import { findingPath } from '../../shared/pages.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { useServices, useStore } from '../providers.ts';
import { CopyButton } from './copy-button.tsx';
import { DiscoveryOffer } from './discovery-view.tsx';

const AUDIENCE = { consumer: 'For the API consumer (client code)', server: 'For the server owner' } as const;
const SEVERITY_ICON = { error: '✖', warning: '⚠', info: 'ℹ', ok: '✔' } as const;

/** `anchor`: the element id's suffix where one id shows more than once (the Discovery tab's steps) */
export function FindingView({ f, anchor = f.id }: { f: Finding; anchor?: string }) {
  const { client } = useServices();
  const about = findingPath(f.id);
  return (
    <article
      class={`finding sev-${f.severity}`}
      data-testid="finding"
      data-finding-id={f.id}
      aria-labelledby={`f-${anchor}`}
    >
      <h3 id={`f-${anchor}`}>
        <span class="sev-icon" aria-label={f.severity}>
          {SEVERITY_ICON[f.severity]}
        </span>{' '}
        {f.title} <code class="fid">{f.id}</code>
      </h3>
      <p class="explanation">{f.explanation}</p>
      {f.evidence.length > 0 && (
        <dl class="evidence" aria-label="Evidence">
          {f.evidence.map((e, i) => (
            <div key={i} class="kv">
              <dt>{e.label}</dt>
              <dd>
                <code>{e.value}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
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
                      <CopyButton text={x.code} label={`Copy code: ${x.text}`} />
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
  const { diagnoser, diagnosed } = useStore();
  void diagnosed.value;
  const d = diagnoser.peek(record);
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
  if (!d.ok) {
    return (
      <div class="problem" role="alert">
        The diagnosis engine failed on this record ({d.error}).
      </div>
    );
  }
  return (
    <div class="diagnosis">
      <p class="summary">{d.diagnosis.summary}</p>
      <DiscoveryOffer record={record} />
      {d.diagnosis.findings.length === 0 ? (
        <p class="muted">No specific finding for this response.</p>
      ) : (
        d.diagnosis.findings.map((f) => <FindingView key={f.id} f={f} />)
      )}
    </div>
  );
}
