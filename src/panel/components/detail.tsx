// The selected record: request line, share actions, then tabs with the diagnosis first.
import { maskUrl } from '../../redact/secrets.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { useStore } from '../providers.ts';
import { shareText, type ShareKind } from '../export/share.ts';
import { isRevealed, recordRevealed, type DetailTab } from '../store.ts';
import { BodyView } from './body-view.tsx';
import { ChallengeView } from './challenge-view.tsx';
import { CompareView } from './compare-view.tsx';
import { CopyButton } from './copy-button.tsx';
import { CredentialsView } from './credentials-view.tsx';
import { DiagnosisView } from './diagnosis-view.tsx';
import { CloseIcon } from './icons.tsx';
import { HeadersView } from './headers-view.tsx';
import { RedirectsView } from './redirects-view.tsx';
import { ReplayView } from './replay-view.tsx';

const TABS: { id: DetailTab; label: string }[] = [
  { id: 'diagnosis', label: 'Diagnosis' },
  { id: 'compare', label: 'Compare' },
  { id: 'replay', label: 'Replay' },
  { id: 'challenge', label: 'Challenge' },
  { id: 'credentials', label: 'Credentials' },
  { id: 'headers', label: 'Headers' },
  { id: 'redirects', label: 'Redirects' },
  { id: 'body', label: 'Body' },
];

function TabPanel({ tab, record }: { tab: DetailTab; record: CaptureRecord }) {
  switch (tab) {
    case 'diagnosis':
      return <DiagnosisView record={record} />;
    case 'compare':
      return <CompareView record={record} />;
    case 'replay':
      return <ReplayView key={record.id} record={record} />;
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

export function Detail({ record }: { record: CaptureRecord }) {
  const store = useStore();
  const tab = store.detailTab.value;
  const reveal = recordRevealed(store, record.id);
  const url = isRevealed(store, `${record.id}|url`) ? record.url : maskUrl(record.url);
  const onTabKey = (e: KeyboardEvent): void => {
    const i = TABS.findIndex((t) => t.id === tab);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const next = TABS[(i + d + TABS.length) % TABS.length]!;
    store.detailTab.value = next.id;
    (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`#tab-${next.id}`)?.focus();
  };
  const text = (kind: ShareKind) => (): Promise<string> => shareText(kind, record, reveal, store.diagnoser);
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
        <div class="share" role="group" aria-label="Copy this request">
          <CopyButton text={text('curl')} label={`Copy as cURL${reveal ? ' (secrets included)' : ' (secrets masked)'}`}>
            cURL
          </CopyButton>
          <CopyButton
            text={text('fetch')}
            label={`Copy as fetch${reveal ? ' (secrets included)' : ' (secrets masked)'}`}
          >
            fetch
          </CopyButton>
          <CopyButton text={text('markdown')} label="Copy report as Markdown">
            Markdown
          </CopyButton>
        </div>
      </header>
      <div class="tabs" role="tablist" aria-label="Detail sections" onKeyDown={onTabKey}>
        {TABS.map((t) => (
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
        <TabPanel tab={tab} record={record} />
      </div>
    </section>
  );
}
