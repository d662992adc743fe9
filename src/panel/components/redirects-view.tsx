import { maskUrl } from '../../redact/secrets.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { headerValue } from '../../http/headers.ts';
import { HeaderTable } from './header-table.tsx';

export function RedirectsView({ record: r }: { record: CaptureRecord }) {
  if (r.redirects.length === 0)
    return <p class="muted">No redirects: the request went straight to {maskUrl(r.url)}.</p>;
  return (
    <ol class="redirects">
      {r.redirects.map((h, i) => (
        <li key={i}>
          <div>
            <strong>{h.status}</strong> <code>{maskUrl(h.url)}</code>
            {h.location !== undefined && (
              <>
                {' '}
                → <code>{maskUrl(h.location)}</code>
              </>
            )}
            {headerValue(h.requestHeaders, 'authorization') !== undefined ? (
              <span class="tag">Authorization sent</span>
            ) : (
              <span class="tag muted">no Authorization</span>
            )}
          </div>
          <details>
            <summary>Headers of this hop</summary>
            <HeaderTable headers={h.requestHeaders} keyPrefix={`${r.id}|hop${i}req`} caption="Request headers" />
            <HeaderTable headers={h.responseHeaders} keyPrefix={`${r.id}|hop${i}res`} caption="Response headers" />
          </details>
        </li>
      ))}
      <li>
        <strong>{r.status}</strong> <code>{maskUrl(r.url)}</code>
        {headerValue(r.requestHeaders, 'authorization') !== undefined ? (
          <span class="tag">Authorization sent</span>
        ) : (
          <span class="tag muted">no Authorization</span>
        )}
      </li>
    </ol>
  );
}
