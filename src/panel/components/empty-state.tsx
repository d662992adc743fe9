import { useServices, useStore } from '../providers.ts';
import { patchSettings } from '../actions.ts';

export function EmptyState() {
  const store = useStore();
  const services = useServices();
  const { settings, synced } = store.state.value;
  const statuses = settings.captureStatuses.join(', ');
  return (
    <div class="empty" data-testid="empty" role="status">
      <h2>No auth failures in this tab{synced ? '' : ' yet'}</h2>
      <p>
        AuthLens watches this tab's requests for responses with status <strong>{statuses}</strong> and any response
        carrying <code>WWW-Authenticate</code> or <code>Proxy-Authenticate</code>, and explains why each failed.
      </p>
      <p>Reload the page or repeat the action that fails. With DevTools open, response bodies are read too.</p>
      {settings.paused && (
        <p class="warn">
          Capture is paused.{' '}
          <button type="button" class="btn" onClick={() => void patchSettings(store, services, { paused: false })}>
            Resume capture
          </button>
        </p>
      )}
      <p class="muted">You can also import a HAR file: drop it here or use Import.</p>
    </div>
  );
}

export function NoMatch() {
  const store = useStore();
  return (
    <div class="empty" data-testid="no-match" role="status">
      <p>
        No record matches the filter ({store.records.value.length} hidden).{' '}
        <button
          type="button"
          class="btn"
          onClick={() => {
            store.filterText.value = '';
            store.toggles.value = [];
          }}
        >
          Clear filters
        </button>
      </p>
    </div>
  );
}
