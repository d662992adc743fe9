// What AuthLens watches, said plainly, so an empty list reads as "nothing failed" and not "broken".
import { statusList } from './state.ts';

export function Empty({ statuses, paused }: { statuses: readonly number[]; paused: boolean }) {
  return (
    <section class="empty" data-testid="popup-empty" aria-label="No auth failures">
      <p>
        <strong>No auth failures in this tab{paused ? ' (capture is paused)' : ''}.</strong>
      </p>
      <p>
        AuthLens watches this tab for responses with status <span class="mono">{statusList(statuses)}</span>, and for
        any response carrying a <span class="mono">WWW-Authenticate</span> or{' '}
        <span class="mono">Proxy-Authenticate</span> challenge.
      </p>
      <p class="muted">
        For headers, decoded tokens and fixes, open DevTools (F12) and choose the <strong>Auth</strong> panel.
      </p>
    </section>
  );
}
