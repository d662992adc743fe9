// Discovery: on a click, the doctor walks the chain an OAuth client follows from this failure
// (challenge, protected resource metadata, each authorization server's metadata, the token sent)
// and each step appears as it completes: the URL fetched, its status, what was checked.
import { discoveryOffered, type DiscoveryStep, type StepFinding } from '../../analysis/index.ts';
import { maskUrl } from '../../redact/secrets.ts';
import { toExchange } from '../../shared/exchange.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { useServices, useStore } from '../providers.ts';
import { EvidenceList, FindingHeading, FindingView } from './diagnosis-view.tsx';

export const offersDiscovery = (r: CaptureRecord): boolean => discoveryOffered(toExchange(r));

/** URLs in what the doctor says, secret query parameters masked (a token in the query of the URL called). */
const masked = (text: string): string => text.replace(/https?:\/\/[^\s"'<>),]+/g, (u) => maskUrl(u));

/** A pass or a URL that had nothing: what was checked, compactly; a problem: the Diagnosis tab's full finding. */
function StepFindingView({ f, at }: { f: StepFinding; at: string }) {
  const summary = <p class="step-summary">{masked(f.summary)}</p>;
  if (f.severity === 'error' || f.severity === 'warning')
    return (
      <div data-testid="discovery-finding" data-finding-id={f.id}>
        {summary}
        <FindingView
          f={{ ...f, evidence: f.evidence.map((e) => ({ ...e, value: masked(e.value) })) }}
          anchor={`d${at}`}
        />
      </div>
    );
  return (
    <article
      class={`finding sev-${f.severity}`}
      data-testid="discovery-finding"
      data-finding-id={f.id}
      aria-labelledby={`df-${at}`}
    >
      <FindingHeading f={f} hid={`df-${at}`} />
      {summary}
      <EvidenceList items={f.evidence} show={masked} />
    </article>
  );
}

function StepView({ step, n }: { step: DiscoveryStep; n: number }) {
  return (
    <li class="discovery-step" data-testid="discovery-step" data-kind={step.kind}>
      <h3 class="discovery-step-head">
        {step.title}
        {step.url !== undefined && (
          <>
            {' '}
            <span class="method">GET</span> <code class="url">{masked(step.url)}</code>
          </>
        )}
        {step.status !== undefined && (
          <strong class={`status s${Math.floor(step.status / 100)}xx`}> {step.status}</strong>
        )}
      </h3>
      {step.findings.map((f, i) => (
        <StepFindingView key={i} f={f} at={`${n}-${i}`} />
      ))}
    </li>
  );
}

/** The button the Diagnosis tab shows on a failure discovery can explain: to the Discovery tab, running. */
export function DiscoveryOffer({ record }: { record: CaptureRecord }) {
  const store = useStore();
  const { discovery } = useServices();
  if (!discovery || !offersDiscovery(record)) return null;
  return (
    <p class="discovery-offer">
      <button
        type="button"
        class="btn"
        data-testid="check-discovery-offer"
        onClick={() => {
          store.detailTab.value = 'discovery';
          void discovery.start(record);
        }}
      >
        Check discovery
      </button>{' '}
      <span class="muted">fetch this server’s OAuth metadata and check what a client would trip on</span>
    </p>
  );
}

export function DiscoveryView({ record }: { record: CaptureRecord }) {
  const { discovery } = useServices();
  if (!discovery) return <p class="muted">Discovery is not available here.</p>;
  const run = discovery.state(record.id).value;
  const top = run.report?.findings[0];
  return (
    <div class="discovery" data-testid="discovery" data-status={run.status} data-top={top?.id}>
      <p class="muted">
        Fetches, on this click only, the protected resource metadata (RFC 9728) and each authorization server’s metadata
        (RFC 8414, OpenID discovery) the way an OAuth client does: GET, no cookies or tokens, 5 s and 256 KB per
        document, redirects only within the same origin.
      </p>
      <p>
        <button
          type="button"
          class="btn"
          data-testid="check-discovery"
          disabled={run.status === 'running'}
          onClick={() => void discovery.start(record)}
        >
          {run.status === 'idle' ? 'Check discovery' : 'Check again'}
        </button>
      </p>
      {run.report && (
        <p class={`summary sev-${top?.severity ?? 'ok'}`} data-testid="discovery-summary" role="status">
          {masked(run.report.summary)}
        </p>
      )}
      {run.error && (
        <div class="problem" role="alert">
          The discovery check failed ({run.error}).
        </div>
      )}
      <ol class="discovery-steps" aria-label="Discovery steps">
        {run.steps.map((s, i) => (
          <StepView key={i} step={s} n={i} />
        ))}
      </ol>
      {run.status === 'running' && (
        <p class="muted" role="status" data-testid="discovery-fetching">
          {run.fetching ? `Fetching ${run.fetching}…` : 'Starting…'}
        </p>
      )}
    </div>
  );
}
