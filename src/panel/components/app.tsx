// The panel's layout and its page-wide keys: toolbar, connection banner, list, detail.
import { useEffect, useRef, useState } from 'preact/hooks';
import { importHar } from '../actions.ts';
import { cancelPick } from '../compare.ts';
import { useServices, useStore } from '../providers.ts';
import { Boundary } from './boundary.tsx';
import { Detail } from './detail.tsx';
import { EmptyState, NoMatch } from './empty-state.tsx';
import { RecordList } from './record-list.tsx';
import { StatusBar } from './status-bar.tsx';
import { Toolbar } from './toolbar.tsx';

function isTyping(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

export function App() {
  const store = useStore();
  const services = useServices();
  const filterRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const { connected, synced } = store.state.value;
  const records = store.records.value;
  const rows = store.rows.value;
  const selected = store.selected.value;
  const showDetail = store.detailOpen.value && selected !== undefined;

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const findKey = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f';
      if (findKey || (e.key === '/' && !isTyping(e.target) && !e.ctrlKey && !e.metaKey)) {
        e.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
      } else if (e.key === 'Escape' && cancelPick(store)) {
        e.preventDefault();
      } else if (
        e.key === 'Escape' &&
        store.detailOpen.value &&
        !(e.target as HTMLElement | null)?.closest?.('details[open]')
      ) {
        e.preventDefault();
        store.detailOpen.value = false;
        document.querySelector<HTMLElement>('[data-testid="list"]')?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);

  const onDrop = async (e: DragEvent): Promise<void> => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer?.files?.[0];
    if (file) await importHar(store, services, file, file.name);
  };

  return (
    <div
      class={`app${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (e.dataTransfer?.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => void onDrop(e)}
    >
      <Toolbar filterRef={filterRef} />
      {!connected && (
        <div class="banner" role="status" data-testid="disconnected">
          {synced
            ? 'Connection to the AuthLens background worker lost (it was stopped or restarted). ' +
              'Reconnecting… the list re-syncs when it is back.'
            : 'Connecting to the AuthLens background worker…'}
        </div>
      )}
      <main class={`main${showDetail ? ' has-detail' : ''}`}>
        <div class="list-pane">
          <Boundary resetKey={records} what="the list">
            {records.length === 0 ? <EmptyState /> : rows.length === 0 ? <NoMatch /> : <RecordList />}
          </Boundary>
        </div>
        {showDetail && (
          <Boundary resetKey={selected} what="this record">
            <Detail record={selected} />
          </Boundary>
        )}
      </main>
      <StatusBar />
      {dragging && (
        <div class="drop-overlay" aria-hidden="true">
          Drop a HAR file to import its auth failures
        </div>
      )}
    </div>
  );
}
