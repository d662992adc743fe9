// The selected record: request line, share actions, then tabs with the diagnosis first.
import { useMemo } from 'preact/hooks';
import { maskUrl } from '../../redact/secrets.ts';
import { layerName } from '../../analysis/index.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { useServices, useStore } from '../providers.ts';
import { shareText, type ShareKind } from '../export/share.ts';
import { copyNote, copyOptions, isRevealed, viewMasker } from '../reveal.ts';
import type { DetailTab } from '../store.ts';
import { BodyView } from './body-view.tsx';
import { Boundary } from './boundary.tsx';
import { ChallengeView } from './challenge-view.tsx';
import { CompareView } from './compare-view.tsx';
import { CopyButton } from './copy-button.tsx';
import { CredentialsView } from './credentials-view.tsx';
import { DiagnosisView } from './diagnosis-view.tsx';
import { DiscoveryView, offersDiscovery } from './discovery-view.tsx';
import { flowOf, type Flow } from '../flow.ts';
import { FlowView } from './flow-view.tsx';
import { CloseIcon } from './icons.tsx';
import { HeadersView } from './headers-view.tsx';
import { RedirectsView } from './redirects-view.tsx';
import { ReplayView } from './replay-view.tsx';

const TABS: { id: DetailTab; label: string }[] = [
  { id: 'diagnosis', label: 'Diagnosis' },
  { id: 'compare', label: 'Compare' },
  { id: 'replay', label: 'Replay' },
  { id: 'flow', label: 'Flow' },
  { id: 'discovery', label: 'Discovery' },
  { id: 'challenge', label: 'Challenge' },
  { id: 'credentials', label: 'Credentials' },
  { id: 'headers', label: 'Headers' },
  { id: 'redirects', label: 'Redirects' },
  { id: 'body', label: 'Body' },
];

function TabPanel({ tab, record, flow }: { tab: DetailTab; record: CaptureRecord; flow: Flow | undefined }) {
  switch (tab) {
    case 'diagnosis':
      return <DiagnosisView record={record} />;
    case 'compare':
      return <CompareView record={record} />;
    case 'replay':
      return <ReplayView key={record.id} record={record} />;
    case 'flow':
      return flow ? <FlowView record={record} flow={flow} /> : null;
    case 'discovery':
      return <DiscoveryView record={record} />;
    case 'challenge':
      return <ChallengeView record={record} />;
    case 'credentials':
      return <CredentialsView record={record} />;
    case 'headers':
      return <HeadersView record={record} />;
    case 'redirects':
      return <RedirectsView record={record} />;
    case 'body':
      return <BodyView record={record} />;
  }
}

/** Who said no, once the diagnosis is there. */
function LayerLine({ record }: { record: CaptureRecord }) {
  const { diagnoser, diagnosed } = useStore();
  void diagnosed.value;
  const d = diagnoser.peek(record);
  const layer = d?.ok ? d.diagnosis.layer : undefined;
  if (!layer) return null;
  return (
    <div class="layer-line muted" data-testid="layer" data-layer={layer.layer}>
      Refused by <strong>{layerName(layer.layer)}</strong>: {layer.evidence}
    </div>
  );
}

export function Detail({ record }: { record: CaptureRecord }) {
  const store = useStore();
  const services = useServices();
  // the Discovery tab only where the doctor has something to check (a challenge to follow)
  // the Flow tab only for a step of a sign-in (flow.ts)
  // (the flow reads every record of the tab: once per record and capture, not at each tab switch)
  const records = store.records.value;
  const context = store.state.value.context;
  const flow = useMemo(() => flowOf(record, records, context), [record, records, context]);
  const tabs = TABS.filter(
    (t) => (t.id !== 'discovery' || (services.discovery && offersDiscovery(record))) && (t.id !== 'flow' || flow),
  );
  const tab = tabs.some((t) => t.id === store.detailTab.value) ? store.detailTab.value : 'diagnosis';
  const copy = copyOptions(store, record.id);
  const note = copyNote(copy);
  const url = isRevealed(store, record.id, record.url) ? record.url : maskUrl(record.url, viewMasker(store, record.id));
  const onTabKey = (e: KeyboardEvent): void => {
    const i = tabs.findIndex((t) => t.id === tab);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const next = tabs[(i + d + tabs.length) % tabs.length]!;
    store.detailTab.value = next.id;
    (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`#tab-${next.id}`)?.focus();
  };
  const text = (kind: ShareKind) => (): Promise<string> => shareText(kind, record, copy, store.diagnoser);
  return (
    <section class="detail" data-testid="detail" aria-label="Selected request">
      <header class="detail-head">
        <h2 class="visually-hidden">Selected request</h2>
        <button
          type="button"
          class="icon-btn"
          aria-label="Close detail (Esc)"
          title="Close (Esc)"
          onClick={() => {
            store.detailOpen.value = false;
          }}
        >
          <CloseIcon />
        </button>
        <div class="request-line" title={url}>
          <strong class={`status s${Math.floor(record.status / 100)}xx`}>{record.status}</strong>{' '}
          <span class="method">{record.method}</span> <span class="url">{url}</span>
        </div>
        <LayerLine record={record} />
        <div class="share" role="group" aria-label="Copy this request">
          <CopyButton text={text('curl')} label={`Copy as cURL${note}`}>
            cURL
          </CopyButton>
          <CopyButton text={text('fetch')} label={`Copy as fetch${note}`}>
            fetch
          </CopyButton>
          <CopyButton text={text('markdown')} label={`Copy report as Markdown${note}`}>
            Markdown
          </CopyButton>
        </div>
      </header>
      <div class="tabs" role="tablist" aria-label="Detail sections" onKeyDown={onTabKey}>
        {tabs.map((t) => (
          <button
            type="button"
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            class="tab"
            aria-selected={t.id === tab}
            aria-controls="detail-panel"
            tabIndex={t.id === tab ? 0 : -1}
            onClick={() => {
              store.detailTab.value = t.id;
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div class="detail-body" id="detail-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} tabIndex={0}>
        <Boundary key={tab} resetKey={record} what="this record">
          <TabPanel tab={tab} record={record} flow={flow} />
        </Boundary>
      </div>
    </section>
  );
}
