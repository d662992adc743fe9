import { useStore } from '../providers.ts';
import { capNote, lossWarning } from '../../shared/losses.ts';

export function StatusBar() {
  const store = useStore();
  const s = store.state.value;
  const total = store.records.value.length;
  const shown = store.ids.value.length;
  const warning = lossWarning(s.losses);
  const cap = capNote(s.losses, s.settings.recordsPerTab);
  return (
    <footer class="statusbar" aria-label="Summary">
      <span>
        {shown === total ? `${total} auth failure${total === 1 ? '' : 's'}` : `${shown} / ${total} shown`}
        {s.imported.length > 0 && ` (${s.imported.length} imported)`}
        {store.deferred.value > 0 && ` · diagnosing ${store.deferred.value} more for the filter…`}
        {s.settings.paused && ' · capture paused'}
        {s.settings.preserveLog && ' · log preserved'}
        {s.tabId === -1 ? ' · requests with no tab (service workers, other extensions)' : ` · tab ${s.tabId}`}
        {cap && <span data-testid="cap-note">{` · ${cap}`}</span>}
      </span>
      {warning && (
        <span class="losses" role="status" data-testid="losses">
          {warning}
        </span>
      )}
      <span class="notice" role="status" aria-live="polite" data-testid="notice">
        {store.notice.value}
      </span>
    </footer>
  );
}
